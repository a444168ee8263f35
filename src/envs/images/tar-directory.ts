// A tar stream of a directory from the system `tar` (numeric owners, everything under it), for
// `docker import` of a root file system and for build contexts.
import { spawn } from "node:child_process";
import type { Readable } from "node:stream";
import { SwerigError } from "../../core/index.js";

export interface TarStream {
  stream: Readable;
  /** Resolves when tar exits 0; rejects with SwerigError("image_build_failed") otherwise. */
  done: Promise<void>;
}

/** Streams `dir` as an uncompressed tar whose members are `./...`. */
export function tarDirectory(dir: string): TarStream {
  const child = spawn("tar", ["--numeric-owner", "-C", dir, "-cf", "-", "."], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-2000);
  });
  const done = new Promise<void>((resolve, reject) => {
    child.on("error", (error) => reject(new SwerigError("image_build_failed", `cannot run tar: ${error.message}`, { cause: error })));
    child.on("close", (code) =>
      code === 0 ? resolve() : reject(new SwerigError("image_build_failed", `tar of ${dir} exited with ${code}: ${stderr.trim()}`)),
    );
  });
  done.catch(() => undefined);
  return { stream: child.stdout, done };
}
