// The account history behind the propagation window: versions by time, shared unchanged
// objects, pruning that keeps the version still in effect, and the bound on versions.
import assert from "node:assert/strict";
import {
  MAX_HISTORY_VERSIONS,
  MIN_HISTORY_RETENTION_MS,
  createHistory,
  recordVersion,
  versionAt,
  versionsAfter,
} from "../../src/emulator/account/history";
import type { StoredRule } from "../../src/emulator/account/rules/rule";

const rule = (templateId: number): StoredRule => ({
  DomainName: "push.example.com",
  AppName: "live",
  TemplateId: templateId,
  CreateTime: "2025-01-01 00:00:00",
  UpdateTime: "2025-01-01 00:00:00",
});

describe("emulator: account history", () => {
  it("answers the version in effect at a time, the start counting as always", () => {
    const history = createHistory({ templates: [], rules: [rule(1)] });
    recordVersion(history, { templates: [], rules: [rule(2)] }, 1_000, 0);
    recordVersion(history, { templates: [], rules: [] }, 2_000, 0);
    assert.equal(versionAt(history, -5_000).rules[0].TemplateId, 1);
    assert.equal(versionAt(history, 999).rules[0].TemplateId, 1);
    assert.equal(versionAt(history, 1_000).rules[0].TemplateId, 2);
    assert.deepEqual(versionAt(history, 2_500).rules, []);
    assert.deepEqual(
      versionsAfter(history, 1_500).map((v) => v.sinceMs),
      [2_000],
    );
    // A clock that went backwards never puts a version before the one it follows.
    recordVersion(history, { templates: [], rules: [rule(3)] }, 500, 0);
    assert.equal(versionAt(history, 2_000).rules[0].TemplateId, 3);
  });

  it("copies what it records, shares what did not change, and freezes it", () => {
    const live = { templates: [], rules: [rule(1)] };
    const history = createHistory(live);
    live.rules[0].TemplateId = 9;
    assert.equal(versionAt(history, 0).rules[0].TemplateId, 1);
    recordVersion(
      history,
      { templates: [], rules: [rule(1), { ...rule(2), AppName: "b" }] },
      10,
      0,
    );
    const [before, after] = history.versions;
    assert.equal(after.rules[0], before.rules[0]);
    assert.ok(Object.isFrozen(after.rules[1]));
  });

  it("prunes to the version in effect at the retention cutoff, and bounds the count", () => {
    const history = createHistory({ templates: [], rules: [] });
    const far = MIN_HISTORY_RETENTION_MS * 3;
    recordVersion(history, { templates: [], rules: [rule(1)] }, 1_000, 0);
    recordVersion(history, { templates: [], rules: [rule(2)] }, 2_000, 0);
    recordVersion(history, { templates: [], rules: [rule(3)] }, far, 0);
    // Versions that ended before the cutoff are gone; the one in effect at it stays.
    assert.deepEqual(
      history.versions.map((v) => v.rules[0]?.TemplateId),
      [2, 3],
    );
    // A longer window keeps more.
    const kept = createHistory({ templates: [], rules: [] });
    recordVersion(kept, { templates: [], rules: [rule(1)] }, 1_000, far);
    recordVersion(kept, { templates: [], rules: [rule(2)] }, far, far);
    assert.equal(kept.versions.length, 3);

    const many = createHistory({ templates: [], rules: [] });
    for (let i = 1; i <= MAX_HISTORY_VERSIONS + 10; i += 1) {
      recordVersion(many, { templates: [], rules: [rule(i)] }, i, far);
    }
    assert.equal(many.versions.length, MAX_HISTORY_VERSIONS);
    assert.equal(many.versions.at(-1)?.rules[0].TemplateId, MAX_HISTORY_VERSIONS + 10);
  });
});
