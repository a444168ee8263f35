// The options `grade` and `run` share for running at scale: --workers (auto by default), --pull,
// --image-cache and --max-image-disk, parsed into the runner's image settings (runner/run-image-setup.ts
// does the set-up they lead to, its lines going to stderr).
import { SwerigError } from "../core/index.js";
import { IMAGE_CACHE_HELP, IMAGE_CACHE_LEVELS, PULL_POLICIES } from "../envs/images/index.js";
import { setupRunImages as setupImages, type ImageSettings, type RunImageSetup } from "../runner/run-image-setup.js";
import type { Task } from "../tasks/index.js";
import { stringOption, type OptionSpec, type ParsedOptions } from "./args.js";
import type { CliIo } from "./output.js";

const GIB = 1024 ** 3;
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

function oneOf<T extends string>(values: ParsedOptions, name: string, allowed: readonly T[]): T {
  const raw = stringOption(values, name);
  const found = allowed.find((a) => a === raw);
  if (found === undefined) throw new SwerigError("invalid_input", `--${name} takes ${allowed.join(", ")}, not ${JSON.stringify(raw)}`);
  return found;
}

/** Validates the shared options; throws SwerigError("invalid_input") naming the option that is wrong. */
export function parseImageOptions(values: ParsedOptions): ImageSettings {
  const rawWorkers = stringOption(values, "workers") ?? "auto";
  const count = Number(rawWorkers);
  if (rawWorkers !== "auto" && !(Number.isInteger(count) && count > 0)) {
    throw new SwerigError("invalid_input", `--workers takes a positive whole number or auto, not ${JSON.stringify(rawWorkers)}`);
  }
  const rawDisk = stringOption(values, "max-image-disk");
  const gib = Number(rawDisk);
  if (rawDisk !== undefined && !(rawDisk.trim() !== "" && gib >= 0 && Number.isFinite(gib))) {
    throw new SwerigError("invalid_input", `--max-image-disk takes a size in GiB (a number, 0 or more), not ${JSON.stringify(rawDisk)}`);
  }
  return {
    workers: rawWorkers === "auto" ? "auto" : count,
    pull: oneOf(values, "pull", PULL_POLICIES),
    cache: oneOf(values, "image-cache", IMAGE_CACHE_LEVELS),
    ...(rawDisk !== undefined ? { maxDiskBytes: Math.round(gib * GIB) } : {}),
  };
}

export { imageEventLine, type ImageSettings, type RunImageSetup } from "../runner/run-image-setup.js";

/** The run's images and workers (runner/run-image-setup.ts), telling what happens on stderr. */
export const setupRunImages = (settings: ImageSettings, uses: readonly Task[], runId: string, io: CliIo): Promise<RunImageSetup> =>
  setupImages(settings, uses, runId, (line) => io.err(line));
