// Loopback detection shared by the endpoint settings and the emulator (src/api/loopback.ts): the
// URL-style brackets of an IPv6 literal, and hosts that only look like loopback addresses.
import assert from "node:assert/strict";

import { isLoopbackHost, unbracketHost } from "../../src/api/loopback";

describe("api/loopback unbracketHost", () => {
  const cases: [string, string][] = [
    ["[::1]", "::1"],
    ["[fe80::1]", "fe80::1"],
    ["::1", "::1"],
    ["example.com", "example.com"],
    // Only a pair of brackets is removed: a lone one is part of a (malformed) host.
    ["[::1", "[::1"],
    ["::1]", "::1]"],
    ["example.com]", "example.com]"],
    ["[example.com", "[example.com"],
    ["[]", ""],
  ];
  for (const [host, expected] of cases) {
    it(`${JSON.stringify(host)} → ${JSON.stringify(expected)}`, () => {
      assert.equal(unbracketHost(host), expected);
    });
  }
});

describe("api/loopback isLoopbackHost", () => {
  const cases: [string, boolean, string][] = [
    ["::ffff:127.0.0.1", true, "IPv4-mapped loopback"],
    ["[::ffff:127.10.20.30]", true, "IPv4-mapped, bracketed"],
    ["::ffff:10.0.0.1", false, "IPv4-mapped private address"],
    // The mapped form must be the whole host: anything before or after it makes another address
    // (1::ffff:127.0.0.1 is a valid IPv6 address outside ::1) or no address at all.
    ["1::ffff:127.0.0.1", false, "a prefix before the mapped form"],
    ["x::ffff:127.0.0.1", false, "text before the mapped form"],
    ["::ffff:127.0.0.1:9000", false, "a port left on the mapped form"],
    ["::ffff:127.0.0.1x", false, "text after the mapped form"],
    // The socket layer reads these as ::1 (it drops whatever follows `%`), but they are not
    // valid IPv6 literals, so no URL host can be one: not loopback.
    ["::1%", false, "an empty zone"],
    ["::1%/x", false, "a zone with a character no zone has"],
    ["::1%lo", true, "::1 with a zone"],
    ["[::1", false, "an unclosed bracket"],
  ];
  for (const [host, expected, why] of cases) {
    it(`${JSON.stringify(host)} is ${expected ? "" : "not "}loopback (${why})`, () => {
      assert.equal(isLoopbackHost(host), expected);
    });
  }
});
