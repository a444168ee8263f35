import { describe, expect, it } from "vitest";
import { parseCommand } from "../../../src/cli/args.js";
import { gradeSpec } from "../../../src/cli/grade.js";
import { parseImageOptions } from "../../../src/cli/image-options.js";
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
