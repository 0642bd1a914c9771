// The push-domain rule shared by the library's input checks and the emulator (src/api/names.ts),
// at its edges: the fewest labels, and what the top-level label must start with.
import assert from "node:assert/strict";

import { isHostName } from "../../src/api/names";

describe("api/names isHostName", () => {
  const cases: [string, boolean, string][] = [
    ["example.com", true, "two labels are enough"],
    ["push.example.com", true, "three labels"],
    ["a-b.x1", true, "a top-level label may hold digits after its first letter"],
    ["localhost", false, "one label"],
    ["example.1com", false, "a top-level label starting with a digit"],
    ["example.123", false, "an all-digit top-level label"],
    ["push.example.9a", false, "a digit first, however many labels"],
    ["127.0.0.1", false, "an IPv4 address"],
    ["example..com", false, "an empty label"],
    ["-a.com", false, "a leading hyphen"],
    [
      `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(61)}`,
      true,
      "253 characters",
    ],
    [
      `${"a".repeat(63)}.${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(62)}`,
      false,
      "254 characters",
    ],
  ];
  for (const [name, expected, why] of cases) {
    it(`${why}: ${expected ? "accepted" : "refused"}`, () => {
      assert.equal(isHostName(name), expected);
    });
  }
});
