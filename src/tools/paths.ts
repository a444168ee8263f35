// Repository paths in tool arguments: resolved through the workspace (confined to the snapshot), with
// an error result that helps the model when a path does not exist.
import { readFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { basename, join, relative } from "node:path";
import { SwerigError } from "../core/index.js";
import type { Workspace } from "../envs/workspace.js";
import { SKIPPED_DIRS } from "./repo-files.js";

/** Every file of the working copy (repository-relative, sorted), skipping VCS and build folders. */
export async function listFiles(root: string, limit = 50_000): Promise<string[]> {
  const out: string[] = [];
  async function walk(dir: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (out.length >= limit) return;
      if (e.isDirectory()) {
        if (!SKIPPED_DIRS.has(e.name)) await walk(join(dir, e.name));
      } else if (e.isFile() || e.isSymbolicLink()) out.push(relative(root, join(dir, e.name)));
    }
  }
  await walk(root);
  return out;
}

/** A file's bytes, or null when it does not exist (synchronous: cheaper than a thread-pool round trip for one file). */
export function readOrNull(abs: string): Buffer | null {
  try {
    return readFileSync(abs);
  } catch {
    return null;
  }
}

/** "No such file" with up to three existing paths of the same file name, or close to it. */
export async function missingFileMessage(workspace: Workspace, path: string): Promise<string> {
  const name = basename(path);
  const files = await listFiles(workspace.root);
  const same = files.filter((f) => basename(f) === name);
  const close =
    same.length > 0
      ? same
      : files.filter((f) =>
          basename(f)
            .toLowerCase()
            .includes(name.toLowerCase().replace(/\.[^.]*$/, "")),
        );
  const hint = close.slice(0, 3);
  return `no such file: ${path}${hint.length > 0 ? `; did you mean ${hint.join(", ")}?` : ""}`;
}

/** Resolves a tool's path argument; returns an error message instead of throwing for escapes. */
export async function resolveToolPath(
  workspace: Workspace,
  path: string,
): Promise<{ ok: true; abs: string; rel: string } | { ok: false; message: string }> {
  try {
    const abs = await workspace.resolve(path);
    return { ok: true, abs, rel: relative(workspace.root, abs) || "." };
  } catch (error) {
    if (SwerigError.isInstance(error) && error.code === "path_escape")
      return { ok: false, message: `${error.message}; paths are relative to the repository root` };
    throw error;
  }
}
