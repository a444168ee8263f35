// outline: the classes, functions, methods and types of one source file with their line ranges,
// nested by indentation, from a tree-sitter parse; a map of a file before reading parts of it.
import { stat } from "node:fs/promises";
import { z } from "zod";
import { missingFileMessage, resolveToolPath } from "./paths.js";
import { fileSymbols } from "./symbol-index.js";
import type { SymbolDef } from "./symbols.js";
import { defineTool, toolError, READ_ONLY, type ToolResult } from "./tool.js";
import { languageOf, SUPPORTED_EXTENSIONS } from "./tree-sitter.js";

/** Definitions listed at most; the rest are counted. */
export const MAX_OUTLINE_ENTRIES = 400;

export const outlineTool = defineTool({
  name: "outline",
  description:
    "List the definitions in one source file: classes, functions, methods, and for the languages that have them interfaces, " +
    "type aliases, enums, structs, traits, impl blocks, modules and top-level constants, each with its line range, nested by " +
    "indentation. " +
    "Use it to see a file's structure before reading the part you need with read_file. " +
    `Supported: Python, TypeScript, JavaScript, Go and Rust files (${SUPPORTED_EXTENSIONS.join(" ")}).`,
  effects: READ_ONLY,
  parameters: z
    .object({
      path: z.string().min(1).describe("source file path relative to the repository root"),
    })
    .strict(),
  async execute(args, ctx): Promise<ToolResult> {
    const target = await resolveToolPath(ctx.workspace, args.path);
    if (!target.ok) return toolError(target.message);
    const info = await stat(target.abs).catch(() => undefined);
    if (!info) return toolError(await missingFileMessage(ctx.workspace, args.path));
    if (info.isDirectory())
      return toolError(`${target.rel} is a folder; outline takes one source file (find_files lists a folder's files)`);
    if (!languageOf(target.rel)) {
      return toolError(
        `outline does not support ${target.rel}: it reads ${SUPPORTED_EXTENSIONS.join(", ")} files; use read_file or search for other ` +
          `files`,
      );
    }
    const read = await fileSymbols(ctx.workspace.root, { path: target.rel, abs: target.abs, symlink: false });
    if (read.kind !== "parsed") {
      const why = read.kind === "huge" ? "over 2 MB" : read.kind === "binary" ? "a binary file" : "not readable";
      return toolError(`${target.rel} is ${why}; outline cannot parse it`);
    }
    const { defs, language, lineCount } = read.symbols;
    const header = `${target.rel} (${language}, ${lineCount} lines)`;
    if (defs.length === 0) return { output: `${header}: no definitions found`, isError: false, viewed: [target.rel] };
    const lines = defs.slice(0, MAX_OUTLINE_ENTRIES).map(outlineLine);
    if (defs.length > MAX_OUTLINE_ENTRIES) {
      const next = defs[MAX_OUTLINE_ENTRIES]!;
      lines.push(
        `[${MAX_OUTLINE_ENTRIES} of ${defs.length} definitions shown; the rest start at line ${next.startLine}: read them with read_file]`,
      );
    }
    return { output: [header, ...lines].join("\n"), isError: false, viewed: [target.rel] };
  },
});

/** `  method area (lines 26-28)`: indented by nesting depth. */
export function outlineLine(def: SymbolDef): string {
  const range = def.startLine === def.endLine ? `line ${def.startLine}` : `lines ${def.startLine}-${def.endLine}`;
  return `${"  ".repeat(def.depth)}${def.kind} ${def.label} (${range})`;
}
