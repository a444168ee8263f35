// A file's definitions from a tree-sitter parse: kind, name, enclosing type, line range, nesting
// depth and the first line of the signature; the data behind outline and find_definition.
import type { Node, QueryMatch } from "web-tree-sitter";
import { parseSource, type Grammar, type LanguageId } from "./tree-sitter.js";

export type SymbolKind =
  | "class"
  | "function"
  | "method"
  | "interface"
  | "type"
  | "enum"
  | "struct"
  | "trait"
  | "impl"
  | "module"
  | "namespace"
  | "const"
  | "variable"
  | "macro";

export interface SymbolDef {
  kind: SymbolKind;
  name: string;
  /** How outline shows the name: `(*Server) Start` for a Go method, `Display for Point` for a Rust impl. */
  label: string;
  /** The class, interface, trait, impl type or Go receiver type a method belongs to. */
  container?: string;
  /** 1-based, inclusive; decorators included. */
  startLine: number;
  endLine: number;
  /** Nesting depth: 0 at the top of the file. */
  depth: number;
  /** The first line of the definition itself (below its decorators), trimmed. */
  signature: string;
}

const MAX_SIGNATURE_CHARS = 200;
/** Kinds a more specific capture of the same node wins over (`const f = () => ...` is a function). */
const WEAK_KINDS: ReadonlySet<string> = new Set(["const", "variable"]);

interface Raw {
  def: SymbolDef;
  start: number;
  end: number;
  extra: Map<string, Node>;
  node: Node;
}

/** The definitions of `source` in document order. Throws only for a parser failure (SwerigError "internal"). */
export function extractSymbols(grammar: Grammar, source: string): SymbolDef[] {
  const tree = parseSource(grammar, source);
  try {
    const lines = source.split("\n");
    const raws = dedupe(grammar.symbols.matches(tree.rootNode).flatMap((m) => fromMatch(m, lines)));
    raws.sort((a, b) => a.start - b.start || b.end - a.end);
    const stack: Raw[] = [];
    for (const raw of raws) {
      while (stack.length > 0 && !(stack.at(-1)!.start <= raw.start && raw.end <= stack.at(-1)!.end)) stack.pop();
      raw.def.depth = stack.length;
      refine(grammar.id, raw, stack.at(-1)?.def);
      stack.push(raw);
    }
    return raws.map((r) => r.def);
  } finally {
    tree.delete();
  }
}

function fromMatch(match: QueryMatch, lines: string[]): Raw[] {
  const defCapture = match.captures.find((c) => c.name.startsWith("def."));
  const nameCapture = match.captures.find((c) => c.name === "name");
  if (!defCapture || !nameCapture) return [];
  const node = defCapture.node;
  const outer = node.parent?.type === "decorated_definition" ? node.parent : node;
  const name = nameCapture.node.text;
  const extra = new Map(match.captures.filter((c) => c !== defCapture && c !== nameCapture).map((c) => [c.name, c.node]));
  const signature = (lines[node.startPosition.row] ?? "").trim();
  return [
    {
      def: {
        kind: defCapture.name.slice(4) as SymbolKind,
        name,
        label: name,
        startLine: outer.startPosition.row + 1,
        endLine: outer.endPosition.row + 1,
        depth: 0,
        signature: signature.length > MAX_SIGNATURE_CHARS ? `${signature.slice(0, MAX_SIGNATURE_CHARS)}…` : signature,
      },
      start: outer.startIndex,
      end: outer.endIndex,
      extra,
      node,
    },
  ];
}

/** One entry per (node, name): a function or class capture beats a plain const of the same node. */
function dedupe(raws: Raw[]): Raw[] {
  const byKey = new Map<string, Raw>();
  for (const raw of raws) {
    const key = `${raw.start}:${raw.end}:${raw.def.name}`;
    const seen = byKey.get(key);
    if (!seen || (WEAK_KINDS.has(seen.def.kind) && !WEAK_KINDS.has(raw.def.kind))) byKey.set(key, raw);
  }
  return [...byKey.values()];
}

const TYPE_CONTAINERS: ReadonlySet<SymbolKind> = new Set(["class", "interface", "trait", "impl", "struct", "enum"]);

/** Language rules that need the enclosing definition: methods, receivers, impl labels, let vs const. */
function refine(language: LanguageId, raw: Raw, parent: SymbolDef | undefined): void {
  const def = raw.def;
  if (def.kind === "function" && parent && TYPE_CONTAINERS.has(parent.kind)) def.kind = "method";
  if (def.kind === "method" && parent && TYPE_CONTAINERS.has(parent.kind)) def.container = parent.name;
  switch (language) {
    case "go": {
      const receiver = raw.extra.get("receiver");
      if (receiver) {
        def.container = bareTypeName(receiver.text);
        def.label = `(${receiver.text}) ${def.name}`;
      }
      const type = raw.extra.get("type")?.type;
      if (def.kind === "type" && type === "struct_type") def.kind = "struct";
      if (def.kind === "type" && type === "interface_type") def.kind = "interface";
      break;
    }
    case "rust":
      if (def.kind === "impl") {
        const trait = raw.node.childForFieldName("trait")?.text;
        def.label = trait ? `${trait} for ${def.name}` : def.name;
        def.name = bareTypeName(def.name);
      }
      break;
    case "javascript":
    case "typescript":
    case "tsx":
      if (def.kind === "const" && raw.node.parent?.childForFieldName("kind")?.text === "let") def.kind = "variable";
      break;
    case "python":
      break;
  }
}

/** `*pkg.Server[T]` → `Server`, `fmt::Display<T>` → `Display`, `&'a mut Foo` → `Foo`. */
function bareTypeName(text: string): string {
  const noGenerics = text.replace(/[<[].*$/s, "");
  const last = noGenerics.split(/::|\./).at(-1) ?? noGenerics;
  return last.replace(/^[&*\s]*(?:'\w+\s+)?(?:mut\s+)?/, "").trim() || text;
}
