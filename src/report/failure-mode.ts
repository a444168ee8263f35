// A label for why an agent run did not resolve its task, from the grading outcome, the agent's end
// and the test log: the failure classes DESIGN.md names. A name error on a name the patch introduced and
// a checker flags is the hallucinated-API class; other name errors stay import_attribute_name_error.
import type { InstanceOutcome } from "../grader/instance-outcome.js";
import type { Diagnostic } from "../tools/code-metrics/diagnostics.js";

export const FAILURE_MODES = [
  "no_patch",
  "patch_did_not_apply",
  "limit_exceeded",
  "timeout",
  "syntax_error",
  "hallucinated_api",
  "import_attribute_name_error",
  "assertion_failure",
  "tests_failed",
  "log_rejected",
  "error",
] as const;
export type FailureMode = (typeof FAILURE_MODES)[number];

const SYNTAX = [/\bSyntaxError\b/, /\bIndentationError\b/, /error TS1\d{3}\b/, /syntax error/i, /error: expected .* found/];
const NAMES = [
  /\b(ImportError|ModuleNotFoundError|AttributeError|NameError)\b/,
  /TypeError: [^\n]* is not a (function|constructor)/,
  /SyntaxError: The requested module [^\n]* does not provide an export named/,
  /Cannot find module/,
  /error TS2(305|307|339|551|552|304)\b/,
  /\bundefined: \w+/,
  /has no field or method/,
  /error\[E0(425|432|433|599|609|412)\]/,
];
const ASSERTION = [
  /\bAssertionError\b/,
  /AssertionError:/,
  /expected .* to (be|equal|deeply equal)/,
  /assertion `left == right` failed|assertion failed/,
];

/** Rules that name something the code refers to but which does not exist: the hallucinated-API class. */
const UNKNOWN_NAME_RULES = new Set([
  "reportUndefinedVariable",
  "reportAttributeAccessIssue",
  "reportMissingImports",
  "reportMissingModuleSource",
  "TS2304",
  "TS2305",
  "TS2307",
  "TS2339",
  "TS2551",
  "TS2552",
  "TS2724",
  "E0412",
  "E0425",
  "E0432",
  "E0433",
  "E0599",
  "E0609",
]);

export function isUnknownName(d: Diagnostic): boolean {
  return UNKNOWN_NAME_RULES.has(d.rule) || /^(undefined|undeclared name): /.test(d.message) || /has no field or method/.test(d.message);
}

/** The name an unknown-name finding is about: the first quoted word of its message, or go's `undefined: x`. */
export function unknownNameOf(d: Diagnostic): string | undefined {
  return /^undefined: ([\w.]+)/.exec(d.message)?.[1] ?? /["'`]([\w.$]+)["'`]/.exec(d.message)?.[1];
}

/** A name error in the log on a name the patch introduced and a checker flags (pyright, tsc, go vet, cargo check). */
function hallucinated(grade: InstanceOutcome | undefined, testOutput: string): boolean {
  const quality = grade?.quality;
  if (!quality || "missing" in quality) return false;
  const names = (quality.static ?? [])
    .flatMap((s) => ("introduced" in s ? s.introduced : []))
    .filter(isUnknownName)
    .map(unknownNameOf)
    .filter((n): n is string => n !== undefined);
  const mentioned = (name: string) => new RegExp(`(^|[^\\w$])${name.replace(/[.$]/g, "\\$&")}([^\\w$]|$)`).test(testOutput);
  return names.some((name) => mentioned(name.split(".").pop()!));
}

/** A crash of the patched code before any test could report: a syntax error or a missing name. */
function crashMode(testOutput: string, grade?: InstanceOutcome): FailureMode | undefined {
  if (SYNTAX.some((re) => re.test(testOutput))) return "syntax_error";
  if (NAMES.some((re) => re.test(testOutput))) return hallucinated(grade, testOutput) ? "hallucinated_api" : "import_attribute_name_error";
  return undefined;
}

/**
 * undefined for a resolved run. `testOutput` is the grading log when there was one. A rejected log
 * (no trustworthy results: the runner crashed, or the log was forged) is `log_rejected` unless the
 * log shows the crash came from the patch's own syntax or names.
 */
export function failureMode(grade: InstanceOutcome | undefined, agentReason: string, testOutput: string): FailureMode | undefined {
  if (grade?.status === "resolved") return undefined;
  if (grade?.status === "empty_patch") return agentReason === "limit" ? "limit_exceeded" : "no_patch";
  if (grade?.status === "patch_failed" || grade?.status === "invalid_patch") return "patch_did_not_apply";
  if (grade?.status === "timeout") return "timeout";
  if (grade?.status === "log_rejected") return crashMode(testOutput, grade) ?? "log_rejected";
  if (agentReason === "limit" && grade?.status !== "unresolved") return "limit_exceeded";
  if (!grade || grade.status === "error" || grade.status === "agent_error") return "error";
  const crash = crashMode(testOutput, grade);
  if (crash) return crash;
  if (ASSERTION.some((re) => re.test(testOutput))) return "assertion_failure";
  return agentReason === "limit" ? "limit_exceeded" : "tests_failed";
}
