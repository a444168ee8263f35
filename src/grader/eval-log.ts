// Turns a raw evaluation log into a status map as the SWE-bench harness does, and refuses logs
// that cannot be trusted. Harness rules: any harness failure marker or a missing marker rejects;
// only the text between the markers is parsed (the whole log only if that yields nothing); v5
// rejects a non-zero test exit code with no FAILED/ERROR test, and an empty map with no sign the
// runner ran. Our own checks on top, per runner family: pytest (one final tally line, no results
// after it, failures it reports stay failures, exit code 0 contradicts reported failures; see
// verifyPytestOutput) and vitest JSON (exactly one report, counters and `success` agree with the
// listed results, exit code 0 contradicts failures; see verifyVitestOutput).

import type { StatusMap } from "../core/test-status.js";
import type { LogParserContext, LogParserSpec, ParserFamily } from "./log-parsers/index.js";
import {
  LOG_PARSER_NAMES,
  cargoSuiteRan,
  djangoSuiteRan,
  getLogParserSpec,
  goTestSuiteRan,
  pytestSuiteRan,
  sympySuiteRan,
  verifyCargoOutput,
  verifyDjangoOutput,
  verifyGoTestOutput,
  verifyPytestOutput,
  verifySympyOutput,
  verifyVitestOutput,
  vitestSuiteRan,
} from "./log-parsers/index.js";

/** Lines the harness writes when it could not run the tests; any of them voids the log. */
export const HARNESS_FAILURE_MARKERS = [
  ">>>>> Patch Apply Failed",
  ">>>>> Reset Failed",
  ">>>>> Tests Errored",
  ">>>>> Tests Timed Out",
] as const;

export interface EvalLogOptions {
  /** A `log_parser` name, e.g. `parse_log_pytest`. */
  parser: string;
  /** Text of the start marker (e.g. `>>>>> Start Test Output <nonce>`); under `set -x` it appears as `+ : '<marker>'`. */
  startMarker: string;
  endMarker: string;
  /** Exit code of the test command when known; null/undefined when not recorded. */
  exitCode?: number | null;
  /** Working directory of the tests (vitest file paths are made relative to it). */
  workdir?: string;
}

export type EvalLogResult = { kind: "parsed"; statusMap: StatusMap; testOutput: string } | { kind: "rejected"; reason: string };

const SUITE_RAN: Record<ParserFamily, (text: string) => boolean> = {
  pytest: pytestSuiteRan,
  django: djangoSuiteRan,
  sympy: sympySuiteRan,
  vitest: vitestSuiteRan,
  go: goTestSuiteRan,
  cargo: cargoSuiteRan,
};

function rejected(reason: string): EvalLogResult {
  return { kind: "rejected", reason };
}

/**
 * The test section as the harness cuts it (`log.split(start)[1].split(end)[0]`): after the first
 * start marker, up to a repeated start marker, then up to the first end marker. Stricter than the
 * harness in one way: the end marker must follow the start marker.
 */
export function extractTestSection(log: string, startMarker: string, endMarker: string): string | { missing: string } {
  if (startMarker === "" || endMarker === "") return { missing: "a non-empty start and end marker" };
  const startAt = log.indexOf(startMarker);
  if (startAt === -1) return { missing: "the start marker" };
  const afterStart = log.slice(startAt + startMarker.length);
  const repeatedStart = afterStart.indexOf(startMarker);
  const piece = repeatedStart === -1 ? afterStart : afterStart.slice(0, repeatedStart);
  const endAt = piece.indexOf(endMarker);
  if (endAt === -1) return { missing: "the end marker after the start marker" };
  return piece.slice(0, endAt);
}

interface ParsedSection {
  section: string;
  statusMap: StatusMap;
  testOutput: string;
  usedFallback: boolean;
}

function verifyFamily(spec: LogParserSpec, parsed: ParsedSection, options: EvalLogOptions, buildFailed = false): string | undefined {
  const context: LogParserContext = { workdir: options.workdir };
  if (spec.family === "pytest") {
    return verifyPytestOutput({
      section: parsed.section,
      statusMap: parsed.statusMap,
      usedFallback: parsed.usedFallback,
      exitCode: options.exitCode,
      parse: (text) => spec.parse(text, context),
    });
  }
  if (spec.family === "vitest") return verifyVitestOutput(parsed.section, options.exitCode);
  if (spec.family === "django") return verifyDjangoOutput(parsed.section, parsed.statusMap, options.exitCode);
  if (spec.family === "sympy") return verifySympyOutput(parsed.section, parsed.statusMap, options.exitCode);
  if (spec.family === "go") return verifyGoTestOutput(parsed.section, options.exitCode, buildFailed);
  if (spec.family === "cargo") return verifyCargoOutput(parsed.section, parsed.statusMap, options.exitCode, buildFailed);
  return undefined;
}

/**
 * Signs that a compiled suite did not build (a patch with a compile error, such as a call to a function
 * that does not exist). Then a non-zero exit with no failing test is an honest result, not a forged
 * one: the tests of the packages that did not build are absent, and absent tests count as failures.
 */
const BUILD_FAILED: Partial<Record<ParserFamily, RegExp>> = {
  go: /^FAIL\s+\S+ \[(build|setup) failed\]$|"Output":"FAIL\\t[^"]* \[(build|setup) failed\]/m,
  cargo: /^error: could not compile `[^`]+`/m,
};

export function parseEvalLog(log: string, options: EvalLogOptions): EvalLogResult {
  const spec = getLogParserSpec(options.parser);
  if (spec === undefined) {
    return rejected(`unknown log parser "${options.parser}" (known: ${LOG_PARSER_NAMES.join(", ")})`);
  }
  const failureMarker = HARNESS_FAILURE_MARKERS.find((marker) => log.includes(marker));
  if (failureMarker !== undefined) return rejected(`the log contains "${failureMarker}"`);

  const section = extractTestSection(log, options.startMarker, options.endMarker);
  if (typeof section !== "string") return rejected(`the log lacks ${section.missing}`);

  const context: LogParserContext = { workdir: options.workdir };
  let parsed: ParsedSection = { section, statusMap: spec.parse(section, context), testOutput: section, usedFallback: false };
  if (parsed.statusMap.size === 0) {
    const whole = spec.parse(log, context);
    if (whole.size > 0) parsed = { section, statusMap: whole, testOutput: log, usedFallback: true };
  }

  const buildFailed = BUILD_FAILED[spec.family]?.test(section) ?? false;
  if (buildFailed) {
    // The exit-status rule below cannot apply, but what did run must still carry its closing evidence.
    const problem = verifyFamily(spec, parsed, options, true);
    return problem === undefined ? { kind: "parsed", statusMap: parsed.statusMap, testOutput: parsed.testOutput } : rejected(problem);
  }

  const { exitCode } = options;
  const anyFailing = [...parsed.statusMap.values()].some((status) => status === "FAILED" || status === "ERROR");
  if (exitCode !== null && exitCode !== undefined && exitCode !== 0 && !anyFailing) {
    return rejected(`the test command exited ${exitCode} but no test is FAILED or ERROR`);
  }
  if (parsed.statusMap.size === 0 && !SUITE_RAN[spec.family](section)) {
    return rejected("no test results and no sign that the test runner ran");
  }

  const problem = verifyFamily(spec, parsed, options);
  if (problem !== undefined) return rejected(problem);
  return { kind: "parsed", statusMap: parsed.statusMap, testOutput: parsed.testOutput };
}
