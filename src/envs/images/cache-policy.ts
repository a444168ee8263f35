// Which images a run pulls and which it removes, as pure functions. `--image-cache` follows the official
// harness's `--cache_level` (v4.x harness: docker_utils.should_remove, run_evaluation.run_instances): an instance image is removed
// after its last use in the run unless the level keeps it; toolchain images (swerig's OS and language
// bases, the harness's base and env layers) are always kept; an image swerig did not pull or build
// (no record in the state file) is never removed by any policy.
import type { ImageRecord } from "./image-state.js";

export const PULL_POLICIES = ["missing", "always", "never"] as const;
export type PullPolicy = (typeof PULL_POLICIES)[number];

export const IMAGE_CACHE_LEVELS = ["none", "env", "all"] as const;
export type ImageCacheLevel = (typeof IMAGE_CACHE_LEVELS)[number];

/** One line per level, for `--help` and the README. */
export const IMAGE_CACHE_HELP: Record<ImageCacheLevel, string> = {
  none: "remove every instance image swerig pulled or built (in this run or an earlier one) after its last use in this run",
  env: "remove an official instance image after its last use when this run pulled it (the harness default)",
  all: "keep every image (bounded only by --max-image-disk)",
};

export interface ImageFacts {
  /** "instance": an official SWE-bench image or a swerig task image; "toolchain": a base image. */
  kind: "instance" | "toolchain";
  /** swerig's record of it; undefined for an image swerig did not pull or build. */
  record: ImageRecord | undefined;
  /** Whether it was present when this run started. */
  presentAtStart: boolean;
}

/** Whether to remove an image once this run has no more use for it. */
export function removeAfterLastUse(level: ImageCacheLevel, image: ImageFacts): boolean {
  if (image.kind !== "instance" || image.record === undefined) return false;
  if (level === "all") return false;
  if (level === "none") return true;
  // swerig's own task images add only a repository snapshot to a shared language base: cheap to keep.
  return image.record.origin === "pulled" && !image.presentAtStart;
}

/** Whether to pull an official image, given whether it is present; "never" with the image absent is an error for the caller. */
export function shouldPull(policy: PullPolicy, present: boolean): boolean {
  return policy === "always" || (policy === "missing" && !present);
}

export interface EvictionCandidate {
  tag: string;
  lastUsedAt: string;
  sizeBytes: number;
}

/**
 * The images to remove, least recently used first, until the recorded images fit in `budgetBytes`.
 * `candidates` are the recorded (swerig-pulled or -built) instance images present now; `protectedTags`
 * (images this run still needs, or in use) are never chosen. Sizes are each image's own size, so shared
 * layers are counted once per image: the sum overstates the disk really used, never understates it.
 */
export function evictionOrder(candidates: readonly EvictionCandidate[], budgetBytes: number, protectedTags: ReadonlySet<string>): string[] {
  let total = candidates.reduce((sum, c) => sum + c.sizeBytes, 0);
  const order = [...candidates]
    .filter((c) => !protectedTags.has(c.tag))
    .sort((a, b) => (a.lastUsedAt === b.lastUsedAt ? (a.tag < b.tag ? -1 : 1) : a.lastUsedAt < b.lastUsedAt ? -1 : 1));
  const chosen: string[] = [];
  for (const c of order) {
    if (total <= budgetBytes) break;
    chosen.push(c.tag);
    total -= c.sizeBytes;
  }
  return chosen;
}

/** What keeps an image, for `swerig images list`. */
export function keptBy(image: Pick<ImageFacts, "kind" | "record">): string {
  if (image.kind === "toolchain") return "toolchain: every --image-cache level; never pruned";
  if (image.record === undefined) return "no record of swerig pulling or building it: never removed";
  const env = image.record.origin === "pulled" ? "env (in later runs), all" : "env, all";
  return `--image-cache ${env}; removable by --image-cache none, images prune, --max-image-disk (LRU)`;
}
