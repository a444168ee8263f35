// The pytest-output parsers of the SWE-bench harness (v4.1): `parse_log_pytest`,
// `parse_log_pytest_options`, `parse_log_pytest_v2`, `parse_log_matplotlib`, `parse_log_seaborn`.

import type { StatusMap } from "../../core/test-status.js";
import { TEST_STATUSES } from "../../core/test-status.js";
import type { LogParser } from "./log-parser.js";
import { isTestStatus } from "./log-parser.js";
import { pyLines, pySplit } from "./python-text.js";

function startsWithStatus(line: string): boolean {
  return TEST_STATUSES.some((status) => line.startsWith(status));
}

function endsWithStatus(line: string): boolean {
  return TEST_STATUSES.some((status) => line.endsWith(status));
}

/** [test id, the token in the status position], not necessarily a valid status. */
type RawResult = [string, string];

/** The `-rA` short-summary rule: `STATUS <id> [- message]` -> [id, status]. */
export function parsePytestStatusLine(line: string): RawResult | undefined {
  if (!startsWithStatus(line)) return undefined;
  const cleaned = line.startsWith("FAILED") ? line.replaceAll(" - ", " ") : line;
  const [status, testId] = pySplit(cleaned);
  return status === undefined || testId === undefined ? undefined : [testId, status];
}

/**
 * Python stores whatever token sits in the status position (`ERROR: InvocationError` gives
 * {"InvocationError": "ERROR:"}). Such entries are kept while parsing, so key order and overwrites
 * match the harness, then dropped: an id whose last "status" was not one reads as absent.
 */
function parseWith(log: string, rule: (line: string) => RawResult | undefined): StatusMap {
  const raw = new Map<string, string>();
  for (const line of pyLines(log)) {
    const parsed = rule(line);
    if (parsed) raw.set(parsed[0], parsed[1]);
  }
  const statusMap: StatusMap = new Map();
  for (const [testId, status] of raw) if (isTestStatus(status)) statusMap.set(testId, status);
  return statusMap;
}

/** `parse_log_pytest` (pytest-dev, flask, xarray, astroid, marshmallow, sqlfluff, pvlib, pyvista). */
export const parsePytest: LogParser = (log) => parseWith(log, parsePytestStatusLine);

const OPTION_PATTERN = /(.*?)\[(.*)\]/;

/** `name[/a/b/c]` -> `name[/c]`: a path-like parametrize option keeps only its last segment. */
export function normalizePytestOption(testId: string): string {
  const match = OPTION_PATTERN.exec(testId);
  if (!match) return testId;
  const main = match[1] ?? "";
  let option = match[2] ?? "";
  if (option.startsWith("/") && !option.startsWith("//") && !option.includes("*")) {
    option = `/${option.split("/").at(-1) ?? ""}`;
  }
  return `${main}[${option}]`;
}

/** `parse_log_pytest_options` (requests, pylint, pydicom). */
export const parsePytestOptions: LogParser = (log) =>
  parseWith(log, (line) => {
    const parsed = parsePytestStatusLine(line);
    return parsed ? [normalizePytestOption(parsed[0]), parsed[1]] : undefined;
  });

const COLOUR_CODE = /\[(\p{Nd}+)m/gu;
// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escapes and control characters are what it removes
const CONTROL_CHARS = /[\x01-\x1f]/g;

/** The v2 line clean-up: drop `[NNm` colour codes, then every control character 1-31. */
export function stripPytestV2Noise(line: string): string {
  return line.replace(COLOUR_CODE, "").replace(CONTROL_CHARS, "");
}

/** `parse_log_pytest_v2` (astropy, scikit-learn, sphinx): also old-style `<id> STATUS` lines. */
export const parsePytestV2: LogParser = (log) =>
  parseWith(log, (raw) => {
    const line = stripPytestV2Noise(raw);
    if (startsWithStatus(line)) return parsePytestStatusLine(line);
    if (!endsWithStatus(line)) return undefined;
    const [testId, status] = pySplit(line);
    return testId === undefined || status === undefined ? undefined : [testId, status];
  });

/** `parse_log_matplotlib`: the pytest rule after `MouseButton.LEFT/RIGHT` -> `1`/`3`. */
export const parseMatplotlib: LogParser = (log) =>
  parseWith(log, (line) => parsePytestStatusLine(line.replaceAll("MouseButton.LEFT", "1").replaceAll("MouseButton.RIGHT", "3")));

/** `parse_log_seaborn`: FAILED and PASSED only, in either word order. */
export const parseSeaborn: LogParser = (log) =>
  parseWith(log, (line) => {
    const tokens = pySplit(line);
    if (line.startsWith("FAILED")) {
      return tokens[1] === undefined ? undefined : [tokens[1], "FAILED"];
    }
    if (line.includes(" PASSED ")) {
      return tokens[1] === "PASSED" && tokens[0] !== undefined ? [tokens[0], "PASSED"] : undefined;
    }
    if (line.startsWith("PASSED")) {
      return tokens[1] === undefined ? undefined : [tokens[1], "PASSED"];
    }
    return undefined;
  });
