// pyright's part of the quality block on a real git repository with LocalEnvironment (no Docker): the
// unknown names, attributes and possibly unbound names a patch introduces count, the debt it only
// moves down does not, and the work tree is left as it was.
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LocalEnvironment } from "../../src/envs/local-environment.js";
import { inspectPatch } from "../../src/runner/patch-inspection.js";
import { closePyrightServer } from "../../src/runner/pyright-shared.js";
import type { Task } from "../../src/tasks/index.js";

const installed = (() => {
  try {
    return Boolean(createRequire(import.meta.url).resolve("pyright/langserver.index.js"));
  } catch {
    return false;
  }
})();
const root = await mkdtemp(join(tmpdir(), "swerig-pyright-signal-"));
afterAll(async () => {
  await closePyrightServer();
  await rm(root, { recursive: true, force: true });
});

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd, encoding: "utf8" });

async function write(dir: string, files: Record<string, string>) {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
}

describe.runIf(installed)("pyright's signal on a patch", () => {
  it("counts the names and attributes the patch introduces, not the debt it moves; the work tree is left as it was", async () => {
    const dir = await mkdtemp(join(root, "repo-"));
    const debt = "def old():\n    return missing_before\n";
    await write(dir, { "pkg/__init__.py": "", "pkg/util.py": "def helper():\n    return 1\n", "pkg/main.py": debt });
    git(dir, "init", "-q");
    git(dir, "add", "-A");
    git(dir, "commit", "-qm", "base");
    const added = [
      "from pkg.util import helper, helpr",
      "",
      "",
      "def new(flag):",
      "    if flag:",
      "        value = helper()",
      "    return value + undefined_name",
      "",
      "",
    ].join("\n");
    await write(dir, { "pkg/main.py": `${added}${debt}` });
    const patch = git(dir, "diff");
    const status = git(dir, "status", "--porcelain");
    const task = { workdir: dir, goldPatch: patch } as Pick<Task, "workdir" | "goldPatch">;
    const { quality } = await inspectPatch(task as Task)(new LocalEnvironment(dir), patch);
    const block = (await quality) as { static: { tool: string; introduced: { line: number; rule: string; message: string }[] }[] };
    expect(block.static).toMatchObject([{ tool: "pyright", ms: expect.any(Number) }]);
    expect(block.static[0]!.introduced.map((d) => `${d.line} ${d.rule}: ${d.message}`)).toEqual([
      '1 reportAttributeAccessIssue: "helpr" is unknown import symbol',
      '7 reportUndefinedVariable: "undefined_name" is not defined',
      '7 reportPossiblyUnboundVariable: "value" is possibly unbound',
    ]);
    expect(git(dir, "status", "--porcelain")).toBe(status);
  }, 120_000);
});
