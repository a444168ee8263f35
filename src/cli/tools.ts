// swerig tools: the tools a model sees, with their JSON Schemas.
import { table } from "../report/render-table.js";
import { toolSpecs } from "../tools/registry.js";
import { z } from "zod";
import { parseOptions, value, type CommandSpec } from "./args.js";
import type { CliIo } from "./output.js";

export const toolsSpec: CommandSpec = {
  name: "tools",
  summary: "List the tools an agent works with; --json prints their names, descriptions and JSON Schemas.",
  options: { json: { type: "boolean", description: "print the tool schemas as JSON" } },
};

export async function tools(argv: string[], io: CliIo): Promise<number> {
  const { options } = parseOptions(toolsSpec, argv, z.object({ json: value.flag }));
  const specs = toolSpecs();
  if (options.json) io.out(JSON.stringify(specs, null, 2));
  else
    io.out(
      table(
        ["tool", "description"],
        specs.map((s) => [s.name, s.description.split(". ")[0]!.slice(0, 100)]),
      ),
    );
  return 0;
}
