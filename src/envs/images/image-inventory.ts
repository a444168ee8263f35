// The library behind `swerig images list` and `images prune`: the images swerig knows (its records,
// its own builds, official SWE-bench images present), with size, last use and what keeps each; and a
// prune that removes only recorded images, least recently used first.
import type Docker from "dockerode";
import { errorMessage } from "../../core/index.js";
import { getDocker } from "../docker-client.js";
import { evictionOrder, keptBy } from "./cache-policy.js";
import { IMAGE_NAMESPACE } from "./image-spec.js";
import { ImageStateFile, type ImageRecord } from "./image-state.js";

export interface ImageRow {
  image: string;
  /** "pulled" or "built" by swerig (recorded), or "foreign" (swerig never removes it). */
  origin: "pulled" | "built" | "foreign";
  present: boolean;
  sizeBytes: number | null;
  lastUsedAt: string | null;
  keptBy: string;
}

const isToolchain = (tag: string) => tag.startsWith(`${IMAGE_NAMESPACE}/base`);
const isListed = (tag: string) => tag.startsWith(`${IMAGE_NAMESPACE}/`) || tag.includes("sweb.eval.") || tag.includes("sweb.env.");

function row(tag: string, record: ImageRecord | undefined, size: number | undefined): ImageRow {
  const kind = isToolchain(tag) ? "toolchain" : "instance";
  return {
    image: tag,
    origin: record?.origin ?? "foreign",
    present: size !== undefined,
    sizeBytes: size ?? null,
    lastUsedAt: record?.lastUsedAt ?? null,
    keptBy: size === undefined ? "absent (record only)" : keptBy({ kind, record }),
  };
}

/** Recorded images and swerig's or SWE-bench's images present, sorted by name. */
export async function listImages(state = new ImageStateFile(), docker: Docker = getDocker()): Promise<ImageRow[]> {
  const records = (await state.read()).images;
  const sizes = new Map<string, number>();
  for (const info of await docker.listImages()) for (const tag of info.RepoTags ?? []) sizes.set(tag, info.Size);
  const tags = new Set([...Object.keys(records), ...[...sizes.keys()].filter(isListed)]);
  return [...tags].sort().map((tag) => row(tag, records[tag], sizes.get(tag)));
}

export interface PruneResult {
  removed: string[];
  /** Recorded images that could not be removed (a container uses them), with the reason. */
  kept: { image: string; reason: string }[];
  /** Records dropped because their image is gone. */
  forgotten: string[];
}

/**
 * Removes recorded (swerig-pulled or -built) instance images, least recently used first, until the rest fit
 * in `maxDiskBytes` (default 0: all of them). Never touches an image without a record. `dryRun` only says.
 */
export async function pruneImages(
  options: { maxDiskBytes?: number; dryRun?: boolean; state?: ImageStateFile; docker?: Docker } = {},
): Promise<PruneResult> {
  const state = options.state ?? new ImageStateFile();
  const docker = options.docker ?? getDocker();
  const rows = await listImages(state, docker);
  const recorded = rows.filter((r) => r.origin !== "foreign");
  const forgotten = recorded.filter((r) => !r.present).map((r) => r.image);
  const candidates = recorded
    .filter((r) => r.present && !isToolchain(r.image))
    .map((r) => ({ tag: r.image, lastUsedAt: r.lastUsedAt ?? "", sizeBytes: r.sizeBytes ?? 0 }));
  const chosen = evictionOrder(candidates, options.maxDiskBytes ?? 0, new Set());
  const result: PruneResult = { removed: [], kept: [], forgotten };
  if (options.dryRun) return { ...result, removed: chosen };
  for (const tag of chosen) {
    try {
      await docker.getImage(tag).remove();
      result.removed.push(tag);
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) result.removed.push(tag);
      else result.kept.push({ image: tag, reason: errorMessage(error) });
    }
  }
  const gone = new Set([...result.removed, ...forgotten]);
  if (gone.size > 0) {
    await state.update((s) => {
      for (const tag of gone) delete s.images[tag];
    });
  }
  return result;
}
