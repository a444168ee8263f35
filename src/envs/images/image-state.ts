// What swerig pulled or built, and when each image was last used: a small JSON file under the cache
// dir, shared by every swerig process on the host. Each change re-reads the file under a lock file
// (created exclusively; one older than STALE_LOCK_MS is taken as left by a crashed process) and is
// written to a temporary file then renamed, so readers never see half a file and two processes never
// lose each other's records. An image without a record is foreign: swerig never removes it.
import { randomUUID } from "node:crypto";
import { mkdir, open, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { z } from "zod";
import { cacheDir, SwerigError } from "../../core/index.js";

export const ImageRecordSchema = z
  .object({
    origin: z.enum(["pulled", "built"]),
    /** ISO time swerig pulled or built it. */
    addedAt: z.string(),
    lastUsedAt: z.string(),
    /** The run that pulled or built it (null for `images build`). */
    runId: z.string().nullable(),
    sizeBytes: z.number().int().nonnegative().nullable(),
  })
  .strict();
export type ImageRecord = z.infer<typeof ImageRecordSchema>;

export const ImageStateSchema = z.object({ version: z.literal(1), images: z.record(z.string(), ImageRecordSchema) }).strict();
export type ImageState = z.infer<typeof ImageStateSchema>;

const LOCK_WAIT_MS = 15_000;
const LOCK_POLL_MS = 25;
export const STALE_LOCK_MS = 30_000;

export function defaultImageStatePath(): string {
  return join(cacheDir(), "images", "state.json");
}

export class ImageStateFile {
  constructor(readonly path: string = defaultImageStatePath()) {}

  /** The state; empty when the file does not exist. Throws SwerigError("invalid_input") naming the file when it is not valid. */
  async read(): Promise<ImageState> {
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return { version: 1, images: {} };
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      const why = (error as Error).message;
      throw new SwerigError("invalid_input", `the image state file ${this.path} is not JSON (${why}); delete it to start afresh`);
    }
    const parsed = ImageStateSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? `${issue.path.join(".")}: ${issue.message}` : "invalid";
      throw new SwerigError("invalid_input", `the image state file ${this.path} is not valid (${where}); delete it to start afresh`);
    }
    return parsed.data;
  }

  /** Applies `mutate` to the current state under the lock and writes the result atomically; returns it. */
  async update(mutate: (state: ImageState) => void): Promise<ImageState> {
    await mkdir(dirname(this.path), { recursive: true });
    const release = await this.lock();
    try {
      const state = await this.read();
      mutate(state);
      const images = Object.fromEntries(Object.entries(state.images).sort(([a], [b]) => (a < b ? -1 : 1)));
      const sorted: ImageState = { version: 1, images };
      const temp = `${this.path}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
      await writeFile(temp, `${JSON.stringify(sorted, null, 2)}\n`);
      await rename(temp, this.path);
      return sorted;
    } finally {
      await release();
    }
  }

  private async lock(): Promise<() => Promise<void>> {
    const lockPath = `${this.path}.lock`;
    const deadline = Date.now() + LOCK_WAIT_MS;
    for (;;) {
      try {
        const handle = await open(lockPath, "wx");
        await handle.writeFile(String(process.pid));
        await handle.close();
        return () => rm(lockPath, { force: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const age = await stat(lockPath).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > STALE_LOCK_MS) await rm(lockPath, { force: true });
      else if (Date.now() > deadline) {
        throw new SwerigError("internal", `the image state lock ${lockPath} is held by another process for over ${LOCK_WAIT_MS / 1000}s`);
      } else await new Promise((r) => setTimeout(r, LOCK_POLL_MS));
    }
  }
}
