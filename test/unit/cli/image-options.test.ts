import { describe, expect, it } from "vitest";
import { parseCommand } from "../../../src/cli/args.js";
import { gradeSpec } from "../../../src/cli/grade.js";
import { imageEventLine, parseImageOptions } from "../../../src/cli/image-options.js";
import { runSpec } from "../../../src/cli/run.js";

const parse = (...argv: string[]) => parseImageOptions(parseCommand(gradeSpec, ["--predictions", "gold", "--run-id", "r", ...argv]).values);

describe("shared image options", () => {
  it("defaults to auto workers, pull missing, image-cache env, no disk budget", () => {
    expect(parse()).toEqual({ workers: "auto", pull: "missing", cache: "env" });
    expect(parse("--workers", "3", "--pull", "never", "--image-cache", "none", "--max-image-disk", "1.5")).toEqual({
      workers: 3,
      pull: "never",
      cache: "none",
      maxDiskBytes: 1.5 * 1024 ** 3,
    });
  });

  it("names the option and the bad value", () => {
    expect(() => parse("--workers", "0")).toThrow(/--workers takes a positive whole number or auto, not "0"/);
    expect(() => parse("--pull", "sometimes")).toThrow(/--pull takes missing, always, never, not "sometimes"/);
    expect(() => parse("--image-cache", "env,all")).toThrow(/--image-cache takes none, env, all/);
    expect(() => parse("--max-image-disk", "lots")).toThrow(/--max-image-disk takes a size in GiB/);
  });

  it("is the same table in grade and run", () => {
    for (const name of ["workers", "pull", "image-cache", "max-image-disk"]) expect(runSpec.options[name]).toBe(gradeSpec.options[name]);
  });
});

describe("pull progress lines", () => {
  it("name the image, MB done of total and elapsed, and how many instances' images are ready", () => {
    const image = "swebench/sweb.eval.x86_64.a_1776_b-1:latest";
    const progress = { type: "pull-progress", image, doneBytes: 300 * 1024 ** 2, totalBytes: 1200 * 1024 ** 2, elapsedMs: 12_400 } as const;
    expect(imageEventLine(progress)).toBe(`pull     ${image} 300.0 MB / 1200.0 MB, 12s`);
    const done = { type: "pull-done", image, elapsedMs: 61_000, ready: 3, total: 10, instancesReady: 4, instances: 12 } as const;
    expect(imageEventLine(done)).toBe(`pulled   ${image} in 61s | images ready: 4/12 instances, 3/10 images`);
  });
});
