// The plugin's client of the engine's Log service: which argument is the engine's address, lines
// delivered in order with their URN, an Attach moving them to another engine, and a line that
// cannot be delivered written to the fallback (the plugin's stderr) rather than lost.
import assert from "node:assert/strict";
import { createEngineLog, engineAddressOf } from "../../src/plugin/engineLog";
import { startEngineLogServer, type EngineLogServer } from "../harness/engineLogServer";

describe("the plugin's engine Log client", () => {
  let engine: EngineLogServer;
  before(async () => {
    engine = await startEngineLogServer();
  });
  after(() => engine?.stop());

  it("takes the engine's address from the plugin's arguments, past the flags Pulumi adds", () => {
    assert.equal(engineAddressOf(["127.0.0.1:5"]), "127.0.0.1:5");
    assert.equal(
      engineAddressOf(["--logtostderr", "-v=9", "--tracing", "127.0.0.1:9", "127.0.0.1:5"]),
      "127.0.0.1:5",
    );
    assert.equal(engineAddressOf(["--logtostderr"]), undefined);
  });

  it("delivers lines in order at info severity with their URN; after an Attach, to the new engine", async () => {
    const fallback: string[] = [];
    const log = createEngineLog(undefined, (line) => fallback.push(line));
    await log.info("urn:a", "before any engine");
    assert.deepEqual(fallback, ["before any engine"]);

    log.attach(engine.address);
    const sent = ["one", "two", "three"].map((m, i) => log.info(i === 1 ? "" : "urn:a", m));
    await Promise.all(sent);
    assert.deepEqual(
      engine.lines().map((l) => [l.severity, l.urn, l.message]),
      [
        ["info", "urn:a", "one"],
        ["info", "", "two"],
        ["info", "urn:a", "three"],
      ],
    );
    assert.deepEqual(fallback, ["before any engine"]);
  });

  it("writes a line the engine cannot take to the fallback, and resolves", async () => {
    const gone = await startEngineLogServer();
    const address = gone.address;
    await gone.stop();
    const fallback: string[] = [];
    const log = createEngineLog(address, (line) => fallback.push(line));
    await log.info("urn:a", "drift line");
    assert.equal(fallback.length, 1);
    assert.match(fallback[0], /^drift line \(not delivered to the engine: .+\)$/);
  });
});
