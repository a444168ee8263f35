// Repository paths in tool arguments: resolved through the workspace (confined to the snapshot), with
// an error result that helps the model when a path does not exist.
import { readFileSync } from "node:fs";
import { basename, relative } from "node:path";
import { SwerigError } from "../core/index.js";
import type { Workspace } from "../envs/workspace.js";
import { walkRepoFiles } from "./repo-files.js";

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
  const files = (await walkRepoFiles(workspace.root)).map((f) => f.path);
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
