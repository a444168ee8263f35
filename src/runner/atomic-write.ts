// Every file a later run reads back to decide what is done (status.json, report.json, result.json,
// the manifest, the summary, the grading artifacts) is written to a temporary file beside it and
// renamed into place: a process killed mid-write leaves the old file or none, never half of one.
// A disk that fills is a typed error naming the file, and leaves no temporary file behind.
import { rename, rm, writeFile } from "node:fs/promises";
import { diskFullError } from "../core/index.js";

let written = 0;

/** Throws SwerigError("disk_full") naming `path` when the disk is full; other write errors as they come. */
export async function writeFileAtomic(path: string, content: string | Buffer): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}-${written++}`;
  try {
    await writeFile(tmp, content);
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw diskFullError(error, path) ?? error;
  }
}
