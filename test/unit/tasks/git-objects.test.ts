import { execFileSync } from "node:child_process";
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SNAPSHOT_IDENTITY, snapshotCommitMessage } from "../../../src/core/index.js";
import { snapshotCommitId, treeId } from "../../../src/tasks/git-objects.js";

const REPO = "acme/widgets";
const CREATED_AT = "2024-03-01T12:34:56Z";
const dirs: string[] = [];

afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function tmp(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "swerig-git-objects-"));
  dirs.push(dir);
  return dir;
}

/** Real git with nothing of the user's configuration, the snapshot identity and pinned dates. */
function git(dir: string, args: string[]): string {
  const date = `@${Math.floor(Date.parse(CREATED_AT) / 1000)} +0000`;
  return execFileSync(
    "git",
    ["-c", "core.fileMode=true", "-c", "core.symlinks=true", "-c", "core.autocrlf=false", "-c", "commit.gpgSign=false", ...args],
    {
      cwd: dir,
      encoding: "utf8",
      env: {
        PATH: process.env["PATH"] ?? "/usr/bin:/bin",
        HOME: dir,
        LC_ALL: "C",
        GIT_CONFIG_GLOBAL: "/dev/null",
        GIT_CONFIG_NOSYSTEM: "1",
        GIT_AUTHOR_NAME: SNAPSHOT_IDENTITY.name,
        GIT_AUTHOR_EMAIL: SNAPSHOT_IDENTITY.email,
        GIT_AUTHOR_DATE: date,
        GIT_COMMITTER_NAME: SNAPSHOT_IDENTITY.name,
        GIT_COMMITTER_EMAIL: SNAPSHOT_IDENTITY.email,
        GIT_COMMITTER_DATE: date,
      },
    },
  ).trim();
}

/** Commits everything in `dir` (ignored files too) as the snapshot's single root commit; returns HEAD. */
function commitWithGit(dir: string): string {
  git(dir, ["init", "-q", "--template=", "-b", "main"]);
  git(dir, ["add", "-A", "-f"]);
  git(dir, ["commit", "-q", "--no-verify", "--cleanup=verbatim", "-m", snapshotCommitMessage(REPO)]);
  return git(dir, ["rev-parse", "HEAD"]);
}

/** A tree with the cases git treats specially: modes, symlinks, nesting, ordering, ignored and empty. */
async function writeSnapshot(dir: string): Promise<void> {
  await mkdir(join(dir, "lib", "deep", "deeper"), { recursive: true });
  await mkdir(join(dir, "empty", "also-empty"), { recursive: true });
  await writeFile(join(dir, "README.md"), "# widgets\n");
  await writeFile(join(dir, "empty-file"), "");
  await writeFile(join(dir, "crlf.txt"), "one\r\ntwo\r\n");
  await writeFile(join(dir, "café.txt"), "unicode name\n");
  // `lib` is a tree and sorts as "lib/": after "lib-x" and "lib.py", before "lib0.py".
  await writeFile(join(dir, "lib.py"), "x = 1\n");
  await writeFile(join(dir, "lib-x"), "dash\n");
  await writeFile(join(dir, "lib0.py"), "zero\n");
  await writeFile(join(dir, "lib", "__init__.py"), "");
  await writeFile(join(dir, "lib", "deep", "deeper", "leaf.py"), "leaf = True\n");
  await writeFile(join(dir, "run.sh"), "#!/bin/sh\necho run\n");
  await chmod(join(dir, "run.sh"), 0o755);
  // Git records only the owner's execute bit.
  await writeFile(join(dir, "group-exec.sh"), "#!/bin/sh\n");
  await chmod(join(dir, "group-exec.sh"), 0o654);
  await symlink("lib/deep/deeper/leaf.py", join(dir, "leaf-link.py"));
  await symlink("does/not/exist", join(dir, "dangling"));
  await symlink("lib", join(dir, "lib-link"));
  await writeFile(join(dir, ".gitignore"), "*.log\n");
  await writeFile(join(dir, "debug.log"), "ignored by .gitignore but committed with add -f\n");
  await writeFile(join(dir, "binary.bin"), Buffer.from([0, 1, 2, 255, 254, 0]));
}

describe("treeId", () => {
  it("equals the tree real git writes, symlinks, modes, nesting and ordering included", async () => {
    const dir = await tmp();
    await writeSnapshot(dir);
    const computed = (await treeId(dir))!.toString("hex");
    commitWithGit(dir);
    expect(computed).toBe(git(dir, ["rev-parse", "HEAD^{tree}"]));
  });

  it("skips the .git directory and folders that hold no files", async () => {
    const dir = await tmp();
    await writeSnapshot(dir);
    commitWithGit(dir);
    // .git now exists beside the files; a nested .git file and an empty folder change nothing.
    await mkdir(join(dir, "lib", "only-empty", "inside"), { recursive: true });
    await writeFile(join(dir, "lib", ".git"), "gitdir: /elsewhere\n");
    expect((await treeId(dir))!.toString("hex")).toBe(git(dir, ["rev-parse", "HEAD^{tree}"]));
  });

  it("is undefined for a folder with no files at any depth", async () => {
    const dir = await tmp();
    await mkdir(join(dir, "a", "b"), { recursive: true });
    expect(await treeId(dir)).toBeUndefined();
  });
});

describe("snapshotCommitId", () => {
  it("equals the commit real git makes with the snapshot identity, date and message", async () => {
    const dir = await tmp();
    await writeSnapshot(dir);
    const computed = await snapshotCommitId(dir, REPO, CREATED_AT);
    expect(computed).toBe(commitWithGit(dir));
  });

  it("changes with the date and the repository name, which are part of the commit", async () => {
    const dir = await tmp();
    await writeFile(join(dir, "a.txt"), "a\n");
    const base = await snapshotCommitId(dir, REPO, CREATED_AT);
    expect(await snapshotCommitId(dir, REPO, "2024-03-01T12:34:57Z")).not.toBe(base);
    expect(await snapshotCommitId(dir, "acme/gadgets", CREATED_AT)).not.toBe(base);
    expect(await snapshotCommitId(dir, REPO, CREATED_AT)).toBe(base);
  });

  it("throws for a folder with no files", async () => {
    const dir = await tmp();
    await mkdir(join(dir, "empty"));
    await expect(snapshotCommitId(dir, REPO, CREATED_AT)).rejects.toThrow("holds no files");
  });
});
