import { spawnSync } from "node:child_process";
import { mkdtemp, readdir, rm, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ImageStateFile } from "../../../src/envs/images/image-state.js";

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});
async function stateFile(): Promise<ImageStateFile> {
  const dir = await mkdtemp(join(tmpdir(), "swerig-state-"));
  dirs.push(dir);
  return new ImageStateFile(join(dir, "images", "state.json"));
}
const rec = (n: number) => ({ origin: "pulled" as const, addedAt: `t${n}`, lastUsedAt: `t${n}`, runId: "r", sizeBytes: n });

describe("image state file", () => {
  it("is empty before the first write and keeps what was written", async () => {
    const state = await stateFile();
    expect(await state.read()).toEqual({ version: 1, images: {} });
    await state.update((s) => {
      s.images["x:1"] = rec(1);
    });
    expect((await state.read()).images["x:1"]).toEqual(rec(1));
  });

  it("loses no record when many updates race (as from several processes), and leaves no temp or lock file", async () => {
    const state = await stateFile();
    const other = new ImageStateFile(state.path);
    await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        (i % 2 ? state : other).update((s) => {
          s.images[`img:${i}`] = rec(i);
        }),
      ),
    );
    expect(Object.keys((await state.read()).images)).toHaveLength(40);
    expect((await readdir(join(state.path, ".."))).sort()).toEqual(["state.json"]);
  });

  it("takes over a lock left by a crashed process once it is stale", async () => {
    const state = await stateFile();
    await state.update(() => undefined);
    await writeFile(`${state.path}.lock`, "99999");
    const old = new Date(Date.now() - 60_000);
    await utimes(`${state.path}.lock`, old, old);
    await state.update((s) => {
      s.images["y:1"] = rec(2);
    });
    expect((await state.read()).images["y:1"]?.sizeBytes).toBe(2);
  });

  it("takes over at once a fresh lock whose process is gone (killed while it held the lock)", async () => {
    const state = await stateFile();
    await state.update(() => undefined);
    const dead = spawnSync("true").pid!;
    await writeFile(`${state.path}.lock`, String(dead));
    const started = Date.now();
    await state.update((s) => {
      s.images["z:1"] = rec(3);
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await state.read()).images["z:1"]?.sizeBytes).toBe(3);
  });

  it("waits for a lock whose process still runs", async () => {
    const state = await stateFile();
    await state.update(() => undefined);
    await writeFile(`${state.path}.lock`, String(process.ppid));
    const update = state.update(() => undefined);
    const waited = await Promise.race([update.then(() => false), new Promise((r) => setTimeout(() => r(true), 300))]);
    expect(waited).toBe(true);
    await rm(`${state.path}.lock`);
    await update;
  });

  it("names the file and the field when it is not valid", async () => {
    const state = await stateFile();
    await state.update(() => undefined);
    await writeFile(state.path, "{ nope");
    await expect(state.read()).rejects.toThrow(/state\.json is not JSON/);
    await writeFile(state.path, JSON.stringify({ version: 1, images: { "x:1": { origin: "stolen" } } }));
    await expect(state.read()).rejects.toThrow(/state\.json is not valid \(images\.x:1\.origin/);
  });
});
