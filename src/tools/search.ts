// search: a regular expression over the repository's files, in-process on the host working copy,
// with matches as `path:line: text` sorted by path and line, and a bounded count.
import { stat } from "node:fs/promises";
import { z } from "zod";
import { compileGlob } from "./glob.js";
import { missingFileMessage, resolveToolPath } from "./paths.js";
import { mapInBatches, readTextFileSync, walkRepoFiles, type RepoFile } from "./repo-files.js";
import { defineTool, toolError, READ_ONLY, type ToolResult } from "./tool.js";

/** Matching lines shown at most; the rest are counted. */
export const MAX_SEARCH_MATCHES = 100;
/** A matching line longer than this is shown as a window around its first match. */
export const MAX_SEARCH_LINE_CHARS = 300;
const MAX_CONTEXT_LINES = 5;

interface FileHits {
  path: string;
  /** 0-based numbers of every matching line. */
  hits: number[];
  /** Text of the lines to show (the first MAX_SEARCH_MATCHES hits and their context). */
  shown: Map<number, string>;
}

export const searchTool = defineTool({
  name: "search",
  description:
    "Search the contents of the repository's files with a JavaScript regular expression (like grep -rn). " +
    "Use it to find where a name, message or pattern occurs. Returns matching lines as `path:line: text`, sorted by path and line " +
    `(context lines, if asked for, as \`path-line- text\`), at most ${MAX_SEARCH_MATCHES} lines ` +
    "with a note saying how many more matched. " +
    "Folders such as .git, node_modules and build output are skipped, as are binary files and files over 2 MB.",
  effects: READ_ONLY,
  parameters: z
    .object({
      pattern: z
        .string()
        .min(1)
        .describe("JavaScript regular expression matched against each line, e.g. `def \\w+_total\\(` or `class Foo\\b`"),
      path: z
        .string()
        .min(1)
        .optional()
        .describe("folder or file to search in, relative to the repository root (default: the whole repository)"),
      glob: z
        .string()
        .min(1)
        .optional()
        .describe(
          "only files matching this glob: `*.py` matches file names in any folder; `src/**/*.{ts,tsx}` matches paths from the root",
        ),
      case_sensitive: z.boolean().optional().describe("default true; false to ignore case"),
      context_lines: z
        .number()
        .int()
        .min(0)
        .max(MAX_CONTEXT_LINES)
        .optional()
        .describe("lines of context shown before and after each match (0-5, default 0)"),
    })
    .strict(),
  async execute(args, ctx): Promise<ToolResult> {
    // Optional rather than zod defaults: a default makes the field required in the JSON Schema a model sees.
    const flags = args.case_sensitive === false ? "i" : "";
    const context = args.context_lines ?? 0;
    let regex: RegExp;
    try {
      regex = new RegExp(args.pattern, flags);
    } catch (error) {
      return toolError(
        `invalid regular expression ${JSON.stringify(args.pattern)}: ${(error as Error).message}. ` +
          "The pattern is a JavaScript regular expression: escape ( ) [ ] { } . * + ? | \\ with a backslash to match them literally.",
      );
    }
    const glob = args.glob === undefined ? undefined : compileGlob(args.glob);
    if (glob && !glob.ok) return toolError(`${glob.error}; close every "{" with "}" or escape it as "\\{"`);

    const base = await resolveToolPath(ctx.workspace, args.path ?? ".");
    if (!base.ok) return toolError(base.message);
    const info = await stat(base.abs).catch(() => undefined);
    if (!info) return toolError(await missingFileMessage(ctx.workspace, args.path ?? "."));
    const baseRel = base.rel.split("\\").join("/");
    let files: RepoFile[];
    if (info.isDirectory()) {
      files = await walkRepoFiles(ctx.workspace.root, baseRel);
      if (glob) {
        const inBase = (p: string) => (baseRel === "." ? p : p.slice(baseRel.length + 1));
        files = files.filter((f) => glob.value(f.path) || glob.value(inBase(f.path)));
      }
    } else {
      files = [{ path: baseRel, abs: base.abs, symlink: false }];
    }

    const skipped = { binary: 0, huge: 0 };
    const results = await mapInBatches(files, (file): FileHits | undefined => {
      const read = readTextFileSync(ctx.workspace.root, file);
      if (read.kind === "binary" || read.kind === "huge") skipped[read.kind]++;
      if (read.kind !== "text") return undefined;
      return matchLines(file.path, read.text, regex, context);
    });
    const matched = results.filter((r): r is FileHits => r !== undefined && r.hits.length > 0);

    if (matched.length === 0) {
      if (files.length === 1 && info.isFile() && (skipped.binary > 0 || skipped.huge > 0)) {
        return toolError(`${baseRel} is ${skipped.binary > 0 ? "a binary file" : "over 2 MB"}; search does not read it`);
      }
      const where = baseRel === "." ? "the repository" : baseRel;
      const scope = args.glob ? ` matching ${JSON.stringify(args.glob)}` : "";
      return { output: `no matches for /${args.pattern}/${flags} in ${where} (${files.length} files${scope} searched)`, isError: false };
    }
    return render(matched, context);
  },
});

function matchLines(path: string, text: string, regex: RegExp, context: number): FileHits {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  const hits: number[] = [];
  const shown = new Map<number, string>();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.endsWith("\r") ? lines[i]!.slice(0, -1) : lines[i]!;
    const m = regex.exec(line);
    if (!m) continue;
    hits.push(i);
    if (hits.length > MAX_SEARCH_MATCHES) continue;
    shown.set(i, clip(line, m.index));
    for (let j = Math.max(0, i - context); j <= Math.min(lines.length - 1, i + context); j++) {
      if (!shown.has(j)) shown.set(j, clip(lines[j]!.replace(/\r$/, ""), 0));
    }
  }
  return { path, hits, shown };
}

/** A line cut to MAX_SEARCH_LINE_CHARS, keeping the match at `at` in view. */
function clip(line: string, at: number): string {
  if (line.length <= MAX_SEARCH_LINE_CHARS) return line;
  const start = at < MAX_SEARCH_LINE_CHARS - 100 ? 0 : at - 100;
  const body = line.slice(start, start + MAX_SEARCH_LINE_CHARS);
  return `${start > 0 ? "…" : ""}${body}… [line of ${line.length} characters cut]`;
}

function render(matched: FileHits[], context: number): ToolResult {
  const out: string[] = [];
  const viewed: string[] = [];
  let budget = MAX_SEARCH_MATCHES;
  for (const file of matched) {
    if (budget === 0) break;
    const hits = file.hits.slice(0, budget);
    budget -= hits.length;
    viewed.push(file.path);
    const isHit = new Set(file.hits);
    let last = -2;
    for (const hit of hits) {
      const from = Math.max(0, hit - context, last + 1);
      const to = hit + context;
      if (context > 0 && out.length > 0 && from > last + 1) out.push("--");
      for (let j = from; j <= to; j++) {
        const text = file.shown.get(j);
        if (text === undefined) break;
        out.push(isHit.has(j) ? `${file.path}:${j + 1}: ${text}` : `${file.path}-${j + 1}- ${text}`);
        last = j;
      }
    }
  }
  const total = matched.reduce((n, f) => n + f.hits.length, 0);
  if (total > MAX_SEARCH_MATCHES) {
    out.push(
      `[${MAX_SEARCH_MATCHES} of ${total} matching lines shown, from ${viewed.length} of ${matched.length} files; ` +
        "narrow the search with path, glob or a more specific pattern]",
    );
  }
  return { output: out.join("\n"), isError: false, viewed };
}
