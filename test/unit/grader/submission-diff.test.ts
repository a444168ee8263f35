import { describe, expect, it } from "vitest";
import { compareWithSubmission } from "../../../src/grader/submission-diff.js";

const BASE = "a\nb\nc\nd\ne\nf\ng\n";

/** A one-hunk git patch of `path` changing line 2 (b) into `to`. */
const changeB = (path: string, to: string) =>
  `diff --git a/${path} b/${path}\nindex 1..2 100644\n--- a/${path}\n+++ b/${path}\n@@ -1,4 +1,4 @@\n a\n-b\n+${to}\n c\n d\n`;

const created = (path: string, lines: string[]) =>
  `diff --git a/${path} b/${path}\nnew file mode 100644\nindex 0..3\n--- /dev/null\n+++ b/${path}\n@@ -0,0 +1,${lines.length} @@\n` +
  lines.map((l) => `+${l}\n`).join("");

const reader = (files: Record<string, string | null>) => async (path: string) => files[path] ?? null;

describe("compareWithSubmission", () => {
  it("finds equal contents equal, even when the two diffs differ in context and hunk layout", async () => {
    const replayed = BASE.replace("b\n", "B\n");
    // The same change written with one line of context, as another tool prints it.
    const submission = "--- a/x.py\n+++ b/x.py\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n";
    const result = await compareWithSubmission(changeB("x.py", "B"), submission, reader({ "x.py": replayed }));
    expect(result).toMatchObject({ equal: true, same: ["x.py"], onlyReplayed: [], onlySubmission: [], differing: [] });
  });

  it("sorts files into only-replayed (a created script), only-submitted, and differing, saying why", async () => {
    const replayedPatch = changeB("x.py", "B") + created("reproduce.py", ["print(1)"]) + changeB("y.py", "Y1");
    const submission = changeB("x.py", "B") + changeB("y.py", "Y2") + changeB("z.py", "Z");
    const files = { "x.py": BASE.replace("b\n", "B\n"), "y.py": BASE.replace("b\n", "Y1\n"), "z.py": BASE, "reproduce.py": "print(1)\n" };
    const result = await compareWithSubmission(replayedPatch, submission, reader(files));
    expect(result.equal).toBe(false);
    expect(result.same).toEqual(["x.py"]);
    expect(result.onlyReplayed.map((d) => d.path)).toEqual(["reproduce.py"]);
    expect(result.onlyReplayed[0]!.why).toMatch(/submit step left it out/);
    expect(result.onlySubmission.map((d) => d.path)).toEqual(["z.py"]);
    expect(result.onlySubmission[0]!.why).toMatch(/failed on replay/);
    expect(result.differing.map((d) => d.path)).toEqual(["y.py"]);
    expect(result.differing[0]!.why).toContain('line 2: submission "Y2", replay "Y1"');
  });

  it("reports a submission that does not apply at the replay's base", async () => {
    const submission = changeB("x.py", "B").replace(" c\n d\n", " c\n q\n");
    const result = await compareWithSubmission("", submission, reader({ "x.py": BASE }));
    expect(result.onlySubmission).toEqual([{ path: "x.py", why: expect.stringMatching(/does not apply/) }]);
  });

  it("compares deletions and new files by content", async () => {
    const deletion = "diff --git a/x.py b/x.py\ndeleted file mode 100644\n--- a/x.py\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-a\n-b\n";
    const both = deletion + created("n.py", ["one", "two"]);
    const result = await compareWithSubmission(both, both, reader({ "x.py": null, "n.py": "one\ntwo\n" }));
    expect(result).toMatchObject({ equal: true, same: ["n.py", "x.py"] });
    const other = await compareWithSubmission(both, deletion + created("n.py", ["one", "three"]), reader({ "n.py": "one\ntwo\n" }));
    expect(other.differing.map((d) => d.path)).toEqual(["n.py"]);
  });

  it("says an empty submission leaves every replayed change only in the replay", async () => {
    const result = await compareWithSubmission(changeB("x.py", "B"), "", reader({ "x.py": BASE.replace("b\n", "B\n") }));
    expect(result.onlyReplayed).toEqual([{ path: "x.py", why: expect.stringMatching(/undid the change/) }]);
  });
});

describe("compareWithSubmission on patches it cannot read", () => {
  it("reports a file whose hunk is malformed as not compared, and still compares the others", async () => {
    const broken = "diff --git a/y.py b/y.py\n--- a/y.py\n+++ b/y.py\n@@ -1,2 +1,2 @@\n-a\n+b\n";
    const result = await compareWithSubmission(changeB("x.py", "B"), changeB("x.py", "B") + broken, reader({ "x.py": "a\nB\nc\nd\n" }));
    expect(result.same).toEqual(["x.py"]);
    expect(result.differing).toEqual([{ path: "y.py", why: expect.stringMatching(/^its patch cannot be read \(.+\): not compared/) }]);
  });
});
