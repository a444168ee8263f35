import { describe, expect, it } from "vitest";
import { describeSubmission } from "../../../src/cli/replay-text.js";

describe("describeSubmission", () => {
  it("says the replayed diff equals the submission in one line", () => {
    const check = { files: ["a.py"], failedCalls: [], importNotes: ["a note"] };
    const comparison = { equal: true, same: ["a.py"], onlyReplayed: [], onlySubmission: [], differing: [] };
    expect(describeSubmission({ ...check, comparison })).toEqual(["the replayed diff equals the recorded submission (1 file(s))"]);
  });

  it("lists each differing file with its cause, then the failed calls and the import notes", () => {
    const lines = describeSubmission({
      files: ["a.py", "b.py"],
      comparison: {
        equal: false,
        same: ["a.py"],
        onlyReplayed: [{ path: "reproduce.py", why: "left out" }],
        onlySubmission: [{ path: "b.py", why: "failed" }],
        differing: [],
      },
      failedCalls: [{ index: 4, name: "edit_file", error: "old_text does not occur in b.py" }],
      importNotes: ["step 3: approximated: x"],
    });
    expect(lines).toEqual([
      "the replayed diff differs from the recorded submission: 1 file(s) the same, 1 only in the replay, 1 only in the submission, " +
        "0 differing",
      "  only in the replay: reproduce.py: left out",
      "  only in the submission: b.py: failed",
      "calls that failed on replay (1):",
      "  call 4 (edit_file): old_text does not occur in b.py",
      "actions the importer could not map exactly (1):",
      "  step 3: approximated: x",
    ]);
  });

  it("says why no comparison was made", () => {
    expect(describeSubmission({ files: ["a.py"], error: "the replay ended early", failedCalls: [], importNotes: [] })).toEqual([
      "recorded submission (1 file(s)) not compared: the replay ended early",
    ]);
  });
});
