// A Moatless search request as calls of our tools. Class and function names are exact look-ups
// (find_definition); a code snippet is a literal search; their semantic query (a vector search over
// code spans) has no equivalent and becomes a regex search for its words, marked as an approximation.
import { z } from "zod";

export const SearchRequestSchema = z.looseObject({
  file_pattern: z.string().nullable().optional(),
  query: z.string().nullable().optional(),
  code_snippet: z.string().nullable().optional(),
  class_name: z.string().nullable().optional(),
  function_name: z.string().nullable().optional(),
});
export type SearchRequest = z.infer<typeof SearchRequestSchema>;

export interface SearchCalls {
  calls: { name: string; arguments: Record<string, unknown> }[];
  approximations: string[];
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
const GLOB_CHARS = /[*?[\]{}]/;
/** Words of a semantic query worth searching for: identifiers of three characters or more. */
const queryWords = (query: string) => [...new Set(query.match(/[A-Za-z_][A-Za-z0-9_]{2,}/g) ?? [])];

/**
 * The calls of one request: find_definition for class and function names, search for a code
 * snippet (its first non-blank line, literally) and for a query (its words, any of them, ignoring
 * case), find_files for a bare file pattern. Their file pattern narrows search and find_files as a glob;
 * find_definition takes none, so there it is dropped (noted as an approximation).
 */
export function moatlessSearchCalls(request: SearchRequest): SearchCalls {
  const calls: SearchCalls["calls"] = [];
  const approximations: string[] = [];
  const pattern = request.file_pattern?.trim() || undefined;
  // Their pattern matches anywhere below the root (`_pytest/mark/evaluate.py` finds src/_pytest/mark/evaluate.py).
  const glob = pattern === undefined ? undefined : GLOB_CHARS.test(pattern) || !pattern.includes("/") ? pattern : `**/${pattern}`;
  const where = glob === undefined ? {} : { glob };
  const symbol = [request.class_name, request.function_name].filter((s): s is string => Boolean(s?.trim())).join(".");
  if (symbol !== "") {
    if (pattern !== undefined) approximations.push(`find_definition ${symbol}: their file pattern ${pattern} dropped (it takes no glob)`);
    calls.push({ name: "find_definition", arguments: { symbol } });
  }
  const snippet = request.code_snippet?.split("\n").find((l) => l.trim() !== "");
  if (snippet !== undefined) {
    if (request.code_snippet!.trim().includes("\n"))
      approximations.push("a multi-line code snippet searched for by its first line (search matches one line at a time)");
    calls.push({ name: "search", arguments: { pattern: escapeRegex(snippet.trim()), ...where } });
  }
  const words = request.query ? queryWords(request.query) : [];
  if (words.length > 0) {
    approximations.push(`their semantic search ${JSON.stringify(request.query)} searched for by its words`);
    calls.push({ name: "search", arguments: { pattern: words.map(escapeRegex).join("|"), case_sensitive: false, ...where } });
  }
  if (calls.length === 0 && glob !== undefined) calls.push({ name: "find_files", arguments: { pattern: glob } });
  return { calls, approximations };
}

const RankedSpanSchema = z.looseObject({ file_path: z.string(), span_id: z.string(), rank: z.number().optional() });

/** Their search result as text: one `path: span (rank n)` line per ranked span. */
export function rankedSpansText(raw: unknown): string {
  const spans = z.array(RankedSpanSchema).safeParse(raw);
  if (!spans.success || spans.data.length === 0) return "(no code spans found)";
  return spans.data.map((s) => `${s.file_path}: ${s.span_id}${s.rank !== undefined ? ` (rank ${s.rank})` : ""}`).join("\n");
}
