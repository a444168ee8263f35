// Round trip of tool calls through the recorded tool API on a running task container (read_file,
// search, edit_file on the host working copy; shell through the container's persistent session),
// against one `docker exec` per call (the CLI a harness would shell out to, and the Engine API
// through dockerode) in the same run. p50 and p99 over the calls.
import { spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { DockerEnvironment } from "../src/envs/docker-environment.js";
import { table } from "../src/report/render-table.js";
import { dockerAgentEnvironments } from "../src/runner/docker-agent-env.js";
import { loadTasks } from "../src/tasks/index.js";
import { EditHistory } from "../src/tools/edit-history.js";
import { BUILTIN_TOOLS } from "../src/tools/registry.js";
import { RecordingToolBox } from "../src/tools/toolbox.js";
import { TraceRecorder } from "../src/trace/recorder.js";
import { median, percentile } from "./stats.js";

async function time(n: number, fn: (i: number) => Promise<unknown> | unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { calls: { type: "string", default: "300" }, tasks: { type: "string", default: "swe-tasks" } },
  });
  const n = Number(values.calls);
  const { tasks } = await loadTasks(values.tasks!);
  const task = tasks.find((t) => t.language === "python") ?? tasks[0]!;
  const dir = await mkdtemp(join(tmpdir(), "swerig-bench-"));
  const { env, workspace } = await dockerAgentEnvironments("bench-tool-latency").create(task, join(dir, "repo"));
  try {
    const trace = new TraceRecorder(undefined, { runId: "bench", taskId: task.id, sample: 0 });
    const tools = new RecordingToolBox(
      BUILTIN_TOOLS,
      {
        env,
        workspace,
        edits: new EditHistory(),
        task: { id: task.id, language: task.language, testCommand: task.testCommand, parseTestOutput: () => new Map() },
      },
      trace,
    );
    await workspace.diff(); // warm git's index before timing
    const file = "README.md";
    let k = 0;
    const call = (name: string, args: unknown) => tools.call({ id: `b${++k}`, name, arguments: args }, k);
    for (let i = 0; i < 20; i++) await call("shell", { command: "echo warm" });
    const rows: [string, number[]][] = [
      ["read_file (40 lines)", await time(n, () => call("read_file", { path: file, start_line: 1, end_line: 40 }))],
      ["search (regex, whole repo)", await time(n, () => call("search", { pattern: "def \\w+\\(" }))],
      [
        "edit_file (replace + undo)",
        await time(n, (i) =>
          call("edit_file", i % 2 === 0 ? { path: file, command: "insert", line: 0, new_text: "x" } : { path: file, command: "undo" }),
        ),
      ],
      ["shell `echo hi` (persistent session)", await time(n, () => call("shell", { command: "echo hi" }))],
    ];
    const id = (env as DockerEnvironment).container.id;
    const execCli = await time(Math.min(n, 100), () => spawnSync("docker", ["exec", id, "echo", "hi"], { stdio: "ignore" }));
    const execApi = await time(Math.min(n, 100), async () => {
      const exec = await (env as DockerEnvironment).container.exec({ Cmd: ["echo", "hi"], AttachStdout: true, AttachStderr: true });
      const stream = await exec.start({});
      await new Promise((done) => {
        stream.on("end", done);
        stream.resume();
      });
      await exec.inspect();
    });
    rows.push(["docker exec CLI `echo hi` (baseline)", execCli], ["docker exec API `echo hi` (baseline)", execApi]);
    const fmt = (x: number) => (x < 1 ? x.toFixed(3) : x.toFixed(2));
    process.stdout.write(`tool round trip on ${task.id}, ${n} calls each (ms)\n\n`);
    process.stdout.write(
      `${table(
        ["call", "p50", "p99", "calls"],
        rows.map(([name, xs]) => [name, fmt(median(xs)), fmt(percentile(xs, 99)), String(xs.length)]),
      )}\n\n`,
    );
    const shell = median(rows[3]![1]);
    process.stdout.write(`docker exec API vs shell: ${(median(execApi) / shell).toFixed(0)}x\n`);
    process.stdout.write(`speedup shell vs docker exec: ${(median(execCli) / shell).toFixed(0)}x\n`);
  } finally {
    await env.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}
