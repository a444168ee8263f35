// Checks made on the host before a model patch goes near a container: is there a patch at all, is
// it a diff, does every path stay inside the repository, does it carry the data of binary changes.
import { patchFiles, unsafePathReason } from "../core/index.js";

export type PatchCheck = { kind: "empty" } | { kind: "ok" } | { kind: "invalid"; reason: string };

export function checkPatch(patch: string | null): PatchCheck {
  if (patch === null || patch.trim() === "") return { kind: "empty" };
  const files = patchFiles(patch);
  if (files.length === 0) {
    const first = patch.trimStart().split("\n", 1)[0]!.slice(0, 80);
    return {
      kind: "invalid",
      reason: `the patch is not a unified diff (no 'diff --git' or '---'/'+++' headers; it starts with ${JSON.stringify(first)})`,
    };
  }
  for (const f of files) {
    for (const path of [f.oldPath, f.newPath]) {
      if (path === undefined) continue;
      const why = unsafePathReason(path);
      if (why)
        return {
          kind: "invalid",
          reason: `the patch touches ${JSON.stringify(path)}, which ${why}: only paths inside the repository are allowed`,
        };
    }
    if (f.binaryWithoutData) {
      return {
        kind: "invalid",
        reason:
          `the patch changes binary file ${f.newPath ?? f.oldPath} without its content ("Binary files ... differ"); ` +
          "make it with 'git diff --binary'",
      };
    }
  }
  return { kind: "ok" };
}
