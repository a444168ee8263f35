// swerig images list: the images swerig knows, with size, last use and what keeps each.
import { listImages } from "../envs/images/index.js";
import { table } from "../report/render-table.js";
import { z } from "zod";
import { parseOptions, value, type CommandSpec } from "./args.js";
import type { CliIo } from "./output.js";

export const imagesListSpec: CommandSpec = {
  name: "images list",
  summary: "List the images swerig pulled or built and the SWE-bench images present: size, last use, what keeps each.",
  options: { json: { type: "boolean", description: "print JSON" } },
};

const size = (bytes: number | null) => (bytes === null ? "-" : `${(bytes / 1024 ** 3).toFixed(2)} GiB`);

export async function imagesList(argv: string[], io: CliIo): Promise<number> {
  const { options } = parseOptions(imagesListSpec, argv, z.object({ json: value.flag }));
  const rows = await listImages();
  if (options.json) {
    io.out(JSON.stringify(rows, null, 2));
    return 0;
  }
  const cells = rows.map((r) => [r.image, r.origin, size(r.sizeBytes), r.lastUsedAt ?? "-", r.keptBy]);
  io.out(table(["image", "origin", "size", "last use", "kept by"], cells));
  const recorded = rows.filter((r) => r.origin !== "foreign" && r.present);
  const total = recorded.reduce((s, r) => s + (r.sizeBytes ?? 0), 0);
  io.out(`\n${recorded.length} images pulled or built by swerig, ${size(total)} (shared layers counted per image)`);
  return 0;
}
