import { describe, expect, it } from "vitest";
import { evictionOrder, keptBy, removeAfterLastUse, shouldPull, type ImageFacts } from "../../../src/envs/images/cache-policy.js";
import type { ImageRecord } from "../../../src/envs/images/image-state.js";

const record = (origin: "pulled" | "built" = "pulled"): ImageRecord => ({
  origin,
  addedAt: "2026-01-01T00:00:00.000Z",
  lastUsedAt: "2026-01-01T00:00:00.000Z",
  runId: "r1",
  sizeBytes: 10,
});
const facts = (f: Partial<ImageFacts>): ImageFacts => ({ kind: "instance", record: record(), presentAtStart: false, ...f });

describe("--image-cache: which image is removed after its last use", () => {
  it("env removes an official image only when this run pulled it, and keeps swerig's own task images", () => {
    expect(removeAfterLastUse("env", facts({ presentAtStart: false }))).toBe(true);
    expect(removeAfterLastUse("env", facts({ presentAtStart: true }))).toBe(false);
    expect(removeAfterLastUse("env", facts({ presentAtStart: false, record: record("built") }))).toBe(false);
  });

  it("none removes every recorded instance image, also one pulled by an earlier run", () => {
    expect(removeAfterLastUse("none", facts({ presentAtStart: true }))).toBe(true);
    expect(removeAfterLastUse("none", facts({ record: record("built") }))).toBe(true);
  });

  it("all keeps every image", () => {
    expect(removeAfterLastUse("all", facts({}))).toBe(false);
  });

  it("never removes an image swerig did not pull or build, nor a toolchain image, at any level", () => {
    for (const level of ["none", "env", "all"] as const) {
      expect(removeAfterLastUse(level, facts({ record: undefined }))).toBe(false);
      expect(removeAfterLastUse(level, facts({ kind: "toolchain" }))).toBe(false);
    }
    expect(keptBy({ kind: "instance", record: undefined })).toContain("never removed");
    expect(keptBy({ kind: "toolchain", record: undefined })).toContain("never pruned");
  });
});

describe("--pull", () => {
  it("pulls when missing, always, or never", () => {
    expect([shouldPull("missing", false), shouldPull("missing", true)]).toEqual([true, false]);
    expect([shouldPull("always", false), shouldPull("always", true)]).toEqual([true, true]);
    expect([shouldPull("never", false), shouldPull("never", true)]).toEqual([false, false]);
  });
});

describe("--max-image-disk eviction", () => {
  const at = (day: number) => `2026-01-0${day}T00:00:00.000Z`;
  const images = [
    { tag: "c", lastUsedAt: at(3), sizeBytes: 100 },
    { tag: "a", lastUsedAt: at(1), sizeBytes: 100 },
    { tag: "b", lastUsedAt: at(2), sizeBytes: 100 },
  ];

  it("removes the least recently used first, only as many as needed to fit", () => {
    expect(evictionOrder(images, 300, new Set())).toEqual([]);
    expect(evictionOrder(images, 250, new Set())).toEqual(["a"]);
    expect(evictionOrder(images, 100, new Set())).toEqual(["a", "b"]);
    expect(evictionOrder(images, 0, new Set())).toEqual(["a", "b", "c"]);
  });

  it("skips images the run still needs, taking the next least recently used", () => {
    expect(evictionOrder(images, 200, new Set(["a"]))).toEqual(["b"]);
    expect(evictionOrder(images, 0, new Set(["a", "b", "c"]))).toEqual([]);
  });
});
