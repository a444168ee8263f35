// A unit's folder on its way from a worker to the coordinator: read (every file, names relative to the
// folder), bounded (MAX_RESULT_BYTES in all; the largest files are cut, head and tail kept around a
// marker) and written into the coordinator's run folder (atomically, names confined to the folder).
import { mkdir, readdir, readFile } from "node:fs/promises";
import { dirname, join, relative, sep } from "node:path";
import { cutHeadTail, SwerigError } from "../core/index.js";
import { writeFileAtomic } from "../envs/file-lock.js";
import type { ResultFile } from "./job.js";

/** What one job may bring back: traces and logs beyond this are cut, with a marker. */
export const MAX_RESULT_BYTES = 16 * 1024 ** 2;

const HINT = "cut by the queue: a job brings back at most 16 MiB; the worker's own copy was not kept";

/** Every regular file under `dir`, sorted by name; an absent folder gives none. */
export async function readResultFiles(dir: string): Promise<{ name: string; content: string }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  const read = await Promise.all(
    files.map(async (path) => ({ name: relative(dir, path).split(sep).join("/"), content: await readFile(path, "utf8") })),
  );
  return read.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Keeps the files within `maxBytes` (UTF-8) in all: the smallest whole, each larger one cut to an
 * equal share of what is left. A cut file carries a marker and `truncated: true`.
 */
export function boundFiles(files: readonly { name: string; content: string }[], maxBytes = MAX_RESULT_BYTES): ResultFile[] {
  const bySize = files.map((f, i) => ({ ...f, i, bytes: Buffer.byteLength(f.content) })).sort((a, b) => a.bytes - b.bytes);
  const out = new Array<ResultFile>(files.length);
  let left = maxBytes;
  bySize.forEach((f, k) => {
    const share = Math.floor(left / (bySize.length - k));
    if (f.bytes <= share) {
      out[f.i] = { name: f.name, content: f.content, truncated: false };
      left -= f.bytes;
      return;
    }
    const content = cutToBytes(f.content, f.bytes, share);
    out[f.i] = { name: f.name, content, truncated: true };
    left -= Buffer.byteLength(content);
  });
  return out;
}

/** Cuts `text` (of `bytes` UTF-8 bytes) to at most `max` bytes, marker included. */
function cutToBytes(text: string, bytes: number, max: number): string {
  let chars = Math.floor((text.length * max) / bytes) - 200;
  for (;;) {
    const cut = cutHeadTail(text, Math.max(0, chars), HINT);
    if (Buffer.byteLength(cut) <= max || chars <= 0) return cut;
    chars -= Math.ceil((Buffer.byteLength(cut) - max) / 2) + 16;
  }
}

/** Writes the files into `dir`, each atomically. Throws SwerigError("internal") for a name that leaves the folder. */
export async function writeResultFiles(dir: string, files: readonly ResultFile[]): Promise<void> {
  for (const f of files) {
    const parts = f.name.split("/");
    if (f.name === "" || f.name.startsWith("/") || parts.some((p) => p === "" || p === "." || p === "..")) {
      throw new SwerigError("internal", `a queue result names the file ${JSON.stringify(f.name)}, which is not inside its folder`);
    }
    const path = join(dir, ...parts);
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, f.content);
  }
}
