/**
 * Helpers of the credential suites: a loopback recorder in front of the emulator that keeps each
 * request's path, headers and body (so a test can read the STS parameters a source sent) and can
 * answer in the emulator's place (to give an answer the emulator never gives), a suite fixture
 * running the two, and the emulator's test OIDC issuer.
 */
import assert from "node:assert/strict";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CredentialError } from "../../src/api/credentials";
import { startEmulator, type EmulatorHandle, type EmulatorOptions } from "../../src/emulator";
import { forward } from "../support/recordingProxy";

/** One request the recorder saw. */
export interface SeenRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** An answer given instead of the emulator's. */
export interface CannedAnswer {
  status: number;
  body: string;
  contentType?: string;
}

/** A running recorder. */
export interface Recorder {
  readonly url: string;
  /** Every request so far, oldest first. */
  readonly seen: SeenRequest[];
  /** The JSON bodies of the requests with `X-TC-Action: action`. */
  bodies(action: string): Record<string, unknown>[];
  /** Answers every request with `answer` from now on; undefined passes them on again. */
  answerWith(answer: CannedAnswer | undefined): void;
  stop(): Promise<void>;
}

/** Starts a recorder forwarding to `target` (the emulator's base URL). */
export async function startRecorder(target: string): Promise<Recorder> {
  const upstream = new URL(target);
  const seen: SeenRequest[] = [];
  let canned: CannedAnswer | undefined;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k] = String(v);
      seen.push({ method: req.method ?? "GET", path: req.url ?? "/", headers, body: String(body) });
      if (canned) {
        res
          .writeHead(canned.status, { "Content-Type": canned.contentType ?? "application/json" })
          .end(canned.body);
        return;
      }
      forward(upstream, req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    bodies: (action) =>
      seen
        .filter((r) => r.headers["x-tc-action"] === action)
        .map((r) => JSON.parse(r.body) as Record<string, unknown>),
    answerWith(answer) {
      canned = answer;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The emulator and recorder of a suite, as {@link useRecordedEmulator} keeps them. */
export interface RecordedEmulator {
  /** The emulator, started with the suite's options. */
  readonly emulator: EmulatorHandle;
  /** The recorder in front of {@link RecordedEmulator.emulator}; sources are pointed at its URL. */
  readonly recorder: Recorder;
}

/**
 * Registers, in the calling `describe`, the hooks of a suite run against an emulator behind a
 * recorder: both started before the suite (the emulator with `options`) and stopped after it, and
 * before each test the recorder emptied and passing requests on again and the emulator's
 * `stsLifetimeSeconds` back to 0, so that no test sees what another recorded, canned or
 * shortened. Hooks the suite registers afterwards run after these, so they may use both.
 *
 * The two exist only once the suite's `before` has run: read them through the returned object
 * in hooks and tests, not when the suite is declared.
 */
export function useRecordedEmulator(options?: EmulatorOptions): RecordedEmulator {
  let emulator: EmulatorHandle | undefined;
  let recorder: Recorder | undefined;
  const running: RecordedEmulator = {
    get emulator() {
      assert.ok(emulator, "the emulator is read before the suite's before hook ran");
      return emulator;
    },
    get recorder() {
      assert.ok(recorder, "the recorder is read before the suite's before hook ran");
      return recorder;
    },
  };
  before(async () => {
    emulator = await startEmulator(options);
    recorder = await startRecorder(emulator.url);
  });
  after(async () => {
    await recorder?.stop();
    await emulator?.stop();
  });
  beforeEach(() => {
    running.emulator.configure({ stsLifetimeSeconds: 0 });
    running.recorder.seen.length = 0;
    running.recorder.answerWith(undefined);
  });
  return running;
}

/** The rejection of `promise`, which must be a CredentialError (a resolution fails the test). */
export async function credentialError(promise: Promise<unknown>): Promise<CredentialError> {
  const err = await promise.then(
    () => assert.fail("resolved"),
    (e: unknown) => e,
  );
  assert.ok(err instanceof CredentialError, String(err));
  return err;
}

/** A token of the emulator's OIDC issuer for `audience`. */
export async function oidcToken(
  emulatorUrl: string,
  audience: string,
  expiresInSeconds = 600,
): Promise<string> {
  const res = await fetch(`${emulatorUrl}/_emulator/oidc/token`, {
    method: "POST",
    body: JSON.stringify({ audience, expiresInSeconds, subject: "repo:org/app" }),
  });
  return ((await res.json()) as { token: string }).token;
}

/** A loopback port nothing listens on (a server is started and closed). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A loopback server that accepts connections and never answers, to make a caller time out. */
export async function startSilentServer(): Promise<{ port: number; stop(): void }> {
  const server = createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    stop() {
      server.closeAllConnections();
      server.close();
    },
  };
}

/** The SecretId of a TC3 `Authorization` header, empty when unsigned. */
export function signerOf(request: SeenRequest): string {
  return /Credential=([^/,\s]+)\//.exec(request.headers.authorization ?? "")?.[1] ?? "";
}
