// edit_file: replace a string that occurs exactly once, insert text after a line, or undo the last
// change of a file. Misses say where the text was found, or where something close to it is.
import { rm } from "node:fs/promises";
import { z } from "zod";
import { missingFileMessage, readOrNull, resolveToolPath } from "./paths.js";
import { defineTool, toolError, type ToolResult } from "./tool.js";

const lineOf = (text: string, index: number) => text.slice(0, index).split("\n").length;

function occurrences(text: string, needle: string): number[] {
  const at: number[] = [];
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) at.push(i);
  return at;
}

/** The line of `text` most like the first non-blank line of `needle`, for a "did you mean" hint. */
function closestLine(text: string, needle: string): string | undefined {
  const first = needle
    .split("\n")
    .find((l) => l.trim() !== "")
    ?.trim();
  if (!first) return undefined;
  const lines = text.split("\n");
  const i = lines.findIndex((l) => l.trim() === first);
  if (i >= 0) return `line ${i + 1} has "${first}" but the text around it differs (check indentation and the following lines)`;
  const j = lines.findIndex((l) => l.includes(first.slice(0, Math.max(8, Math.floor(first.length / 2)))));
  return j >= 0 ? `line ${j + 1} is similar: ${JSON.stringify(lines[j]!.trim())}` : undefined;
}

export const editFileTool = defineTool({
  name: "edit_file",
  description:
    "Change an existing file. command=replace: replace old_text, which must occur exactly once (include enough surrounding lines), " +
    "with new_text. " +
    "command=insert: insert new_text after line `line` (0 inserts at the top). command=undo: restore the file as it was before its " +
    "last change.",
  effects: { readOnly: false, destructive: true, idempotent: false },
  parameters: z
    .object({
      path: z.string().min(1).describe("path relative to the repository root"),
      command: z.enum(["replace", "insert", "undo"]),
      old_text: z.string().optional().describe("replace: the exact text to replace"),
      new_text: z.string().optional().describe("replace/insert: the new text"),
      line: z.number().int().nonnegative().optional().describe("insert: the line after which to insert"),
    })
    .strict(),
  async execute(args, ctx): Promise<ToolResult> {
    const target = await resolveToolPath(ctx.workspace, args.path);
    if (!target.ok) return toolError(target.message);
    const current = readOrNull(target.abs);
    if (args.command === "undo") {
      const before = ctx.edits.pop(target.rel);
      if (before === undefined) return toolError(`no change of ${target.rel} to undo`);
      if (before === null) await rm(target.abs, { force: true });
      else await ctx.workspace.writeFile(target.rel, before);
      return {
        output: before === null ? `removed ${target.rel}, which the undone change had created` : `restored ${target.rel}`,
        isError: false,
        edited: [target.rel],
      };
    }
    if (current === null) return toolError(await missingFileMessage(ctx.workspace, args.path));
    const text = current.toString("utf8");
    if (args.new_text === undefined) return toolError(`${args.command} needs new_text`);
    let next: string;
    let where: number;
    if (args.command === "replace") {
      if (!args.old_text) return toolError("replace needs old_text (the exact text to replace)");
      const found = occurrences(text, args.old_text);
      if (found.length === 0) {
        const hint = closestLine(text, args.old_text);
        return toolError(`old_text does not occur in ${target.rel}${hint ? `; ${hint}` : ""}`);
      }
      if (found.length > 1) {
        return toolError(
          `old_text occurs ${found.length} times in ${target.rel} (lines ${found.map((i) => lineOf(text, i)).join(", ")}); include ` +
            `more surrounding text so it occurs once`,
        );
      }
      where = lineOf(text, found[0]!);
      next = text.slice(0, found[0]) + args.new_text + text.slice(found[0]! + args.old_text.length);
    } else {
      if (args.line === undefined) return toolError("insert needs line (0 for the top of the file)");
      const lines = text.split("\n");
      const count = text.endsWith("\n") ? lines.length - 1 : lines.length;
      if (args.line > count) return toolError(`${target.rel} has ${count} lines; cannot insert after line ${args.line}`);
      const insert = args.new_text.endsWith("\n") ? args.new_text.slice(0, -1) : args.new_text;
      lines.splice(args.line, 0, insert);
      next = lines.join("\n");
      where = args.line + 1;
    }
    ctx.edits.push(target.rel, current);
    await ctx.workspace.writeFile(target.rel, next);
    const snippetLines = next.split("\n");
    const from = Math.max(1, where - 3);
    const to = Math.min(snippetLines.length, where + args.new_text.split("\n").length + 2);
    const snippet = snippetLines
      .slice(from - 1, to)
      .map((l, i) => `${from + i}\t${l}`)
      .join("\n");
    return { output: `edited ${target.rel}:\n${snippet}`, isError: false, edited: [target.rel] };
  },
});
