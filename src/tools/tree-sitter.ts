// The one home of web-tree-sitter: which grammar a file's extension calls for, and the parser and
// compiled query of each grammar, loaded from the tree-sitter-<language> packages' .wasm files once
// per process.
import { createRequire } from "node:module";
import { dirname, extname, join } from "node:path";
import { Language, Parser, Query, type Tree } from "web-tree-sitter";
import { SwerigError } from "../core/index.js";
import type { LanguageId } from "./language-id.js";
import { SYMBOL_QUERIES } from "./symbol-queries.js";

export type { LanguageId };

const EXTENSIONS: Readonly<Record<string, LanguageId>> = {
  ".py": "python",
  ".pyi": "python",
  ".ts": "typescript",
  ".mts": "typescript",
  ".cts": "typescript",
  ".tsx": "tsx",
  ".js": "javascript",
  ".mjs": "javascript",
  ".cjs": "javascript",
  ".jsx": "javascript",
  ".go": "go",
  ".rs": "rust",
};

const GRAMMARS: Readonly<Record<LanguageId, { pkg: string; wasm: string }>> = {
  python: { pkg: "tree-sitter-python", wasm: "tree-sitter-python.wasm" },
  typescript: { pkg: "tree-sitter-typescript", wasm: "tree-sitter-typescript.wasm" },
  tsx: { pkg: "tree-sitter-typescript", wasm: "tree-sitter-tsx.wasm" },
  javascript: { pkg: "tree-sitter-javascript", wasm: "tree-sitter-javascript.wasm" },
  go: { pkg: "tree-sitter-go", wasm: "tree-sitter-go.wasm" },
  rust: { pkg: "tree-sitter-rust", wasm: "tree-sitter-rust.wasm" },
};

/** File extensions outline and find_definition understand, sorted. */
export const SUPPORTED_EXTENSIONS: readonly string[] = Object.keys(EXTENSIONS).sort();

/** The grammar for a path, by its extension; undefined when unsupported. */
export function languageOf(path: string): LanguageId | undefined {
  return EXTENSIONS[extname(path).toLowerCase()];
}

export interface Grammar {
  id: LanguageId;
  parser: Parser;
  /** The definitions query of symbol-queries.ts, compiled for this grammar. */
  symbols: Query;
}

let initialized: Promise<void> | undefined;
const grammars = new Map<LanguageId, Promise<Grammar>>();

/**
 * The parser and definitions query of a grammar, created on first use and shared afterwards.
 * Rejects with SwerigError("internal") when the runtime or a grammar cannot be loaded (a broken
 * install, never the model's input).
 */
export function loadGrammar(id: LanguageId): Promise<Grammar> {
  let grammar = grammars.get(id);
  if (!grammar) {
    grammar = createGrammar(id);
    grammars.set(id, grammar);
    grammar.catch(() => grammars.delete(id));
  }
  return grammar;
}

async function createGrammar(id: LanguageId): Promise<Grammar> {
  const { pkg, wasm } = GRAMMARS[id];
  try {
    initialized ??= Parser.init().catch((error: unknown) => {
      initialized = undefined;
      throw error;
    });
    await initialized;
    const require = createRequire(import.meta.url);
    const language = await Language.load(join(dirname(require.resolve(`${pkg}/package.json`)), wasm));
    const parser = new Parser();
    parser.setLanguage(language);
    return { id, parser, symbols: new Query(language, SYMBOL_QUERIES[id]) };
  } catch (error) {
    throw new SwerigError("internal", `cannot load the tree-sitter grammar ${pkg}/${wasm}: ${(error as Error).message}`, { cause: error });
  }
}

/** Parses `source`; the caller must delete() the tree. Throws SwerigError("internal") if the parser gives none. */
export function parseSource(grammar: Grammar, source: string): Tree {
  const tree = grammar.parser.parse(source);
  if (!tree) throw new SwerigError("internal", `the ${grammar.id} parser returned no tree`);
  return tree;
}
