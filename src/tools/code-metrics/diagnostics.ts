// Compiler and checker diagnostics as one shape (tsc, pyright, go vet, cargo check), read from each
// tool's own output, and the ones a patch introduced: present after, absent before, matched by file,
// rule and message, never by line (a patch shifts the lines below it).
import { z } from "zod";

/** Each tool gets this long per run (after, and before when needed), so it never holds a grading up for long. */
export const STATIC_TOOL_TIMEOUT_SEC = 60;

export type StaticTool = "tsc" | "pyright" | "go vet" | "cargo check";

export interface Diagnostic {
  /** Relative to the repository root, with forward slashes. */
  file: string;
  line: number;
  severity: "error" | "warning";
  /** TS2304, reportUndefinedVariable, E0425, or the level when a tool names no rule (go vet, rustc lints). */
  rule: string;
  message: string;
}

/** One tool's verdict on a patch: its introduced findings, or why there is none. */
export type StaticSignal = { tool: StaticTool; introduced: Diagnostic[]; ms: number } | { tool: StaticTool; missing: string };

const relative = (file: string, root: string) => {
  const f = file.replace(/\\/g, "/");
  const r = root.replace(/\\/g, "/").replace(/\/?$/, "/");
  return (f.startsWith(r) ? f.slice(r.length) : f).replace(/^\.\//, "");
};

/** `tsc --noEmit --pretty false`: `src/a.ts(12,5): error TS2304: Cannot find name 'x'.` */
export function parseTsc(output: string, root = ""): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const m of output.matchAll(/^(.+?)\((\d+),\d+\): (error|warning) (TS\d+): (.*)$/gm))
    out.push({ file: relative(m[1]!, root), line: Number(m[2]), severity: m[3] as "error" | "warning", rule: m[4]!, message: m[5]! });
  return out;
}

/** `go vet ./...`: compile errors and vet findings as `path.go:line:col: message`, possibly after `vet: `. */
export function parseGoVet(output: string, root = ""): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const m of output.matchAll(/^(?:vet: )?(\S+\.go):(\d+):(?:\d+:)? (.*)$/gm)) {
    // The type checker and the compiler both report an unknown name: `undefined: x` / `undeclared name: x`.
    const message = m[3]!.replace(/^undeclared name: /, "undefined: ");
    const d: Diagnostic = { file: relative(m[1]!, root), line: Number(m[2]), severity: "warning", rule: "vet", message };
    const key = `${d.file}\0${d.line}\0${d.message}`;
    if (!seen.has(key)) out.push(d);
    seen.add(key);
  }
  return out;
}

/** `cargo check --message-format=short`: `src/lib.rs:26:15: warning: unused variable` / `error[E0425]: ...`. */
export function parseCargoShort(output: string, root = ""): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const m of output.matchAll(/^(\S+\.rs):(\d+):\d+: (error|warning)(?:\[(\w+)\])?: (.*)$/gm)) {
    const severity = m[3] as "error" | "warning";
    out.push({ file: relative(m[1]!, root), line: Number(m[2]), severity, rule: m[4] ?? severity, message: m[5]! });
  }
  return out;
}

const PyrightPulledSchema = z.object({
  items: z
    .array(
      z.object({
        range: z.object({ start: z.object({ line: z.number() }) }),
        severity: z.number().optional(),
        code: z.union([z.string(), z.number()]).optional(),
        message: z.string(),
      }),
    )
    .optional(),
});

/**
 * pyright's language server's diagnostics of one file (the answer to `textDocument/diagnostic`); lines
 * are 0-based there. Only errors and warnings are kept; one without a rule (a syntax error) is named
 * by its severity, as pyright's own report does. Throws when the answer has another shape.
 */
export function parsePyrightPulled(result: unknown, file: string): Diagnostic[] {
  const parsed = PyrightPulledSchema.safeParse(result);
  if (!parsed.success) throw new Error(`pyright's diagnostics have an unexpected shape: ${parsed.error.issues[0]?.message}`);
  return (parsed.data.items ?? []).flatMap((d) => {
    if (d.severity !== 1 && d.severity !== 2) return [];
    const severity = d.severity === 1 ? "error" : "warning";
    return [{ file, line: d.range.start.line + 1, severity, rule: typeof d.code === "string" ? d.code : severity, message: d.message }];
  });
}

/**
 * The diagnostics of `after` that `before` does not have, for the given files only. Matching is by
 * file, rule and message, counted: a message that appears twice after and once before is one introduced.
 */
export function introducedDiagnostics(
  before: readonly Diagnostic[],
  after: readonly Diagnostic[],
  files?: readonly string[],
): Diagnostic[] {
  const wanted = files ? new Set(files) : undefined;
  const key = (d: Diagnostic) => `${d.file}\0${d.rule}\0${d.message}`;
  const existing = new Map<string, number>();
  for (const d of before) existing.set(key(d), (existing.get(key(d)) ?? 0) + 1);
  const out: Diagnostic[] = [];
  for (const d of after) {
    if (wanted && !wanted.has(d.file)) continue;
    const left = existing.get(key(d)) ?? 0;
    if (left > 0) existing.set(key(d), left - 1);
    else out.push(d);
  }
  return out.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}
