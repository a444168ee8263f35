// Whether the official harness would refuse to grade a log (its get_logs_eval returning "not found"),
// so a rejected log is counted as the harness counts it even where our own checks let it through.
// v4.1: a harness failure marker, or the start/end markers missing. v5.0.x adds: no results (after
// the whole-log fallback) and no sign the suite ran; a non-zero test exit code while the results
// show no FAILED/ERROR test. The v5 result rules apply where the instance uses one of the harness's
// own parsers (pytest, Django, SymPy families); our added parsers have no harness counterpart, and
// their families keep our own per-family evidence (see parseEvalLog).
import { HARNESS_FAILURE_MARKERS, extractTestSection } from "./eval-log.js";
import { getLogParserSpec, type LogParserContext, type ParserFamily } from "./log-parsers/index.js";
import type { GradingSemantics } from "./resolution.js";

/** Families whose parsers are the harness's own (`log_parsers/python.py`). */
const HARNESS_FAMILIES: ReadonlySet<ParserFamily> = new Set(["pytest", "django", "sympy"]);

/**
 * The harness's evidence that a runner executed, searched over the whole log when the status map
 * is empty (5.0.x `SUITE_RAN`). Every count must be non-zero. None of these is printed by pytest,
 * Django or SymPy, so under 5.0.x a Python log with no parsed result is never graded.
 */
export const SUITE_RAN = new RegExp(
  [
    String.raw`Executed [1-9]\d* of \d+`,
    String.raw`TOTAL: [1-9]\d* (?:SUCCESS|FAILED)`,
    String.raw`[1-9]\d* passing`,
    String.raw`Tests:\s+[1-9]\d*`,
    String.raw`Test Suites:\s+(?:\d+ \w+, )*[1-9]\d* total`,
    String.raw`^# tests [1-9]\d*`,
    String.raw`[1-9]\d* specs?, \d+ failures?`,
    "': ok$",
  ].join("|"),
  "m",
);

export interface HarnessLogCheckOptions {
  parser: string;
  startMarker: string;
  endMarker: string;
  exitCode?: number | null;
  workdir?: string;
  semantics: GradingSemantics;
}

/** The harness rule that rejects the log, in a sentence, or undefined when the harness would grade it. */
export function harnessLogCheck(log: string, options: HarnessLogCheckOptions): string | undefined {
  const failureMarker = HARNESS_FAILURE_MARKERS.find((marker) => log.includes(marker));
  if (failureMarker !== undefined) return `the log contains "${failureMarker}"`;
  const section = extractTestSection(log, options.startMarker, options.endMarker);
  if (typeof section !== "string") return `the log lacks ${section.missing}`;
  const spec = getLogParserSpec(options.parser);
  if (options.semantics === "v4" || spec === undefined || !HARNESS_FAMILIES.has(spec.family)) return undefined;

  const context: LogParserContext = { workdir: options.workdir };
  let statusMap = spec.parse(section, context);
  if (statusMap.size === 0) statusMap = spec.parse(log, context);
  if (statusMap.size === 0 && !SUITE_RAN.test(log)) {
    return "no test results (between the markers or in the whole log) and none of the harness's signs that the suite ran";
  }
  const { exitCode } = options;
  const anyFailing = [...statusMap.values()].some((status) => status === "FAILED" || status === "ERROR");
  if (exitCode !== null && exitCode !== undefined && exitCode !== 0 && statusMap.size > 0 && !anyFailing) {
    return `the test command exited ${exitCode} but no test is FAILED or ERROR`;
  }
  return undefined;
}
