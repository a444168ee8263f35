// swerig images prune: remove images swerig pulled or built, least recently used first; never others.
import { SwerigError } from "../core/index.js";
import { pruneImages } from "../envs/images/index.js";
import { parseCommand, stringOption, type CommandSpec } from "./args.js";
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

export async function imagesPrune(argv: string[], io: CliIo): Promise<number> {
  const { values } = parseCommand(imagesPruneSpec, argv);
  const raw = stringOption(values, "max-image-disk");
  const gib = Number(raw ?? "0");
  if (raw !== undefined && !(raw.trim() !== "" && gib >= 0 && Number.isFinite(gib))) {
    throw new SwerigError("invalid_input", `--max-image-disk takes a size in GiB (a number, 0 or more), not ${JSON.stringify(raw)}`);
  }
  const result = await pruneImages({ maxDiskBytes: Math.round(gib * 1024 ** 3), dryRun: values["dry-run"] === true });
  if (values["json"]) io.out(JSON.stringify(result, null, 2));
  else {
    const verb = values["dry-run"] ? "would remove" : "removed";
    for (const image of result.removed) io.out(`${verb} ${image}`);
    for (const k of result.kept) io.out(`kept ${k.image}: ${k.reason}`);
    for (const image of result.forgotten) io.out(`forgot ${image} (no longer present)`);
    io.out(`${result.removed.length} ${verb}, ${result.kept.length} kept`);
  }
  return result.kept.length > 0 ? 1 : 0;
}
