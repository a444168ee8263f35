// A small set of security rules over parsed code, each tagged with its CWE: code execution from
// strings, shell commands built from values, unsafe deserialisation, TLS verification turned off, SQL
// built by string formatting, weak hashes. Each rule looks at one node (a call, a keyword argument, a
// field) and its text; rules/fixtures in test/unit/tools/security-rules.test.ts show what each one
// flags and what it leaves alone.
import type { Node } from "web-tree-sitter";
import type { LanguageId } from "../tree-sitter.js";

export interface SecurityRule {
  id: string;
  cwe: string;
  title: string;
  languages: readonly LanguageId[];
  /** True when `node` is an instance of the problem. */
  matches(node: Node): boolean;
}

const JS: readonly LanguageId[] = ["javascript", "typescript", "tsx"];

/** The called expression of a call node, as written (`subprocess.run`, `eval`, `exec.Command`). */
const callee = (node: Node): string | undefined =>
  ["call", "call_expression", "new_expression"].includes(node.type)
    ? (node.childForFieldName("function") ?? node.childForFieldName("constructor"))?.text
    : undefined;

const args = (node: Node): Node[] => (node.childForFieldName("arguments")?.namedChildren ?? []).filter((n): n is Node => n !== null);

/** A string built from values: an f-string or template with substitutions, `%` or `+` formatting, `.format(...)`, Sprintf. */
function isBuiltString(node: Node | undefined): boolean {
  if (!node) return false;
  const text = node.text;
  if (node.type === "string" && /^[rbu]*f/i.test(text) && node.namedChildren.some((c) => c?.type === "interpolation")) return true;
  if (node.type === "template_string" && node.namedChildren.some((c) => c?.type === "template_substitution")) return true;
  if ((node.type === "binary_operator" || node.type === "binary_expression") && /^["'`]/.test(text) && /\s[%+]\s/.test(text)) return true;
  if (node.type === "call" && /\.format$/.test(node.childForFieldName("function")?.text ?? "")) return true;
  if (node.type === "call_expression" && /^fmt\.Sprintf$/.test(node.childForFieldName("function")?.text ?? "")) return true;
  return false;
}

const keyword = (node: Node, name: string, value: RegExp): boolean =>
  node.type === "keyword_argument" &&
  node.childForFieldName("name")?.text === name &&
  value.test(node.childForFieldName("value")?.text ?? "");

export const SECURITY_RULES: readonly SecurityRule[] = [
  {
    id: "code-from-string",
    cwe: "CWE-95",
    title: "code executed from a string (eval, exec, new Function)",
    languages: ["python", ...JS],
    matches: (n) => /^(eval|exec|Function)$/.test(callee(n) ?? "") && args(n).length > 0 && !/^["'`][^`$]*["'`]$/.test(args(n)[0]!.text),
  },
  {
    id: "shell-true",
    cwe: "CWE-78",
    title: "a subprocess started through the shell (shell=True)",
    languages: ["python"],
    matches: (n) => keyword(n, "shell", /^True$/),
  },
  {
    id: "os-system",
    cwe: "CWE-78",
    title: "a shell command run with os.system / os.popen",
    languages: ["python"],
    matches: (n) => /^os\.(system|popen)$/.test(callee(n) ?? ""),
  },
  {
    id: "exec-interpolated",
    cwe: "CWE-78",
    title: "a shell command built from values (child_process.exec / execSync)",
    languages: JS,
    matches: (n) => /(^|\.)(exec|execSync)$/.test(callee(n) ?? "") && isBuiltString(args(n)[0]),
  },
  {
    id: "go-shell-command",
    cwe: "CWE-78",
    title: "exec.Command through a shell with -c",
    languages: ["go"],
    matches: (n) =>
      callee(n) === "exec.Command" && /^"(sh|bash|\/bin\/sh|\/bin\/bash)"$/.test(args(n)[0]?.text ?? "") && args(n)[1]?.text === '"-c"',
  },
  {
    id: "rust-shell-command",
    cwe: "CWE-78",
    title: "Command::new of a shell",
    languages: ["rust"],
    matches: (n) => /(^|::)Command::new$/.test(callee(n) ?? "") && /^"(sh|bash|\/bin\/sh|\/bin\/bash)"$/.test(args(n)[0]?.text ?? ""),
  },
  {
    id: "unsafe-deserialisation",
    cwe: "CWE-502",
    title: "unsafe deserialisation (pickle, marshal, yaml.load without a safe loader)",
    languages: ["python"],
    matches: (n) => {
      const name = callee(n) ?? "";
      if (/^(pickle|cPickle|marshal|dill)\.loads?$/.test(name)) return true;
      return name === "yaml.load" && !args(n).some((a) => a.type === "keyword_argument" && /Safe|CLoader|BaseLoader/.test(a.text));
    },
  },
  {
    id: "tls-verification-off",
    cwe: "CWE-295",
    title: "TLS certificate verification turned off",
    languages: ["python", ...JS, "go", "rust"],
    matches: (n) =>
      keyword(n, "verify", /^False$/) ||
      (n.type === "pair" && n.childForFieldName("key")?.text === "rejectUnauthorized" && n.childForFieldName("value")?.text === "false") ||
      (n.type === "keyed_element" && /^InsecureSkipVerify\s*:\s*true$/.test(n.text)) ||
      (/danger_accept_invalid_(certs|hostnames)$/.test(callee(n) ?? "") && args(n)[0]?.text === "true") ||
      (n.type === "assignment_expression" && /NODE_TLS_REJECT_UNAUTHORIZED/.test(n.childForFieldName("left")?.text ?? "")),
  },
  {
    id: "sql-by-formatting",
    cwe: "CWE-89",
    title: "an SQL statement built by string formatting",
    languages: ["python", ...JS, "go"],
    matches: (n) => {
      const name = callee(n) ?? "";
      if (!/(^|\.)(execute|executemany|executescript|query|raw|Query|QueryRow|Exec|QueryContext|ExecContext)$/.test(name)) return false;
      const first = args(n).find((a) => a.type !== "identifier" || !/ctx|context/i.test(a.text));
      return isBuiltString(first) && /\b(select|insert|update|delete|where|from)\b/i.test(first?.text ?? "");
    },
  },
  {
    id: "weak-hash",
    cwe: "CWE-328",
    title: "a weak hash (MD5, SHA-1)",
    languages: ["python", ...JS, "go"],
    matches: (n) => {
      const name = callee(n) ?? "";
      if (/^hashlib\.(md5|sha1)$/.test(name) || /^(md5|sha1)\.(New|Sum)$/.test(name)) return true;
      return /(^|\.)createHash$/.test(name) && /^["'`](md5|sha1)["'`]$/i.test(args(n)[0]?.text ?? "");
    },
  },
];
