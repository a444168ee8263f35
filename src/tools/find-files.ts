// find_files: the repository's files whose paths match a glob, sorted and bounded, skipping VCS,
// dependency and build folders.
import { stat } from "node:fs/promises";
import { z } from "zod";
import { compileGlob } from "./glob.js";
import { missingFileMessage, resolveToolPath } from "./paths.js";
import { walkRepoFiles } from "./repo-files.js";
import { defineTool, toolError, READ_ONLY, type ToolResult } from "./tool.js";

/** Paths listed at most; the rest are counted. */
export const MAX_FOUND_FILES = 500;

export const findFilesTool = defineTool({
  name: "find_files",
  description:
    "List the repository's files whose paths match a glob, sorted. `*` matches within one folder name, `**` any number of folders, " +
    "`?` one character, `{a,b}` either alternative, `[abc]` one of the characters. A glob without `/` matches file names in any folder " +
    "(`test_*.py`, `*.{ts,tsx}`); a glob with `/` matches paths from the repository root (`src/**/*.go`). " +
    `Folders such as .git, node_modules and build output are skipped. At most ${MAX_FOUND_FILES} paths are listed, with a note saying ` +
    `how many more matched.`,
  effects: READ_ONLY,
  parameters: z
    .object({
      pattern: z.string().min(1).describe("glob such as `*.py`, `**/test_*.py` or `src/**/*.{ts,tsx}`"),
      path: z
        .string()
        .min(1)
        .optional()
        .describe("folder to look in, relative to the repository root; the glob then also matches paths relative to it"),
    })
    .strict(),
  async execute(args, ctx): Promise<ToolResult> {
    const glob = compileGlob(args.pattern);
    if (!glob.ok) return toolError(`${glob.error}; close every "{" with "}" or escape it as "\\{"`);
    const base = await resolveToolPath(ctx.workspace, args.path ?? ".");
    if (!base.ok) return toolError(base.message);
    const info = await stat(base.abs).catch(() => undefined);
    if (!info) return toolError(await missingFileMessage(ctx.workspace, args.path ?? "."));
    if (!info.isDirectory())
      return toolError(`${base.rel} is a file, not a folder; give a folder as path (or read the file with read_file)`);

    const inBase = (p: string) => (base.rel === "." ? p : p.slice(base.rel.length + 1));
    const files = (await walkRepoFiles(ctx.workspace.root, base.rel))
      .map((f) => f.path)
      .filter((p) => glob.value(p) || glob.value(inBase(p)));
    const where = base.rel === "." ? "the repository" : base.rel;
    if (files.length === 0) return { output: `no files in ${where} match ${JSON.stringify(args.pattern)}`, isError: false };
    const out = files.slice(0, MAX_FOUND_FILES);
    if (files.length > MAX_FOUND_FILES) {
      out.push(`[${MAX_FOUND_FILES} of ${files.length} matching files listed; narrow with a more specific pattern or a path]`);
    }
    return { output: out.join("\n"), isError: false };
  },
});
