// Pulls through a local registry: at most `pullConcurrency` at once however many instances wait, and
// `--pull always` pulling an image already present without making it swerig's to remove.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDocker } from "../../src/envs/docker-client.js";
import { imageSize, ImageStateFile, RunImages, type RunImagesEvent } from "../../src/envs/images/index.js";
import { dockerAvailable } from "../helpers/docker.js";
import { LocalRegistry, serveRandomImage } from "../helpers/local-registry.js";
import { makeTask } from "../helpers/task.js";

const nonce = randomUUID().slice(0, 8);
const created: string[] = [];
let registry: LocalRegistry;
let dir: string;

describe.runIf(dockerAvailable)("pull policy through a local registry", () => {
  beforeAll(async () => {
    registry = await LocalRegistry.start();
    dir = await mkdtemp(join(tmpdir(), "swerig-pull-"));
  });

  afterAll(async () => {
    for (const tag of created)
      await getDocker()
        .getImage(tag)
        .remove({ force: true })
        .catch(() => undefined);
    await registry?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const serve = async (name: string, faults = {}) => {
    const image = await serveRandomImage(registry, `swerig-test/${name}`, nonce, 2 * 1024 * 1024, faults);
    created.push(image);
    return image;
  };
  const open = (images: string[], pull: "missing" | "always", events: RunImagesEvent[], pullConcurrency = 2) =>
    RunImages.open(
      images.map((image, i) => makeTask({ id: `t${i}`, image: { kind: "swebench", name: image } })),
      {
        runId: `pull-${nonce}`,
        pull,
        cache: "all",
        pullConcurrency,
        state: new ImageStateFile(join(dir, `${randomUUID()}.json`)),
        onEvent: (e) => events.push(e),
      },
    );

  it("runs at most two pulls at once while four instances wait for their images", async () => {
    const images = await Promise.all(["p0", "p1", "p2", "p3"].map((n) => serve(n, { blobBytesPerSec: 4 * 1024 * 1024 })));
    const events: RunImagesEvent[] = [];
    const run = await open(images, "missing", events);
    await Promise.all(images.map((image, i) => run.acquire(makeTask({ id: `t${i}`, image: { kind: "swebench", name: image } }))));
    let inFlight = 0;
    let most = 0;
    for (const e of events) {
      if (e.type === "pull-start") most = Math.max(most, ++inFlight);
      if (e.type === "pull-done" || e.type === "pull-failed") inFlight--;
    }
    expect(most).toBe(2);
    expect(events.filter((e) => e.type === "pull-done").map((e) => e.type === "pull-done" && e.ready)).toEqual([1, 2, 3, 4]);
  }, 120_000);

  // Plan: a, c, b, a. c's only task run is released before any acquire (as a resumed run skips it): never fetched.
  it("pulls ahead of use in plan order, at most `prefetch` pulled and unused, never an image no task run still needs", async () => {
    const [a, b, c] = await Promise.all([serve("ahead-a"), serve("ahead-b"), serve("ahead-c")]);
    const [ta, tb, tc] = [a, b, c].map((image, i) => makeTask({ id: `ahead-${i}`, image: { kind: "swebench", name: image } }));
    const events: RunImagesEvent[] = [];
    const state = new ImageStateFile(join(dir, "ahead.json"));
    const onEvent = (e: RunImagesEvent) => events.push(e);
    const options = { runId: "ahead", pull: "missing", cache: "all", prefetch: 1, state, onEvent } as const;
    const run = await RunImages.open([ta!, tc!, tb!, ta!], options);
    const started = () => events.filter((e) => e.type === "pull-start").map((e) => e.type === "pull-start" && e.image);
    const doneWith = async (image: string) => {
      const done = () => events.some((e) => e.type === "pull-done" && e.image === image);
      for (let i = 0; i < 600 && !done(); i++) await new Promise((r) => setTimeout(r, 50));
    };
    expect(started()).toEqual([]);
    await run.release(tc!);
    await run.acquire(ta!);
    await doneWith(b);
    expect(started()).toEqual([a, b]);
    expect(run.counts).toMatchObject({ ready: 2, total: 3 });
    await run.acquire(tb!);
    await new Promise((r) => setTimeout(r, 300));
    expect(started()).toEqual([a, b]);
  }, 120_000);

  it("--pull always pulls an image that is present, and leaves one swerig did not pull unrecorded", async () => {
    const image = await serve("always");
    await getDocker()
      .pull(image)
      .then((s) => new Promise((r) => getDocker().modem.followProgress(s, r)));
    expect(await imageSize(getDocker(), image)).toBeDefined();
    const manifestsBefore = registry.requests.filter((r) => r.path.includes("/swerig-test/always/manifests/")).length;
    const events: RunImagesEvent[] = [];
    const state = new ImageStateFile(join(dir, "always.json"));
    const run = await RunImages.open([makeTask({ id: "a", image: { kind: "swebench", name: image } })], {
      runId: "always",
      pull: "always",
      cache: "none",
      state,
      onEvent: (e) => events.push(e),
    });
    const task = makeTask({ id: "a", image: { kind: "swebench", name: image } });
    await run.acquire(task);
    expect(registry.requests.filter((r) => r.path.includes("/swerig-test/always/manifests/")).length).toBeGreaterThan(manifestsBefore);
    expect(events.map((e) => e.type).filter((t) => t !== "pull-progress")).toEqual(["pull-start", "pull-done"]);
    await run.release(task);
    expect((await state.read()).images[image]).toBeUndefined();
    expect(await imageSize(getDocker(), image)).toBeDefined();
  }, 120_000);
});
