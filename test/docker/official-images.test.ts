// Official images end to end through a registry of our own on 127.0.0.1: pulls with progress, a
// transient fault retried, a permanent one an `error` for its instance while the others are graded,
// --pull never, --image-cache removing what the run pulled, --max-image-disk evicting the least
// recently used pulled image, and `images list` / `images prune`. Foreign images are never touched.
import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { getDocker } from "../../src/envs/docker-client.js";
import {
  imageForTask,
  imageSize,
  ImageStateFile,
  RunImages,
  type RunImagesEvent,
  type RunImagesOptions,
} from "../../src/envs/images/index.js";
import type { Prediction } from "../../src/grader/predictions.js";
import { DEFAULT_CREATE_RETRY } from "../../src/runner/create-with-retry.js";
import { dockerGradingEnvironments } from "../../src/runner/docker-grading.js";
import { gradeSuite } from "../../src/runner/grade-suite.js";
import { loadSweTasksDir, type Task } from "../../src/tasks/index.js";
import { dockerAvailable } from "../helpers/docker.js";
import { LocalRegistry, serveRandomImage, type RegistryFaults } from "../helpers/local-registry.js";
import { makeTask } from "../helpers/task.js";

const nonce = randomUUID().slice(0, 8);
const created: string[] = [];
const dirs: string[] = [];
let registry: LocalRegistry;
let cacheDir: string;
let state: ImageStateFile;
const previousCacheDir = process.env["SWERIG_CACHE_DIR"];
const TINY_BYTES = 3 * 1024 * 1024;

async function serveTiny(name: string, faults: RegistryFaults = {}): Promise<string> {
  const served = await serveRandomImage(registry, `swerig-test/${name}`, nonce, TINY_BYTES, faults);
  created.push(served);
  return served;
}

async function pyledger(): Promise<Task> {
  const { tasks } = await loadSweTasksDir(new URL("../../swe-tasks/", import.meta.url).pathname);
  return tasks.find((t) => t.id === "pyledger-show-zero")!;
}

/** A one-row SWE-bench dataset of the pyledger task whose image is `image`. */
async function datasetFor(image: string): Promise<string> {
  const py = await pyledger();
  const row = {
    instance_id: "acme__pyledger-1",
    repo: py.repo,
    base_commit: py.baseCommit,
    patch: py.goldPatch,
    test_patch: py.testPatch,
    problem_statement: py.problemStatement,
    FAIL_TO_PASS: py.failToPass,
    PASS_TO_PASS: py.passToPass,
    image,
    eval_script: py.evalScript,
    log_parser: py.logParser,
  };
  const file = join(cacheDir, `dataset-${randomUUID().slice(0, 8)}.jsonl`);
  await writeFile(file, `${JSON.stringify(row)}\n`);
  return file;
}

const officialTask = (id: string, image: string): Task => makeTask({ id, image: { kind: "swebench", name: image } });
const present = async (tag: string) => (await imageSize(getDocker(), tag)) !== undefined;

async function openRun(uses: Task[], options: Partial<RunImagesOptions>, events: RunImagesEvent[] = []): Promise<RunImages> {
  return RunImages.open(uses, {
    runId: `test-${nonce}`,
    pull: "missing",
    cache: "all",
    state,
    pullOptions: { backoffMs: 100, progressIntervalMs: 250 },
    onEvent: (e) => events.push(e),
    ...options,
  });
}

describe.runIf(dockerAvailable)("official images through a local registry", () => {
  beforeAll(async () => {
    registry = await LocalRegistry.start();
    cacheDir = await mkdtemp(join(tmpdir(), "swerig-cache-"));
    dirs.push(cacheDir);
    process.env["SWERIG_CACHE_DIR"] = cacheDir;
  });

  beforeEach(() => {
    state = new ImageStateFile(join(cacheDir, `state-${randomUUID().slice(0, 8)}.json`));
  });

  afterAll(async () => {
    for (const tag of created)
      await getDocker()
        .getImage(tag)
        .remove({ force: true })
        .catch(() => undefined);
    await registry?.close();
    if (previousCacheDir === undefined) delete process.env["SWERIG_CACHE_DIR"];
    else process.env["SWERIG_CACHE_DIR"] = previousCacheDir;
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it("pulls a missing image with progress, records it, and --image-cache env removes it after its last use", async () => {
    const image = await serveTiny("slow", { blobBytesPerSec: 2 * 1024 * 1024 });
    const task = officialTask("slow-1", image);
    const events: RunImagesEvent[] = [];
    const images = await openRun([task, task], { cache: "env" }, events);
    expect(images.counts).toEqual({ ready: 0, total: 1, instancesReady: 0, instances: 2 });
    expect(await images.acquire(task)).toBe(image);
    const progress = events.filter((e) => e.type === "pull-progress");
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.length).toBeLessThan(20);
    expect(progress.some((p) => p.doneBytes > 0 && p.doneBytes < p.totalBytes)).toBe(true);
    expect(progress.at(-1)).toMatchObject({ doneBytes: progress.at(-1)!.totalBytes });
    expect(progress.at(-1)!.totalBytes).toBeGreaterThanOrEqual(TINY_BYTES);
    expect(events.find((e) => e.type === "pull-done")).toMatchObject({ image, ready: 1, total: 1, instancesReady: 2, instances: 2 });
    expect((await state.read()).images[image]).toMatchObject({ origin: "pulled", runId: `test-${nonce}` });
    await images.release(task);
    expect(await present(image)).toBe(true);
    await images.release(task);
    expect(await present(image)).toBe(false);
    expect((await state.read()).images[image]).toBeUndefined();
    expect(events.at(-1)).toEqual({ type: "removed", image, why: "image-cache" });
  }, 120_000);

  // The daemon answers a failed HEAD with a GET and resumes a dropped layer itself (a Range request);
  // a manifest that fails both ways fails the daemon's pull, and swerig's retry gets it.
  it("retries a transient registry fault and a dropped connection, and gets the image", async () => {
    const image = await serveTiny("flaky", { manifestErrors: 2, dropBlobs: 1 });
    const task = officialTask("flaky-1", image);
    const events: RunImagesEvent[] = [];
    const images = await openRun([task], {}, events);
    expect(await images.acquire(task)).toBe(image);
    expect(events.find((e) => e.type === "pull-retry")).toMatchObject({ image, attempt: 1, reason: expect.stringContaining("500") });
    const manifests = registry.requests.filter((r) => r.path.includes("/swerig-test/flaky/manifests/")).map((r) => r.status);
    expect(manifests.slice(0, 3)).toEqual([500, 500, 200]);
    const blobs = registry.requests.filter((r) => r.path.includes("/swerig-test/flaky/blobs/"));
    expect(blobs.length).toBeGreaterThanOrEqual(3);
    expect(await present(image)).toBe(true);
  }, 120_000);

  it("--pull never refuses an absent image, naming it and the policy, without asking the registry", async () => {
    const image = await serveTiny("never");
    const before = registry.requests.length;
    const images = await openRun([officialTask("never-1", image)], { pull: "never" });
    const refusal = `image ${image} is not present and --pull never forbids pulling it`;
    await expect(images.acquire(officialTask("never-1", image))).rejects.toThrow(refusal);
    expect(registry.requests.length).toBe(before);
  }, 60_000);

  it("--max-image-disk evicts the least recently used image swerig pulled, never one it did not", async () => {
    const [a, b] = [await serveTiny("lru-a"), await serveTiny("lru-b")];
    const foreign = `swerig-test/foreign:${nonce}`;
    await getDocker()
      .getImage("swerig/base:1ed088e8fbb8")
      .tag({ repo: "swerig-test/foreign", tag: nonce })
      .catch(async () => {
        const base = (await getDocker().listImages()).find((i) => i.RepoTags?.some((t) => t.startsWith("swerig/base:")))!;
        await getDocker().getImage(base.Id).tag({ repo: "swerig-test/foreign", tag: nonce });
      });
    created.push(foreign);
    const [ta, tb] = [officialTask("lru-a", a), officialTask("lru-b", b)];
    const events: RunImagesEvent[] = [];
    const images = await openRun([ta, tb], { maxDiskBytes: Math.round(TINY_BYTES * 1.5) }, events);
    await images.acquire(ta);
    await images.release(ta);
    await images.acquire(tb);
    expect(events.filter((e) => e.type === "removed")).toEqual([{ type: "removed", image: a, why: "max-image-disk" }]);
    expect([await present(a), await present(b), await present(foreign)]).toEqual([false, true, true]);
  }, 120_000);

  it("grades the instances whose images it pulls and reports the one whose pull keeps failing as an error with the cause", async () => {
    const py = await pyledger();
    const good = await registry.add(imageForTask(py), "swerig-test/pyledger", nonce);
    created.push(good);
    const broken = await registry.add(imageForTask(py), "swerig-test/pyledger-broken", nonce, { manifestErrors: Infinity });
    const okTask: Task = { ...py, image: { kind: "swebench", name: good } };
    const badTask: Task = { ...py, id: "pyledger-unreachable", image: { kind: "swebench", name: broken } };
    const runId = `pull-${nonce}`;
    const images = await openRun([okTask, badTask], { cache: "env", runId, pullOptions: { attempts: 2, backoffMs: 50 } });
    const gold = (t: Task): Prediction => ({ instanceId: t.id, model: "gold", patch: t.goldPatch, origin: "gold" });
    const predictions = [okTask, badTask].map(gold);
    const runDir = join(cacheDir, "runs", runId);
    const releases: Promise<void>[] = [];
    const result = await gradeSuite({
      runId,
      runDir,
      tasks: [okTask, badTask],
      predictions,
      workers: 2,
      createEnvironment: await dockerGradingEnvironments(runId, DEFAULT_CREATE_RETRY, { images }),
      onProgress: (e) => void (e.type === "finished" && releases.push(images.release(e.instanceId === badTask.id ? badTask : okTask))),
    });
    await Promise.all(releases);
    await images.finish();
    const byId = new Map(result.outcomes.map((o) => [o.instanceId, o]));
    expect(byId.get(okTask.id)?.status).toBe("resolved");
    const cause = `pulling ${broken} failed after 2 tries`;
    expect(byId.get(badTask.id)).toMatchObject({ status: "error", reason: expect.stringContaining(cause) });
    expect(byId.get(badTask.id)?.reason).toContain("500");
    expect(await present(good)).toBe(false);
    expect(await present(imageForTask(py))).toBe(true);
  }, 300_000);

  it("--image-cache none also removes an image an earlier run pulled, which env keeps", async () => {
    const image = await serveTiny("earlier");
    const task = officialTask("earlier-1", image);
    const first = await openRun([task], { cache: "all" });
    await first.acquire(task);
    await first.release(task);
    const env = await openRun([task], { cache: "env" });
    await env.acquire(task);
    await env.release(task);
    expect(await present(image)).toBe(true);
    const none = await openRun([task], { cache: "none" });
    expect(none.counts).toMatchObject({ ready: 1, total: 1 });
    await none.acquire(task);
    await none.release(task);
    expect(await present(image)).toBe(false);
  }, 120_000);

  it("swerig grade pulls a dataset's image with progress, prints the workers line, grades, and applies --image-cache none", async () => {
    const image = await registry.add(imageForTask(await pyledger()), "swerig-test/pyledger-cli", nonce);
    created.push(image);
    const dataset = await datasetFor(image);
    const err: string[] = [];
    const out: string[] = [];
    const traces = ["--traces-dir", join(cacheDir, "traces")];
    const grade = (runId: string, ...more: string[]) =>
      main(["grade", "--tasks", dataset, "--predictions", "gold", "--run-id", runId, ...traces, "--json", ...more], {
        out: (t) => out.push(t),
        err: (t) => err.push(t),
      });
    expect(await grade(`cli-${nonce}`, "--image-cache", "none")).toBe(0);
    expect(err[0]).toMatch(/^workers: \d+ \(auto: \d+ cores, \d+ GiB free, 4 GiB per container\)$/);
    expect(err).toContain(`pull     ${image} ...`);
    expect(err.some((l) => l.startsWith(`pulled   ${image} in `) && l.endsWith("| images ready: 1/1 instances, 1/1 images"))).toBe(true);
    expect(err).toContain(`removed  ${image} (--image-cache: its last use in this run)`);
    expect(JSON.parse(out.pop()!)).toMatchObject({ resolved_ids: ["acme__pyledger-1"] });
    expect(await present(image)).toBe(false);
    expect(await grade(`cli-never-${nonce}`, "--pull", "never", "--workers", "1")).toBe(0);
    expect(err).toContain("workers: 1");
    expect(JSON.parse(out.pop()!)).toMatchObject({ error_ids: ["acme__pyledger-1"] });
    const status = JSON.parse(await readFile(join(cacheDir, "traces", `cli-never-${nonce}`, "acme__pyledger-1", "status.json"), "utf8"));
    const refusal = `image ${image} is not present and --pull never forbids`;
    expect(status).toMatchObject({ status: "error", reason: expect.stringContaining(refusal) });
  }, 300_000);

  it("swerig run pulls once for all samples and removes the image only after the last sample (--image-cache none)", async () => {
    const image = await registry.add(imageForTask(await pyledger()), "swerig-test/pyledger-run", nonce);
    created.push(image);
    const err: string[] = [];
    const removedAt: number[] = [];
    const io = {
      out: () => undefined,
      err: (t: string) => {
        err.push(t);
        if (t.startsWith("removed")) removedAt.push(err.length);
      },
    };
    const dataset = await datasetFor(image);
    const args = ["run", "--agent", "gold", "--tasks", dataset, "--samples", "2", "--workers", "1", "--image-cache", "none"];
    expect(await main([...args, "--run-id", `run-${nonce}`, "--traces-dir", join(cacheDir, "traces")], io)).toBe(0);
    expect(err.filter((l) => l.startsWith(`pull     ${image} ...`))).toHaveLength(1);
    const samplesDone = err.flatMap((l, i) => (/^\[\d\/2\] resolved/.test(l) ? [i + 1] : []));
    expect(samplesDone).toHaveLength(2);
    expect(removedAt).toHaveLength(1);
    expect(removedAt[0]).toBeGreaterThan(samplesDone[1]!);
    expect(await present(image)).toBe(false);
  }, 300_000);

  it("images list shows what swerig pulled with size and last use; images prune removes only those", async () => {
    const image = await serveTiny("listed");
    state = new ImageStateFile();
    const images = await openRun([officialTask("listed-1", image)], {});
    await images.acquire(officialTask("listed-1", image));
    const io = { out: [] as string[], err: [] as string[] };
    const cli = (...argv: string[]) => main(argv, { out: (t) => io.out.push(t), err: (t) => io.err.push(t) });
    expect(await cli("images", "list", "--json")).toBe(0);
    const rows = JSON.parse(io.out.pop()!) as { image: string; origin: string; sizeBytes: number; lastUsedAt: string; keptBy: string }[];
    const row = rows.find((r) => r.image === image)!;
    expect(row).toMatchObject({ origin: "pulled", keptBy: expect.stringContaining("removable by --image-cache none, images prune") });
    expect(row.sizeBytes).toBeGreaterThanOrEqual(TINY_BYTES);
    expect(Date.parse(row.lastUsedAt)).toBeGreaterThan(Date.now() - 60_000);
    const foreign = rows.find((r) => r.image.startsWith("swerig/base:"))!;
    expect(foreign).toMatchObject({ origin: "foreign", keptBy: expect.stringContaining("toolchain") });
    expect(await cli("images", "prune", "--dry-run")).toBe(0);
    expect(io.out).toContain(`would remove ${image}`);
    expect(await present(image)).toBe(true);
    expect(await cli("images", "prune")).toBe(0);
    expect(io.out).toContain(`removed ${image}`);
    expect(io.out.some((l) => l.includes(foreign.image))).toBe(false);
    expect([await present(image), await present(foreign.image)]).toEqual([false, true]);
  }, 120_000);
});
