// runTasks and gradePredictions with their work dispatched to other processes (as `--queue` does),
// without Docker: the dispatch is opened with the run's manifest before the run folder is written,
// gets every unit at once, is closed once whatever happens, and the run folder ends as a local run
// leaves it (manifest.json, the units' files, summary.json written by the function that ran the suite).
import { access, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_LIMITS, type Agent, type AgentOutcome } from "../../src/agents/agent.js";
import { LocalEnvironment } from "../../src/envs/local-environment.js";
import { prepareWorkingCopy } from "../../src/envs/working-copy.js";
import type { InstanceOutcome } from "../../src/grader/instance-outcome.js";
import type { Prediction } from "../../src/grader/predictions.js";
import { gradePredictions, type GradeDispatch } from "../../src/runner/grade-predictions.js";
import type { RunManifest } from "../../src/runner/manifest.js";
import { DEFAULT_IMAGE_SETTINGS } from "../../src/runner/run-image-setup.js";
import { runTask, type AgentEnvironmentFactory } from "../../src/runner/run-task.js";
import { runTasks, type RunDispatch } from "../../src/runner/run-tasks.js";
import type { Task } from "../../src/tasks/index.js";
import { calcTasks } from "../helpers/task-folder.js";

const root = await mkdtemp(join(tmpdir(), "swerig-run-dispatch-"));
afterAll(() => rm(root, { recursive: true, force: true }));
// Docker is never needed: images, containers and the daemon watch are the dispatch's concern.
beforeEach(() => vi.stubEnv("DOCKER_HOST", "unix:///nonexistent/swerig-run-dispatch.sock"));
afterEach(() => vi.unstubAllEnvs());

let tasks: Task[];
beforeAll(async () => {
  tasks = await calcTasks(root, ["disp-a", "disp-b", "disp-c"]);
});

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );
const readJson = async (path: string) => JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;

/** Records what the runner does with a dispatch: the manifest it was opened with, the units in flight, the closes. */
class Recorder {
  manifests: RunManifest[] = [];
  inFlight = 0;
  maxInFlight = 0;
  closed = 0;
  /** Resolves once `n` units are in flight at the same time. */
  async unit<T>(n: number, work: () => Promise<T>): Promise<T> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    await vi.waitFor(() => expect(this.maxInFlight).toBe(n), { timeout: 10_000 });
    try {
      return await work();
    } finally {
      this.inFlight--;
    }
  }
}

const resolvedOutcome = (task: Task, prediction: Prediction): InstanceOutcome => ({
  instanceId: task.id,
  model: prediction.model,
  status: "resolved",
  report: { patch_is_None: false, patch_exists: true, patch_successfully_applied: true, resolved: true },
  timings: { totalMs: 1 },
});

describe("gradePredictions with a dispatch", () => {
  const predictions: Prediction[] = ["disp-a", "disp-b", "disp-c"].map((id) => ({ instanceId: id, model: "m", patch: "p", origin: "t" }));

  it("hands every instance over at once, writes the run folder as a local run does, and closes the dispatch", async () => {
    const runDir = join(root, "grade");
    const seen = new Recorder();
    const dispatch = async (manifest: RunManifest): Promise<GradeDispatch> => {
      seen.manifests.push(manifest);
      expect(await exists(runDir)).toBe(false);
      return {
        gradeOne: (task, prediction) => seen.unit(3, async () => resolvedOutcome(task, prediction)),
        close: async () => void seen.closed++,
      };
    };
    const common = { runId: "g1", runDir, tasks, allTasks: tasks, predictions, predictionsSource: "gold", images: DEFAULT_IMAGE_SETTINGS };
    const result = await gradePredictions({ ...common, dispatch });
    expect(seen.maxInFlight).toBe(3);
    expect(seen.closed).toBe(1);
    expect(result).toMatchObject({ graded: 3, cancelled: false, summaryPath: join(runDir, "summary.json") });
    expect(result.summary.resolved_ids).toEqual(["disp-a", "disp-b", "disp-c"]);
    expect(await readJson(join(runDir, "manifest.json"))).toEqual(seen.manifests[0]);
    expect(await readJson(join(runDir, "summary.json"))).toMatchObject({ resolved_instances: 3, total_instances: 3 });
    expect(await readJson(join(runDir, "disp-b", "report.json"))).toMatchObject({ "disp-b": { resolved: true } });
  });

  it("leaves no run folder when the dispatch cannot be opened, and closes one opened when the suite throws", async () => {
    const runDir = join(root, "grade-broken");
    const common = { runId: "g2", runDir, tasks, allTasks: tasks, predictions, predictionsSource: "gold", images: DEFAULT_IMAGE_SETTINGS };
    const unreachable = () => Promise.reject(new Error("the queue does not answer"));
    await expect(gradePredictions({ ...common, dispatch: unreachable })).rejects.toThrow("the queue does not answer");
    expect(await exists(runDir)).toBe(false);
    let closed = 0;
    const breaking = async (): Promise<GradeDispatch> => ({
      gradeOne: async (task, prediction) => resolvedOutcome(task, prediction),
      close: async () => void closed++,
    });
    const onProgress = () => {
      throw new Error("the progress printer broke");
    };
    await expect(gradePredictions({ ...common, dispatch: breaking, onProgress })).rejects.toThrow("the progress printer broke");
    expect(closed).toBe(1);
  });
});

/** Working copies on the host, as a worker's own environments would be. */
const localEnvironments: AgentEnvironmentFactory = {
  async create(task: Task, dir: string) {
    const workspace = await prepareWorkingCopy(task, dir);
    return { env: new LocalEnvironment(workspace.root), workspace, image: "local", imageDigest: null };
  },
};

/** Submits without changing anything: an empty patch, which needs no grading container. */
class SubmittingAgent implements Agent {
  readonly name = "submitting";
  readonly model = null;
  readonly settings = { style: "idle" };
  async run(): Promise<AgentOutcome> {
    return { reason: "submitted", detail: null, steps: 0, usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 } };
  }
}

describe("runTasks with a dispatch", () => {
  it("hands every task run over at once, adds the runs up into summary.json, and closes the dispatch", async () => {
    const runDir = join(root, "run");
    const seen = new Recorder();
    const dispatch = async (manifest: RunManifest): Promise<RunDispatch> => {
      seen.manifests.push(manifest);
      return {
        runTask: (task, options) => seen.unit(6, () => runTask(task, { ...options, agentEnvironments: localEnvironments })),
        close: async () => void seen.closed++,
      };
    };
    const result = await runTasks({
      ...{ runId: "r1", runDir, tasks, allTasks: tasks, samples: 2, limits: DEFAULT_LIMITS, images: DEFAULT_IMAGE_SETTINGS },
      makeAgent: () => new SubmittingAgent(),
      manifestSettings: { plan_sha256: "abc" },
      dispatch,
    });
    expect(seen.maxInFlight).toBe(6);
    expect(seen.closed).toBe(1);
    expect(seen.manifests[0]?.agent).toMatchObject({ name: "submitting", samples: 2, settings: { style: "idle", plan_sha256: "abc" } });
    expect(await readJson(join(runDir, "manifest.json"))).toEqual(seen.manifests[0]);
    expect(result.summaryPath).toBe(join(runDir, "summary.json"));
    expect(result.summary.runs.map((r) => `${r.taskId} #${r.sample} ${r.status}`)).toEqual([
      "disp-a #0 empty_patch",
      "disp-a #1 empty_patch",
      "disp-b #0 empty_patch",
      "disp-b #1 empty_patch",
      "disp-c #0 empty_patch",
      "disp-c #1 empty_patch",
    ]);
    expect(await readJson(join(runDir, "summary.json"))).toEqual(JSON.parse(JSON.stringify(result.summary)));
    expect(await exists(join(runDir, "disp-c", "sample-1", "result.json"))).toBe(true);
  });
});
