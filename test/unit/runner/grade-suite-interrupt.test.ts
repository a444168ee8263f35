// gradeSuite when interrupted (first Ctrl-C: nothing new starts; second: instances in flight are
// stopped and their environments disposed) and after a narrower re-run: no instance ends as an error
// for the interrupt's sake, and the summary covers every instance of the run folder.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SwerigError } from "../../../src/core/errors.js";
import type { Environment, ExecResult } from "../../../src/envs/environment.js";
import type { Prediction } from "../../../src/grader/predictions.js";
import { gradeSuite } from "../../../src/runner/grade-suite.js";
import type { Task } from "../../../src/tasks/index.js";
import { makeTask } from "../../helpers/task.js";

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function runDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "swerig-grade-suite-"));
  dirs.push(dir);
  return join(dir, "r1");
}

const EVAL = "#!/bin/bash\n: '>>>>> Start Test Output'\npytest -rA\n: '>>>>> End Test Output'\n";
const DIFF = "diff --git a/x.py b/x.py\n--- a/x.py\n+++ b/x.py\n@@ -1 +1 @@\n-a\n+b\n";
const tasks: Task[] = ["a-1", "b-2", "c-3"].map((id) => makeTask({ id, evalScript: EVAL }));
const predict = (id: string, patch: string | null): Prediction => ({ instanceId: id, model: "m", patch, origin: "test" });
const noEnvironment = (): Promise<Environment> => Promise.reject(new Error("no environment expected"));
const readJson = async (path: string) => JSON.parse(await readFile(path, "utf8")) as Record<string, unknown>;

/** An environment whose commands never finish: they reject only when it is disposed, as a container's do. */
class HangingEnvironment implements Environment {
  readonly kind = "fake";
  readonly isolated = true;
  readonly workdir = "/testbed";
  disposed = false;
  private readonly waiting: ((error: Error) => void)[] = [];
  exec(): Promise<ExecResult> {
    if (this.disposed) return Promise.reject(new SwerigError("env_disposed", "disposed"));
    return new Promise((_, reject) => this.waiting.push(reject));
  }
  async putFile(): Promise<void> {}
  async dispose(): Promise<void> {
    this.disposed = true;
    for (const reject of this.waiting.splice(0)) reject(new SwerigError("env_disposed", "disposed"));
  }
}

describe("gradeSuite interrupted", () => {
  it("marks every instance not started not_run (never error), writes their status and resumes them later", async () => {
    const dir = await runDir();
    const stop = new AbortController();
    stop.abort();
    const predictions = tasks.map((t) => predict(t.id, "not a diff"));
    const first = await gradeSuite({ runId: "r1", runDir: dir, tasks, predictions, createEnvironment: noEnvironment, signal: stop.signal });
    expect(first.cancelled).toBe(true);
    expect(first.outcomes.map((o) => o.status)).toEqual(["not_run", "not_run", "not_run"]);
    expect(first.summary.error_ids).toEqual([]);
    expect(first.summary.incomplete_ids).toEqual(["a-1", "b-2", "c-3"]);
    expect(first.summary.swerig).toMatchObject({ complete: false, not_run_ids: ["a-1", "b-2", "c-3"], statuses: { not_run: 3 } });
    const status = await readJson(join(dir, "b-2", "status.json"));
    expect(status).toMatchObject({ status: "not_run", reason: expect.stringContaining("the same command resumes") });

    const again = await gradeSuite({ runId: "r1", runDir: dir, tasks, predictions, createEnvironment: noEnvironment });
    expect(again.cancelled).toBe(false);
    expect(again.outcomes.map((o) => o.status)).toEqual(["invalid_patch", "invalid_patch", "invalid_patch"]);
    expect(again.summary.swerig).toMatchObject({ complete: true, not_run_ids: [] });
    expect(again.summary.error_ids).toEqual(["a-1", "b-2", "c-3"]);
  });

  it("on abort disposes the environments in flight and counts their instances not_run, not error", async () => {
    const dir = await runDir();
    const stop = new AbortController();
    const abort = new AbortController();
    const made: HangingEnvironment[] = [];
    const createEnvironment = async (): Promise<Environment> => {
      const env = new HangingEnvironment();
      made.push(env);
      if (made.length === 2) {
        setTimeout(() => {
          stop.abort();
          abort.abort();
        }, 20);
      }
      return env;
    };
    const predictions = tasks.map((t) => predict(t.id, DIFF));
    const interrupts = { signal: stop.signal, abort: abort.signal };
    const result = await gradeSuite({ runId: "r1", runDir: dir, tasks, predictions, createEnvironment, workers: 2, ...interrupts });
    expect(made).toHaveLength(2);
    expect(made.every((e) => e.disposed)).toBe(true);
    expect(result.cancelled).toBe(true);
    expect(result.outcomes.map((o) => `${o.instanceId} ${o.status}`).sort()).toEqual(["a-1 not_run", "b-2 not_run", "c-3 not_run"]);
    expect(result.summary.error_instances).toBe(0);
    expect(result.summary.swerig.not_run_ids).toEqual(["a-1", "b-2", "c-3"]);
  });
});

describe("gradeSuite with --force interrupted", () => {
  it("keeps the earlier verdict of an instance it did not reach, report.json included", async () => {
    const dir = await runDir();
    const predictions = tasks.map((t) => predict(t.id, ""));
    const stop = new AbortController();
    stop.abort();
    const options = { runId: "r1", runDir: dir, tasks, predictions, createEnvironment: noEnvironment };
    await gradeSuite(options);
    const forced = await gradeSuite({ ...options, force: true, signal: stop.signal });
    expect(forced.outcomes.map((o) => o.status)).toEqual(["empty_patch", "empty_patch", "empty_patch"]);
    expect(forced.summary.swerig.complete).toBe(true);
    expect(await readJson(join(dir, "a-1", "report.json"))).toHaveProperty("a-1");
  });
});

describe("gradeSuite after a narrower re-run", () => {
  it("writes a summary over every instance of the run folder, with the saved outcomes of the others", async () => {
    const dir = await runDir();
    const all = [predict("a-1", "not a diff"), predict("b-2", ""), predict("c-3", "not a diff")];
    const run = { tasks, predictions: all };
    const common = { runId: "r1", runDir: dir, createEnvironment: noEnvironment, run };
    await gradeSuite({ ...common, tasks: tasks.slice(0, 2), predictions: all.slice(0, 2) });
    const narrow = await gradeSuite({ ...common, tasks: [tasks[1]!], predictions: [all[1]!] });
    const s = narrow.summary;
    expect(s.total_instances).toBe(2);
    expect(s.submitted_ids).toEqual(["a-1", "b-2"]);
    expect(s.empty_patch_ids).toEqual(["b-2"]);
    expect(s.error_ids).toEqual(["a-1"]);
    expect(s.swerig.errors).toEqual([{ instance_id: "a-1", status: "invalid_patch", reason: expect.stringContaining("a-1: ") }]);
    const third = await gradeSuite({ ...common, tasks: [tasks[2]!], predictions: [all[2]!] });
    expect(third.summary.submitted_ids).toEqual(["a-1", "b-2", "c-3"]);
    expect(third.summary.error_ids).toEqual(["a-1", "c-3"]);
  });
});
