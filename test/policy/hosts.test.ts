// The public-URL policy's host classification and the allow-lists, on hosts as the URL parser
// hands them over (so every spelling a program may write is covered).
import assert from "node:assert/strict";
import { classifyHost, hostAllowed } from "../../src/policy/hosts";

/** The host of `url` as the policy sees it. */
const hostOf = (url: string) => new URL(url).hostname;

describe("policy host classification", () => {
  const cases: [url: string, kind: string | undefined][] = [
    ["https://hooks.example.com/x", undefined],
    ["https://203.0.112.9/x", undefined],
    ["https://[2400:cb00::1]/x", undefined],
    ["https://8.8.8.8/x", undefined],
    ["http://localhost:9000/x", "loopback"],
    ["http://LOCALHOST./x", "loopback"],
    ["http://api.localhost/x", "loopback"],
    ["http://127.0.0.1/x", "loopback"],
    ["http://127.10.20.30/x", "loopback"],
    ["http://2130706433/x", "loopback"],
    ["http://0x7f.1/x", "loopback"],
    ["http://[::1]/x", "loopback"],
    ["http://[0:0:0:0:0:0:0:1]/x", "loopback"],
    ["http://[::ffff:127.0.0.1]/x", "loopback"],
    ["http://[::ffff:7f00:1]/x", "loopback"],
    ["http://0.0.0.0/x", "unspecified"],
    ["http://[::]/x", "unspecified"],
    ["http://10.1.2.3/x", "private"],
    ["http://172.16.0.1/x", "private"],
    ["http://172.31.255.255/x", "private"],
    ["http://192.168.1.10/x", "private"],
    ["http://[::ffff:10.0.0.1]/x", "private"],
    ["http://[64:ff9b::a00:1]/x", "private"],
    ["http://[2002:c0a8:101::1]/x", "private"],
    ["http://hooks.corp.internal/x", "private"],
    ["http://nas.home.arpa/x", "private"],
    ["http://169.254.1.1/x", "link-local"],
    ["http://[fe80::1]/x", "link-local"],
    ["http://printer.local/x", "link-local"],
    ["http://169.254.169.254/latest/meta-data", "metadata"],
    ["http://169.254.0.23/meta-data", "metadata"],
    ["http://metadata.tencentyun.com/latest", "metadata"],
    ["http://metadata.google.internal/x", "metadata"],
    ["http://[fd00:ec2::254]/x", "metadata"],
    ["http://100.64.0.1/x", "cgnat"],
    ["http://100.127.255.254/x", "cgnat"],
    ["http://[fd12:3456::1]/x", "unique-local"],
    ["http://[fc00::1]/x", "unique-local"],
    ["http://[fec0::1]/x", "site-local"],
    ["http://224.0.0.1/x", "multicast"],
    ["http://[ff02::1]/x", "multicast"],
    ["http://192.0.2.1/x", "documentation"],
    ["http://[2001:db8::1]/x", "documentation"],
    ["http://198.18.0.1/x", "benchmarking"],
    ["http://255.255.255.255/x", "reserved"],
    ["http://240.0.0.1/x", "reserved"],
    ["http://hooks.test/x", "reserved"],
    ["http://receiver/x", "single-label"],
  ];
  for (const [url, kind] of cases) {
    it(`${url} → ${kind ?? "public"}`, () => {
      assert.equal(classifyHost(hostOf(url)), kind);
    });
  }

  it("neighbours of the ranges are public", () => {
    for (const host of ["172.32.0.1", "100.128.0.1", "11.0.0.1", "169.255.0.1", "192.169.0.1"]) {
      assert.equal(classifyHost(host), undefined, host);
    }
  });
});

describe("policy host allow-lists", () => {
  it("match names in any case and with a trailing dot, not their other subdomains", () => {
    assert.ok(hostAllowed(hostOf("http://Emulator.Internal./x"), ["emulator.internal"]));
    assert.ok(!hostAllowed(hostOf("http://a.emulator.internal/x"), ["emulator.internal"]));
  });

  it("match *.domain below the domain only", () => {
    assert.ok(hostAllowed("hooks.staging.example.net", ["*.staging.example.net"]));
    assert.ok(!hostAllowed("staging.example.net", ["*.staging.example.net"]));
    assert.ok(!hostAllowed("evilstaging.example.net", ["*.staging.example.net"]));
  });

  it("match addresses however they are written", () => {
    assert.ok(hostAllowed(hostOf("http://[0:0::1]:8080/x"), ["::1"]));
    assert.ok(hostAllowed(hostOf("http://[::1]/x"), ["[0:0:0:0:0:0:0:1]"]));
    assert.ok(hostAllowed(hostOf("http://2130706433/x"), ["127.0.0.1"]));
    assert.ok(!hostAllowed("127.0.0.2", ["127.0.0.1"]));
  });

  it("match CIDR ranges of the same family", () => {
    assert.ok(hostAllowed("10.1.200.3", ["10.1.0.0/16"]));
    assert.ok(!hostAllowed("10.2.0.3", ["10.1.0.0/16"]));
    assert.ok(hostAllowed(hostOf("http://[fd00:1::5]/"), ["fd00::/8"]));
    assert.ok(!hostAllowed("10.1.0.1", ["fd00::/8"]));
    assert.ok(!hostAllowed("10.1.0.1", ["10.1.0.0/33"]));
  });

  it("an empty list allows nothing", () => {
    assert.ok(!hostAllowed("localhost", []));
  });
});
