import { describe, expect, it } from "vitest";
import { checkPatch } from "../../../src/grader/check-patch.js";

const modify = (path: string) => `diff --git a/${path} b/${path}\n--- a/${path}\n+++ b/${path}\n@@ -1 +1 @@\n-a\n+b\n`;

function reason(patch: string): string {
  const check = checkPatch(patch);
  if (check.kind !== "invalid") throw new Error(`expected an invalid patch, got ${check.kind}`);
  return check.reason;
}

describe("checkPatch", () => {
  it("calls a null, empty or whitespace-only patch empty", () => {
    expect(checkPatch(null)).toEqual({ kind: "empty" });
    expect(checkPatch("")).toEqual({ kind: "empty" });
    expect(checkPatch(" \n\t\n")).toEqual({ kind: "empty" });
  });

  it("accepts a git diff and a bare ---/+++ diff", () => {
    expect(checkPatch(modify("src/app.py"))).toEqual({ kind: "ok" });
    expect(checkPatch("--- src/app.py\n+++ src/app.py\n@@ -1 +1 @@\n-a\n+b\n")).toEqual({ kind: "ok" });
  });

  it("refuses text that is not a diff, quoting how it starts", () => {
    const text = "\n\nI fixed the bug by changing the regex in utils.py so it also matches empty strings, which the issue reported.\nDone.";
    const why = reason(text);
    expect(why).toContain("not a unified diff");
    expect(why).toContain(JSON.stringify("I fixed the bug by changing the regex in utils.py so it also matches empty strin"));
  });

  it("refuses absolute paths, '..' and writes into .git, naming the path", () => {
    expect(reason(modify("/etc/cron.d/job"))).toMatch(/"\/etc\/cron.d\/job", which is absolute/);
    expect(reason(`${modify("src/ok.py")}${modify("src/../../outside.py")}`)).toMatch(
      /"src\/..\/..\/outside.py", which climbs out with '..'/,
    );
    expect(reason(modify(".git/hooks/pre-commit"))).toMatch(/".git\/hooks\/pre-commit", which writes into .git/);
  });

  it("checks the old path of a rename as well as the new one", () => {
    const rename = "diff --git a/../secret b/src/stolen\nsimilarity index 100%\nrename from ../secret\nrename to src/stolen\n";
    expect(reason(rename)).toMatch(/"..\/secret", which climbs out/);
  });

  it("refuses a binary change without its data and says how to make one with it", () => {
    const binary =
      "diff --git a/assets/logo.png b/assets/logo.png\nindex 1111111..2222222 100644\n" +
      "Binary files a/assets/logo.png and b/assets/logo.png differ\n";
    const patch = `${modify("src/app.py")}${binary}`;
    const why = reason(patch);
    expect(why).toContain("assets/logo.png");
    expect(why).toContain("git diff --binary");
  });

  it("accepts a git binary patch that carries its data", () => {
    const patch = [
      "diff --git a/assets/logo.png b/assets/logo.png",
      "new file mode 100644",
      "index 0000000000000000000000000000000000000000..bdc955b4a3aa5b5a9d0e1c0d7f2f1c1d6e1c8a8e",
      "GIT binary patch",
      "literal 2",
      "JcmZQzWB>pF00aO4",
      "",
      "literal 0",
      "HcmV?d00001",
      "",
    ].join("\n");
    expect(checkPatch(patch)).toEqual({ kind: "ok" });
  });
});
