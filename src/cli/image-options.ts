// The options `grade` and `run` share for running at scale: --workers (auto by default), --pull,
// --image-cache and --max-image-disk, parsed into the runner's image settings (runner/run-image-setup.ts
// does the set-up they lead to, its lines going to stderr).
import { IMAGE_CACHE_HELP, IMAGE_CACHE_LEVELS, PULL_POLICIES } from "../envs/images/index.js";
import type { ImageSettings } from "../runner/run-image-setup.js";
import { optionValue, value, type OptionSpec, type ParsedOptions } from "./args.js";

const cacheHelp = IMAGE_CACHE_LEVELS.map((level) => `${level}: ${IMAGE_CACHE_HELP[level]}`).join("; ");

export const IMAGE_OPTIONS: Record<string, OptionSpec> = {
  workers: {
    type: "string",
    arg: "N|auto",
    description: "task runs at once; auto: min(cores, free memory / 4 GiB per container)",
    default: "auto",
  },
  pull: {
    type: "string",
    arg: "missing|always|never",
    description: "pull official images when absent, every run, or never",
    default: "missing",
  },
  "image-cache": { type: "string", arg: "none|env|all", description: `after an instance image's last use: ${cacheHelp}`, default: "env" },
  "max-image-disk": { type: "string", arg: "GiB", description: "evict least recently used images swerig pulled or built beyond this size" },
};

/** Validates the shared options; throws SwerigError("invalid_input") naming the option that is wrong. */
export function parseImageOptions(values: ParsedOptions): ImageSettings {
  const maxDiskBytes = optionValue(values, "max-image-disk", value.gib);
  return {
    workers: optionValue(values, "workers", value.workers) ?? "auto",
    pull: optionValue(values, "pull", value.oneOf(PULL_POLICIES)) ?? "missing",
    cache: optionValue(values, "image-cache", value.oneOf(IMAGE_CACHE_LEVELS)) ?? "env",
    ...(maxDiskBytes !== undefined ? { maxDiskBytes } : {}),
  };
}

export { imageEventLine } from "../runner/run-image-setup.js";
