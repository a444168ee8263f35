// The files the tools look at (search, find_files, find_definition, a missing file's hints): one walk of
// the host working copy that skips VCS, dependency and build folders, and text reads that skip binary and
// huge files and never follow a symlink out.
import { closeSync, fstatSync, openSync, readSync, realpathSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, sep } from "node:path";

/** Folders never descended into: VCS, dependencies, builds and tool caches. */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set([
  ".git",
  "node_modules",
  "target",
  "__pycache__",
  ".venv",
  "dist",
  "build",
  ".tox",
  ".mypy_cache",
  ".pytest_cache",
]);
/** Files larger than this are not searched or parsed. */
export const MAX_TEXT_FILE_BYTES = 2 * 1024 * 1024;
/** A walk stops after this many files. */
export const MAX_WALK_FILES = 200_000;
const BINARY_PROBE_BYTES = 8_000;
const BATCH_SIZE = 64;

export interface RepoFile {
  /** Repository-relative path with `/` separators. */
  path: string;
  abs: string;
  symlink: boolean;
}

/**
 * Every file under `startRel` (a repository-relative folder, "." for the root), sorted by path.
 * Skipped folders are skipped below the start only, so an explicit `node_modules/x` is walked.
 * Symlinked folders are not followed. Unreadable folders count as empty; never rejects.
 */
export async function walkRepoFiles(root: string, startRel = "."): Promise<RepoFile[]> {
  const out: RepoFile[] = [];
  async function walk(dirAbs: string, dirRel: string): Promise<void> {
    const entries = await readdir(dirAbs, { withFileTypes: true }).catch(() => []);
    const subdirs: Promise<void>[] = [];
    for (const e of entries) {
      if (out.length >= MAX_WALK_FILES) break;
      const rel = dirRel === "." ? e.name : `${dirRel}/${e.name}`;
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name)) subdirs.push(walk(join(dirAbs, e.name), rel));
      } else if (e.isFile() || e.isSymbolicLink()) {
        out.push({ path: rel, abs: join(dirAbs, e.name), symlink: e.isSymbolicLink() });
      }
    }
    await Promise.all(subdirs);
  }
  await walk(startRel === "." ? root : join(root, ...startRel.split("/")), startRel);
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

export type TextRead =
  | { kind: "text"; text: string; mtimeMs: number; size: number }
  | { kind: "binary" | "huge" | "unreadable" | "outside" };

/**
 * A file's text, or why it was skipped: binary (a NUL byte near the start), huge (over
 * MAX_TEXT_FILE_BYTES), unreadable (gone, a folder, no permission), or outside (a symlink leading out
 * of `root`). Synchronous, because node's promise-based readFile costs several thread-pool round trips
 * per file (3-4x slower over thousands of small files); callers batch with mapInBatches. Never throws.
 */
export function readTextFileSync(root: string, file: RepoFile): TextRead {
  if (file.symlink && !staysInside(root, file.abs)) return { kind: "outside" };
  let fd: number | undefined;
  try {
    fd = openSync(file.abs, "r");
    const info = fstatSync(fd);
    if (!info.isFile()) return { kind: "unreadable" };
    if (info.size > MAX_TEXT_FILE_BYTES) return { kind: "huge" };
    const buffer = Buffer.allocUnsafe(info.size);
    let filled = 0;
    while (filled < info.size) {
      const n = readSync(fd, buffer, filled, info.size - filled, filled);
      if (n === 0) break;
      filled += n;
    }
    const bytes = buffer.subarray(0, filled);
    if (bytes.subarray(0, BINARY_PROBE_BYTES).includes(0)) return { kind: "binary" };
    return { kind: "text", text: bytes.toString("utf8"), mtimeMs: info.mtimeMs, size: info.size };
  } catch {
    return { kind: "unreadable" };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function staysInside(root: string, abs: string): boolean {
  try {
    const rootReal = realpathSync(root);
    const real = realpathSync(abs);
    return real === rootReal || real.startsWith(`${rootReal}${sep}`);
  } catch {
    return false;
  }
}

/**
 * `fn` over `items`, synchronously in batches of `batchSize`, yielding to the event loop between
 * batches so other tasks' I/O is not held up for long. Results in input order.
 */
export async function mapInBatches<T, R>(items: readonly T[], fn: (item: T) => R, batchSize = BATCH_SIZE): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && i % batchSize === 0) await new Promise((resolve) => setImmediate(resolve));
    results.push(fn(items[i]!));
  }
  return results;
}
