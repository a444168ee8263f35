// Cyclomatic complexity per function, from the tree-sitter parse of a file: 1 + the decision points in
// the function's own body (branches, loops, cases, catch clauses, conditional expressions and
// short-circuit operators), nested functions counted on their own.
import type { Node } from "web-tree-sitter";
import { loadGrammar, parseSource, type LanguageId } from "../tree-sitter.js";

export interface FunctionComplexity {
  /** `Class.method` or the function's name; `<anonymous>` when it has none. */
  name: string;
  /** 1-based, inclusive. */
  startLine: number;
  endLine: number;
  complexity: number;
}

const FUNCTIONS: Readonly<Record<LanguageId, ReadonlySet<string>>> = {
  python: new Set(["function_definition"]),
  typescript: new Set([
    "function_declaration",
    "method_definition",
    "arrow_function",
    "function_expression",
    "generator_function_declaration",
  ]),
  tsx: new Set(["function_declaration", "method_definition", "arrow_function", "function_expression", "generator_function_declaration"]),
  javascript: new Set([
    "function_declaration",
    "method_definition",
    "arrow_function",
    "function_expression",
    "generator_function_declaration",
  ]),
  go: new Set(["function_declaration", "method_declaration", "func_literal"]),
  rust: new Set(["function_item", "closure_expression"]),
};

const JS_DECISIONS = [
  "if_statement",
  "for_statement",
  "for_in_statement",
  "while_statement",
  "do_statement",
  "switch_case",
  "catch_clause",
  "ternary_expression",
];
const DECISIONS: Readonly<Record<LanguageId, ReadonlySet<string>>> = {
  python: new Set([
    "if_statement",
    "elif_clause",
    "for_statement",
    "while_statement",
    "except_clause",
    "conditional_expression",
    "for_in_clause",
    "if_clause",
    "case_clause",
  ]),
  typescript: new Set(JS_DECISIONS),
  tsx: new Set(JS_DECISIONS),
  javascript: new Set(JS_DECISIONS),
  go: new Set(["if_statement", "for_statement", "expression_case", "type_case", "communication_case"]),
  rust: new Set(["if_expression", "while_expression", "for_expression", "match_arm"]),
};

/** Short-circuit operators: each is a decision. */
const SHORT_CIRCUIT = new Set(["&&", "||", "??", "and", "or"]);

function isShortCircuit(node: Node): boolean {
  if (node.type === "boolean_operator") return true; // python `and` / `or`
  if (node.type !== "binary_expression") return false;
  const operator = node.childForFieldName("operator")?.type ?? node.children.find((c) => c && !c.isNamed)?.type;
  return operator !== undefined && SHORT_CIRCUIT.has(operator);
}

function functionName(node: Node): string {
  const own = node.childForFieldName("name")?.text;
  const parent = node.parent;
  const base =
    own ??
    (parent?.type === "variable_declarator" || parent?.type === "pair" || parent?.type === "assignment_expression"
      ? (parent.childForFieldName("name") ?? parent.childForFieldName("key") ?? parent.childForFieldName("left"))?.text
      : undefined) ??
    "<anonymous>";
  // Methods: prefix the enclosing class, impl or receiver type.
  for (let up = node.parent; up; up = up.parent) {
    if (["class_definition", "class_declaration", "class"].includes(up.type))
      return `${up.childForFieldName("name")?.text ?? "<class>"}.${base}`;
    if (up.type === "impl_item") return `${up.childForFieldName("type")?.text ?? "<impl>"}::${base}`;
  }
  if (node.type === "method_declaration") {
    const receiver = node.childForFieldName("receiver")?.text.replace(/^\(\s*\w+\s+\*?|\)$/g, "");
    if (receiver) return `${receiver}.${base}`;
  }
  return base;
}

function decisionsIn(node: Node, language: LanguageId, isRoot: boolean): number {
  if (!isRoot && FUNCTIONS[language].has(node.type)) return 0;
  let count = DECISIONS[language].has(node.type) || isShortCircuit(node) ? 1 : 0;
  for (const child of node.namedChildren) if (child) count += decisionsIn(child, language, false);
  return count;
}

/** Every function of `source` with its complexity, in document order. */
export async function functionComplexities(language: LanguageId, source: string): Promise<FunctionComplexity[]> {
  const grammar = await loadGrammar(language);
  const tree = parseSource(grammar, source);
  try {
    const found: FunctionComplexity[] = [];
    const visit = (node: Node) => {
      if (FUNCTIONS[language].has(node.type)) {
        found.push({
          name: functionName(node),
          startLine: node.startPosition.row + 1,
          endLine: node.endPosition.row + 1,
          complexity: 1 + decisionsIn(node, language, true),
        });
      }
      for (const child of node.namedChildren) if (child) visit(child);
    };
    visit(tree.rootNode);
    return found;
  } finally {
    tree.delete();
  }
}
