// The checkers' part of the quality block on a real git repository with LocalEnvironment (no Docker):
// tsc from the repository's node_modules reports what the patch introduced and not the debt it moved,
// on copies, leaving `git status` of the work tree as it was; a checker that is not installed leaves
// its signal absent with the reason and never fails the analysis.
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { LocalEnvironment } from "../../src/envs/local-environment.js";
import { inspectPatch } from "../../src/runner/patch-inspection.js";
import type { Task } from "../../src/tasks/index.js";

const NODE_MODULES = fileURLToPath(new URL("../../node_modules", import.meta.url));
const root = await mkdtemp(join(tmpdir(), "swerig-static-checks-"));
afterAll(() => rm(root, { recursive: true, force: true }));

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd, encoding: "utf8" });
const hasGo = (() => {
  try {
    execFileSync("go", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

async function repo(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(root, "repo-"));
  for (const [path, content] of Object.entries(files)) {
    await mkdir(join(dir, path, ".."), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  await writeFile(join(dir, ".gitignore"), "node_modules\n");
  git(dir, "init", "-q");
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "base");
  return dir;
}

const tsconfig = JSON.stringify({ compilerOptions: { strict: true, noEmit: true, skipLibCheck: true, types: [] }, include: ["src"] });

describe("static checks of a patch", () => {
  it("tsc: the error the patch adds counts, the one it only moves down does not; the work tree is left as it was", async () => {
    const base = 'export const debt: number = "old";\n';
    const dir = await repo({ "tsconfig.json": tsconfig, "src/a.ts": base });
    await symlink(NODE_MODULES, join(dir, "node_modules"));
    await writeFile(join(dir, "src/a.ts"), `// header\n\n${base}export const total = sum([1, 2]);\n`);
    const patch = git(dir, "diff");
    const status = git(dir, "status", "--porcelain");
    const task = { workdir: dir, goldPatch: patch } as Pick<Task, "workdir" | "goldPatch">;
    const { quality } = await inspectPatch(task as Task)(new LocalEnvironment(dir), patch);
    expect((await quality) as object).toMatchObject({
      static: [{ tool: "tsc", introduced: [{ file: "src/a.ts", line: 4, rule: "TS2304", message: "Cannot find name 'sum'." }] }],
    });
    expect(git(dir, "status", "--porcelain")).toBe(status);
  });

  it.runIf(!hasGo)("a checker that is not installed: the signal is absent with the reason, the rest of the block is there", async () => {
    const dir = await repo({ "go.mod": "module example.com/m\n\ngo 1.21\n", "m.go": "package m\n\nfunc A() int { return 1 }\n" });
    await writeFile(join(dir, "m.go"), "package m\n\nfunc A() int { return 2 }\n");
    const patch = git(dir, "diff");
    const task = { workdir: dir, goldPatch: patch } as Pick<Task, "workdir" | "goldPatch">;
    const { quality } = await inspectPatch(task as Task)(new LocalEnvironment(dir), patch);
    expect(await quality).toMatchObject({
      size: { files: 1 },
      static: [{ tool: "go vet", missing: "go vet is not installed in the task image" }],
    });
  });
});
