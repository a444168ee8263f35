// What the in-container debugger helpers write (one JSON record per line: hits, breakpoints placed,
// helper failures) and how the debug tool turns those records into the text a model reads.
import { z } from "zod";
import { parseJsonWith } from "../core/index.js";

/** A breakpoint as the tool resolved it: repository path, path inside the environment, file text. */
export interface ResolvedBreakpoint {
  file: string;
  abs: string;
  line: number;
  condition?: string;
  /** The file's lines, for quoting the line a hit or a hint is about. */
  lines: string[];
}

const HitSchema = z.object({
  type: z.literal("hit"),
  bp: z.number().int().nonnegative(),
  line: z.number().int().positive().nullable(),
  function: z.string(),
  thread: z.string(),
  pid: z.number().int(),
  values: z.array(z.object({ expr: z.string(), value: z.string(), error: z.boolean() })),
  conditionError: z.string().optional(),
});

/**
 * The file of a breakpoint ran (Python) or was loaded (Node); Node also says whether the breakpoint
 * could be placed on its line and, if not, the next line with code (null: none after it).
 */
const SeenSchema = z.object({
  type: z.literal("seen"),
  bp: z.number().int().nonnegative(),
  placed: z.boolean().optional(),
  next: z.number().int().positive().nullable().optional(),
  pid: z.number().int(),
});

const HelperErrorSchema = z.object({
  type: z.literal("error"),
  message: z.string(),
  bp: z.number().int().optional(),
  pid: z.number().int(),
});

export const DebugRecordSchema = z.discriminatedUnion("type", [HitSchema, SeenSchema, HelperErrorSchema]);
export type DebugRecord = z.infer<typeof DebugRecordSchema>;
export type DebugHit = z.infer<typeof HitSchema>;

/** Parses the hits file; lines that are not records (a line torn by a kill) are skipped. */
export function parseDebugRecords(text: string): DebugRecord[] {
  const out: DebugRecord[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const record = parseJsonWith(DebugRecordSchema, line);
    if (record !== undefined) out.push(record);
  }
  return out;
}

/** Characters of hit blocks shown before the rest are summarized. */
export const MAX_HITS_CHARS = 14_000;

/** One block per hit: where, then `expr = value` lines; cut to `maxChars` with a count of the rest. */
export function renderHits(hits: DebugHit[], breakpoints: ResolvedBreakpoint[], maxChars = MAX_HITS_CHARS): string[] {
  const out: string[] = [];
  let used = 0;
  for (const [i, hit] of hits.entries()) {
    const bp = breakpoints[hit.bp];
    const where = `${bp?.file ?? `breakpoint ${hit.bp + 1}`}:${hit.line ?? bp?.line ?? "?"}`;
    const block = [`hit ${i + 1} at ${where} in ${hit.function} (${hit.thread}, pid ${hit.pid})`];
    if (hit.conditionError) block.push(`  condition failed, counted as true: ${hit.conditionError}`);
    for (const v of hit.values) block.push(`  ${v.expr.replace(/\s*\n\s*/g, " ")} = ${v.value}`);
    const size = block.reduce((n, l) => n + l.length + 1, 0);
    if (used + size > maxChars && i > 0) {
      out.push(`[... ${hits.length - i} more hits not shown; add a condition, fewer expressions or a lower max_hits]`);
      break;
    }
    used += size;
    out.push(...block);
  }
  return out;
}

/** A line number with its text, shown in hints: "12 (`total += x`)". */
export function quoteLine(bp: ResolvedBreakpoint, line: number): string {
  const text = bp.lines[line - 1]?.trim() ?? "";
  return `${line} (\`${text.length > 80 ? `${text.slice(0, 80)}...` : text}\`)`;
}

/** The first line after `line` that is neither blank nor only a comment, by the file's text. */
export function nextCodeLine(bp: ResolvedBreakpoint, line: number, comment: RegExp): number | undefined {
  for (let n = line + 1; n <= bp.lines.length; n++) {
    const text = bp.lines[n - 1]!.trim();
    if (text !== "" && !comment.test(text)) return n;
  }
  return undefined;
}
