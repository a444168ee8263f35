// The evaluation script of a swe-tasks task, in the shape the SWE-bench harness writes for its
// instances (reset the test files, apply the test patch, run the tests between two markers, reset
// again), so our tasks and SWE-bench instances are graded by one code path.
import { patchFiles } from "../core/index.js";

export const START_TEST_OUTPUT = ">>>>> Start Test Output";
export const END_TEST_OUTPUT = ">>>>> End Test Output";
/** Heredoc delimiter the harness uses for the test patch. */
export const HEREDOC_DELIMITER = "EOF_114329324912";

const NON_TEST_EXTENSIONS = [".json", ".png", "csv", ".txt", ".md", ".jpg", ".jpeg", ".pkl", ".yml", ".yaml", ".toml"];

/** Test files the harness passes to the test command: every new path of the test patch but data files. */
export function testDirectives(testPatch: string): string[] {
  const out: string[] = [];
  for (const f of patchFiles(testPatch)) {
    if (f.newPath && !NON_TEST_EXTENSIONS.some((ext) => f.newPath!.endsWith(ext))) out.push(f.newPath);
  }
  return out;
}

/** The label Django's runtests.py takes for a test file (`tests/a/b.py` → `a.b`). */
export function djangoTestLabel(path: string): string {
  return path
    .replace(/\.py$/, "")
    .replace(/^tests\//, "")
    .replace(/\//g, ".");
}

/** Files the test patch modifies that exist at the base commit (reset before and after the run). */
export function testFilesToReset(testPatch: string): string[] {
  return patchFiles(testPatch)
    .filter((f) => f.oldPath !== undefined)
    .map((f) => f.oldPath!);
}

export interface EvalScriptInput {
  workdir: string;
  baseCommit: string;
  testPatch: string;
  testCommand: string;
  /** Append the test files of the test patch to the command (default true, as the harness does). */
  passTestFiles?: boolean;
}

export function buildEvalScript(input: EvalScriptInput): string {
  const reset = testFilesToReset(input.testPatch);
  const resetLine = reset.length > 0 ? `git checkout ${input.baseCommit} ${reset.join(" ")}` : ":";
  return [
    "#!/bin/bash",
    "set -uxo pipefail",
    `cd ${input.workdir}`,
    `git config --global --add safe.directory ${input.workdir}`,
    "git status",
    "git show --stat",
    `git -c core.fileMode=false diff ${input.baseCommit}`,
    resetLine,
    `git apply -v - <<'${HEREDOC_DELIMITER}'`,
    // As the harness writes it: the patch, a newline, the delimiter (a blank line when the patch ends in one).
    `${input.testPatch}\n${HEREDOC_DELIMITER}`,
    `: '${START_TEST_OUTPUT}'`,
    [input.testCommand, ...(input.passTestFiles === false ? [] : testDirectives(input.testPatch))].join(" "),
    `: '${END_TEST_OUTPUT}'`,
    resetLine,
    "",
  ].join("\n");
}
