// Our integrity checks for Django runner logs (unittest at verbosity 2; not in the SWE-bench harness):
// a run that got to its end closes with unittest's own lines (a 70-dash rule, `Ran N tests in X.XXXs`,
// then `OK`/`FAILED (...)`), printed once, after every result line, and agreeing with those lines,
// with the `FAIL:`/`ERROR:` reports above it and with the exit status of runtests.py.

import type { StatusMap } from "../../core/test-status.js";
import { parseDjango } from "./django.js";
import { pyStrip } from "./python-text.js";

const RAN = /^Ran (\d+) tests? in \d+\.\d{3}s$/;
const RULE = /^-{70}$/;
const VERDICT = /^(OK|FAILED|NO TESTS RAN)(?: \(([a-z =\d,]+)\))?$/;
const ERROR_RULE = /^={70}$/;
const ERROR_HEADER = /^(FAIL|ERROR): (.+)$/;

interface Closing {
  lineIndex: number;
  ran: number;
  verdict: string;
  counts: ReadonlyMap<string, number>;
}

const isFailing = (status: string | undefined): boolean => status === "FAILED" || status === "ERROR";

function readCounts(text: string | undefined): Map<string, number> | undefined {
  const counts = new Map<string, number>();
  if (text === undefined) return counts;
  for (const part of text.split(", ")) {
    const match = /^([a-z ]+)=(\d+)$/.exec(part);
    if (!match) return undefined;
    counts.set(match[1] ?? "", Number(match[2]));
  }
  return counts;
}

/** Every `Ran N tests` line, with the verdict that follows it (or a reason it is malformed). */
function findClosings(lines: readonly string[]): (Closing | string)[] {
  const closings: (Closing | string)[] = [];
  lines.forEach((line, lineIndex) => {
    const ran = RAN.exec(pyStrip(line));
    if (!ran) return;
    const where = `line ${lineIndex + 1} of the test output`;
    if (!RULE.test(pyStrip(lines[lineIndex - 1] ?? ""))) {
      closings.push(`Django's 'Ran N tests' at ${where} does not follow unittest's dashed rule`);
      return;
    }
    let next = lineIndex + 1;
    while (next < lines.length && pyStrip(lines[next] ?? "") === "") next += 1;
    const verdict = VERDICT.exec(pyStrip(lines[next] ?? ""));
    const counts = readCounts(verdict?.[2]);
    if (!verdict || counts === undefined) {
      closings.push(`Django's 'Ran N tests' at ${where} is not followed by OK or FAILED (...)`);
      return;
    }
    closings.push({ lineIndex: next, ran: Number(ran[1]), verdict: verdict[1] ?? "", counts });
  });
  return closings;
}

/** Ids named by unittest's `FAIL:`/`ERROR:` reports (the text up to the first `)`; subtests add more). */
function readErrorHeaders(lines: readonly string[], end: number): string[] {
  const ids: string[] = [];
  for (let index = 1; index < end; index += 1) {
    if (!ERROR_RULE.test(pyStrip(lines[index - 1] ?? ""))) continue;
    const header = ERROR_HEADER.exec(pyStrip(lines[index] ?? ""));
    if (!header) continue;
    const text = header[2] ?? "";
    const close = text.indexOf(")");
    ids.push(close === -1 ? text : text.slice(0, close + 1));
  }
  return ids;
}

function checkCounts(lines: readonly string[], closing: Closing, statusMap: StatusMap): string | undefined {
  const before = lines.slice(0, closing.lineIndex).join("\n");
  const started = before.split(" ... ").length - 1;
  if (started < closing.ran) return `Django reports ${closing.ran} tests run but only ${started} test lines ('name ... ') precede it`;
  const passedOrSkipped = [...statusMap.values()].filter((status) => status === "PASSED" || status === "SKIPPED").length;
  if (passedOrSkipped > closing.ran) return `Django reports ${closing.ran} tests run but ${passedOrSkipped} tests passed or were skipped`;
  return undefined;
}

function checkVerdict(
  lines: readonly string[],
  closing: Closing,
  statusMap: StatusMap,
  exitCode: number | null | undefined,
): string | undefined {
  const failures = (closing.counts.get("failures") ?? 0) + (closing.counts.get("errors") ?? 0);
  const headers = readErrorHeaders(lines, closing.lineIndex);
  const failingInMap = [...statusMap.values()].filter(isFailing).length;
  if (closing.verdict !== "FAILED") {
    if (failures > 0 || headers.length > 0 || failingInMap > 0) {
      return `Django reports ${closing.verdict} but failures or errors are listed`;
    }
    if (exitCode !== null && exitCode !== undefined && exitCode !== 0) {
      return `the test command exited ${exitCode} although Django reports OK`;
    }
    return undefined;
  }
  if (headers.length !== failures) return `Django reports ${failures} failures/errors but lists ${headers.length} FAIL:/ERROR: reports`;
  const passing = headers.find((id) => statusMap.has(id) && !isFailing(statusMap.get(id)));
  if (passing !== undefined) return `Django reports '${passing}' as failing but the status map says ${statusMap.get(passing)}`;
  if (failures > 0 && failingInMap === 0) return `Django reports ${failures} failures/errors but no test is FAILED or ERROR`;
  if (exitCode === 0) return "the test command exited 0 although Django reports FAILED";
  return undefined;
}

/**
 * Returns why a Django section cannot be trusted, or undefined. Rejects: no closing lines while some
 * test is PASSED or SKIPPED (a run that crashed before any result is left alone); a closing printed
 * more than once or malformed; any result line after it; fewer `name ... ` starts than tests run, or
 * more passed/skipped tests than run (a docstring, a subtest or a print can make the per-test lines
 * differ from N, so only these two bounds hold for every genuine log); OK alongside failure reports
 * or failing tests; FAILED with a number of `FAIL:`/`ERROR:` reports other than failures+errors, with
 * a reported test not failing in the map, or with no failing test; an exit status that contradicts
 * the verdict. A patch that prints a complete imitation of the runner's output still passes; a test
 * that itself prints a result-shaped line (`x ... ok` after the closing, `x ... FAIL` in an OK run) gets
 * a genuine log rejected, a deliberate trade-off as for pytest's tally.
 */
export function verifyDjangoOutput(section: string, statusMap: StatusMap, exitCode: number | null | undefined): string | undefined {
  const lines = section.split("\n");
  const closings = findClosings(lines);
  const [closing] = closings;
  if (closing === undefined) {
    const anyPassed = [...statusMap.values()].some((status) => status === "PASSED" || status === "SKIPPED");
    return anyPassed ? "no closing 'Ran N tests' line from Django's runner although tests passed" : undefined;
  }
  if (typeof closing === "string") return closing;
  if (closings.length > 1) return `Django's closing 'Ran N tests' line appears ${closings.length} times in the test output section`;
  if (parseDjango(lines.slice(closing.lineIndex + 1).join("\n")).size > 0) return "test result lines follow Django's closing lines";
  return checkCounts(lines, closing, statusMap) ?? checkVerdict(lines, closing, statusMap, exitCode);
}
