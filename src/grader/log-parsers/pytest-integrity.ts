// Our integrity checks for pytest-family logs (not in the SWE-bench harness): what the code under
// test prints cannot be told apart from pytest's own lines, so we check what a genuine
// `pytest -rA` run implies about its final tally line (`=== 1 failed, 5 passed in 0.12s ===`).

import type { StatusMap } from "../../core/test-status.js";
import type { LogParser } from "./log-parser.js";
import { stripPytestV2Noise } from "./pytest.js";

export interface PytestTally {
  /** Index of the tally line in the section's lines. */
  lineIndex: number;
  /** Counts by outcome word as printed (`failed`, `passed`, `error`/`errors`, `warnings`, ...). */
  counts: ReadonlyMap<string, number>;
}

const TALLY = /^=+ (.+?) in \d+(?:\.\d+)?(?:s| seconds)(?: \([\d:.]+\))? =+$/;
const TALLY_PART = /^(\d+) ([a-z][a-z -]*)$/;
const SESSION_START = /^=+ test session starts =+$/;
const SUMMARY_HEADER = /^=+ short test summary info =+$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escapes and control characters are what it removes
const ANSI_SEQUENCE = /\x1b\[[0-9;]*[A-Za-z]/g;

function normalizeLine(line: string): string {
  return stripPytestV2Noise(line.replace(ANSI_SEQUENCE, "")).trim();
}

export function parseTallyLine(line: string): Map<string, number> | undefined {
  const match = TALLY.exec(normalizeLine(line));
  if (!match) return undefined;
  const counts = new Map<string, number>();
  for (const part of (match[1] ?? "").split(", ")) {
    if (part === "no tests ran") continue;
    const partMatch = TALLY_PART.exec(part);
    if (!partMatch) return undefined;
    counts.set(partMatch[2] ?? "", Number(partMatch[1]));
  }
  return counts;
}

/** Tallies not enclosed by a nested `test session starts` ... tally pair. */
export function findTopLevelTallies(lines: readonly string[]): PytestTally[] {
  const tallies: PytestTally[] = [];
  let depth = 0;
  lines.forEach((line, lineIndex) => {
    if (SESSION_START.test(normalizeLine(line))) {
      depth += 1;
      return;
    }
    const counts = parseTallyLine(line);
    if (!counts) return;
    if (depth <= 1) tallies.push({ lineIndex, counts });
    depth = Math.max(0, depth - 1);
  });
  return tallies;
}

function count(counts: ReadonlyMap<string, number>, ...words: string[]): number {
  return words.reduce((sum, word) => sum + (counts.get(word) ?? 0), 0);
}

const isFailing = (status: string | undefined): boolean => status === "FAILED" || status === "ERROR";

/** Evidence that pytest started, for an otherwise empty status map. */
export function pytestSuiteRan(text: string): boolean {
  const lines = text.split("\n");
  return lines.some((line) => {
    const normalized = normalizeLine(line);
    return SESSION_START.test(normalized) || /^collected \d+ items?/.test(normalized) || parseTallyLine(line) !== undefined;
  });
}

export interface PytestCheckInput {
  section: string;
  statusMap: StatusMap;
  usedFallback: boolean;
  exitCode: number | null | undefined;
  parse: LogParser;
}

/**
 * Returns why the section cannot be trusted, or undefined. Rejects, in this order:
 *  1. no top-level tally, or more than one (tallies of nested runs, e.g. pytester's, follow their own
 *     `test session starts` header and do not count; a test that prints a barred tally-shaped line
 *     therefore gets a genuine log rejected, a deliberate trade-off);
 *  2. any test result line after the tally (pytest prints none after it);
 *  3. results parsed from the whole log (harness fallback) while the section's tally reports results;
 *  4. a known exit code of 0 with a tally that reports failures/errors;
 *  5. a test listed FAILED/ERROR in the final short summary that is not FAILED/ERROR in the map
 *     (counted up to the tally's failures+errors, since ids can collapse: truncated parametrized ids,
 *     a test that both FAILED and ERRORed), or failures reported while no test is FAILED/ERROR.
 * A patch that fabricates a whole nested pytest session (header, summary, tally) can still pass.
 */
export function verifyPytestOutput(input: PytestCheckInput): string | undefined {
  const lines = input.section.split("\n");
  const tallies = findTopLevelTallies(lines);
  const [tally] = tallies;
  if (tally === undefined) {
    return "no pytest summary line ('=== N passed in Xs ===') in the test output section";
  }
  if (tallies.length > 1) {
    return `pytest's final summary line appears ${tallies.length} times in the test output section`;
  }
  if (input.parse(lines.slice(tally.lineIndex + 1).join("\n")).size > 0) {
    return "test result lines follow pytest's final summary line";
  }
  const outcomes = count(tally.counts, "passed", "failed", "error", "errors", "skipped", "xfailed", "xpassed");
  if (input.usedFallback && outcomes > 0) {
    return `pytest reported ${outcomes} results but the test output section yields none`;
  }
  const failures = count(tally.counts, "failed", "error", "errors");
  if (failures === 0) return undefined;
  if (input.exitCode === 0) {
    return `the test command exited 0 although pytest reported ${failures} failed/errors`;
  }
  return checkFailuresSurvive(input, lines, tally, failures);
}

function checkFailuresSurvive(input: PytestCheckInput, lines: readonly string[], tally: PytestTally, failures: number): string | undefined {
  let headerIndex = tally.lineIndex - 1;
  while (headerIndex >= 0 && !SUMMARY_HEADER.test(normalizeLine(lines[headerIndex] ?? ""))) headerIndex -= 1;
  const summaryLines = headerIndex >= 0 ? lines.slice(headerIndex + 1, tally.lineIndex) : [];
  const reportedFailing = new Set<string>();
  for (const line of summaryLines) {
    for (const [testId, status] of input.parse(line)) if (isFailing(status)) reportedFailing.add(testId);
  }
  const stillFailing = [...reportedFailing].filter((testId) => isFailing(input.statusMap.get(testId))).length;
  if (stillFailing < Math.min(failures, reportedFailing.size)) {
    return `pytest listed ${reportedFailing.size} failing tests but only ${stillFailing} are FAILED/ERROR in the status map`;
  }
  if (![...input.statusMap.values()].some(isFailing)) {
    return `pytest reported ${failures} failed/errors but no test is FAILED/ERROR in the status map`;
  }
  return undefined;
}
