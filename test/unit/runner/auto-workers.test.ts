import { describe, expect, it } from "vitest";
import { MemoryAdmission, sizeWorkers } from "../../../src/runner/auto-workers.js";

const GIB = 1024 ** 3;

describe("--workers auto", () => {
  it("takes the smaller of cores and free memory over the per-container limit, and says why", () => {
    expect(sizeWorkers("auto", { cores: 2, freeBytes: 21.5 * GIB }, 4 * GIB)).toEqual({
      workers: 2,
      description: "workers: 2 (auto: 2 cores, 21 GiB free, 4 GiB per container)",
    });
    expect(sizeWorkers("auto", { cores: 16, freeBytes: 13 * GIB }, 4 * GIB).workers).toBe(3);
  });

  it("never goes below one worker, and an explicit number is kept as given", () => {
    expect(sizeWorkers("auto", { cores: 8, freeBytes: 1 * GIB }, 4 * GIB).workers).toBe(1);
    expect(sizeWorkers(6, { cores: 2, freeBytes: GIB }, 4 * GIB)).toEqual({ workers: 6, description: "workers: 6" });
  });
});

describe("memory admission", () => {
  it("holds a second container back while free memory is below the limit, and lets it in once it is not", async () => {
    let free = 1 * GIB;
    const waits: number[] = [];
    const probe = async () => ({ cores: 2, freeBytes: free });
    const gate = new MemoryAdmission({ perContainerBytes: 4 * GIB, pollMs: 5, probe, onWait: (f) => waits.push(f) });
    const first = await gate.admit();
    let admitted = false;
    const second = gate.admit().then((release) => {
      admitted = true;
      return release;
    });
    await new Promise((r) => setTimeout(r, 40));
    expect(admitted).toBe(false);
    expect(waits).toEqual([GIB]);
    free = 8 * GIB;
    (await second)();
    expect(admitted).toBe(true);
    first();
  });

  it("admits at once when nothing else is running, however little memory is free", async () => {
    const gate = new MemoryAdmission({ perContainerBytes: 4 * GIB, probe: async () => ({ cores: 2, freeBytes: 0 }) });
    const release = await gate.admit();
    release();
    release();
    await gate.admit();
  });
});
