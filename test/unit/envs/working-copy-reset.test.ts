import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { simpleGit } from "simple-git";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { captureWorkingCopyBase, resetWorkingCopy } from "../../../src/envs/working-copy-reset.js";
import { Workspace } from "../../../src/envs/workspace.js";

let root: string;
let ws: Workspace;

async function listing(dir: string, skipGit = true): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of (await readdir(d, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(d, e.name);
      if (skipGit && e.name === ".git") continue;
      if (e.isDirectory()) await walk(p);
      else out.push(`${relative(dir, p)} ${await readFile(p, "utf8")}`);
    }
  };
  await walk(dir);
  return out;
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "swerig-reset-"));
  await mkdir(join(root, "src"));
  await writeFile(join(root, "src", "a.py"), "x = 1\n");
  await writeFile(join(root, ".gitignore"), "build/\n");
  const git = simpleGit(root);
  await git.init(["-b", "main"]).addConfig("user.name", "t").addConfig("user.email", "t@t.invalid");
  await git.add(["-A"]).commit("base");
  ws = new Workspace(root, (await git.revparse(["HEAD"])).trim(), "/testbed");
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe("resetWorkingCopy", () => {
  it("undoes edits, new and ignored files, commits, branches, stashes and config changes", async () => {
    const base = await captureWorkingCopyBase(ws);
    const before = await listing(root);
    const git = simpleGit(root);
    await writeFile(join(root, "src", "a.py"), "x = 2\n");
    await writeFile(join(root, "new.py"), "y\n");
    await git.stash(["-u"]);
    await writeFile(join(root, "src", "a.py"), "x = 3\n");
    await mkdir(join(root, "build"));
    await writeFile(join(root, "build", "out.o"), "bin");
    await git.add(["src/a.py"]).commit("agent commit");
    await git.checkoutLocalBranch("feature");
    await rm(join(root, ".gitignore"));
    await git.addConfig("core.autocrlf", "true");
    await writeFile(join(root, "untracked.txt"), "u");

    await resetWorkingCopy(ws, base);

    expect(await listing(root)).toEqual(before);
    expect((await git.raw(["symbolic-ref", "HEAD"])).trim()).toBe("refs/heads/main");
    expect((await git.revparse(["HEAD"])).trim()).toBe(ws.baseCommit);
    expect((await git.raw(["for-each-ref", "--format=%(refname)"])).trim()).toBe("refs/heads/main");
    expect(await readFile(join(root, ".git", "config"), "utf8")).not.toContain("autocrlf");
    expect(await ws.diff()).toBe("");
  });

  it("copies back the untracked files of the base state from the folder the copy was made from", async () => {
    const source = await mkdtemp(join(tmpdir(), "swerig-reset-src-"));
    await mkdir(join(root, "build"));
    await writeFile(join(root, "build", "ext.so"), "built");
    await cp(root, source, { recursive: true });
    const base = await captureWorkingCopyBase(ws, source);
    await writeFile(join(root, "build", "ext.so"), "broken");
    await writeFile(join(root, "src", "a.py"), "x = 9\n");
    await resetWorkingCopy(ws, base);
    expect(await readFile(join(root, "build", "ext.so"), "utf8")).toBe("built");
    expect(await readFile(join(root, "src", "a.py"), "utf8")).toBe("x = 1\n");
    await rm(source, { recursive: true, force: true });
  });

  it("says what is left when the copy cannot be brought back", async () => {
    const base = await captureWorkingCopyBase(ws);
    const other = new Workspace(root, "f".repeat(40), "/testbed");
    const error = await resetWorkingCopy(other, base).catch((e: Error) => e);
    expect(error).toMatchObject({ code: "git_failed" });
    expect((error as Error).message).toContain(root);
  });
});
