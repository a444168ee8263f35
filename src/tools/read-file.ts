// read_file: a file's lines with their numbers, a range at a time; a folder's entries.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { z } from "zod";
import { DEFAULT_READ_LINES, MAX_LINE_CHARS } from "./limits.js";
import { missingFileMessage, resolveToolPath } from "./paths.js";
import { defineTool, toolError, READ_ONLY } from "./tool.js";

export const readFileTool = defineTool({
  name: "read_file",
  description:
    `Read a file of the repository with line numbers. Give start_line and end_line (1-based, inclusive) to read a part; ` +
    `without them the first ${DEFAULT_READ_LINES} lines are returned and the reply says how to read on. A folder's path lists its entries.`,
  effects: READ_ONLY,
  parameters: z
    .object({
      path: z.string().min(1).describe("path relative to the repository root"),
      start_line: z.number().int().positive().optional().describe("first line to return (1-based)"),
      end_line: z.number().int().positive().optional().describe("last line to return (inclusive)"),
    })
    .strict(),
  async execute(args, ctx) {
    const target = await resolveToolPath(ctx.workspace, args.path);
    if (!target.ok) return toolError(target.message);
    const info = statSync(target.abs, { throwIfNoEntry: false });
    if (!info) return toolError(await missingFileMessage(ctx.workspace, args.path));
    if (info.isDirectory()) {
      const entries = readdirSync(target.abs, { withFileTypes: true }).filter((e) => e.name !== ".git");
      const names = entries.map((e) => (e.isDirectory() ? `${e.name}/` : e.name)).sort();
      return { output: names.join("\n") || "(empty folder)", isError: false, viewed: [target.rel] };
    }
    const buffer = readFileSync(target.abs);
    if (buffer.subarray(0, 8000).includes(0)) return toolError(`${target.rel} is a binary file (${buffer.length} bytes)`);
    const lines = buffer.toString("utf8").split("\n");
    if (lines.at(-1) === "") lines.pop();
    const start = args.start_line ?? 1;
    if (start > Math.max(1, lines.length)) return toolError(`${target.rel} has ${lines.length} lines; start_line ${start} is past its end`);
    const end = Math.min(lines.length, args.end_line ?? start + DEFAULT_READ_LINES - 1);
    if (end < start) return toolError(`end_line ${end} is before start_line ${start}`);
    const width = String(end).length;
    const body = lines
      .slice(start - 1, end)
      .map((line, i) => {
        const shown = line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)} [line cut at ${MAX_LINE_CHARS} characters]` : line;
        return `${String(start + i).padStart(width)}\t${shown}`;
      })
      .join("\n");
    const more = end < lines.length ? `\n[lines ${start}-${end} of ${lines.length}; read on with start_line=${end + 1}]` : "";
    return { output: `${body}${more}`, isError: false, viewed: [target.rel] };
  },
});
