// The CLI as a user meets it (issue 10's list), the points no other CLI test covers: a malformed plan or
// predictions file and a missing tasks file in one line with exit 2, help columns aligned, and
// SWE-bench instances sliced by their language.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { runCli } from "../../helpers/cli.js";

const cli = runCli;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "swerig-cli-points-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));
beforeEach(() => {
  vi.stubEnv("DOCKER_HOST", "unix:///nonexistent/swerig-cli-points-test.sock");
});
afterEach(() => {
  vi.unstubAllEnvs();
});

const file = async (name: string, content: string) => {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
};

const row = {
  repo: "psf/requests",
  instance_id: "psf__requests-2317",
  base_commit: "091991be0da19de9108dbe5e3752917fea3d7fdc",
  patch: "diff --git a/requests/api.py b/requests/api.py\n--- a/requests/api.py\n+++ b/requests/api.py\n@@ -1 +1 @@\n-a\n+b\n",
  test_patch: "diff --git a/t.py b/t.py\n--- a/t.py\n+++ b/t.py\n@@ -1 +1 @@\n-a\n+b\n",
  problem_statement: "p",
  hints_text: "",
  created_at: "2014-11-01T02:20:16Z",
  version: "2.4",
  FAIL_TO_PASS: '["t.py::test_a"]',
  PASS_TO_PASS: "[]",
};

describe("expected errors: one line naming the file and the problem, exit 2, no stack trace", () => {
  it("a plan that is not JSON", async () => {
    const plan = await file("plan.json", "not json");
    const r = await cli("run", "--agent", "scripted", "--plan", plan, "--run-id", "p", "--tasks", dir);
    expect(r.err).toMatch(new RegExp(`^swerig run: --plan ${plan}: not JSON: .*not valid JSON$`));
    expect(r.code).toBe(2);
  });

  it("a predictions file that is not JSON", async () => {
    const tasks = await file("one.jsonl", `${JSON.stringify(row)}\n`);
    const preds = await file("preds.json", '[{"instance_id": 1}');
    const r = await cli("grade", "--tasks", tasks, "--predictions", preds, "--run-id", "p", "--traces-dir", dir);
    const lines = r.err.split("\n");
    expect(lines.at(-1)).toMatch(
      new RegExp(`^swerig grade: --predictions ${preds}: none of its predictions can be graded \\(not valid JSON`),
    );
    expect(r.err).not.toContain("    at ");
    expect(r.code).toBe(2);
  });

  it("a tasks path that does not exist", async () => {
    const r = await cli("tasks", "list", "--tasks", join(dir, "nope"));
    expect(r.err).toBe(`swerig tasks list: --tasks ${join(dir, "nope")}: no such file or directory`);
    expect(r.code).toBe(2);
  });
});

describe("help", () => {
  it("aligns the descriptions of options and arguments in one column", async () => {
    for (const name of [["run"], ["grade"], ["replay"], ["tasks", "validate"]]) {
      const { out } = await cli(...name, "--help");
      const rows = out.split("\n").filter((l) => /^ {2}(--|[A-Z_]+ )/.test(l));
      const columns = new Set(rows.map((l) => /^ {2}\S+(?: \S+)*? {2,}/.exec(l)?.[0].length));
      expect(rows.length).toBeGreaterThan(1);
      expect([...columns]).toHaveLength(1);
    }
  });
});

describe("SWE-bench instances", () => {
  it("have the language of their repository", async () => {
    const tasks = await file("lang.jsonl", `${JSON.stringify(row)}\n`);
    const { out } = await cli("tasks", "list", "--tasks", tasks, "--json");
    expect(z.array(z.object({ language: z.string() })).parse(JSON.parse(out))).toEqual([{ language: "python" }]);
  });
});
