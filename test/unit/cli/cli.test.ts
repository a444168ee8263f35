import { readdirSync, existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { CommandSpec } from "../../../src/cli/args.js";
import { gradeSpec } from "../../../src/cli/grade.js";
import { imagesBuildSpec } from "../../../src/cli/images-build.js";
import { runCli } from "../../helpers/cli.js";
import { tasksListSpec } from "../../../src/cli/tasks-list.js";

const BUNDLED = fileURLToPath(new URL("../../../swe-tasks/", import.meta.url));
const BUNDLED_IDS = readdirSync(BUNDLED, { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(join(BUNDLED, e.name, "task.json")))
  .map((e) => e.name)
  .sort();

/** Runs the CLI in-process and collects what it prints. */
const cli = runCli;

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tmpFile(name: string, content: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "swerig-cli-"));
  dirs.push(dir);
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

const row = (id: string) => ({
  repo: "psf/requests",
  instance_id: id,
  base_commit: "091991be0da19de9108dbe5e3752917fea3d7fdc",
  patch: "diff --git a/requests/api.py b/requests/api.py\n--- a/requests/api.py\n+++ b/requests/api.py\n@@ -1 +1 @@\n-a\n+b\n",
  test_patch: "diff --git a/test_requests.py b/test_requests.py\n--- a/test_requests.py\n+++ b/test_requests.py\n@@ -1 +1 @@\n-a\n+b\n",
  problem_statement: "p",
  hints_text: "",
  created_at: "2014-11-01T02:20:16Z",
  version: "2.4",
  FAIL_TO_PASS: '["test_requests.py::test_a"]',
  PASS_TO_PASS: '["test_requests.py::test_b", "test_requests.py::test_c"]',
});

const twoRowDataset = () =>
  tmpFile("two.jsonl", `${JSON.stringify(row("psf__requests-2317"))}\n${JSON.stringify(row("psf__requests-1963"))}\n`);

describe("swerig tasks list", () => {
  it("prints a table with every bundled task", async () => {
    const { code, out } = await cli("tasks", "list", "--tasks", BUNDLED);
    expect(code).toBe(0);
    const lines = out.split("\n");
    expect(lines[0]).toMatch(/^instance\s+language\s+kind\s+difficulty\s+created\s+F2P\s+P2P\s+gold patch touches$/);
    for (const id of BUNDLED_IDS)
      expect(
        lines.some((l) => l.startsWith(`${id} `)),
        id,
      ).toBe(true);
    expect(out).toContain(`${BUNDLED_IDS.length} tasks`);
  });

  it("prints a dataset file as a JSON array of instances with --json", async () => {
    const file = await twoRowDataset();
    const { code, out, err } = await cli("tasks", "list", "--tasks", file, "--json");
    expect(code).toBe(0);
    expect(err).toBe("");
    const rows = z
      .array(z.object({ instance_id: z.string(), FAIL_TO_PASS: z.number(), PASS_TO_PASS: z.number(), image: z.string() }))
      .parse(JSON.parse(out));
    expect(rows).toEqual([
      expect.objectContaining({
        instance_id: "psf__requests-2317",
        FAIL_TO_PASS: 1,
        PASS_TO_PASS: 2,
        image: "swebench/sweb.eval.x86_64.psf_1776_requests-2317:latest",
      }),
      expect.objectContaining({ instance_id: "psf__requests-1963" }),
    ]);
  });

  it("keeps only the --instances asked for", async () => {
    const file = await twoRowDataset();
    const { code, out } = await cli("tasks", "list", "--tasks", file, "--instances", "psf__requests-1963", "--json");
    expect(code).toBe(0);
    expect(
      z
        .array(z.object({ instance_id: z.string() }))
        .parse(JSON.parse(out))
        .map((r) => r.instance_id),
    ).toEqual(["psf__requests-1963"]);
  });

  it("exits 2 naming --instances ids the source does not hold", async () => {
    const file = await twoRowDataset();
    const { code, err } = await cli("tasks", "list", "--tasks", file, "--instances", "psf__requests-9999");
    expect(code).toBe(2);
    expect(err).toContain("--instances");
    expect(err).toContain("psf__requests-9999");
  });

  it("says in one line, exit 2, that a dataset file none of whose rows can be read holds no task", async () => {
    const file = await tmpFile("broken.jsonl", '{"instance_id": \n');
    const { code, err } = await cli("tasks", "list", "--tasks", file);
    expect(err).toMatch(new RegExp(`^swerig tasks list: --tasks ${file}: no task could be read: ${file}:1: malformed JSON line: [^\n]*$`));
    expect(code).toBe(2);
  });

  it("warns about broken rows on stderr and lists the rows that load", async () => {
    const good = JSON.stringify(row("psf__requests-2317"));
    const file = await tmpFile("half.jsonl", `{"instance_id": \n${good}\n`);
    const { code, out, err } = await cli("tasks", "list", "--tasks", file);
    expect(err).toContain(`warning: ${file}:1: malformed JSON line`);
    expect(out).toContain("psf__requests-2317");
    expect(code).toBe(0);
  });
});

describe("swerig usage errors", () => {
  it("exits 2 with the usage for an unknown command", async () => {
    const { code, err } = await cli("frobnicate", "--now");
    expect(code).toBe(2);
    expect(err).toContain('unknown command "frobnicate"');
    expect(err).toContain("usage: swerig <command>");
    for (const name of ["tasks list", "images build", "grade"]) expect(err).toContain(name);
  });

  it("exits 2 naming an option a command does not have", async () => {
    const { code, err } = await cli("tasks", "list", "--bogus");
    expect(code).toBe(2);
    expect(err).toContain("--bogus");
  });

  it("exits 2 naming --predictions when grade is run without it", async () => {
    const { code, err } = await cli("grade", "--run-id", "r1");
    expect(code).toBe(2);
    expect(err).toContain("--predictions is required");
  });
});

describe("swerig grade option checks", () => {
  // Docker must not be reached by a command line that is wrong anyway: point the client at nothing,
  // so touching Docker shows up as a docker_unavailable exit instead of a usage error.
  beforeEach(() => {
    vi.stubEnv("DOCKER_HOST", "unix:///nonexistent/swerig-cli-test.sock");
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("warns about a predictions file with no predictions, and about predictions for none of the selected instances", async () => {
    const file = await twoRowDataset();
    const traces = await mkdtemp(join(tmpdir(), "swerig-cli-"));
    dirs.push(traces);
    const empty = await tmpFile("preds.jsonl", "");
    const none = await cli("grade", "--tasks", file, "--predictions", empty, "--run-id", "r-empty", "--traces-dir", traces);
    expect(none.err).toContain(`warning: --predictions ${empty} holds no predictions: nothing is graded`);
    const other = await tmpFile(
      "other.jsonl",
      `${JSON.stringify({ instance_id: "psf__requests-1963", model_name_or_path: "m", model_patch: "" })}\n`,
    );
    const narrowed = await cli(
      "grade",
      "--tasks",
      file,
      "--predictions",
      other,
      "--instances",
      "psf__requests-2317",
      "--run-id",
      "r-other",
      "--traces-dir",
      traces,
    );
    expect(narrowed.err).toContain("warning: none of the 1 predictions is for the selected instances");
    expect(narrowed.err).not.toContain("unknown instance");
  });

  it("exits 2 naming --workers for a non-numeric value, before touching Docker", async () => {
    const file = await twoRowDataset();
    const { code, err } = await cli("grade", "--tasks", file, "--predictions", "empty", "--run-id", "r1", "--workers", "zero");
    expect(err).toContain("--workers");
    expect(code).toBe(2);
  });

  it("exits 2 naming --semantics for a value other than v5 or v4", async () => {
    const file = await twoRowDataset();
    const { code, err } = await cli("grade", "--tasks", file, "--predictions", "empty", "--run-id", "r1", "--semantics", "v3");
    expect(err).toContain("--semantics");
    expect(err).not.toContain("unexpected error");
    expect(code).toBe(2);
  });

  it("exits 1 saying the Docker daemon does not answer when the command line is valid", async () => {
    const file = await twoRowDataset();
    const tracesDir = await mkdtemp(join(tmpdir(), "swerig-cli-traces-"));
    dirs.push(tracesDir);
    const { code, err } = await cli("grade", "--tasks", file, "--predictions", "empty", "--run-id", "r1", "--traces-dir", tracesDir);
    expect(code).toBe(1);
    expect(err).toContain("the Docker daemon does not answer");
    expect(readdirSync(tracesDir)).toEqual([]);
  });
});

describe("swerig <command> --help", () => {
  const specs: [string, CommandSpec][] = [
    ["tasks list", tasksListSpec],
    ["images build", imagesBuildSpec],
    ["grade", gradeSpec],
  ];

  it.each(specs)("%s --help prints its usage and every option", async (name, spec) => {
    const { code, out } = await cli(...name.split(" "), "--help");
    expect(code).toBe(0);
    expect(out).toContain(`usage: swerig ${name} `);
    expect(out).toMatch(new RegExp(`usage: swerig ${name}.* \\[options\\]`));
    for (const required of spec.required ?? []) expect(out).toMatch(new RegExp(`--${required} .*\\(required\\)`));
    for (const [option, o] of Object.entries(spec.options)) {
      expect(out).toContain(`--${option}`);
      expect(out).toContain(o.description);
    }
  });

  it("prints the command list on stdout for --help, -h, help and nothing at all", async () => {
    for (const argv of [["--help"], ["-h"], ["help"], []]) {
      const { code, out, err } = await cli(...argv);
      expect(code).toBe(0);
      expect(out).toContain("usage: swerig <command>");
      expect(err).toBe("");
    }
  });

  it("prints the package version for --version", async () => {
    const { version } = JSON.parse(await readFile(new URL("../../../package.json", import.meta.url), "utf8")) as { version: string };
    const { code, out } = await cli("--version");
    expect(code).toBe(0);
    expect(out.trim()).toBe(version);
  });

  it("lists a command group's subcommands", async () => {
    const { code, out } = await cli("tasks");
    expect(code).toBe(0);
    expect(out).toContain("tasks list");
    expect(out).toContain("tasks validate");
    expect(out).not.toContain("grade");
    const unknown = await cli("images", "shrink");
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown command "images shrink"');
    expect(unknown.err).toContain("images prune");
  });

  it("shows positional arguments in help and refuses stray or missing ones in its own words", async () => {
    expect((await cli("replay", "--help")).out).toMatch(/usage: swerig replay TRACE \[options\][\s\S]*arguments:\n {2}TRACE +a trace file/);
    const stray = await cli("tools", "extra");
    expect(stray.code).toBe(2);
    expect(stray.err).toContain('swerig tools: unexpected argument "extra": it takes no arguments');
    const missing = await cli("replay");
    expect(missing.err).toContain("swerig replay: missing TRACE");
  });

  it("says an unknown option in its own words, once prefixed, without a stack trace", async () => {
    const { code, err } = await cli("tools", "--bogus");
    expect(code).toBe(2);
    expect(err.trim().split("\n")[0]).toBe("swerig tools: unknown option --bogus (swerig tools --help lists the options)");
  });

  it("names a file that cannot be read in one line, and suggests gold for a near miss", async () => {
    const replay = await cli("replay", "no/such/trace.jsonl");
    expect(replay.code).toBe(2);
    expect(replay.err.trim()).toBe("swerig replay: cannot read no/such/trace.jsonl: no such file or directory");
    const grade = await cli("grade", "--predictions", "gol", "--run-id", "near-miss", "--tasks", BUNDLED, "--traces-dir", tmpdir());
    expect(grade.code).toBe(2);
    expect(grade.err).toContain("did you mean gold?");
    expect(grade.err).not.toContain("    at ");
    const conflict = await cli("replay", "no/such/trace.jsonl", "--offline", "--grade");
    expect(conflict.code).toBe(2);
    expect(conflict.err).toContain("--offline and --grade conflict");
  });
});

describe("swerig import", () => {
  const SAMPLES = fileURLToPath(new URL("../../fixtures/trajectories/", import.meta.url));
  const coder = join(SAMPLES, "swe-agent-traj__20240604_CodeR", "psf__requests-3362.traj");

  it("takes the instance from the file name when the trajectory names none, and refuses one the tasks do not hold", async () => {
    const out = await tmpFile("trace.jsonl", "");
    const unknown = await cli("import", coder, "--format", "swe-agent", "--out", out, "--tasks", BUNDLED);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("instance psf__requests-3362 is not in --tasks");
    const dataset = await tmpFile("lite.jsonl", `${JSON.stringify(row("psf__requests-3362"))}\n`);
    const known = await cli("import", coder, "--format", "swe-agent", "--out", out, "--tasks", dataset);
    expect(known.code).toBe(0);
    expect(known.out).toContain("42 tool calls in 46 steps");
    expect((await readFile(out, "utf8")).split("\n")[0]).toContain('"taskId":"psf__requests-3362"');
  });

  it("imports a Moatless trajectory with --format moatless, and names the formats it takes", async () => {
    const moatless = fileURLToPath(
      new URL("../../fixtures/trajectories/moatless__20240617_moatless_gpt4o/sympy__sympy-24152.json", import.meta.url),
    );
    const out = await tmpFile("moatless.jsonl", "");
    const dataset = await tmpFile("lite-sympy.jsonl", `${JSON.stringify(row("sympy__sympy-24152"))}\n`);
    const r = await cli("import", moatless, "--format", "moatless", "--out", out, "--tasks", dataset);
    expect(r.code).toBe(0);
    expect(r.out).toContain("4 tool calls in 6 steps (1 not mapped)");
    expect(r.err).toContain("approximated: find_definition TensorProduct");
    const bad = await cli("import", moatless, "--format", "openhands", "--out", out, "--tasks", dataset);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--format takes swe-agent, mini-swe-agent, moatless, not "openhands"');
  });

  it("asks for --instance when neither the trajectory nor its file name names one", async () => {
    const copy = await tmpFile("run.json", await readFile(coder, "utf8"));
    const r = await cli("import", copy, "--format", "swe-agent", "--out", `${copy}.jsonl`, "--tasks", BUNDLED);
    expect(r.code).toBe(2);
    expect(r.err).toContain("names no instance: give it with --instance ID");
  });
});
