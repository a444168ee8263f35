// Puts a task's working copy back in the state it was prepared in, in place (the directory stays
// bind-mounted in a running container): the checked-out commit and branch, the index, every file,
// the refs, and git's own settings files. Used by `swerig dev` between iterations on a warm container.
import { cp, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { simpleGit } from "simple-git";
import { SwerigError, errorMessage } from "../core/index.js";
import type { Workspace } from "./workspace.js";

/** Files under .git that change what git does (settings, excludes, attributes); restored byte for byte. */
const GIT_FILES = ["config", "info/exclude", "info/attributes"];

export interface WorkingCopyBase {
  /** The ref HEAD names (`refs/heads/main`), or null for a detached HEAD. */
  branch: string | null;
  /** Every ref → the object it names. */
  refs: ReadonlyMap<string, string>;
  /** GIT_FILES → their bytes, null when absent. */
  gitFiles: ReadonlyMap<string, Buffer | null>;
  /** A folder holding the whole base state, untracked files included (an image's exported workdir), copied back after a clean. */
  restoreFrom?: string;
}

/**
 * Records what resetWorkingCopy restores; call it right after preparing the copy, before anything ran
 * in it. `restoreFrom`: the folder the copy was made from, when the base state has untracked or ignored
 * files that git cannot restore (an image's built extensions). Throws SwerigError("git_failed").
 */
export async function captureWorkingCopyBase(workspace: Workspace, restoreFrom?: string): Promise<WorkingCopyBase> {
  const git = simpleGit({ baseDir: workspace.root });
  try {
    const branch = (await git.raw(["symbolic-ref", "-q", "HEAD"]).catch(() => "")).trim() || null;
    const refs = parseRefs(await git.raw(["for-each-ref", "--format=%(refname) %(objectname)"]));
    const gitFiles = new Map<string, Buffer | null>();
    for (const name of GIT_FILES) gitFiles.set(name, await readFile(join(workspace.root, ".git", name)).catch(() => null));
    return { branch, refs, gitFiles, ...(restoreFrom ? { restoreFrom } : {}) };
  } catch (error) {
    throw new SwerigError("git_failed", `reading the base state of ${workspace.root} failed: ${errorMessage(error)}`, { cause: error });
  }
}

function parseRefs(text: string): Map<string, string> {
  const refs = new Map<string, string>();
  for (const line of text.split("\n")) {
    const [name, id] = line.trim().split(" ");
    if (name && id) refs.set(name, id);
  }
  return refs;
}

/**
 * Restores the base state: git's files, HEAD on its branch at the base commit, refs as they were
 * (new ones deleted, moved ones put back), index and tracked files (`reset --hard`), every untracked and
 * ignored file removed (`clean -ffdx`), then `restoreFrom` copied back when there is one. Checks the
 * result: HEAD at the base commit and `git status` clean, ignored files included unless `restoreFrom`
 * brought some. Throws SwerigError("git_failed") naming what is left.
 */
export async function resetWorkingCopy(workspace: Workspace, base: WorkingCopyBase): Promise<void> {
  const root = workspace.root;
  const git = simpleGit({ baseDir: root });
  try {
    for (const [name, bytes] of base.gitFiles) {
      const path = join(root, ".git", name);
      if (bytes === null) await rm(path, { force: true });
      else await writeFile(path, bytes);
    }
    await rm(join(root, ".git", "index.lock"), { force: true });
    await git.raw(["checkout", "-q", "-f", "--detach", workspace.baseCommit]);
    const now = parseRefs(await git.raw(["for-each-ref", "--format=%(refname) %(objectname)"]));
    for (const name of now.keys()) if (!base.refs.has(name)) await git.raw(["update-ref", "-d", name]);
    for (const [name, id] of base.refs) if (now.get(name) !== id) await git.raw(["update-ref", name, id]);
    if (base.branch) await git.raw(["symbolic-ref", "HEAD", base.branch]);
    await git.raw(["reset", "-q", "--hard", workspace.baseCommit]);
    await git.raw(["clean", "-q", "-ffdx"]);
    if (base.restoreFrom)
      await cp(base.restoreFrom, root, { recursive: true, force: true, verbatimSymlinks: true, preserveTimestamps: true });
  } catch (error) {
    throw new SwerigError("git_failed", `resetting the working copy ${root} failed: ${errorMessage(error)}`, { cause: error });
  }
  const head = (await git.revparse(["HEAD"])).trim();
  const ignored = base.restoreFrom ? [] : ["--ignored"];
  const status = (await git.raw(["status", "--porcelain", "--untracked-files=all", ...ignored])).trim();
  if (head !== workspace.baseCommit || status !== "") {
    throw new SwerigError(
      "git_failed",
      `the working copy ${root} is not back at its base state after a reset: HEAD ${head} (base ${workspace.baseCommit}); ` +
        `status: ${status.slice(0, 300) || "clean"}`,
    );
  }
}
