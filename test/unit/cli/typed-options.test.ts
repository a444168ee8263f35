// Option values are parsed once per command, by its schema: a bad number, run id or choice is refused
// with exit 2, naming the option and what it takes, before anything is loaded or Docker is reached.
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { parseOptions, value, type CommandSpec } from "../../../src/cli/args.js";
import { runCli } from "../../helpers/cli.js";

const cli = runCli;

beforeEach(() => {
  vi.stubEnv("DOCKER_HOST", "unix:///nonexistent/swerig-typed-options-test.sock");
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe("parseOptions", () => {
  const spec: CommandSpec = {
    name: "demo",
    summary: "a demo",
    options: {
      n: { type: "string", description: "a count", default: "1" },
      ids: { type: "string", description: "ids" },
      mode: { type: "string", description: "a mode", default: "a" },
      quiet: { type: "boolean", description: "say less" },
    },
  };
  const schema = z.object({ n: value.positiveInt, ids: value.list.optional(), mode: value.oneOf(["a", "b"]), quiet: value.flag });

  it("gives typed values, defaults included", () => {
    expect(parseOptions(spec, ["--ids", "x, y,,z"], schema).options).toEqual({ n: 1, ids: ["x", "y", "z"], mode: "a", quiet: false });
    expect(parseOptions(spec, ["--n", "3", "--mode", "b", "--quiet"], schema).options).toMatchObject({ n: 3, mode: "b", quiet: true });
  });

  it("names the option and what it takes", () => {
    expect(() => parseOptions(spec, ["--n", "2.5"], schema)).toThrow('--n takes a positive whole number, not "2.5"');
    expect(() => parseOptions(spec, ["--mode", "c"], schema)).toThrow('--mode takes a, b, not "c"');
  });

  it("refuses a schema that names an option the table does not have", () => {
    expect(() => parseOptions(spec, [], z.object({ nn: value.positiveInt }))).toThrow("no such option in its table: nn");
  });
});

describe("swerig run refuses bad values before it starts", () => {
  const base = ["run", "--agent", "gold", "--run-id", "typed", "--tasks", "no-such-tasks"];
  it.each([
    [["--samples", "0"], '--samples takes a positive whole number, not "0"'],
    [["--max-cost", "0"], '--max-cost takes a positive number, not "0"'],
    [["--max-minutes", "soon"], '--max-minutes takes a positive whole number, not "soon"'],
    [["--temperature", "warm"], '--temperature takes a number, not "warm"'],
    [["--sandbox", "vm"], '--sandbox takes container, host, not "vm"'],
    [["--run-id", "../up"], "--run-id takes a name of letters, digits, '.', '_' and '-' (it names a folder), not \"../up\""],
  ])("%j", async (extra, message) => {
    const { code, err } = await cli(...base, ...extra);
    expect(err).toBe(`swerig run: ${message}`);
    expect(code).toBe(2);
  });
});

describe("swerig grade refuses bad values before it starts", () => {
  const base = ["grade", "--predictions", "empty", "--run-id", "typed", "--tasks", "no-such-tasks"];
  it.each([
    [["--timeout", "-"], '--timeout takes a positive whole number, not "-"'],
    [["--semantics", "v3"], '--semantics takes v5, v4, not "v3"'],
    [["--run-id", "a/b"], "--run-id takes a name of letters, digits, '.', '_' and '-' (it names a folder), not \"a/b\""],
  ])("%j", async (extra, message) => {
    const { code, err } = await cli(...base, ...extra);
    expect(err).toBe(`swerig grade: ${message}`);
    expect(code).toBe(2);
  });
});

describe("swerig import", () => {
  it("names the formats it reads", async () => {
    const { code, err } = await cli("import", "t.traj", "--format", "openhands", "--out", "t.jsonl");
    expect(err).toBe('swerig import: --format takes swe-agent, mini-swe-agent, moatless, not "openhands"');
    expect(code).toBe(2);
  });
});

describe("swerig mcp", () => {
  const TASKS = fileURLToPath(new URL("../../../swe-tasks/", import.meta.url));

  it("names --instance for a task the tasks do not hold, with close names", async () => {
    const [first] = readdirSync(TASKS).sort();
    const { code, err } = await cli("mcp", "--tasks", TASKS, "--instance", `${first!}x`);
    expect(err).toBe(`swerig mcp: --instance ${first!}x: no such task in ${TASKS}; did you mean ${first!}?`);
    expect(code).toBe(2);
  });

  it("takes 0 or a port number for --http", async () => {
    const { code, err } = await cli("mcp", "--instance", "a", "--http", "web");
    expect(err).toBe('swerig mcp: --http takes 0 or a positive whole number, not "web"');
    expect(code).toBe(2);
  });
});

describe("swerig images prune", () => {
  it("takes a size in GiB for --max-image-disk, with the same words as run and grade", async () => {
    const { code, err } = await cli("images", "prune", "--max-image-disk", "lots");
    expect(err).toBe('swerig images prune: --max-image-disk takes a size in GiB (a number, 0 or more), not "lots"');
    expect(code).toBe(2);
    const grade = await cli("grade", "--predictions", "empty", "--run-id", "r", "--max-image-disk", "lots");
    expect(grade.err).toBe('swerig grade: --max-image-disk takes a size in GiB (a number, 0 or more), not "lots"');
  });
});

describe("swerig report and compare", () => {
  it("show their positional arguments once in help and in errors", async () => {
    for (const [name, args] of [
      ["report", "RUN"],
      ["compare", "RUN_A RUN_B"],
    ] as const) {
      const help = await cli(name, "--help");
      expect(help.out.split("\n")[0]).toBe(`usage: swerig ${name} ${args} [options]`);
      const missing = await cli(name);
      expect(missing.err.split("\n")[0]).toBe(`swerig ${name}: missing ${args}: it takes ${args}`);
      expect(missing.code).toBe(2);
    }
  });
});
