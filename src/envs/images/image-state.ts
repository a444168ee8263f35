// What swerig pulled or built, and when each image was last used: a small JSON file under the cache
// dir, shared by every swerig process on the host. Each change re-reads the file under a lock file
// (see file-lock.ts: a lock left by a crashed process is taken over) and is
// written to a temporary file then renamed, so readers never see half a file and two processes never
// lose each other's records. An image without a record is foreign: swerig never removes it.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { cacheDir, SwerigError } from "../../core/index.js";
import { withFileLock, writeFileAtomic } from "../file-lock.js";

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
    return withFileLock(this.path, "image state", async () => {
      const state = await this.read();
      mutate(state);
      const images = Object.fromEntries(Object.entries(state.images).sort(([a], [b]) => (a < b ? -1 : 1)));
      const sorted: ImageState = { version: 1, images };
      await writeFileAtomic(this.path, `${JSON.stringify(sorted, null, 2)}\n`);
      return sorted;
    });
  }
}
