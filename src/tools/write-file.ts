// write_file: create a file or replace its whole content.
import { z } from "zod";
import { readOrNull, resolveToolPath } from "./paths.js";
import { defineTool, toolError } from "./tool.js";

export const writeFileTool = defineTool({
  name: "write_file",
  description:
    "Create a file, or replace the whole content of an existing one, in the repository. Folders are created as needed. Prefer " +
    "edit_file for changes to existing files.",
  effects: { readOnly: false, destructive: true, idempotent: true },
  parameters: z
    .object({
      path: z.string().min(1).describe("path relative to the repository root"),
      content: z.string().describe("the complete new content of the file"),
    })
    .strict(),
  async execute(args, ctx) {
    const target = await resolveToolPath(ctx.workspace, args.path);
    if (!target.ok) return toolError(target.message);
    const before = readOrNull(target.abs);
    ctx.edits.push(target.rel, before);
    await ctx.workspace.writeFile(target.rel, args.content);
    const lines = args.content.split("\n").length - (args.content.endsWith("\n") ? 1 : 0);
    return { output: `${before === null ? "created" : "wrote"} ${target.rel} (${lines} lines)`, isError: false, edited: [target.rel] };
  },
});
