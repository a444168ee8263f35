// Cyclomatic complexity per function, counted by hand for each fixture; and what a patch does to the
// code (size, locality against the reference, complexity deltas, security findings it introduces).
import { describe, expect, it } from "vitest";
import { analyzePatch } from "../../../../src/tools/code-metrics/analyze.js";
import { functionComplexities } from "../../../../src/tools/code-metrics/complexity.js";
import { createTwoFilesPatch } from "diff";

/** A unified diff of one file with three lines of context, as git writes it. */
const replaceFile = (path: string, a: string, b: string) => createTwoFilesPatch(`a/${path}`, `b/${path}`, a, b, "", "", { context: 3 });

describe("cyclomatic complexity", () => {
  it("python: branches, loops, boolean operators, comprehensions; nested functions apart", async () => {
    const source = [
      "class Report:",
      "    def render(self, rows, flag):",
      "        if not rows or flag:", // if +1, or +1
      "            return ''",
      "        for r in rows:", // +1
      "            while r > 0:", // +1
      "                r -= 1",
      "        def inner(x):",
      "            return x if x else 0", // inner: conditional +1
      "        return [x for x in rows if x]", // for_in +1, if_clause +1
      "",
      "def plain():",
      "    return 1",
    ].join("\n");
    expect(await functionComplexities("python", source)).toEqual([
      { name: "Report.render", startLine: 2, endLine: 10, complexity: 7 },
      { name: "Report.inner", startLine: 8, endLine: 9, complexity: 2 },
      { name: "plain", startLine: 12, endLine: 13, complexity: 1 },
    ]);
  });

  it("typescript, go and rust", async () => {
    const ts = [
      "export function f(a: number, b?: string) {",
      "  if (a > 1 && b) return 1;",
      "  const g = () => (a ? 2 : 3);",
      "  switch (a) { case 1: return 4; case 2: return 5; default: return b ?? 6; }",
      "}",
      "",
    ].join("\n");
    expect((await functionComplexities("typescript", ts)).map((f) => [f.name, f.complexity])).toEqual([
      ["f", 6], // if, &&, case, case, ??
      ["g", 2], // ternary
    ]);
    const go = [
      "package m",
      "func (s *Server) Serve(n int) int {",
      "\tfor i := 0; i < n; i++ {",
      "\t\tif i > 2 || n < 0 {",
      "\t\t\treturn i",
      "\t\t}",
      "\t}",
      "\tswitch n {",
      "\tcase 1:",
      "\t\treturn 1",
      "\t}",
      "\treturn 0",
      "}",
      "",
    ].join("\n");
    expect((await functionComplexities("go", go)).map((f) => [f.name, f.complexity])).toEqual([["Server.Serve", 5]]);
    const rs = [
      "impl Cron {",
      "    fn next(&self, x: u8) -> u8 {",
      "        match x {",
      "            0 => 1,",
      "            _ => if x > 3 && x < 9 { 2 } else { 3 },",
      "        }",
      "    }",
      "}",
      "",
    ].join("\n");
    expect((await functionComplexities("rust", rs)).map((f) => [f.name, f.complexity])).toEqual([["Cron::next", 5]]);
  });
});

describe("what a patch does to the code", () => {
  const before = "import subprocess\n\n\ndef run(cmd):\n    return subprocess.run(cmd)\n\n\ndef other():\n    return 1\n";
  const after =
    "import subprocess\n\n\ndef run(cmd):\n    if not cmd:\n        return None\n" +
    "    return subprocess.run(cmd, shell=True)\n\n\ndef other():\n    return 1\n";
  const patch = replaceFile("tool.py", before, after) + replaceFile("tests/test_tool.py", "x = 1\n", "x = 2\n");

  it("counts size and locality, the complexity added, and only the findings the patch introduces", async () => {
    const reference = replaceFile("tool.py", before, before.replace("return subprocess.run(cmd)", "return subprocess.run(list(cmd))"));
    const quality = await analyzePatch(patch, reference, [
      { path: "tool.py", before, after },
      { path: "tests/test_tool.py", before: "x = 1\n", after: "x = 2\n" },
    ]);
    expect(quality.size).toEqual({ files: 2, hunks: 2, linesAdded: 4, linesRemoved: 2 });
    expect(quality.locality).toEqual({ filesInReference: 1, filesOutsideReference: ["tests/test_tool.py"], lineOverlap: 0.5 });
    expect(quality.testFilesTouched).toEqual(["tests/test_tool.py"]);
    expect(quality.complexity).toEqual([{ function: "run", file: "tool.py", before: 1, after: 2 }]);
    expect(quality.complexityAdded).toBe(1);
    expect(quality.securityIntroduced.map((f) => [f.rule, f.cwe, f.line])).toEqual([["shell-true", "CWE-78", 7]]);
  });

  it("does not count a finding the repository already had", async () => {
    const risky = "import os\n\n\ndef run(cmd):\n    os.system(cmd)\n";
    const edited = "import os\n\n\ndef run(cmd):\n    print(cmd)\n    os.system(cmd)\n";
    const quality = await analyzePatch(replaceFile("r.py", risky, edited), "", [{ path: "r.py", before: risky, after: edited }]);
    expect(quality.securityIntroduced).toEqual([]);
    expect(quality.locality.lineOverlap).toBe(0);
  });
});
