import assert from "node:assert/strict";
import { folderScores, mergeReports, type Report } from "../../scripts/mutation/scores";

const mutants = (...statuses: string[]) => ({ mutants: statuses.map((status) => ({ status })) });

describe("mutation scores: parts of a folder added up", () => {
  it("adds the parts' reports up per tracked folder, a file's newest report counting", () => {
    const apiCore: Report = { files: { "src/api/client.ts": mutants("Killed", "Survived") } };
    const credentials: Report = {
      files: {
        "/sandbox/x/src/api/credentials/sts.ts": mutants("Killed", "Timeout", "NoCoverage"),
      },
    };
    const apiCoreAgain: Report = { files: { "src/api/client.ts": mutants("Killed", "Killed") } };
    const api = (r: Report) => folderScores(r).find((s) => s.folder === "src/api/")!;

    const merged = api(mergeReports([apiCore, credentials, apiCoreAgain]));
    assert.deepEqual(
      { ...merged },
      {
        folder: "src/api/",
        killed: 3,
        survived: 0,
        noCoverage: 1,
        timeout: 1,
        invalid: 0,
        score: 80,
      },
    );
    // Oldest first: the earlier client.ts report, with its survivor, no longer counts.
    assert.equal(api(mergeReports([apiCoreAgain, credentials, apiCore])).survived, 1);
  });

  it("leaves compile errors out of the score and keeps other folders apart", () => {
    const report: Report = {
      files: {
        "src/provider/diff.ts": mutants("Killed", "CompileError", "Survived"),
        "src/callbacks/signature.ts": mutants("Killed"),
      },
    };
    const scores = folderScores(mergeReports([report]));
    const provider = scores.find((s) => s.folder === "src/provider/")!;
    assert.equal(provider.invalid, 1);
    assert.equal(provider.score, 50);
    assert.equal(scores.find((s) => s.folder === "src/callbacks/signature.ts")!.score, 100);
    assert.equal(scores.find((s) => s.folder === "src/api/")!.killed, 0);
  });
});
