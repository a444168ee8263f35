// Trajectories recorded by other tools, converted with `swerig import` and replayed on our own
// environment: their actions re-run as our tool calls, the replayed working copy is compared with their
// recorded submission file by file, and the recorded submission (or, asked, the replayed diff) is graded.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { patchHunks, touchedPaths } from "../../src/core/index.js";
import { dockerAgentEnvironments } from "../../src/runner/docker-agent-env.js";
import { dockerGradingEnvironments } from "../../src/runner/docker-grading.js";
import { replayTrace } from "../../src/runner/replay.js";
import { loadSweTasksDir } from "../../src/tasks/index.js";
import { dockerAvailable } from "../helpers/docker.js";
import { sweAgentV1Trajectory } from "../helpers/swe-agent-v1-trajectory.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const { tasks } = await loadSweTasksDir(join(ROOT, "swe-tasks"));
const task = tasks.find((t) => t.id === "pyledger-show-zero") ?? tasks.find((t) => t.language === "python")!;
const dir = await mkdtemp(join(tmpdir(), "swerig-import-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

/**
 * A mini-swe-agent 1.1 trajectory with the real sample's envelope and our own actions. The fix was applied
 * from a file that lived only in their container, so the replay cannot re-create it; it does re-create a
 * script their `git diff` submission left out. Their recorded submission is the fix.
 */
async function trajectory(): Promise<unknown> {
  const sample = JSON.parse(
    await readFile(join(ROOT, "test/fixtures/trajectories/mini-swe-agent__deepseek-chat/sqlfluff__sqlfluff-2419.traj.json"), "utf8"),
  ) as Record<string, unknown> & { info: Record<string, unknown> };
  const commands = [
    "git status --short | wc -l",
    "printf 'print(1)\\n' > reproduce_issue.py && git apply /tmp/their-fix.patch; git diff --stat",
    "echo COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT && git diff",
  ];
  const messages: unknown[] = [
    { role: "system", content: "sys" },
    { role: "user", content: task.problemStatement },
  ];
  commands.forEach((command, i) => {
    const id = `call_${i}`;
    messages.push({
      role: "assistant",
      content: `step ${i}`,
      tool_calls: [{ id, type: "function", function: { name: "bash", arguments: JSON.stringify({ command }) } }],
      extra: { actions: [{ command, tool_call_id: id }] },
    });
    if (i < commands.length - 1)
      messages.push({
        role: "tool",
        tool_call_id: id,
        content: "<returncode>0</returncode>\n<output>\n(recorded elsewhere)\n</output>",
        extra: { returncode: 0 },
      });
  });
  messages.push({ role: "exit", content: task.goldPatch, extra: { exit_status: "Submitted", submission: task.goldPatch } });
  return { ...sample, instance_id: task.id, messages, info: { ...sample.info, submission: task.goldPatch, exit_status: "Submitted" } };
}

describe.runIf(dockerAvailable)("imported trajectories", () => {
  it("import as our tool calls and replay on our environment, graded", async () => {
    const source = join(dir, "run.traj.json");
    await writeFile(source, JSON.stringify(await trajectory()));
    const out = join(dir, "trace.jsonl");
    const lines: string[] = [];
    const code = await main(["import", source, "--format", "mini-swe-agent", "--out", out, "--tasks", join(ROOT, "swe-tasks")], {
      out: (t) => lines.push(t),
      err: (t) => lines.push(t),
    });
    expect(code).toBe(0);
    expect(lines.join("\n")).toContain("3 tool calls");
    // By default the recorded submission is graded: resolved, though the replay did not re-create the fix.
    const report = await replayTrace(out, {
      tasks: new Map(tasks.map((t) => [t.id, t])),
      grade: true,
      agentEnvironments: dockerAgentEnvironments("test-import"),
      createGradingEnvironment: await dockerGradingEnvironments("test-import"),
    });
    expect(report).toMatchObject({ agent: "mini-swe-agent", compared: false, calls: 3, matched: 3, graded: "recorded_submission" });
    expect(report.grade?.status).toBe("resolved");
    expect(report.submission?.files).toEqual(touchedPaths(task.goldPatch));
    expect(report.submission?.comparison).toMatchObject({
      equal: false,
      same: [],
      onlyReplayed: [{ path: "reproduce_issue.py", why: expect.stringMatching(/submit step left it out/) }],
      onlySubmission: touchedPaths(task.goldPatch).map((path) => ({ path, why: expect.stringMatching(/failed on replay/) })),
      differing: [],
    });
  });

  it("imports SWE-agent 1.x editor calls as our edit calls; --grade-replayed grades the replayed diff", async () => {
    const calls = [
      ...patchHunks(task.goldPatch).map((h) => ({
        name: "str_replace_editor",
        arguments: { command: "str_replace", path: `/testbed/${h.path}`, old_str: h.oldText, new_str: h.newText },
        observation: `The file /testbed/${h.path} has been edited. Here's the result of running \`cat -n\` on a snippet:\n`,
      })),
      {
        name: "str_replace_editor",
        arguments: { command: "create", path: "/testbed/reproduce.py", file_text: "print('reproduced')\n" },
        observation: "File created successfully at: /testbed/reproduce.py",
      },
      { name: "bash", arguments: { command: "python3 reproduce.py" }, observation: "reproduced" },
      { name: "submit", arguments: {}, observation: task.goldPatch },
    ];
    // Their recorded submission holds only the fix's first hunk: graded, it would not resolve the task.
    const firstHunk = task.goldPatch.slice(0, task.goldPatch.indexOf("\n@@", task.goldPatch.indexOf("@@") + 2) + 1);
    const source = join(dir, `${task.id}.traj`);
    await writeFile(source, JSON.stringify(sweAgentV1Trajectory({ instanceId: task.id, problem: "p", calls, submission: firstHunk })));
    const out = join(dir, "v1", "trace.jsonl");
    const io = { lines: [] as string[], out: (t: string) => io.lines.push(t), err: (t: string) => io.lines.push(t) };
    await mkdir(join(dir, "v1"));
    expect(await main(["import", source, "--format", "swe-agent", "--out", out, "--tasks", join(ROOT, "swe-tasks")], io)).toBe(0);
    io.lines.length = 0;
    // The replayed diff differs from the submission (reproduce.py): exit 1, and the JSON report says how.
    expect(await main(["replay", out, "--tasks", join(ROOT, "swe-tasks"), "--grade-replayed", "--json"], io)).toBe(1);
    const report = JSON.parse(io.lines.at(-1)!);
    expect(report).toMatchObject({ agent: "swe-agent", calls: calls.length, matched: calls.length, graded: "replayed_diff" });
    expect(report.grade.status).toBe("resolved");
    expect(report.submission.comparison.onlyReplayed).toEqual([{ path: "reproduce.py", why: expect.any(String) }]);
    expect(report.submission.comparison.same).toEqual([]);
    expect(report.submission.comparison.differing).toEqual([
      {
        path: touchedPaths(task.goldPatch)[0],
        why: expect.stringMatching(/^both change it, to different contents.*first difference at line/),
      },
    ]);
    expect(report.submission.failedCalls).toEqual([]);
  });
});
