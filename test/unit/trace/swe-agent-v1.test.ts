import { readFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compareWithSubmission } from "../../../src/grader/submission-diff.js";
import { BUILTIN_TOOLS } from "../../../src/tools/registry.js";
import { RecordingToolBox } from "../../../src/tools/toolbox.js";
import { importSweAgentTrajectory } from "../../../src/trace/importers/index.js";
import { TraceRecorder } from "../../../src/trace/recorder.js";
import { sweAgentV1Trajectory, type V1Call } from "../../helpers/swe-agent-v1-trajectory.js";
import { makeToolContext } from "../../helpers/tool-context.js";
import { calls, expectValidArguments, expectWellFormed, ofType } from "./imported-fixture.js";

const CALC = "def add(a, b):\n    return a - b\n\n\ndef sub(a, b):\n    return a - b\n";
const FIXED = "# calculator\ndef add(a, b):\n    return a + b\n\n\ndef sub(a, b):\n    return a - b\n";
/** What their submit step recorded: calc.py only (the reproduction script was never added). */
const SUBMISSION =
  "diff --git a/calc.py b/calc.py\nindex 1111111..2222222 100644\n--- a/calc.py\n+++ b/calc.py\n@@ -1,5 +1,6 @@\n+# calculator\n" +
  " def add(a, b):\n-    return a - b\n+    return a + b\n \n \n def sub(a, b):\n";

const edited = (path: string) => `The file ${path} has been edited. Here's the result of running \`cat -n\` on a snippet of ${path}:\n`;
const CALLS: V1Call[] = [
  {
    name: "str_replace_editor",
    arguments: { command: "view", path: "/testbed" },
    observation: "Here's the files and directories up to 2 levels deep in /testbed, excluding hidden items:\n/testbed\n/testbed/calc.py\n",
  },
  {
    name: "str_replace_editor",
    arguments: { command: "view", path: "/testbed/calc.py", view_range: [1, 2] },
    observation: "Here's the result of running `cat -n` on /testbed/calc.py:\n     1\tdef add(a, b):\n     2\t    return a - b\n",
  },
  {
    name: "str_replace_editor",
    arguments: { command: "create", path: "/testbed/reproduce.py", file_text: "from calc import add\nprint(add(1, 2))\n" },
    observation: "File created successfully at: /testbed/reproduce.py",
  },
  { name: "bash", arguments: { command: "cd /testbed/sub_dir_that_is_not_there || true" }, observation: "", cwd: "/testbed/docs" },
  { name: "bash", arguments: { command: "ls" }, observation: "index.md" },
  {
    name: "str_replace_editor",
    arguments: { command: "str_replace", path: "/testbed/calc.py", old_str: "return a - b", new_str: "return a + b" },
    observation: "No replacement was performed. Multiple occurrences of old_str `return a - b` in lines [2, 6]. Please ensure it is unique",
  },
  {
    name: "str_replace_editor",
    arguments: {
      command: "str_replace",
      path: "/testbed/calc.py",
      old_str: "add(a, b):\n    return a - b",
      new_str: "add(a, b):\n    return a + b",
    },
    observation: edited("/testbed/calc.py"),
  },
  {
    name: "str_replace_editor",
    arguments: { command: "insert", path: "/testbed/calc.py", insert_line: 0, new_str: "import math\n" },
    observation: edited("/testbed/calc.py"),
  },
  {
    name: "str_replace_editor",
    arguments: { command: "undo_edit", path: "/testbed/calc.py" },
    observation: "Last edit to /testbed/calc.py undone successfully.",
  },
  {
    name: "str_replace_editor",
    arguments: { command: "insert", path: "calc.py", insert_line: 0, new_str: "# calculator" },
    observation: "The path calc.py is not an absolute path, it should start with `/`. Maybe you meant /testbed/calc.py?",
  },
  {
    name: "str_replace_editor",
    arguments: { command: "insert", path: "/testbed/calc.py", insert_line: 0, new_str: "# calculator" },
    observation: edited("/testbed/calc.py"),
  },
  { name: "submit", arguments: {}, observation: "Thank you for your work on this issue. Please carefully follow the steps below..." },
  { name: "submit", arguments: {}, observation: SUBMISSION },
];

const trajectory = () =>
  sweAgentV1Trajectory({ instanceId: "calc__calc-1", problem: "add subtracts", calls: CALLS, submission: SUBMISSION });

describe("importSweAgentTrajectory on a SWE-agent 1.x function-calling trajectory", () => {
  it("maps str_replace_editor to our file tools, bash to shell in their directory, and only the final submit", () => {
    const r = importSweAgentTrajectory(trajectory(), { runId: "imported" });
    expectWellFormed(r);
    expectValidArguments(r);
    expect(r.taskId).toBe("calc__calc-1");
    expect(calls(r)).toEqual([
      { name: "shell", arguments: { command: "find /testbed -maxdepth 2 -not -path '*/\\.*'" } },
      { name: "read_file", arguments: { path: "calc.py", start_line: 1, end_line: 2 } },
      { name: "write_file", arguments: { path: "reproduce.py", content: "from calc import add\nprint(add(1, 2))\n" } },
      { name: "shell", arguments: { command: "cd /testbed/sub_dir_that_is_not_there || true" } },
      { name: "shell", arguments: { command: "cd docs && ls" } },
      {
        name: "edit_file",
        arguments: {
          path: "calc.py",
          command: "replace",
          old_text: "add(a, b):\n    return a - b",
          new_text: "add(a, b):\n    return a + b",
        },
      },
      { name: "edit_file", arguments: { path: "calc.py", command: "insert", line: 0, new_text: "import math\n\n" } },
      { name: "edit_file", arguments: { path: "calc.py", command: "undo" } },
      { name: "edit_file", arguments: { path: "calc.py", command: "insert", line: 0, new_text: "# calculator" } },
      { name: "submit", arguments: {} },
    ]);
    expect(r.problems).toEqual([
      expect.stringMatching(/^step 6 .*not imported as a tool call: their str_replace failed and changed nothing \(No replacement/),
      expect.stringMatching(/^step 9 .*approximated: undo_edit/),
      expect.stringMatching(/^step 10 .*not imported as a tool call: their insert failed and changed nothing \(The path calc\.py/),
      expect.stringMatching(/^step 12 .*not imported as a tool call: submit: their review step answered it/),
    ]);
    expect(r.stats).toEqual({ steps: 13, toolCalls: 10, unmapped: 4 });
    expect(ofType(r, "run_start")[0]!.data).toMatchObject({
      agent: "swe-agent",
      model: "claude-sonnet-4-20250514",
      settings: { format: "1.x function calling", repository_dir: "/testbed" },
    });
    expect(ofType(r, "tool_result")[0]!.data).toMatchObject({ durationMs: 250, output: CALLS[0]!.observation });
    expect(ofType(r, "model_response").reduce((sum, e) => sum + e.data.costUsd, 0)).toBeCloseTo(0.4, 10);
    expect(ofType(r, "agent_end")[0]!.data).toEqual({ reason: "submitted", detail: "submitted" });
    expect(r.submission).toBe(SUBMISSION);
  });

  it("reads str_replace_editor command lines of a trajectory without function calling (their thought-action parser)", () => {
    const step = (action: string, observation: string) => ({
      action,
      observation,
      thought: "t",
      response: "t",
      execution_time: 0.1,
      state: { working_dir: "/testbed" },
    });
    const r = importSweAgentTrajectory(
      {
        trajectory: [
          step("str_replace_editor view /testbed/calc.py --view_range 1 2", "Here's the result of running `cat -n` on /testbed/calc.py:\n"),
          step(
            "str_replace_editor str_replace /testbed/calc.py --old_str 'add(a, b):\n    return a - b' " +
              '--new_str "add(a, b):\n    return a + b"',
            edited("/testbed/calc.py"),
          ),
          step(
            "str_replace_editor create /testbed/calc.py --file_text 'x'",
            "File already exists at: /testbed/calc.py. Cannot overwrite files",
          ),
          step("submit", SUBMISSION),
        ],
        info: { exit_status: "submitted", submission: SUBMISSION },
      },
      { runId: "r", taskId: "calc__calc-1" },
    );
    expectWellFormed(r);
    expect(calls(r)).toEqual([
      { name: "read_file", arguments: { path: "calc.py", start_line: 1, end_line: 2 } },
      {
        name: "edit_file",
        arguments: {
          path: "calc.py",
          command: "replace",
          old_text: "add(a, b):\n    return a - b",
          new_text: "add(a, b):\n    return a + b",
        },
      },
      { name: "submit", arguments: {} },
    ]);
    expect(r.problems).toEqual([expect.stringMatching(/^step 3 .*their create failed and changed nothing \(File already exists/)]);
  });

  const roots: string[] = [];
  afterAll(() => Promise.all(roots.map((root) => rm(root, { recursive: true, force: true }))));

  it("replayed through our tools, gives their file and a reproduction script their submission left out", async () => {
    const r = importSweAgentTrajectory(trajectory(), { runId: "imported" });
    const ctx = await makeToolContext({ "calc.py": CALC, "docs/index.md": "# docs\n" });
    roots.push(ctx.root);
    const box = new RecordingToolBox(BUILTIN_TOOLS, ctx, new TraceRecorder(undefined, { runId: "replay", taskId: "t", sample: 0 }));
    for (const e of ofType(r, "tool_call")) {
      const result = await box.call(e.data, e.data.step);
      expect(result.isError, result.output).toBe(false);
    }
    expect(readFileSync(join(ctx.root, "calc.py"), "utf8")).toBe(FIXED);
    const read = async (path: string) => readFileSync(join(ctx.root, path), "utf8");
    const comparison = await compareWithSubmission(await ctx.workspace.diff(), SUBMISSION, read);
    expect(comparison.same).toEqual(["calc.py"]);
    expect(comparison.onlyReplayed).toEqual([{ path: "reproduce.py", why: expect.stringMatching(/submit step left it out/) }]);
    expect(comparison.onlySubmission).toEqual([]);
    expect(comparison.differing).toEqual([]);
  });
});
