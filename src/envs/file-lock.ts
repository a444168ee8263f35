// Read-modify-write of a small JSON file several swerig processes share (the image state, the flaky-test
// record): a lock file created exclusively (one older than STALE_LOCK_MS, or naming a process that is
// gone, is taken as left by a crashed process), and writes to a temporary file then renamed, so readers
// never see half a file. The run folder's files (status.json, report.json, result.json, manifest.json,
// summary.json, grading artifacts) are written the same way.
import { randomUUID } from "node:crypto";
import { mkdir, open, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { diskFullError, SwerigError } from "../core/index.js";
import { processAlive } from "./cleanup.js";

const LOCK_WAIT_MS = 15_000;
const LOCK_POLL_MS = 25;
export const STALE_LOCK_MS = 30_000;

/** The lock names a process that no longer runs (killed while it held the lock). */
async function holderIsGone(lockPath: string): Promise<boolean> {
  const pid = Number(await readFile(lockPath, "utf8").catch(() => ""));
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && !processAlive(pid);
}

/** Runs `fn` holding `<path>.lock`; throws SwerigError("internal") naming `what` when another process holds it too long. */
export async function withFileLock<T>(path: string, what: string, fn: () => Promise<T>): Promise<T> {
  await mkdir(dirname(path), { recursive: true });
  const lockPath = `${path}.lock`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      const handle = await open(lockPath, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const age = await stat(lockPath).then(
      (s) => Date.now() - s.mtimeMs,
      () => 0,
    );
    if (age > STALE_LOCK_MS || (await holderIsGone(lockPath))) await rm(lockPath, { force: true });
    else if (Date.now() > deadline) {
      throw new SwerigError("internal", `the ${what} lock ${lockPath} is held by another process for over ${LOCK_WAIT_MS / 1000}s`);
    } else await new Promise((r) => setTimeout(r, LOCK_POLL_MS));
  }
  try {
    return await fn();
  } finally {
    await rm(lockPath, { force: true });
  }
}

/**
 * Writes `text` to a temporary file beside `path`, then renames it over `path`: a process killed
 * mid-write leaves the old file or none, never half of one. A failed write leaves no temporary file;
 * a full disk throws SwerigError("disk_full") naming `path`.
 */
export async function writeFileAtomic(path: string, text: string | Buffer): Promise<void> {
  const temp = `${path}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  try {
    await writeFile(temp, text);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw diskFullError(error, path) ?? error;
  }
}
