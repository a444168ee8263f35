import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildEvalScript, testDirectives, testFilesToReset } from "../../../src/tasks/eval-script.js";

const SWEBENCH = new URL("../../fixtures/unit/swebench/", import.meta.url);

/** One SWE-bench instance: its harness-v5 `eval_script`, `test_patch` and `base_commit`. */
function instance(id: string): { evalScript: string; testPatch: string; baseCommit: string } {
  const read = (name: string) => readFileSync(new URL(`${id}/${name}`, SWEBENCH), "utf8");
  return { evalScript: read("eval.sh"), testPatch: read("test.patch"), baseCommit: read("base_commit").trim() };
}

const START = ": '>>>>> Start Test Output'";
const END = ": '>>>>> End Test Output'";

/** The parts of an eval script grading depends on, in the order they run. */
function gradingLines(script: string) {
  const lines = script.split("\n");
  const applyAt = lines.findIndex((l) => l.startsWith("git apply -v - <<"));
  const delimiter = /<<'([^']+)'/.exec(lines[applyAt]!)![1]!;
  const heredocEnd = lines.indexOf(delimiter, applyAt + 1);
  const start = lines.indexOf(START);
  const end = lines.indexOf(END);
  return {
    resetBefore: lines.slice(0, applyAt).filter((l) => l.startsWith("git checkout ")),
    heredoc: lines.slice(applyAt, heredocEnd + 1).join("\n"),
    testCommand: lines.slice(start + 1, end),
    resetAfter: lines.slice(end + 1).filter((l) => l.startsWith("git checkout ")),
    order: [applyAt < heredocEnd, heredocEnd < start, start < end],
  };
}

describe("buildEvalScript against the official harness-v5 script", () => {
  // pytest-dev__pytest-11148 (SWE-bench Lite): test_cmd `pytest -rA`, a test patch modifying two files.
  const official = instance("pytest-dev__pytest-11148");
  const ours = buildEvalScript({
    workdir: "/testbed",
    baseCommit: official.baseCommit,
    testPatch: official.testPatch,
    testCommand: "pytest -rA",
  });

  it("runs the same test command line between the same markers", () => {
    expect(gradingLines(ours).testCommand).toEqual(["pytest -rA testing/acceptance_test.py testing/test_pathlib.py"]);
    expect(gradingLines(ours).testCommand).toEqual(gradingLines(official.evalScript).testCommand);
  });

  it("resets the test files with the same lines before and after the run", () => {
    const expected = `git checkout ${official.baseCommit} testing/acceptance_test.py testing/test_pathlib.py`;
    expect(gradingLines(official.evalScript)).toMatchObject({ resetBefore: [expected], resetAfter: [expected] });
    expect(gradingLines(ours)).toMatchObject({ resetBefore: [expected], resetAfter: [expected] });
  });

  it("applies the same test patch through the same heredoc delimiter", () => {
    const withoutBlankLines = (heredoc: string) => heredoc.replace(/\n+(EOF_114329324912)$/, "\n$1");
    expect(withoutBlankLines(gradingLines(ours).heredoc)).toBe(withoutBlankLines(gradingLines(official.evalScript).heredoc));
    expect(gradingLines(ours).heredoc).toContain(official.testPatch);
    expect(gradingLines(ours).order).toEqual([true, true, true]);
  });

  it("applies the test patch through the official heredoc lines, byte for byte", () => {
    expect(gradingLines(ours).heredoc).toBe(gradingLines(official.evalScript).heredoc);
  });

  it("starts as the harness does: strict bash with tracing, in the workdir", () => {
    expect(ours.split("\n").slice(0, 3)).toEqual(["#!/bin/bash", "set -uxo pipefail", "cd /testbed"]);
    expect(official.evalScript.split("\n").slice(0, 2)).toEqual(["#!/bin/bash", "set -uxo pipefail"]);
  });

  it("closes the heredoc on a line of its own when the test patch lacks a final newline", () => {
    const testPatch = official.testPatch.trimEnd();
    const script = buildEvalScript({ workdir: "/testbed", baseCommit: official.baseCommit, testPatch, testCommand: "pytest -rA" });
    const lines = script.split("\n");
    const lastPatchLine = testPatch.split("\n").at(-1)!;
    expect(lines[lines.indexOf(lastPatchLine) + 1]).toBe("EOF_114329324912");
    expect(gradingLines(script).testCommand).toEqual(gradingLines(ours).testCommand);
  });
});

describe("buildEvalScript with a test patch that creates files", () => {
  // pallets__flask-4992 (SWE-bench Lite): creates tests/static/config.toml, modifies tests/test_config.py.
  const official = instance("pallets__flask-4992");
  const ours = buildEvalScript({
    workdir: "/testbed",
    baseCommit: official.baseCommit,
    testPatch: official.testPatch,
    testCommand: "pytest -rA",
  });

  it("passes the same test files, leaving the data file out", () => {
    expect(gradingLines(ours).testCommand).toEqual(["pytest -rA tests/test_config.py"]);
    expect(gradingLines(ours).testCommand).toEqual(gradingLines(official.evalScript).testCommand);
  });

  it("resets only the file that exists at the base commit, as the harness's get_modified_files does", () => {
    // The published v5 script also lists the created config.toml; git then refuses the whole checkout
    // ("pathspec did not match"), so ours leaves created files out and the modified one is reset.
    const base = official.baseCommit;
    expect(gradingLines(official.evalScript).resetBefore).toEqual([`git checkout ${base} tests/static/config.toml tests/test_config.py`]);
    expect(gradingLines(ours)).toMatchObject({
      resetBefore: [`git checkout ${base} tests/test_config.py`],
      resetAfter: [`git checkout ${base} tests/test_config.py`],
    });
  });

  it("has a no-op in place of the reset lines when the test patch only creates files", () => {
    const created =
      "diff --git a/tests/test_new.py b/tests/test_new.py\nnew file mode 100644\n--- /dev/null\n+++ b/tests/test_new.py\n@@ -0,0 +1 " +
      "@@\n+def test_x(): pass\n";
    const lines = buildEvalScript({ workdir: "/testbed", baseCommit: "abc", testPatch: created, testCommand: "pytest -rA" }).split("\n");
    expect(lines.filter((l) => l.startsWith("git checkout"))).toEqual([]);
    expect(lines[lines.indexOf(END) + 1]).toBe(":");
  });
});

describe("testDirectives", () => {
  it("lists the new paths of the test patch but data files, in patch order", () => {
    const patch = [
      ["tests/test_b.py", "tests/test_b.py"],
      ["tests/fixtures/data.json", "tests/fixtures/data.json"],
      ["tests/img.png", "tests/img.png"],
      ["tests/table.csv", "tests/table.csv"],
      ["tests/conf.yaml", "tests/conf.yaml"],
      ["tests/notes.md", "tests/notes.md"],
      ["tests/old_name.py", "tests/test_a.py"],
    ]
      .map(([a, b]) => `diff --git a/${a} b/${b}\n--- a/${a}\n+++ b/${b}\n@@ -1 +1 @@\n-x\n+y\n`)
      .join("");
    expect(testDirectives(patch)).toEqual(["tests/test_b.py", "tests/test_a.py"]);
  });

  it("agrees with the official test command of real instances", () => {
    expect(testDirectives(instance("pytest-dev__pytest-11148").testPatch)).toEqual([
      "testing/acceptance_test.py",
      "testing/test_pathlib.py",
    ]);
    expect(testDirectives(instance("pallets__flask-4992").testPatch)).toEqual(["tests/test_config.py"]);
  });
});

describe("testFilesToReset", () => {
  it("names files by their path at the base commit: old names of renames, no created files", () => {
    const astropy = readFileSync(new URL("astropy__astropy-7336/test.patch", SWEBENCH), "utf8");
    expect(testFilesToReset(astropy)).toEqual([
      "astropy/units/tests/py3_test_quantity_annotations.py",
      "astropy/units/tests/test_quantity_decorator.py",
    ]);
    expect(testFilesToReset(instance("pallets__flask-4992").testPatch)).toEqual(["tests/test_config.py"]);
  });
});
