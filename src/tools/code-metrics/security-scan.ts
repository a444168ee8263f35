// Runs the security rules over a file's parse tree: every node a rule matches, with its line and text.
import type { Node } from "web-tree-sitter";
import type { LanguageId } from "../language-id.js";
import { loadGrammar, parseSource } from "../tree-sitter.js";
import { SECURITY_RULES } from "./security-rules.js";

export interface SecurityFinding {
  rule: string;
  cwe: string;
  title: string;
  file: string;
  /** 1-based. */
  line: number;
  /** The matched code, whitespace collapsed, at most 160 characters (also the identity of a finding). */
  snippet: string;
}

export async function securityFindings(language: LanguageId, file: string, source: string): Promise<SecurityFinding[]> {
  const rules = SECURITY_RULES.filter((r) => r.languages.includes(language));
  if (rules.length === 0) return [];
  const tree = parseSource(await loadGrammar(language), source);
  try {
    const found: SecurityFinding[] = [];
    const visit = (node: Node) => {
      for (const rule of rules) {
        if (rule.matches(node)) {
          const snippet = node.text.replace(/\s+/g, " ").slice(0, 160);
          found.push({ rule: rule.id, cwe: rule.cwe, title: rule.title, file, line: node.startPosition.row + 1, snippet });
        }
      }
      for (const child of node.namedChildren) if (child) visit(child);
    };
    visit(tree.rootNode);
    return found;
  } finally {
    tree.delete();
  }
}
