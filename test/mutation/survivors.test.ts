import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { formatUnlisted, listedPlaces, unlistedSurvivors } from "../../scripts/mutation/survivors";
import type { ReportMutant } from "../../scripts/mutation/scores";

const at = (status: string, line: number, mutatorName = "StringLiteral"): ReportMutant => ({
  status,
  mutatorName,
  replacement: '""',
  location: { start: { line, column: 3 } },
});

describe("mutation survivors owed a test", () => {
  it("reads the places the equivalent list names, a bare `:line` meaning the file before it", () => {
    const places = listedPlaces(
      [
        "- `src/api/settings.ts:126`, ConditionalExpression (`x` → `true`),",
        '  and `:127`, StringLiteral (`return { from: "" }`): why.',
        "- `src/api/client.ts:372`, ArrayDeclaration (`[a]` → `[]`): why, see `:9` above",
      ].join("\n"),
    );
    assert.deepEqual([...places].sort(), [
      "src/api/client.ts:372",
      "src/api/client.ts:9",
      "src/api/settings.ts:126",
      "src/api/settings.ts:127",
    ]);
  });

  it("lists survivors at unlisted places and every mutant without coverage, in file and line order", () => {
    const report = {
      files: {
        "src/b.ts": { mutants: [at("Survived", 4), at("Killed", 5), at("Timeout", 6)] },
        "src/a.ts": {
          mutants: [at("Survived", 10), at("NoCoverage", 10), at("Survived", 2, "Regex")],
        },
      },
    };
    const owed = unlistedSurvivors(report, new Set(["src/a.ts:10"]));
    assert.deepEqual(
      owed.map((u) => `${u.file}:${u.line} ${u.status} ${u.mutator}`),
      [
        "src/a.ts:2 Survived Regex",
        "src/a.ts:10 NoCoverage StringLiteral",
        "src/b.ts:4 Survived StringLiteral",
      ],
    );
    assert.equal(formatUnlisted(owed.slice(0, 1)), 'src/a.ts:2:3 Survived Regex => "\\"\\""');
  });

  it("every entry of the repository's list names a place in src/", () => {
    const text = readFileSync("test/mutation/equivalent.md", "utf8");
    const entries = text.split("\n").filter((l) => l.startsWith("- "));
    assert.ok(entries.length > 0);
    for (const entry of entries) assert.match(entry, /^- `src\/[^`]+:\d+`/, entry);
    assert.ok(listedPlaces(text).size >= entries.length);
  });
});
