// Where swerig keeps its caches on the host (materialized repositories, image recipes, runtime files).
import { homedir } from "node:os";
import { join } from "node:path";

export function cacheDir(): string {
  const explicit = process.env["SWERIG_CACHE_DIR"];
  if (explicit) return explicit;
  const xdg = process.env["XDG_CACHE_HOME"];
  return join(xdg && xdg.length > 0 ? xdg : join(homedir(), ".cache"), "swerig");
}

/** A name that can name a folder (a run id, an instance id): letters, digits, '.', '_', '-', not starting with a mark. */
export const FOLDER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
