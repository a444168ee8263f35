// A trajectory recorded by another tool, converted with `swerig import` and replayed on our own
// environment: its shell actions re-run as our tool calls, and the result is graded.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { dockerAgentEnvironments } from "../../src/runner/docker-agent-env.js";
import { dockerGradingEnvironments } from "../../src/runner/docker-grading.js";
import { replayTrace } from "../../src/runner/replay.js";
import { loadSweTasksDir } from "../../src/tasks/index.js";
import { dockerAvailable } from "../helpers/docker.js";

const ROOT = new URL("../../", import.meta.url).pathname;
const { tasks } = await loadSweTasksDir(join(ROOT, "swe-tasks"));
const task = tasks.find((t) => t.id === "pyledger-show-zero") ?? tasks.find((t) => t.language === "python")!;
const dir = await mkdtemp(join(tmpdir(), "swerig-import-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A mini-swe-agent 1.1 trajectory with the real sample's envelope and our own three actions. */
async function trajectory(): Promise<unknown> {
  const sample = JSON.parse(
    await readFile(join(ROOT, "test/fixtures/trajectories/mini-swe-agent__deepseek-chat/sqlfluff__sqlfluff-2419.traj.json"), "utf8"),
  ) as Record<string, unknown> & { info: Record<string, unknown> };
  const commands = [
    "git status --short | wc -l",
    `cat > /tmp/fix.patch <<'EOF'\n${task.goldPatch}EOF\ngit apply /tmp/fix.patch && git diff --stat`,
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
    const report = await replayTrace(out, {
      tasks: new Map(tasks.map((t) => [t.id, t])),
      grade: true,
      agentEnvironments: dockerAgentEnvironments("test-import"),
      createGradingEnvironment: await dockerGradingEnvironments("test-import"),
    });
    expect(report).toMatchObject({ agent: "mini-swe-agent", compared: false, calls: 3, matched: 3 });
    expect(report.grade?.status).toBe("resolved");
  });
});
