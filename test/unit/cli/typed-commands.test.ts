// dev, worker, config, export otel, judge and judge calibrate parse their options with a schema, as the
// other commands do: a bad value, a missing required option or argument, an unknown option or a stray
// argument is exit 2 with one message in the command's own words, before any file, model or Docker is reached.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { parseOptions, value, type CommandSpec } from "../../../src/cli/args.js";
import { runCli } from "../../helpers/cli.js";

beforeEach(() => {
  vi.stubEnv("DOCKER_HOST", "unix:///nonexistent/swerig-typed-commands-test.sock");
  vi.stubEnv("OPENAI_API_KEY", undefined);
  vi.stubEnv("ANTHROPIC_API_KEY", undefined);
});
afterEach(() => {
  vi.unstubAllEnvs();
});

describe("parseOptions gives the positional arguments by name", () => {
  it("holds each under the name the spec gives it", () => {
    const spec: CommandSpec<"RUN_A" | "RUN_B"> = {
      name: "pair",
      summary: "two runs",
      positionals: [
        { name: "RUN_A", description: "first" },
        { name: "RUN_B", description: "second" },
      ],
      options: { n: { type: "string", description: "a count", default: "2" } },
    };
    const { args, options } = parseOptions(spec, ["a", "--n", "3", "b"], z.object({ n: value.positiveInt }));
    expect(args).toEqual({ RUN_A: "a", RUN_B: "b" });
    expect(options).toEqual({ n: 3 });
  });
});

const JUDGE = ["judge", "r1", "--agent", "openai", "--model", "m"];
const CALIBRATE = ["judge", "calibrate", "r1", "--labels", "labels.jsonl"];
const DEV = ["dev", "--agent", "gold", "--instances", "a"];
const WORKER = ["worker", "--queue", "redis://127.0.0.1:1"];
const positive = (option: string, raw: string) => `${option} takes a positive whole number, not "${raw}"`;
const unknown = (option: string, command: string) => `unknown option ${option} (swerig ${command} --help lists the options)`;

describe.each([
  // [command, what, argv, the first line of stderr after "swerig <command>: "]
  ["dev", "a bad value", [...DEV, "--debounce-ms", "soon"], positive("--debounce-ms", "soon")],
  ["dev", "a bad agent value", [...DEV, "--max-attempts", "0"], positive("--max-attempts", "0")],
  ["dev", "a missing required option", ["dev", "--instances", "a"], "--agent is required"],
  ["dev", "an option of batch runs only", [...DEV, "--queue", "redis://h:1"], unknown("--queue", "dev")],
  ["dev", "a stray argument", [...DEV, "extra"], 'unexpected argument "extra": it takes no arguments'],
  ["worker", "a bad value", [...WORKER, "--stall-seconds", "0"], positive("--stall-seconds", "0")],
  ["worker", "a missing required option", ["worker", "--workers", "2"], "--queue is required"],
  ["worker", "an unknown option", [...WORKER, "--run-id", "r"], unknown("--run-id", "worker")],
  ["config", "an unknown option", ["config", "--json"], unknown("--json", "config")],
  ["config", "a stray argument", ["config", "--print", "x.json"], 'unexpected argument "x.json": it takes no arguments'],
  ["config", "a missing value", ["config", "--config"], "--config needs a value (a config file)"],
  ["export otel", "a missing argument", ["export", "otel", "--out", "o.json"], "missing RUN: it takes RUN"],
  [
    "export otel",
    "a missing value",
    ["export", "otel", "r1", "--out"],
    "--out needs a value (swerig export otel --help lists the options)",
  ],
  ["export otel", "an unknown option", ["export", "otel", "r1", "--json"], unknown("--json", "export otel")],
  ["judge", "a bad value", [...JUDGE, "--concurrency", "0"], positive("--concurrency", "0")],
  ["judge", "a bad choice", ["judge", "r1", "--agent", "gemini", "--model", "m"], '--agent takes openai, anthropic, not "gemini"'],
  ["judge", "a missing required option", ["judge", "r1", "--agent", "openai"], "--model is required"],
  ["judge", "an unknown option", [...JUDGE, "--samples", "2"], unknown("--samples", "judge")],
  ["judge", "two runs", [...JUDGE, "r2"], 'unexpected argument "r2": it takes RUN'],
  ["judge calibrate", "a missing required option", ["judge", "calibrate", "r1"], "--labels is required"],
  ["judge calibrate", "a missing argument", ["judge", "calibrate", "--labels", "l.jsonl"], "missing RUN: it takes RUN"],
  ["judge calibrate", "an unknown option", [...CALIBRATE, "--model", "m"], unknown("--model", "judge calibrate")],
])("%s: %s", (command, _what, argv, message) => {
  it("is exit 2, naming it in the command's words", async () => {
    const { code, err, out } = await runCli(...argv);
    expect(err.split("\n")[0]).toBe(`swerig ${command}: ${message}`);
    expect(out).toBe("");
    expect(code).toBe(2);
  });
});

describe("help of these commands", () => {
  it.each([
    ["dev", "usage: swerig dev --agent NAME --instances ID,ID [options]"],
    ["worker", "usage: swerig worker --queue redis://HOST:PORT [options]"],
    ["config", "usage: swerig config [options]"],
    ["export otel", "usage: swerig export otel RUN [options]"],
    ["judge", "usage: swerig judge RUN --agent openai|anthropic --model NAME [options]"],
    ["judge calibrate", "usage: swerig judge calibrate RUN --labels FILE [options]"],
  ])("%s shows its arguments and required options", async (command, synopsis) => {
    const { code, out } = await runCli(...command.split(" "), "--help");
    expect(out.split("\n")[0]).toBe(synopsis);
    expect(code).toBe(0);
  });

  it("lists a command's positional argument with what it is", async () => {
    const { out } = await runCli("judge", "calibrate", "--help");
    expect(out).toMatch(/arguments:\n {2}RUN +a judged run: a run id under --traces-dir, or a run folder/);
  });
});
