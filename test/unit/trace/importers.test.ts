import { spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simpleGit } from "simple-git";
import { afterAll, describe, expect, it } from "vitest";
import { SwerigError } from "../../../src/core/errors.js";
import { LocalEnvironment } from "../../../src/envs/local-environment.js";
import { Workspace } from "../../../src/envs/workspace.js";
import { EditHistory } from "../../../src/tools/edit-history.js";
import { BUILTIN_TOOLS } from "../../../src/tools/registry.js";
import { RecordingToolBox } from "../../../src/tools/toolbox.js";
import type { TraceEvent } from "../../../src/trace/events.js";
import { breToRegex, importMiniSweAgentTrajectory, importSweAgentTrajectory, splitWords } from "../../../src/trace/importers/index.js";
import { TraceRecorder } from "../../../src/trace/recorder.js";
import { calls, expectValidArguments, expectWellFormed, ofType } from "./imported-fixture.js";

const DIR = new URL("../../fixtures/trajectories/", import.meta.url);
// biome-ignore lint/suspicious/noExplicitAny: other tools' trajectories, read field by field in the assertions
const load = (path: string): any => JSON.parse(readFileSync(new URL(path, DIR), "utf8"));
const CODER = (id: string) => load(`swe-agent-traj__20240604_CodeR/${id}.traj`);
const MINI = (id: string) => load(`mini-swe-agent__deepseek-chat/${id}.traj.json`);

describe("importSweAgentTrajectory on CodeR's trajectories", () => {
  const cases = [
    { id: "psf__requests-3362", steps: 46, toolCalls: 42, control: 4 },
    { id: "pytest-dev__pytest-7373", steps: 20, toolCalls: 15, control: 5 },
    { id: "sympy__sympy-24152", steps: 24, toolCalls: 19, control: 5 },
  ];
  it.each(cases)(
    "$id: one model_response per step, a call per command but CodeR's control actions, their submission as the patch",
    ({ id, steps, toolCalls, control }) => {
      const json = CODER(id);
      const r = importSweAgentTrajectory(json, { runId: "imported", taskId: id });
      expectWellFormed(r);
      expectValidArguments(r);
      expect(r.stats).toEqual({ steps, toolCalls, unmapped: control });
      expect(r.problems).toHaveLength(control);
      expect(r.problems.every((p) => /CodeR control action/.test(p))).toBe(true);
      expect(ofType(r, "model_response").map((e) => e.data.step)).toEqual(json.trajectory.map((_: unknown, i: number) => i + 1));
      expect(calls(r)[0]).toEqual({ name: "write_file", arguments: { path: "reproduce.py", content: "\n" } });
      expect(calls(r).at(-1)).toEqual({ name: "submit", arguments: {} });
      expect(ofType(r, "tool_result").at(-1)!.data.output).toBe(json.info.submission);
      expect(r.submission).toBe(json.info.submission);
      expect(ofType(r, "patch")[0]!.data).toEqual({
        patch: json.info.submission,
        files: [...new Set(json.info.submission.match(/^\+\+\+ b\/(\S+)/gm).map((l: string) => l.slice(6)))],
      });
      expect(ofType(r, "agent_end")[0]!.data).toEqual({ reason: "submitted", detail: "submitted" });
      const start = ofType(r, "run_start")[0]!.data;
      expect(start).toMatchObject({
        agent: "swe-agent",
        importedFrom: "swe-agent",
        model: null,
        task: { id, repo: id.replace(/__/, "/").replace(/-\d+$/, "") },
      });
      expect(start.settings).toMatchObject({ environment: "swe_main", model_stats: json.info.model_stats });
      const cost = ofType(r, "model_response").reduce((sum, e) => sum + e.data.costUsd, 0);
      expect(cost).toBeCloseTo(json.info.model_stats.instance_cost, 9);
    },
  );

  it("maps the viewer, search and find commands to read_file windows, search and find_files", () => {
    const requests = calls(importSweAgentTrajectory(CODER("psf__requests-3362"), { runId: "r" }));
    const pytest = calls(importSweAgentTrajectory(CODER("pytest-dev__pytest-7373"), { runId: "r" }));
    // Steps 15-19 of requests: open, search_file in the open file, goto, search_file, search_dir.
    expect(requests.slice(12, 17)).toEqual([
      { name: "read_file", arguments: { path: "requests/models.py", start_line: 1, end_line: 100 } },
      { name: "search", arguments: { pattern: "iter_content", path: "requests/models.py" } },
      { name: "read_file", arguments: { path: "requests/models.py", start_line: 638, end_line: 737 } },
      { name: "search", arguments: { pattern: "stream_decode_response_unicode", path: "requests/models.py" } },
      { name: "search", arguments: { pattern: "stream_decode_response_unicode" } },
    ]);
    // scroll_down from the window 634-733 of an 861-line file.
    expect(requests).toContainEqual({ name: "read_file", arguments: { path: "requests/models.py", start_line: 732, end_line: 831 } });
    expect(pytest.filter((c) => c.name === "find_files").map((c) => c.arguments)).toEqual([
      { pattern: "evaluate.py" },
      { pattern: "evaluate.py" },
      { pattern: "reproduce.py" },
    ]);
  });

  it("records their observation as the output, an error where our tool would report one, and what was viewed and edited", () => {
    const r = importSweAgentTrajectory(CODER("pytest-dev__pytest-7373"), { runId: "r" });
    const results = ofType(r, "tool_result");
    const missing = results.find((e) => e.data.output.includes("File _pytest/mark/evaluate.py not found"))!;
    expect(missing.data).toMatchObject({ name: "read_file", isError: true, viewed: ["_pytest/mark/evaluate.py"] });
    const fix = results.find((e) => e.data.edited?.includes("src/_pytest/mark/evaluate.py"))!;
    expect(fix.data).toMatchObject({ name: "shell", isError: false });
    expect(results.filter((e) => e.data.isError)).toHaveLength(1);
  });

  it("gives CodeR's control actions a model_response without tool calls", () => {
    const r = importSweAgentTrajectory(CODER("sympy__sympy-24152"), { runId: "r", taskId: "sympy__sympy-24152" });
    const first = ofType(r, "model_response")[0]!;
    expect(first.data).toMatchObject({ step: 1, toolCalls: [], usage: { inputTokens: 0, outputTokens: 0 } });
    expect(first.data.text).toMatch(/^DISCUSSION\n/);
    expect(r.problems[0]).toMatch(/^step 1 \("plan"\): not imported as a tool call/);
  });

  it("uses the trajectory's timestamps where it has none: event n at n seconds after the epoch", () => {
    const r = importSweAgentTrajectory(CODER("sympy__sympy-24152"), { runId: "r" });
    expect(r.events.map((e) => e.ts)).toEqual(r.events.map((_, i) => new Date(i * 1000).toISOString()));
  });

  it("puts the recorded working directory in front of shell commands, as their session kept cd", () => {
    const step = (action: string, working_dir: string) => ({
      action,
      observation: "",
      thought: "t",
      response: "r",
      state: JSON.stringify({ open_file: "n/a", working_dir }),
    });
    const r = importSweAgentTrajectory(
      {
        trajectory: [
          step("ls\n", "/repo"),
          step("cd src\n", "/repo"),
          step("python x.py\n", "/repo/src"),
          step("cat /etc/hosts\n", "/tmp"),
        ],
        info: { exit_status: "exit_cost" },
      },
      { runId: "r", taskId: "t" },
    );
    expect(calls(r).map((c) => c.arguments)).toEqual([
      { command: "ls" },
      { command: "cd src" },
      { command: "cd src && python x.py" },
      { command: "cd /tmp && cat /etc/hosts" },
    ]);
    expect(ofType(r, "limit")[0]!.data).toEqual({ kind: "cost", detail: "their exit status: exit_cost" });
    expect(ofType(r, "agent_end")[0]!.data).toEqual({ reason: "limit", detail: "exit_cost" });
    expect(r.submission).toBeNull();
    expect(ofType(r, "patch")[0]!.data).toEqual({ patch: "", files: [] });
  });

  it("counts a file viewed outside the repository as approximated, and an exit_* autosubmission as submit", () => {
    const state = JSON.stringify({ open_file: "n/a", working_dir: "/repo" });
    const r = importSweAgentTrajectory(
      {
        trajectory: [
          { action: "open /etc/hosts\n", observation: "[File: /etc/hosts (3 lines total)]\n1:a\n2:b\n3:c\n", thought: "t", state },
          { action: "goto 5\n", observation: "No file open. Use the open command first.\n", thought: "t", state },
          { action: "exit_cost", observation: "Exited (autosubmitted)", thought: "t", state },
        ],
        info: { exit_status: "submitted (exit_cost)", submission: "diff --git a/x.py b/x.py\n--- a/x.py\n+++ b/x.py\n" },
      },
      { runId: "r", taskId: "t" },
    );
    expectWellFormed(r);
    expect(calls(r)).toEqual([
      { name: "shell", arguments: { command: "sed -n 1,3p /etc/hosts" } },
      { name: "submit", arguments: {} },
    ]);
    expect(r.stats).toEqual({ steps: 3, toolCalls: 2, unmapped: 2 });
    expect(r.problems).toEqual([
      'step 1 ("open /etc/hosts"): approximated: /etc/hosts is outside the repository: printed with sed',
      'step 2 ("goto 5"): not imported as a tool call: goto: their viewer showed no file (No file open. Use the open command first.)',
    ]);
    expect(ofType(r, "limit")[0]!.data.kind).toBe("cost");
    expect(ofType(r, "agent_end")[0]!.data).toEqual({ reason: "limit", detail: "submitted (exit_cost)" });
    expect(ofType(r, "patch")[0]!.data.files).toEqual(["x.py"]);
  });

  it("is deterministic: the same input gives byte-identical events", () => {
    const a = JSON.stringify(importSweAgentTrajectory(CODER("psf__requests-3362"), { runId: "r", taskId: "psf__requests-3362" }));
    const b = JSON.stringify(importSweAgentTrajectory(CODER("psf__requests-3362"), { runId: "r", taskId: "psf__requests-3362" }));
    expect(a).toBe(b);
  });
});

const hasPython = spawnSync("python3", ["--version"]).status === 0;

describe.runIf(hasPython)("replaying CodeR's edits of reproduce.py through our tools", () => {
  const roots: string[] = [];
  afterAll(async () => Promise.all(roots.map((r) => rm(r, { recursive: true, force: true }))));

  it.each([
    ["psf__requests-3362", 4, 2],
    ["pytest-dev__pytest-7373", 3, 0],
    ["sympy__sympy-24152", 2, 0],
  ])(
    "%s: after each of %i writes the file is what their viewer showed; %i edits their linter rejected change nothing",
    async (id, written, rejected) => {
      const root = await mkdtemp(join(tmpdir(), "swerig-import-"));
      roots.push(root);
      await writeFile(join(root, "README"), "x\n");
      const git = simpleGit(root);
      await git.init().addConfig("user.name", "t").addConfig("user.email", "t@t.invalid");
      await git.add(["README"]).commit("base");
      const env = new LocalEnvironment(root);
      const ctx = {
        env,
        workspace: new Workspace(root, (await git.revparse(["HEAD"])).trim(), "/testbed"),
        edits: new EditHistory(),
        task: { id, language: "python", testCommand: "true", parseTestOutput: () => new Map() },
      };
      const box = new RecordingToolBox(BUILTIN_TOOLS, ctx, new TraceRecorder(undefined, { runId: "replay", taskId: id, sample: 0 }));
      const r = importSweAgentTrajectory(CODER(id), { runId: "r" });
      const checked = { written: 0, rejected: 0 };
      try {
        for (const [i, e] of r.events.entries()) {
          if (e.type !== "tool_call") continue;
          const args = e.data.arguments as { path?: string; command?: string };
          const touches =
            args.path === "reproduce.py" || (args.command?.startsWith("python3 -c") && args.command.includes(" reproduce.py "));
          if (!touches || e.data.name === "read_file") continue;
          const before = await readFile(join(root, "reproduce.py"), "utf8").catch(() => "");
          const result = await box.call(e.data, e.data.step);
          expect(result.isError, result.output).toBe(false);
          const after = await readFile(join(root, "reproduce.py"), "utf8");
          const theirs = (r.events[i + 1] as Extract<TraceEvent, { type: "tool_result" }>).data.output;
          if (!/^File updated\./m.test(theirs) && e.data.name === "shell") {
            expect(after).toBe(before);
            checked.rejected++;
            continue;
          }
          const lines = after.split("\n").slice(0, -1);
          expect(theirs).toContain(`(${lines.length} lines total)]`);
          for (const [, n, text] of theirs.matchAll(/^(\d+):(.*)$/gm)) expect(lines[Number(n) - 1]).toBe(text);
          checked.written++;
        }
      } finally {
        await env.dispose();
      }
      expect(checked).toEqual({ written, rejected });
    },
  );
});

describe("importMiniSweAgentTrajectory on mini-swe-agent 2.x trajectories", () => {
  const cases = [
    { id: "marshmallow-code__marshmallow-1359", steps: 74, first: "pwd && ls -la" },
    {
      id: "pylint-dev__astroid-1978",
      steps: 65,
      first: 'find /testbed -type f -name "*.py" | grep -E "(raw_building|astroid)" | head -20',
    },
    { id: "sqlfluff__sqlfluff-2419", steps: 48, first: 'find . -type f -name "*.py" | grep -i "l060" | head -20' },
  ];
  it.each(cases)("$id: a shell call per bash action with their observation, the final echo as submit", ({ id, steps, first }) => {
    const json = MINI(id);
    const r = importMiniSweAgentTrajectory(json, { runId: "imported" });
    expectWellFormed(r);
    expectValidArguments(r);
    expect(r.stats).toEqual({ steps, toolCalls: steps, unmapped: 0 });
    expect(r.problems).toEqual([]);
    expect(calls(r)[0]).toEqual({ name: "shell", arguments: { command: first, timeout_sec: 60 } });
    expect(calls(r).at(-1)).toEqual({ name: "submit", arguments: {} });
    expect(calls(r).filter((c) => c.name === "submit")).toHaveLength(1);
    expect(r.submission).toBe(json.info.submission);
    expect(ofType(r, "tool_result").at(-1)!.data.output).toBe(json.info.submission);
    expect(ofType(r, "patch")[0]!.data.files.length).toBeGreaterThan(0);
    expect(ofType(r, "agent_end")[0]!.data).toEqual({ reason: "submitted", detail: "Submitted" });
    expect(ofType(r, "run_start")[0]!.data).toMatchObject({
      task: { id, repo: id.replace(/__/, "/").replace(/-\d+$/, "") },
      agent: "mini-swe-agent",
      importedFrom: "mini-swe-agent",
      model: "deepseek/deepseek-chat",
      image: json.info.config.environment.image,
      settings: {
        mini_version: "2.2.7",
        agent: { step_limit: 250, cost_limit: 3 },
        model_type: "minisweagent.models.litellm_model.LitellmModel",
      },
    });
    const tools = (json.messages as { role: string; content: unknown }[]).filter((m) => m.role === "tool");
    expect(
      ofType(r, "tool_result")
        .slice(0, -1)
        .map((e) => e.data.output),
    ).toEqual(tools.map((m) => m.content));
  });

  it("takes usage, cost, stop reason and times from their messages", () => {
    const json = MINI("sqlfluff__sqlfluff-2419");
    const r = importMiniSweAgentTrajectory(json, { runId: "r" });
    const first = ofType(r, "model_response")[0]!;
    expect(first.data).toMatchObject({
      step: 1,
      usage: { inputTokens: 1540, outputTokens: 85 },
      costUsd: 0.00038626000000000003,
      stopReason: "tool_calls",
    });
    expect(first.ts).toBe(new Date(1775715329.6782093 * 1000).toISOString());
    expect(ofType(r, "tool_result")[0]!.data.durationMs).toBe(117);
    const cost = ofType(r, "model_response").reduce((sum, e) => sum + e.data.costUsd, 0);
    expect(cost).toBeCloseTo(json.info.model_stats.instance_cost, 9);
    const times = r.events.map((e) => Date.parse(e.ts));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("is deterministic: the same input gives byte-identical events", () => {
    const a = JSON.stringify(importMiniSweAgentTrajectory(MINI("pylint-dev__astroid-1978"), { runId: "r" }));
    expect(JSON.stringify(importMiniSweAgentTrajectory(MINI("pylint-dev__astroid-1978"), { runId: "r" }))).toBe(a);
  });

  it("keeps a submission echo their run went on from as shell, and reads LimitsExceeded against the step limit", () => {
    const assistant = (id: string, command: string) => ({
      role: "assistant",
      content: "",
      tool_calls: [],
      extra: { actions: [{ command, tool_call_id: id }] },
    });
    const tool = (id: string, content: string) => ({ role: "tool", tool_call_id: id, content, extra: { returncode: 0 } });
    const r = importMiniSweAgentTrajectory(
      {
        messages: [
          { role: "system", content: "s" },
          assistant("a", "echo COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT; ls"),
          tool("a", "x"),
          assistant("b", "ls"),
          tool("b", "y"),
        ],
        info: {
          exit_status: "LimitsExceeded",
          submission: "",
          model_stats: { instance_cost: 0.5, api_calls: 2 },
          config: { agent: { step_limit: 2, cost_limit: 3 } },
        },
      },
      { runId: "r", taskId: "t" },
    );
    expectWellFormed(r);
    expect(calls(r).map((c) => c.name)).toEqual(["shell", "shell"]);
    expect(ofType(r, "limit")[0]!.data.kind).toBe("steps");
    expect(ofType(r, "agent_end")[0]!.data.reason).toBe("limit");
    expect(r.events.map((e) => e.ts)).toEqual(r.events.map((_, i) => new Date(i * 1000).toISOString()));
  });

  it("reads format 1 (mini-swe-agent 1.x): the bash block is the action and the next user message its observation", () => {
    const r = importMiniSweAgentTrajectory(
      {
        trajectory_format: "mini-swe-agent-1",
        messages: [
          { role: "system", content: "s" },
          { role: "user", content: "task" },
          { role: "assistant", content: "THOUGHT: look\n\n```bash\nls -la\n```", timestamp: 100 },
          { role: "user", content: "<returncode>0</returncode>\n<output>\na\n</output>", timestamp: 101.5 },
          { role: "assistant", content: "two blocks\n```bash\nls\n```\n```bash\npwd\n```", timestamp: 103 },
          { role: "user", content: "Please always provide EXACTLY ONE action", timestamp: 103 },
          { role: "assistant", content: "done\n```bash\necho COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT && git diff\n```", timestamp: 105 },
          { role: "user", content: "diff --git a/a b/a\n", timestamp: 106 },
        ],
        info: { exit_status: "Submitted", submission: "diff --git a/a b/a\n" },
      },
      { runId: "r", taskId: "t" },
    );
    expectWellFormed(r);
    expect(r.stats).toEqual({ steps: 3, toolCalls: 2, unmapped: 0 });
    expect(calls(r)).toEqual([
      { name: "shell", arguments: { command: "ls -la" } },
      { name: "submit", arguments: {} },
    ]);
    expect(ofType(r, "tool_result").map((e) => [e.data.output, e.data.durationMs, e.ts])).toEqual([
      ["<returncode>0</returncode>\n<output>\na\n</output>", 1500, new Date(101500).toISOString()],
      ["diff --git a/a b/a\n", 1000, new Date(106000).toISOString()],
    ]);
    expect(ofType(r, "model_response")[1]!.data.latencyMs).toBe(1500);
  });
});

describe("malformed trajectories", () => {
  const failure = (f: () => unknown): string => {
    try {
      f();
    } catch (error) {
      expect(SwerigError.isInstance(error) && error.code).toBe("invalid_input");
      return (error as Error).message;
    }
    throw new Error("no error");
  };
  it("names the missing or mistyped field", () => {
    expect(failure(() => importSweAgentTrajectory({ info: {} }, { runId: "r" }))).toMatch(
      /^not a SWE-agent trajectory: trajectory: .*expected array/,
    );
    expect(failure(() => importSweAgentTrajectory({ trajectory: [{ action: 3, observation: "" }], info: {} }, { runId: "r" }))).toMatch(
      /trajectory\.0\.action: .*expected string/,
    );
    expect(failure(() => importSweAgentTrajectory({ trajectory: [] }, { runId: "r" }))).toMatch(/info: .*expected object/);
    expect(failure(() => importSweAgentTrajectory("not json", { runId: "r" }))).toMatch(/\(root\): .*expected object/);
    expect(failure(() => importMiniSweAgentTrajectory({ info: {} }, { runId: "r" }))).toMatch(
      /^not a mini-swe-agent trajectory: messages: .*expected array/,
    );
    expect(
      failure(() =>
        importMiniSweAgentTrajectory({ messages: [{ role: "assistant", extra: { actions: [{}] } }], info: {} }, { runId: "r" }),
      ),
    ).toMatch(/messages\.0\.extra\.actions\.0\.command/);
    expect(failure(() => importMiniSweAgentTrajectory(null, { runId: "r" }))).toMatch(/expected object/);
  });

  it("reports a trajectory that names no task instead of guessing one", () => {
    const r = importSweAgentTrajectory({ trajectory: [], info: { exit_status: "submitted", submission: null } }, { runId: "r" });
    expect(r.events[0]).toMatchObject({ taskId: "unknown", data: { task: { id: "unknown", repo: "unknown" } } });
    expect(r.taskId).toBeUndefined();
    expect(r.problems).toEqual(['the trajectory names no instance; give its id (swerig import --instance ID); events use "unknown"']);
  });
});

describe("SWE-agent command arguments", () => {
  it("splits words as bash does", () => {
    expect(splitWords(`find_file "evaluate.py"`)).toEqual(["find_file", "evaluate.py"]);
    expect(splitWords(`search_dir 'a "b" c' src\\ dir ""`)).toEqual(["search_dir", 'a "b" c', "src dir", ""]);
    expect(splitWords(`search_file "say \\"hi\\" \\n"`)).toEqual(["search_file", 'say "hi" \\n']);
  });

  const hasGrep = spawnSync("grep", ["--version"]).status === 0;
  it.runIf(hasGrep).each([
    [".encoding", ["r.encoding = x", "xencoding", "encod"]],
    ["def iter_content(", ["def iter_content(self):", "def iter_content"]],
    ["a\\|b+", ["a", "bb", "b+", "c"]],
    ["x\\{2\\}y{1}", ["xxy{1}", "xy{1}", "xxy"]],
    ["\\<id\\>", ["id = 1", "ids", "valid"]],
    ["*star", ["*star", "star"]],
    ["^def a^b$c$", ["def a^b$c", "def a^b$cd", " def a^b$c"]],
    ["[[:space:]]=[^]a]", ["x =b", "x =]", "x=b", "x\t=c"]],
    ["[\\]", ["a\\b", "ab"]],
  ])("translates the grep pattern %s to a JavaScript regular expression that matches the same lines", (bre, lines) => {
    const grep = spawnSync("grep", ["-e", bre], { input: `${lines.join("\n")}\n`, encoding: "utf8" });
    const regex = new RegExp(breToRegex(bre));
    expect(lines.filter((l) => regex.test(l))).toEqual(grep.stdout.split("\n").filter((l) => l !== ""));
  });
});
