// The files a patch was made against, as far as the patch shows them: each hunk's old lines at their
// own line numbers and, wherever the patch shows nothing, a unique filler line. Edits that a patch's
// hunks locate (by text or by line) land on the same lines here as in the real file; what the patch
// never shows cannot be checked, so a test that uses this says so.
import { patchFiles, patchHunks } from "../../src/core/index.js";

const filler = (path: string, line: number) => `# filler ${path}:${line} (not shown by the patch)`;

export function baseFromPatch(patch: string, tailLines = 3): Map<string, string> {
  const created = new Set(patchFiles(patch).flatMap((f) => (f.oldPath === undefined && f.newPath ? [f.newPath] : [])));
  const files = new Map<string, string[]>();
  const open = new Map<string, boolean>();
  for (const hunk of patchHunks(patch)) {
    if (created.has(hunk.path)) continue;
    const lines = files.get(hunk.path) ?? [];
    files.set(hunk.path, lines);
    const old = hunk.oldText === "" ? [] : hunk.oldText.replace(/\n$/, "").split("\n");
    // A hunk without old lines inserts after line oldStart; one with old lines starts at oldStart.
    const first = old.length === 0 ? hunk.oldStart + 1 : hunk.oldStart;
    while (lines.length + 1 < first) lines.push(filler(hunk.path, lines.length + 1));
    lines.push(...old);
    open.set(hunk.path, hunk.oldText === "" || hunk.oldText.endsWith("\n"));
  }
  const result = new Map<string, string>();
  for (const [path, lines] of files) {
    const tail = open.get(path) ? Array.from({ length: tailLines }, (_, i) => filler(path, lines.length + i + 1)) : [];
    const all = [...lines, ...tail];
    result.set(path, all.join("\n") + (open.get(path) ? "\n" : ""));
  }
  return result;
}
