// The host side of a task's working copy: the directory bind-mounted at the container's workdir.
// File access resolves every path inside the snapshot only (no "..", no absolute path outside it, no
// symlink that leads out), and diff() asks git on the host for the change against the base commit.
import { existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { simpleGit } from "simple-git";
import { SwerigError } from "../core/index.js";

const CACHE_EXCLUDES_MARK = "# swerig: caches of test and build runs";
/** Patterns for untracked files only: a tracked file is never excluded by them. */
const CACHE_EXCLUDES = [
  CACHE_EXCLUDES_MARK,
  "__pycache__/",
  "*.py[cod]",
  ".pytest_cache/",
  ".mypy_cache/",
  ".ruff_cache/",
  ".hypothesis/",
  ".tox/",
  "*.egg-info/",
  ".coverage",
  "node_modules",
  "/target/",
  "",
].join("\n");

/** See Workspace.fingerprint. */
export interface WorkspaceFingerprint {
  head: string;
  /** Changed or untracked path → its status code, size and modification time. */
  paths: ReadonlyMap<string, string>;
}

/** Paths whose state differs between two fingerprints (all of them when the commit moved), sorted. */
export function fingerprintChanges(before: WorkspaceFingerprint, after: WorkspaceFingerprint): string[] {
  const changed = new Set<string>();
  for (const [path, state] of after.paths) if (before.paths.get(path) !== state) changed.add(path);
  for (const path of before.paths.keys()) if (!after.paths.has(path)) changed.add(path);
  if (before.head !== after.head) changed.add(`(commit ${before.head.slice(0, 12)} → ${after.head.slice(0, 12)})`);
  return [...changed].sort();
}

/** Fields before the path in `git status --porcelain=v2` records, by record type. */
const FIELDS_BEFORE_PATH: Record<string, number> = { "1": 8, "2": 9, u: 10, "?": 1, "!": 1 };

function statusRecordPath(record: string): string {
  const fields = record.split(" ");
  return fields.slice(FIELDS_BEFORE_PATH[fields[0] ?? ""] ?? fields.length - 1).join(" ");
}

export class Workspace {
  private rootReal: string | undefined;

  /**
   * @param root host directory of the working copy (a git repository at `baseCommit`)
   * @param workdir the same directory's path inside the container, accepted as an absolute prefix
   */
  constructor(
    readonly root: string,
    readonly baseCommit: string,
    readonly workdir = "/testbed",
  ) {}

  /**
   * Host path of a repository path (relative, or absolute under the workdir). Throws
   * SwerigError("path_escape") naming the path when it would leave the snapshot, through `..`, an
   * absolute path elsewhere, or a symlink (of the path or any parent) that resolves outside.
   */
  async resolve(path: string): Promise<string> {
    let rel = path;
    if (isAbsolute(path)) {
      if (path === this.workdir || path.startsWith(`${this.workdir}/`)) rel = path.slice(this.workdir.length + 1);
      else if (path === this.root || path.startsWith(`${this.root}${sep}`)) rel = relative(this.root, path);
      else throw new SwerigError("path_escape", `${path} is outside the repository (${this.workdir})`);
    }
    const lexical = resolve(this.root, rel);
    if (lexical !== this.root && !lexical.startsWith(`${this.root}${sep}`)) {
      throw new SwerigError("path_escape", `${path} leads outside the repository`);
    }
    // Synchronous calls: a tool call makes a few of them, and each async one costs a thread-pool round trip.
    this.rootReal ??= realpathSync(this.root);
    const rootReal = this.rootReal;
    // The deepest existing ancestor decides where symlinks lead; what is below it does not exist yet.
    let probe = lexical;
    while (!existsSync(probe) && !lstatSync(probe, { throwIfNoEntry: false })) {
      const up = dirname(probe);
      if (up === probe) break;
      probe = up;
    }
    const real = realpathSync(probe);
    if (real !== rootReal && !real.startsWith(`${rootReal}${sep}`)) {
      throw new SwerigError("path_escape", `${path} resolves through a symlink to ${real}, outside the repository`);
    }
    return lexical;
  }

  async readFile(path: string): Promise<Buffer> {
    return readFileSync(await this.resolve(path));
  }

  async writeFile(path: string, content: string | Buffer): Promise<void> {
    const target = await this.resolve(path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
  }

  /**
   * The working copy's change against the base commit as a git patch, new and deleted files and
   * binary data included; the repository's own index is left as it was.
   */
  async diff(): Promise<string> {
    await this.excludeCaches();
    const indexFile = join(this.root, ".git", `swerig-diff-index-${process.pid}`);
    const env = { PATH: process.env["PATH"] ?? "/usr/bin:/bin", HOME: process.env["HOME"] ?? "/", GIT_INDEX_FILE: indexFile };
    const git = simpleGit({ baseDir: this.root, allowEnvironment: ["GIT_INDEX_FILE"] }).env(env);
    try {
      await git.raw(["read-tree", this.baseCommit]);
      await git.raw(["add", "-A"]);
      return await git.raw(["-c", "core.fileMode=false", "diff", "--cached", "--binary", this.baseCommit]);
    } catch (error) {
      throw new SwerigError("git_failed", `git diff in ${this.root} failed: ${(error as Error).message}`, { cause: error });
    } finally {
      await rm(indexFile, { force: true });
    }
  }

  /**
   * A cheap fingerprint of the working copy's state: the checked-out commit and every changed or
   * untracked path (caches excluded) with its size and modification time, sorted. It moves with any
   * write to the repository, including a second edit of an already changed file, without hashing
   * contents, so it can be taken around every tool call.
   */
  async fingerprint(): Promise<WorkspaceFingerprint> {
    await this.excludeCaches();
    let status: string;
    try {
      status = await simpleGit({ baseDir: this.root }).raw([
        "--no-optional-locks",
        "status",
        "--porcelain=v2",
        "--branch",
        "-z",
        "--untracked-files=all",
      ]);
    } catch (error) {
      throw new SwerigError("git_failed", `git status in ${this.root} failed: ${(error as Error).message}`, { cause: error });
    }
    let head = "";
    const paths = new Map<string, string>();
    const records = status.split("\0");
    for (let i = 0; i < records.length; i++) {
      const record = records[i] ?? "";
      if (record.startsWith("# branch.oid ")) head = record.slice("# branch.oid ".length);
      if (record === "" || record.startsWith("#")) continue;
      const path = statusRecordPath(record);
      if (record.startsWith("2 ")) i++; // a rename's origin path follows as its own record
      const stats = lstatSync(join(this.root, path), { throwIfNoEntry: false, bigint: true });
      paths.set(path, stats ? `${record.slice(0, 4)} ${stats.size} ${stats.mtimeNs}` : `${record.slice(0, 4)} gone`);
    }
    return { head, paths };
  }

  /** Untracked caches that running tests leaves behind are never part of a patch. */
  private async excludeCaches(): Promise<void> {
    const path = join(this.root, ".git", "info", "exclude");
    const current = await readFile(path, "utf8").catch(() => "");
    if (current.includes(CACHE_EXCLUDES_MARK)) return;
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `${current}${current && !current.endsWith("\n") ? "\n" : ""}${CACHE_EXCLUDES}`);
  }
}
