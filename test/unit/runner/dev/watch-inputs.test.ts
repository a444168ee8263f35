import { writeFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type InputWatcher, watchInputs, watchTargets } from "../../../../src/runner/dev/watch-inputs.js";

let root: string;
let watcher: InputWatcher | undefined;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "swerig-watch-"));
  await mkdir(join(root, "agent", "lib"), { recursive: true });
  await mkdir(join(root, "agent", "node_modules"));
  await writeFile(join(root, "agent", "main.mjs"), "1");
  await writeFile(join(root, "agent", "lib", "util.mjs"), "1");
  await writeFile(join(root, "plan.json"), "[]");
  await writeFile(join(root, "other.json"), "{}");
});
afterEach(async () => {
  watcher?.close();
  await rm(root, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await sleep(25);
  }
}

describe("watchTargets", () => {
  it("takes the files that options name, and the folders of the files in the command line", () => {
    const targets = watchTargets(
      { plan: "plan.json", cmd: 'node "agent/main.mjs" --fast', tasks: "other.json", model: "gpt", prompt: "missing.txt" },
      ["tasks"],
      root,
    );
    expect(targets).toEqual({ files: [join(root, "plan.json")], dirs: [join(root, "agent")] });
  });
});

describe("watchInputs", () => {
  it("reports a burst of changes once, after the quiet time, and sees files in subfolders and new folders", async () => {
    const seen: string[][] = [];
    watcher = watchInputs({ files: [join(root, "plan.json")], dirs: [join(root, "agent")] }, (paths) => seen.push(paths), {
      debounceMs: 400,
      ignore: [],
    });
    expect(watcher.watchedDirs).toBe(3);
    writeFileSync(join(root, "plan.json"), "[1]");
    writeFileSync(join(root, "agent", "lib", "util.mjs"), "2");
    writeFileSync(join(root, "plan.json"), "[2]");
    await until(() => seen.length > 0);
    await sleep(600);
    expect(seen).toEqual([[join(root, "agent", "lib", "util.mjs"), join(root, "plan.json")]]);
    await mkdir(join(root, "agent", "new"));
    await until(() => watcher!.watchedDirs === 4);
    await writeFile(join(root, "agent", "new", "x.mjs"), "x");
    await until(() => seen.some((paths) => paths.includes(join(root, "agent", "new", "x.mjs"))));
  });

  it("ignores other files beside a watched file, node_modules and ignored folders", async () => {
    const seen: string[][] = [];
    await mkdir(join(root, "agent", "traces"));
    watcher = watchInputs({ files: [join(root, "plan.json")], dirs: [join(root, "agent")] }, (paths) => seen.push(paths), {
      debounceMs: 100,
      ignore: [join(root, "agent", "traces")],
    });
    await writeFile(join(root, "other.json"), "{1}");
    await writeFile(join(root, "agent", "node_modules", "dep.js"), "x");
    await writeFile(join(root, "agent", "traces", "run.json"), "x");
    await sleep(400);
    expect(seen).toEqual([]);
  });
});
