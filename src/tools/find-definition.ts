// find_definition: where a function, class, method, type or top-level constant is defined, across the
// repository's Python, TypeScript, JavaScript, Go and Rust files, from tree-sitter parses.
import { stat } from "node:fs/promises";
import { basename, dirname, extname } from "node:path";
import { z } from "zod";
import { missingFileMessage, resolveToolPath } from "./paths.js";
import { walkRepoFiles, type RepoFile } from "./repo-files.js";
import { similarNames } from "../core/index.js";
import { repoSymbols, type FileSymbols } from "./symbol-index.js";
import type { SymbolDef } from "./symbols.js";
import { defineTool, toolError, READ_ONLY, type ToolResult } from "./tool.js";
import { languageOf, SUPPORTED_EXTENSIONS } from "./tree-sitter.js";

/** Definitions shown at most; the rest are counted. */
export const MAX_DEFINITIONS = 50;
const MAX_SUGGESTIONS = 5;

interface Hit {
  path: string;
  def: SymbolDef;
}

export const findDefinitionTool = defineTool({
  name: "find_definition",
  description:
    "Find where a symbol is defined: a function, class, method, interface, type, struct, trait, enum or top-level constant, " +
    "in the repository's Python, TypeScript, JavaScript, Go and Rust files. Give a name (`parse_args`) or `Class.method` " +
    "(also `Type::method` or `module.function`) to pick a method of one class. Returns `path:start-end: kind name` lines, each " +
    "followed by the " +
    `first line of the definition, at most ${MAX_DEFINITIONS}; read the range with read_file. Only definitions are found; use search ` +
    `for the uses of a name.`,
  effects: READ_ONLY,
  parameters: z
    .object({
      symbol: z.string().min(1).describe("the name to look up, e.g. `load_config`, `Parser`, or `Parser.parse` for a method of Parser"),
      path: z
        .string()
        .min(1)
        .optional()
        .describe("folder or file to look in, relative to the repository root (default: the whole repository)"),
    })
    .strict(),
  async execute(args, ctx): Promise<ToolResult> {
    const parts = args.symbol
      .trim()
      .split(/::|\.|#/)
      .filter((p) => p !== "");
    const name = parts.at(-1);
    if (!name || /\s/.test(name))
      return toolError(`${JSON.stringify(args.symbol)} is not a symbol name; give one name such as parse_args or Class.method`);
    const qualifier = parts.length > 1 ? parts.at(-2) : undefined;

    const base = await resolveToolPath(ctx.workspace, args.path ?? ".");
    if (!base.ok) return toolError(base.message);
    const info = await stat(base.abs).catch(() => undefined);
    if (!info) return toolError(await missingFileMessage(ctx.workspace, args.path ?? "."));
    let files: RepoFile[];
    if (info.isDirectory()) files = await walkRepoFiles(ctx.workspace.root, base.rel);
    else if (languageOf(base.rel)) files = [{ path: base.rel, abs: base.abs, symlink: false }];
    else
      return toolError(
        `find_definition does not read ${base.rel}: it reads ${SUPPORTED_EXTENSIONS.join(", ")} files; use search for other files`,
      );

    const { parsed, scanned } = await repoSymbols(ctx.workspace.root, files, name);
    const hits = parsed.flatMap((file) =>
      file.defs
        .filter((d) => d.name === name && d.kind !== "impl" && (!qualifier || qualifies(d, file, qualifier)))
        .map((def) => ({ path: file.path, def })),
    );
    if (hits.length > 0) return render(hits);

    const where = base.rel === "." ? "the repository" : base.rel;
    if (scanned === 0)
      return toolError(
        `there are no ${SUPPORTED_EXTENSIONS.join(" ")} files in ${where} to look for ${args.symbol} in; use search instead`,
      );
    const everything = await repoSymbols(ctx.workspace.root, files);
    const suggestions = suggest(everything.parsed, name, qualifier);
    return toolError(
      `no definition of ${args.symbol} in ${scanned} source files of ${where}` +
        (suggestions.length > 0 ? `; did you mean ${suggestions.join(", ")}?` : "; use search to find where the name occurs"),
    );
  },
});

/** `Class.method`: the enclosing type, or the module (file name, or folder of an index file). */
function qualifies(def: SymbolDef, file: FileSymbols, qualifier: string): boolean {
  if (def.container === qualifier) return true;
  const stem = basename(file.path, extname(file.path));
  const module = ["__init__", "index", "mod", "lib"].includes(stem) ? basename(dirname(file.path)) : stem;
  return module === qualifier;
}

function qualifiedName(def: SymbolDef): string {
  return def.container ? `${def.container}.${def.name}` : def.name;
}

function suggest(files: FileSymbols[], name: string, qualifier: string | undefined): string[] {
  const defs = files.flatMap((f) => f.defs.filter((d) => d.kind !== "impl"));
  if (!qualifier)
    return similarNames(
      name,
      defs.map((d) => d.name),
      MAX_SUGGESTIONS,
    );
  // The same name in another type first, then names close to the qualified one, then the type's members.
  const sameName = defs
    .filter((d) => d.name === name)
    .map(qualifiedName)
    .sort();
  const close = similarNames(`${qualifier}.${name}`, defs.map(qualifiedName), MAX_SUGGESTIONS);
  const members = defs.filter((d) => d.container === qualifier).map(qualifiedName);
  return [...new Set([...sameName, ...close, ...members])].slice(0, MAX_SUGGESTIONS);
}

function render(hits: Hit[]): ToolResult {
  hits.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.def.startLine - b.def.startLine));
  const shown = hits.slice(0, MAX_DEFINITIONS);
  const out = shown.map(
    ({ path, def }) => `${path}:${def.startLine}-${def.endLine}: ${def.kind} ${qualifiedName(def)}\n    ${def.signature}`,
  );
  if (hits.length > MAX_DEFINITIONS) {
    out.push(`[${MAX_DEFINITIONS} of ${hits.length} definitions shown; give Class.method or a path to narrow]`);
  }
  return { output: out.join("\n"), isError: false, viewed: [...new Set(shown.map((h) => h.path))] };
}
