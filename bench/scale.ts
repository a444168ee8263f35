// Scale: the same tasks graded (gold) with 1, 2 and 4 local workers, then through the queue with
// `swerig worker` processes (a private redis-server, one job at a time per worker). Throughput,
// per-instance overhead (grading time outside the tests: container, apply, parse, teardown), and the
// queue's own overhead per job: enqueue → worker start (waiting for a busy worker left out) and
// result → written into the run folder. Each pass is timed in this process, against the 1-worker pass.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { InstanceOutcome } from "../src/grader/instance-outcome.js";
import { type JobTiming, QueueCoordinator } from "../src/queue/coordinator.js";
import { parseQueueUrl } from "../src/queue/connection.js";
import { remoteGradeOne } from "../src/queue/remote-units.js";
import { table } from "../src/report/render-table.js";
import { dockerGradingEnvironments } from "../src/runner/docker-grading.js";
import { gradeSuite } from "../src/runner/grade-suite.js";
import { loadTasks, selectInstances, type Task } from "../src/tasks/index.js";
import { startRedis } from "../test/helpers/redis-server.js";
import { median, percentile } from "./stats.js";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const DEFAULT_IDS = ["pyledger-show-zero", "py-kvconf-zero-padded-ints", "ts-tickr-timeout-duration", "ts-ledgerline-csv-quoting"];

const START_LOAD = loadavg()[0]!;

interface Pass {
  name: string;
  wallMs: number;
  outcomes: InstanceOutcome[];
  queue?: JobTiming[];
}

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      tasks: { type: "string", default: join(ROOT, "swe-tasks") },
      instances: { type: "string", default: DEFAULT_IDS.join(",") },
      "queue-workers": { type: "string", default: "2" },
    },
  });
  const source = values.tasks!;
  const { tasks } = selectInstances(await loadTasks(source), source, values.instances!.split(","));
  const dir = await mkdtemp(join(tmpdir(), "swerig-bench-scale-"));
  const passes: Pass[] = [];
  try {
    for (const workers of [1, 2, 4]) passes.push(await localPass(tasks, workers, dir));
    passes.push(await queuePass(tasks, Number(values["queue-workers"]), source, dir));
    // The machine's load drifts: the 2-worker pass again shows how much, beside the queue's figures.
    passes.push({ ...(await localPass(tasks, 2, dir, "again")), name: "local, 2 workers, again" });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  process.stdout.write(render(passes, tasks.length));
  process.stdout.write(`load average (1 min) at the end: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores\n`);
}

async function localPass(tasks: Task[], workers: number, dir: string, suffix = ""): Promise<Pass> {
  const runId = `scale-local-${workers}${suffix}`;
  const createEnvironment = await dockerGradingEnvironments(runId);
  const started = performance.now();
  const { outcomes } = await gradeSuite({ runId, runDir: join(dir, runId), tasks, predictions: gold(tasks), createEnvironment, workers });
  return { name: `local, ${workers} worker${workers > 1 ? "s" : ""}`, wallMs: performance.now() - started, outcomes };
}

async function queuePass(tasks: Task[], workers: number, source: string, dir: string): Promise<Pass> {
  const redis = await startRedis();
  const children: ChildProcess[] = [];
  try {
    for (let i = 0; i < workers; i++) children.push(await startWorker(redis.url));
    const coordinator = await QueueCoordinator.open(parseQueueUrl(redis.url));
    const runId = "scale-queue";
    const runDir = join(dir, runId);
    const started = performance.now();
    const { outcomes } = await gradeSuite({
      ...{ runId, runDir, tasks, predictions: gold(tasks), workers: tasks.length },
      createEnvironment: () => Promise.reject(new Error("the queue's workers grade")),
      gradeOne: remoteGradeOne({ coordinator, runId, config: "bench", source, runDir, semantics: "v5", timeoutSec: null }),
    }).finally(() => coordinator.close());
    const wallMs = performance.now() - started;
    return { name: `queue, ${workers} worker processes`, wallMs, outcomes, queue: coordinator.timings };
  } finally {
    for (const c of children) c.kill("SIGTERM");
    await redis.stop();
  }
}

/** A `swerig worker` process, one job at a time; resolves once it takes jobs. */
function startWorker(url: string): Promise<ChildProcess> {
  const child = spawn(join(ROOT, "bin", "swerig"), ["worker", "--queue", url, "--workers", "1"], { stdio: ["ignore", "ignore", "pipe"] });
  return new Promise((resolve, reject) => {
    let text = "";
    child.stderr.on("data", (d: Buffer) => {
      text += d.toString();
      if (text.includes("taking jobs")) resolve(child);
    });
    child.on("exit", (code) => reject(new Error(`swerig worker exited ${code}: ${text}`)));
  });
}

function gold(tasks: Task[]) {
  return tasks.map((t) => ({ instanceId: t.id, model: "gold", patch: t.goldPatch, origin: "gold" }));
}

/** Enqueue → start, without the wait for a busy worker: from the later of enqueue and the worker's previous finish. */
function pickupMs(timings: JobTiming[]): number[] {
  const lastFinish = new Map<string, number>();
  return [...timings]
    .sort((a, b) => a.startedAt - b.startedAt)
    .map((t) => {
      const free = Math.max(t.enqueuedAt, lastFinish.get(t.workerId) ?? 0);
      lastFinish.set(t.workerId, t.finishedAt);
      return t.startedAt - free;
    });
}

function render(passes: Pass[], n: number): string {
  const base = passes[0]!.wallMs;
  const rows = passes.map((p) => {
    const overhead = p.outcomes.map((o) => o.timings.totalMs - (o.timings.testsMs ?? 0));
    const resolved = p.outcomes.filter((o) => o.status === "resolved").length;
    return [
      p.name,
      `${resolved}/${n}`,
      (p.wallMs / 1000).toFixed(1),
      ((n * 60_000) / p.wallMs).toFixed(2),
      `${(base / p.wallMs).toFixed(2)}x`,
      (median(p.outcomes.map((o) => o.timings.totalMs)) / 1000).toFixed(1),
      (median(overhead) / 1000).toFixed(2),
      (median(p.outcomes.map((o) => o.timings.testsMs ?? 0)) / 1000).toFixed(1),
      (median(p.outcomes.map((o) => o.timings.containerMs ?? 0)) / 1000).toFixed(2),
    ];
  });
  const q = passes.find((p) => p.queue)?.queue ?? [];
  const pickup = pickupMs(q);
  const back = q.map((t) => t.writtenAt - t.finishedAt);
  const both = q.map((_, i) => (pickup[i] ?? 0) + (back[i] ?? 0));
  const ms = (xs: number[]) => [median(xs).toFixed(0), percentile(xs, 100).toFixed(0)];
  return (
    `scale: ${n} tasks graded with the gold patch; ` +
    `load average (1 min) at the start ${START_LOAD.toFixed(1)} on ${cpus().length} cores\n\n` +
    table(
      ["pass", "resolved", "wall s", "instances/min", "speed-up vs 1", "median instance s", "overhead s", "tests s", "container s"],
      rows,
    ) +
    `\n\nthe queue's own overhead per job (ms; ${q.length} jobs)\n\n` +
    table(
      ["part", "median", "max"],
      [
        ["enqueue -> worker start (free worker)", ...ms(pickup)],
        ["result -> written in the run folder", ...ms(back)],
        ["both (goal < 50 ms)", ...ms(both)],
      ],
    ) +
    "\n"
  );
}
