// Turns a swe-tasks snapshot (<task dir>/repo) into a git repository whose single commit has exactly
// the id computed when the task was loaded, independent of the user's git configuration.
import { cp, mkdir, readdir, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { simpleGit } from "simple-git";
import { SwerigError, errorMessage, SNAPSHOT_IDENTITY, snapshotCommitMessage } from "../core/index.js";
import type { Task } from "../tasks/task.js";

/** Settings that could change the commit's tree or block it, pinned whatever the user's config says. */
const PINNED_CONFIG = [
  "core.autocrlf=false",
  "core.safecrlf=false",
  "core.fileMode=true",
  "core.symlinks=true",
  "core.ignoreCase=false",
  "core.precomposeUnicode=false",
  "commit.gpgSign=false",
  "gc.auto=0",
];

/** In-tree .gitattributes must not convert line endings or run filters: the id is of the raw bytes. */
const RAW_ATTRIBUTES = "* -text -eol -ident -filter -working-tree-encoding\n";

/** Where the snapshot of a swe-tasks task lives. Throws SwerigError("invalid_task") for a dataset task. */
export function snapshotDir(task: Task): string {
  if (task.origin.kind !== "swe-tasks") {
    throw new SwerigError("invalid_task", `task ${task.id} comes from a dataset and has no repository snapshot`);
  }
  return join(task.origin.dir, "repo");
}

function gitEnv(dateIso: string): Record<string, string> {
  const date = `@${Math.floor(Date.parse(dateIso) / 1000)} +0000`;
  // A minimal environment: nothing of the caller's (editor, pager, GIT_DIR, ...) reaches git.
  const env: Record<string, string> = { LC_ALL: "C" };
  for (const key of ["PATH", "HOME", "TMPDIR"]) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return {
    ...env,
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_AUTHOR_NAME: SNAPSHOT_IDENTITY.name,
    GIT_AUTHOR_EMAIL: SNAPSHOT_IDENTITY.email,
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_NAME: SNAPSHOT_IDENTITY.name,
    GIT_COMMITTER_EMAIL: SNAPSHOT_IDENTITY.email,
    GIT_COMMITTER_DATE: date,
  };
}

/** git in `dir` with the pinned configuration, identity and date, and nothing of the caller's environment. */
function pinnedGit(dir: string, dateIso: string) {
  const env = gitEnv(dateIso);
  return simpleGit({
    baseDir: dir,
    config: PINNED_CONFIG,
    allowEnvironment: Object.keys(env).filter((key) => key.startsWith("GIT_")),
    // Our own fixed values: the global config is /dev/null and the template directory is empty.
    unsafe: { allowUnsafeConfigPaths: true, allowUnsafeTemplateDir: true },
  }).env(env);
}

/**
 * Copies the snapshot of `task` into `destDir` (absent or empty) and commits it once on `main`, with
 * SNAPSHOT_IDENTITY and task.createdAt as author and committer. Throws SwerigError("invalid_task") for a
 * task without a snapshot or date, SwerigError("invalid_input") for a non-empty destDir, and
 * SwerigError("git_failed") when git fails or the commit id differs from task.baseCommit.
 */
export async function materializeSnapshot(task: Task, destDir: string): Promise<void> {
  if (!task.createdAt) throw new SwerigError("invalid_task", `task ${task.id} has no created_at date`);
  await mkdir(destDir, { recursive: true });
  if ((await readdir(destDir)).length > 0) {
    throw new SwerigError("invalid_input", `cannot materialize task ${task.id} into ${destDir}: it is not empty`);
  }
  if (task.repoSource?.kind === "bundle") return materializeBundle(task, task.repoSource.file, destDir, task.createdAt);
  const source = snapshotDir(task);
  await cp(source, destDir, {
    recursive: true,
    verbatimSymlinks: true,
    preserveTimestamps: true,
    filter: (path) => basename(path) !== ".git",
  });

  const git = pinnedGit(destDir, task.createdAt);
  let head: string;
  try {
    await git.raw(["init", "-q", "--template=", "-b", "main"]);
    await mkdir(join(destDir, ".git", "info"), { recursive: true });
    await writeFile(join(destDir, ".git", "info", "attributes"), RAW_ATTRIBUTES);
    await git.raw(["add", "-A", "-f"]);
    await git.raw(["commit", "-q", "--no-verify", "--cleanup=verbatim", "-m", snapshotCommitMessage(task.repo)]);
    head = (await git.raw(["rev-parse", "HEAD"])).trim();
  } catch (error) {
    throw new SwerigError("git_failed", `committing the snapshot of task ${task.id} failed: ${errorMessage(error)}`, {
      cause: error,
    });
  }
  if (head !== task.baseCommit) {
    throw new SwerigError(
      "git_failed",
      `the snapshot of task ${task.id} (${source}) commits as ${head}, but its computed base commit is ${task.baseCommit}: the ` +
        `snapshot and its computed id disagree`,
    );
  }
}

/**
 * Clones the task's bundle into `destDir` and leaves only the history up to the base commit, checked
 * out on `main`: later commits, other branches, tags, remotes and reflogs are removed, so nothing of
 * the fix can be found in the repository. Throws SwerigError("git_failed") naming what went wrong.
 */
async function materializeBundle(task: Task, bundle: string, destDir: string, createdAt: string): Promise<void> {
  const git = pinnedGit(destDir, createdAt);
  try {
    await git.raw(["clone", "-q", "--no-checkout", "--template=", bundle, "."]);
    await git.raw(["checkout", "-q", "-B", "main", task.baseCommit]);
    await git.raw(["remote", "remove", "origin"]);
    const refs = (await git.raw(["for-each-ref", "--format=%(refname)"])).split("\n").filter((r) => r && r !== "refs/heads/main");
    for (const ref of refs) await git.raw(["update-ref", "-d", ref]);
    await git.raw(["reflog", "expire", "--expire=now", "--all"]);
    await git.raw(["gc", "-q", "--prune=now"]);
    const head = (await git.raw(["rev-parse", "HEAD"])).trim();
    const all = (await git.raw(["rev-list", "--all", "--count"])).trim();
    const reachable = (await git.raw(["rev-list", "HEAD", "--count"])).trim();
    if (head !== task.baseCommit || all !== reachable) {
      throw new Error(`HEAD is ${head} with ${all} commits in all but ${reachable} reachable, expected ${task.baseCommit}`);
    }
  } catch (error) {
    throw new SwerigError(
      "git_failed",
      `materializing task ${task.id} from ${bundle} at ${task.baseCommit} failed: ${errorMessage(error)}`,
      { cause: error },
    );
  }
}
