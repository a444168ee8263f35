import { describe, expect, it } from "vitest";
import type { StatusMap, TestStatus } from "../../../src/core/index.js";
import { splitTestChanges } from "../../../src/core/index.js";
import { judgeAgentTests } from "../../../src/grader/agent-test-verdict.js";

const section = (path: string, added: string) =>
  `diff --git a/${path} b/${path}\nindex 1..2 100644\n--- a/${path}\n+++ b/${path}\n@@ -1,1 +1,2 @@\n x\n+${added}\n`;
const map = (entries: Record<string, TestStatus>): StatusMap => new Map(Object.entries(entries));

describe("splitTestChanges", () => {
  it("puts test-file sections in `tests` and the others in `code`, each a patch of its own", () => {
    const code = section("pkg/mod.py", "y = 1");
    const tests = section("tests/test_mod.py", "def test_y(): pass");
    const goTest = section("kv/store_test.go", "func TestY(t *testing.T) {}");
    expect(splitTestChanges(`${code}${tests}${goTest}`)).toEqual({ tests: `${tests}${goTest}`, code });
  });

  it("leaves a patch without git headers whole in `code`", () => {
    const bare = "--- a/tests/test_x.py\n+++ b/tests/test_x.py\n@@ -1 +1 @@\n-a\n+b\n";
    expect(splitTestChanges(bare)).toEqual({ tests: "", code: bare });
  });
});

describe("judgeAgentTests", () => {
  const timings = { beforeMs: 1, afterMs: 2 };
  const patch = section("tests/test_mod.py", "def test_new():") + section("tests/test_mod.py", "def test_param(value):");

  it("counts a test failing (or missing) before and passing after; catchesBug follows", () => {
    const before = map({ "tests/test_mod.py::test_old": "PASSED", "tests/test_mod.py::test_new": "FAILED" });
    const after = map({
      "tests/test_mod.py::test_old": "PASSED",
      "tests/test_mod.py::test_new": "PASSED",
      "tests/test_mod.py::test_param[a]": "PASSED",
    });
    expect(judgeAgentTests(patch, before, after, timings)).toEqual({
      testFiles: ["tests/test_mod.py"],
      testsChanged: ["tests/test_mod.py::test_new", "tests/test_mod.py::test_param[a]"],
      testsRun: 3,
      failBeforePassAfter: ["tests/test_mod.py::test_new", "tests/test_mod.py::test_param[a]"],
      failAfter: [],
      catchesBug: true,
      timings,
    });
  });

  it("a test passing both ways catches nothing; one failing on the fix is listed in failAfter", () => {
    const before = map({ "tests/test_mod.py::test_new": "PASSED", "tests/test_mod.py::test_param[a]": "FAILED" });
    const after = map({ "tests/test_mod.py::test_new": "PASSED", "tests/test_mod.py::test_param[a]": "FAILED" });
    const verdict = judgeAgentTests(patch, before, after, timings);
    expect(verdict.failBeforePassAfter).toEqual([]);
    expect(verdict.failAfter).toEqual(["tests/test_mod.py::test_param[a]"]);
    expect(verdict.catchesBug).toBe(false);
  });
});
