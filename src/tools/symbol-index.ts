// Definitions per file, parsed lazily and cached per (path, mtime, size) for the whole process, so
// repeated outline and find_definition calls on an unchanged tree cost a stat per file.
import { statSync } from "node:fs";
import { mapInBatches, readTextFileSync, type RepoFile } from "./repo-files.js";
import { extractSymbols, type SymbolDef } from "./symbols.js";
import { languageOf, loadGrammar, type Grammar, type LanguageId } from "./tree-sitter.js";

/** Parsed files kept in memory at most (least recently used dropped first). */
export const MAX_CACHED_FILES = 20_000;

export interface FileSymbols {
  path: string;
  language: LanguageId;
  lineCount: number;
  defs: SymbolDef[];
}

interface CacheEntry {
  mtimeMs: number;
  size: number;
  symbols: FileSymbols;
}

const PARSE_BATCH_SIZE = 16;
const cache = new Map<string, CacheEntry>();

export type FileSymbolsRead =
  | { kind: "parsed"; symbols: FileSymbols }
  | { kind: "unsupported" | "binary" | "huge" | "unreadable" | "outside" | "no_needle" };

/**
 * The definitions of one file. With `needle`, a file not yet cached whose text does not contain it is
 * not parsed (`no_needle`): find_definition looks for a name, and a file without it cannot define it.
 * Rejects only when a grammar cannot be loaded (SwerigError "internal").
 */
export async function fileSymbols(root: string, file: RepoFile, needle?: string): Promise<FileSymbolsRead> {
  const language = languageOf(file.path);
  if (!language) return { kind: "unsupported" };
  return symbolsOf(root, file, await loadGrammar(language), needle);
}

/**
 * The definitions of the supported files among `files`, in their order, and how many were supported.
 * With `needle`, only files containing it are parsed (cached files are always used).
 */
export async function repoSymbols(
  root: string,
  files: readonly RepoFile[],
  needle?: string,
): Promise<{ parsed: FileSymbols[]; scanned: number }> {
  const supported = files.flatMap((file) => {
    const language = languageOf(file.path);
    return language ? [{ file, language }] : [];
  });
  const languages = [...new Set(supported.map((s) => s.language))];
  const grammars = new Map(await Promise.all(languages.map(async (id) => [id, await loadGrammar(id)] as const)));
  // Small batches: a parse takes about a millisecond per 150 lines, and the event loop waits meanwhile.
  const reads = await mapInBatches(
    supported,
    ({ file, language }) => symbolsOf(root, file, grammars.get(language)!, needle),
    PARSE_BATCH_SIZE,
  );
  const parsed = reads.flatMap((r) => (r.kind === "parsed" ? [r.symbols] : []));
  return { parsed, scanned: supported.length };
}

function symbolsOf(root: string, file: RepoFile, grammar: Grammar, needle: string | undefined): FileSymbolsRead {
  const info = statSync(file.abs, { throwIfNoEntry: false });
  const cached = cache.get(file.abs);
  if (info && cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) {
    cache.delete(file.abs);
    cache.set(file.abs, cached);
    return { kind: "parsed", symbols: cached.symbols };
  }
  const read = readTextFileSync(root, file);
  if (read.kind !== "text") return { kind: read.kind };
  if (needle !== undefined && !read.text.includes(needle)) return { kind: "no_needle" };
  const lines = read.text.split("\n");
  const symbols: FileSymbols = {
    path: file.path,
    language: grammar.id,
    lineCount: lines.at(-1) === "" ? lines.length - 1 : lines.length,
    defs: extractSymbols(grammar, read.text),
  };
  cache.set(file.abs, { mtimeMs: read.mtimeMs, size: read.size, symbols });
  if (cache.size > MAX_CACHED_FILES) cache.delete(cache.keys().next().value!);
  return { kind: "parsed", symbols };
}
