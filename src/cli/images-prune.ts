// swerig images prune: remove images swerig pulled or built, least recently used first; never others.
import { z } from "zod";
import { pruneImages } from "../envs/images/index.js";
import { parseOptions, value, type CommandSpec } from "./args.js";
import type { CliIo } from "./output.js";

export const imagesPruneSpec: CommandSpec = {
  name: "images prune",
  summary: "Remove instance images swerig pulled or built (least recently used first); images it did not pull are never removed.",
  options: {
    "max-image-disk": {
      type: "string",
      arg: "GiB",
      description: "keep the most recently used ones that fit in this size (default 0: remove all)",
    },
    "dry-run": { type: "boolean", description: "only print what would be removed" },
    json: { type: "boolean", description: "print JSON" },
  },
};

const ImagesPruneOptions = z.object({ "max-image-disk": value.gib.optional(), "dry-run": value.flag, json: value.flag });

export async function imagesPrune(argv: string[], io: CliIo): Promise<number> {
  const { options } = parseOptions(imagesPruneSpec, argv, ImagesPruneOptions);
  const result = await pruneImages({ maxDiskBytes: options["max-image-disk"] ?? 0, dryRun: options["dry-run"] });
  if (options.json) io.out(JSON.stringify(result, null, 2));
  else {
    const verb = options["dry-run"] ? "would remove" : "removed";
    for (const image of result.removed) io.out(`${verb} ${image}`);
    for (const k of result.kept) io.out(`kept ${k.image}: ${k.reason}`);
    for (const image of result.forgotten) io.out(`forgot ${image} (no longer present)`);
    io.out(`${result.removed.length} ${verb}, ${result.kept.length} kept`);
  }
  return result.kept.length > 0 ? 1 : 0;
}
