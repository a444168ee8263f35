import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import { getDocker, isDockerAvailable } from "../../src/envs/docker-client.js";
import { ensureImages, imageForTask, languageImageSpec, type ImageProgressEvent } from "../../src/envs/images/index.js";
import { snapshotCommitId } from "../../src/tasks/git-objects.js";
import type { Language, Task } from "../../src/tasks/task.js";
import { makeTask } from "../helpers/task.js";

const dockerAvailable = await isDockerAvailable();
const CREATED_AT = "2024-03-01T12:00:00Z";
const BUILD_TIMEOUT_MS = 15 * 60_000;
const dirs: string[] = [];
const createdImages: string[] = [];

/** A throwaway swe-tasks-like task: two files (plus a .gitignore), a unique nonce so each run builds anew. */
async function throwawayTask(base: Language, setup: string[], files: Record<string, string> = {}): Promise<Task> {
  const taskDir = await mkdtemp(join(tmpdir(), "swerig-image-task-"));
  dirs.push(taskDir);
  const repo = join(taskDir, "repo");
  await mkdir(repo);
  const nonce = randomUUID();
  const all = { ".gitignore": "node_modules\nbuild/\n", "README.md": `# ${nonce}\n`, "main.py": "print('hi')\n", ...files };
  for (const [name, content] of Object.entries(all)) await writeFile(join(repo, name), content);
  const task: Task = makeTask({
    id: `img-test-${base}-${nonce.slice(0, 8)}`,
    language: base,
    baseCommit: await snapshotCommitId(repo, "acme/widgets", CREATED_AT),
    image: { kind: "swe-tasks", base, setup },
    createdAt: CREATED_AT,
    origin: { kind: "swe-tasks", dir: taskDir },
  });
  createdImages.push(imageForTask(task));
  return task;
}

/** Runs `script` in a throwaway container of `image` without network; resolves with exit code and output. */
async function runIn(image: string, script: string): Promise<{ code: number; output: string }> {
  const out = new PassThrough();
  let output = "";
  out.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const [result] = (await getDocker().run(image, ["bash", "-c", script], out, {
    Tty: true,
    HostConfig: { AutoRemove: true, NetworkMode: "none" },
  })) as [{ StatusCode: number }];
  return { code: result.StatusCode, output: output.trim() };
}

afterAll(async () => {
  for (const tag of createdImages)
    await getDocker()
      .getImage(tag)
      .remove({ force: true })
      .catch(() => undefined);
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describe.runIf(dockerAvailable)("images", () => {
  let python: Task;
  let typescript: Task;

  it(
    "builds task images whose /testbed is the base commit with a clean status",
    async () => {
      python = await throwawayTask("python", ["mkdir -p build && echo ok > build/marker"]);
      typescript = await throwawayTask("typescript", ["ln -s /opt/swerig-node/node_modules node_modules"]);
      const results = await ensureImages([python, typescript]);
      for (const r of results) expect(r, r.reason).toMatchObject({ status: expect.stringMatching(/^(cached|built)$/) });
      const byImage = new Map(results.map((r) => [r.image, r]));
      expect(byImage.get(imageForTask(python))?.status).toBe("built");
      expect(results).toHaveLength(5);
      for (const task of [python, typescript]) {
        const probe = await runIn(imageForTask(task), "git rev-parse HEAD && git status --porcelain && pwd");
        expect(probe).toEqual({ code: 0, output: `${task.baseCommit}\r\n/testbed` });
      }
      expect((await runIn(imageForTask(python), "cat build/marker")).output).toBe("ok");
      const ts = await runIn(imageForTask(typescript), "ls -l node_modules/.bin/vitest >/dev/null && echo linked");
      expect(ts.output).toBe("linked");
    },
    BUILD_TIMEOUT_MS,
  );

  it("finds them cached the second time, quickly", async () => {
    const started = performance.now();
    const results = await ensureImages([python, typescript]);
    expect(results.map((r) => r.status)).toEqual(["cached", "cached", "cached", "cached", "cached"]);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("runs pytest and vitest in the language bases without network", async () => {
    const py = await runIn(languageImageSpec("python").tag, "python3 -m pytest --version 2>&1");
    expect(py.code).toBe(0);
    expect(py.output).toMatch(/pytest 7\.2/);
    const ts = await runIn(languageImageSpec("typescript").tag, "vitest --version && tsc --version && node --version");
    expect(ts.code).toBe(0);
    expect(ts.output).toMatch(/vitest\/3\.2\.4/);
    expect(ts.output).toMatch(/Version 5\.9\.3/);
  });

  it(
    "builds an image once when two calls ask for it at the same time",
    async () => {
      const task = await throwawayTask("python", []);
      const starts: string[] = [];
      const onProgress = (e: ImageProgressEvent) => {
        if (e.type === "start") starts.push(e.image);
      };
      const [a, b] = await Promise.all([ensureImages([task], { onProgress }), ensureImages([task], { onProgress })]);
      expect(a.at(-1)?.status).toBe("built");
      expect(b.at(-1)?.status).toBe("built");
      expect(starts.filter((image) => image === imageForTask(task))).toHaveLength(1);
    },
    BUILD_TIMEOUT_MS,
  );

  it(
    "fails a task image whose setup leaves the work tree unclean, saying so",
    async () => {
      const task = await throwawayTask("python", ["echo changed >> main.py"]);
      const results = await ensureImages([task]);
      const last = results.at(-1)!;
      expect(last.status).toBe("failed");
      expect(last.reason).toMatch(/unclean/);
      expect(last.reason).toMatch(/M main\.py/);
    },
    BUILD_TIMEOUT_MS,
  );

  it("reports a missing official SWE-bench image as a status with a reason", async () => {
    const name = "swebench/sweb.eval.x86_64.swerig_1776_missing-1:latest";
    const task: Task = { ...(await throwawayTask("python", [])), image: { kind: "swebench", name } };
    const results = await ensureImages([task], { pullTimeoutMs: 60_000 });
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ image: name, status: "missing" });
    expect(results[0]?.reason).toContain(name);
    expect(results[0]?.reason).toContain("docker load");
  });
});
