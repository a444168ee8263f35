import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { formatProblem } from "../../../src/core/load-problem.js";
import { loadSwebenchDataset, officialImageName } from "../../../src/tasks/swebench-dataset.js";

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tmp(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "swerig-dataset-"));
  dirs.push(dir);
  return dir;
}

const GOLD =
  "diff --git a/requests/sessions.py b/requests/sessions.py\n--- a/requests/sessions.py\n+++ b/requests/sessions.py\n@@ -1 +1 @@\n-a\n+b\n";
const TEST_PATCH =
  "diff --git a/test_requests.py b/test_requests.py\n--- a/test_requests.py\n+++ b/test_requests.py\n@@ -1 +1 @@\n-a\n+b\n";

/** A row in the HuggingFace encoding: every field a string, the test lists JSON-encoded. */
function row(id: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    repo: "psf/requests",
    instance_id: id,
    base_commit: "091991be0da19de9108dbe5e3752917fea3d7fdc",
    patch: GOLD,
    test_patch: TEST_PATCH,
    problem_statement: `issue of ${id}`,
    hints_text: "",
    created_at: "2014-11-01T02:20:16Z",
    version: "2.4",
    FAIL_TO_PASS: JSON.stringify(["test_requests.py::RequestsTestCase::test_encoded_methods"]),
    PASS_TO_PASS: JSON.stringify(["test_requests.py::RequestsTestCase::test_BASICAUTH_TUPLE_HTTP_200_OK_GET"]),
    environment_setup_commit: "091991be0da19de9108dbe5e3752917fea3d7fdc",
    ...overrides,
  };
}

const jsonl = (rows: unknown[]) => `${rows.map((r) => JSON.stringify(r)).join("\n")}\n`;

async function writeDataset(name: string, text: string, dir?: string): Promise<string> {
  const path = join(dir ?? (await tmp()), name);
  await writeFile(path, text);
  return path;
}

describe("loadSwebenchDataset", () => {
  it("reads JSONL rows into tasks with decoded test lists, gold files and an origin line", async () => {
    const file = await writeDataset("lite.jsonl", jsonl([row("psf__requests-2317"), row("psf__requests-2148")]));
    const { tasks, problems } = await loadSwebenchDataset(file);
    expect(problems).toEqual([]);
    expect(tasks.map((t) => t.id)).toEqual(["psf__requests-2317", "psf__requests-2148"]);
    const [task] = tasks;
    expect(task).toMatchObject({
      repo: "psf/requests",
      baseCommit: "091991be0da19de9108dbe5e3752917fea3d7fdc",
      failToPass: ["test_requests.py::RequestsTestCase::test_encoded_methods"],
      passToPass: ["test_requests.py::RequestsTestCase::test_BASICAUTH_TUPLE_HTTP_200_OK_GET"],
      goldFiles: ["requests/sessions.py"],
      testPatch: TEST_PATCH,
      version: "2.4",
      workdir: "/testbed",
      image: { kind: "swebench", name: "swebench/sweb.eval.x86_64.psf_1776_requests-2317:latest" },
      evalScript: "",
      origin: { kind: "dataset", file, line: 1 },
    });
    expect(tasks[1]!.origin).toEqual({ kind: "dataset", file, line: 2 });
  });

  it("reads a JSON list whose test lists are arrays and whose version is a number", async () => {
    const rows = [row("psf__requests-2317", { FAIL_TO_PASS: ["t::a", "t::b"], PASS_TO_PASS: [], version: 2.4 })];
    const file = await writeDataset("lite.json", JSON.stringify(rows, null, 2));
    const { tasks, problems } = await loadSwebenchDataset(file);
    expect(problems).toEqual([]);
    expect(tasks[0]).toMatchObject({ failToPass: ["t::a", "t::b"], passToPass: [], version: "2.4" });
  });

  it("reports a malformed line with its file and line number and loads the other rows", async () => {
    const text = [
      JSON.stringify(row("a__a-1")),
      JSON.stringify(row("a__a-2")),
      '{"instance_id": "a__a-3", ',
      JSON.stringify(row("a__a-4")),
      "",
    ].join("\n");
    const file = await writeDataset("broken.jsonl", text);
    const { tasks, problems } = await loadSwebenchDataset(file);
    expect(tasks.map((t) => t.id)).toEqual(["a__a-1", "a__a-2", "a__a-4"]);
    expect(tasks[2]!.origin).toMatchObject({ line: 4 });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.where).toBe(`${file}:3`);
    expect(problems[0]!.message).toMatch(/malformed JSON line/);
  });

  it("names the missing field of a row, with its line and instance id", async () => {
    const incomplete = row("a__a-2");
    delete incomplete["base_commit"];
    const file = await writeDataset("missing.jsonl", jsonl([row("a__a-1"), incomplete]));
    const { tasks, problems } = await loadSwebenchDataset(file);
    expect(tasks.map((t) => t.id)).toEqual(["a__a-1"]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ where: `${file}:2`, instanceId: "a__a-2" });
    expect(problems[0]!.message).toMatch(/^base_commit: /);
  });

  it("reports a test list that is a string but not a JSON-encoded list, naming the field", async () => {
    const file = await writeDataset("bad-list.jsonl", jsonl([row("a__a-1", { FAIL_TO_PASS: "test_a, test_b" })]));
    const { tasks, problems } = await loadSwebenchDataset(file);
    expect(tasks).toEqual([]);
    expect(formatProblem(problems[0]!)).toContain(`${file}:1: a__a-1: FAIL_TO_PASS: `);
  });

  it("says why a string test list was refused", async () => {
    const file = await writeDataset("bad-list.jsonl", jsonl([row("a__a-1", { FAIL_TO_PASS: "test_a, test_b" })]));
    const { problems } = await loadSwebenchDataset(file);
    expect(problems[0]!.message).toMatch(/FAIL_TO_PASS: expected a JSON-encoded list of test ids/);
  });

  it("keeps the first row of a duplicated instance id and reports the later one", async () => {
    const file = await writeDataset(
      "dup.jsonl",
      jsonl([row("a__a-1", { problem_statement: "first" }), row("a__a-2"), row("a__a-1", { problem_statement: "second" })]),
    );
    const { tasks, problems } = await loadSwebenchDataset(file);
    expect(tasks.map((t) => [t.id, t.problemStatement])).toEqual([
      ["a__a-1", "first"],
      ["a__a-2", "issue of a__a-2"],
    ]);
    expect(problems).toEqual([
      { where: `${file}:3`, instanceId: "a__a-1", message: "duplicate instance (first at line 1); this row is ignored" },
    ]);
  });

  it("takes image, eval script and log parser from a harness-v5 sibling of a plain dataset", async () => {
    const dir = await tmp();
    const harnessRow = row("psf__requests-2317", {
      image: "swebench/sweb.eval.x86_64.psf_1776_requests-2317:v5",
      eval_script: "#!/bin/bash\n: '>>>>> Start Test Output'\npytest -rA test_requests.py\n: '>>>>> End Test Output'\n",
      log_parser: "parse_log_pytest_options",
      eval_type: "pass_and_fail",
    });
    await writeDataset("lite.harness-v5.jsonl", jsonl([harnessRow]), dir);
    const plain = await writeDataset("lite.jsonl", jsonl([row("psf__requests-2317"), row("psf__requests-2148")]), dir);
    const { tasks, problems } = await loadSwebenchDataset(plain);
    expect(problems).toEqual([]);
    expect(tasks[0]).toMatchObject({
      image: { kind: "swebench", name: "swebench/sweb.eval.x86_64.psf_1776_requests-2317:v5" },
      evalScript: harnessRow["eval_script"],
      logParser: "parse_log_pytest_options",
      origin: { kind: "dataset", file: plain, line: 1 },
    });
    // Absent from the sibling: the published image name, the repository's parser, no script.
    expect(tasks[1]).toMatchObject({
      image: { kind: "swebench", name: "swebench/sweb.eval.x86_64.psf_1776_requests-2148:latest" },
      evalScript: "",
      logParser: "parse_log_requests",
    });
  });

  it("keeps a row's own eval script over the sibling's", async () => {
    const dir = await tmp();
    await writeDataset("lite.harness-v5.jsonl", jsonl([row("a__a-1", { eval_script: "sibling", log_parser: "parse_log_sympy" })]), dir);
    const own = await writeDataset("lite.jsonl", jsonl([row("a__a-1", { eval_script: "own", log_parser: "parse_log_django" })]), dir);
    const { tasks } = await loadSwebenchDataset(own);
    expect(tasks[0]).toMatchObject({ evalScript: "own", logParser: "parse_log_django" });
  });

  it("defaults the log parser by repository as the harness-v5 datasets name them", async () => {
    // repo -> log_parser of every Lite and Verified harness-v5 row.
    const published: Record<string, string> = {
      "astropy/astropy": "parse_log_astropy",
      "django/django": "parse_log_django",
      "matplotlib/matplotlib": "parse_log_matplotlib",
      "mwaskom/seaborn": "parse_log_seaborn",
      "pallets/flask": "parse_log_flask",
      "psf/requests": "parse_log_requests",
      "pydata/xarray": "parse_log_xarray",
      "pylint-dev/pylint": "parse_log_pylint",
      "pytest-dev/pytest": "parse_log_pytest",
      "scikit-learn/scikit-learn": "parse_log_scikit",
      "sphinx-doc/sphinx": "parse_log_sphinx",
      "sympy/sympy": "parse_log_sympy",
      // Lite dev split repositories, pytest -rA logs.
      "sqlfluff/sqlfluff": "parse_log_pytest",
      "pylint-dev/astroid": "parse_log_pytest",
    };
    const repos = Object.keys(published);
    const file = await writeDataset("repos.jsonl", jsonl(repos.map((repo, i) => row(`x__x-${i}`, { repo }))));
    const { tasks } = await loadSwebenchDataset(file);
    expect(Object.fromEntries(tasks.map((t) => [t.repo, t.logParser]))).toEqual(published);
  });
});

describe("officialImageName", () => {
  it("lower-cases the id and writes '__' as '_1776_', as the published images are named", () => {
    expect(officialImageName("psf__requests-2317")).toBe("swebench/sweb.eval.x86_64.psf_1776_requests-2317:latest");
    expect(officialImageName("django__django-11099")).toBe("swebench/sweb.eval.x86_64.django_1776_django-11099:latest");
    expect(officialImageName("SWE-Gym__Example__X-1")).toBe("swebench/sweb.eval.x86_64.swe-gym_1776_example_1776_x-1:latest");
  });
});
