// Our integrity checks for SymPy's bin/test logs (not in the SWE-bench harness): the runner opens with
// a centred `test process starts` banner and closes with one centred `tests finished: N passed, ...`
// line (wrapped when longer than the terminal), followed by `DO *NOT* COMMIT!` when anything failed;
// its counts bound the per-test lines, and bin/test exits 0 exactly when nothing failed.

import type { StatusMap } from "../../core/test-status.js";
import { pyLines, pyStrip } from "./python-text.js";

const BANNER = /^=+ test process starts =+$/;
const CLOSING_START = /^=* ?tests finished: /;
const CLOSING = /^(=*) (tests finished: (\d+) passed, ((?:\d+ [a-z ]+, \n?)*)\n?in \d+\.\d\d seconds) (=*)$/;
const COUNT = /(\d+) ([a-z ]+), /g;
const DO_NOT_COMMIT = "DO *NOT* COMMIT!";
/** What the official parser reads as a result: a stripped line starting `test_` that ends ` ok`/` F`/` E`. */
const RESULT_LINE = /^test_\S*.* (ok|F|E)$/;
const OK_LINE = /^test\w*(?: .*)? ok(?:\s+\[(?:OK|FAIL)\])?$/;
const ENDS_OK = /ok(?:\s+\[(?:OK|FAIL)\])?$/;

interface Closing {
  firstLine: number;
  lastLine: number;
  passed: number;
  /** failed (tests and doctests) plus exceptions. */
  failing: number;
}

/** SymPy's `write_center`: the text padded with `=` to the banner's width, unpadded when too long. */
function centred(text: string, width: number): string {
  const padded = ` ${text} `;
  const left = Math.floor((width - padded.length) / 2);
  return "=".repeat(Math.max(0, left)) + padded + "=".repeat(Math.max(0, width - left - padded.length));
}

function readClosing(lines: readonly string[], index: number, width: number): Closing | string {
  const where = `line ${index + 1} of the test output`;
  const wrapped = !(lines[index] ?? "").includes(" seconds");
  const lastLine = wrapped ? index + 1 : index;
  const block = lines.slice(index, lastLine + 1).join("\n");
  const match = CLOSING.exec(block);
  if (!match) return `SymPy's 'tests finished' line at ${where} is malformed`;
  if (block !== centred(match[2] ?? "", width)) return `SymPy's 'tests finished' line at ${where} is not centred as the runner prints it`;
  let failing = 0;
  for (const [, count, word] of (match[4] ?? "").matchAll(COUNT)) {
    if (word === "failed" || word === "exceptions") failing += Number(count);
  }
  return { firstLine: index, lastLine, passed: Number(match[3]), failing };
}

function countLines(lines: readonly string[], from: number, to: number, pattern: RegExp): number {
  return lines.slice(from, to).filter((line) => pattern.test(pyStrip(line))).length;
}

/**
 * Returns why a SymPy section cannot be trusted, or undefined. Rejects: no `tests finished` line
 * while some test passed (a run that crashed before any result is left alone); no opening banner
 * before it; a closing printed more than once, malformed or not centred to the banner's width; a
 * result line before the banner or after the closing; more `name ok` lines than passed tests, or
 * fewer lines ending in `ok` than passed tests; `DO *NOT* COMMIT!` present exactly when nothing failed
 * missing; an exit status that contradicts the counts. A complete imitation of the runner still passes.
 */
export function verifySympyOutput(section: string, statusMap: StatusMap, exitCode: number | null | undefined): string | undefined {
  const lines = pyLines(section).map((line) => line.replace(/\r$/, ""));
  const closingIndexes = lines.flatMap((line, index) => (CLOSING_START.test(line) ? [index] : []));
  const [closingIndex] = closingIndexes;
  if (closingIndex === undefined) {
    const anyPassed = [...statusMap.values()].some((status) => status === "PASSED");
    return anyPassed ? "no closing 'tests finished' line from SymPy's runner although tests passed" : undefined;
  }
  if (closingIndexes.length > 1) {
    return `SymPy's closing 'tests finished' line appears ${closingIndexes.length} times in the test output section`;
  }
  const bannerIndex = lines.reduce((last, line, index) => (index < closingIndex && BANNER.test(line) ? index : last), -1);
  if (bannerIndex === -1) return "SymPy's 'test process starts' banner does not precede its closing line";
  const closing = readClosing(lines, closingIndex, (lines[bannerIndex] ?? "").length);
  if (typeof closing === "string") return closing;

  if (countLines(lines, 0, bannerIndex, RESULT_LINE) > 0) return "test result lines precede SymPy's 'test process starts' banner";
  if (countLines(lines, closing.lastLine + 1, lines.length, RESULT_LINE) > 0) return "test result lines follow SymPy's closing line";
  const okLines = countLines(lines, bannerIndex, closing.firstLine, OK_LINE);
  const endsOk = countLines(lines, bannerIndex, closing.firstLine, ENDS_OK);
  if (okLines > closing.passed || endsOk < closing.passed) {
    return `SymPy reports ${closing.passed} passed but prints ${okLines === endsOk ? okLines : `${okLines} to ${endsOk}`} passing lines`;
  }
  const warned = pyStrip(lines[closing.lastLine + 1] ?? "") === DO_NOT_COMMIT;
  if (warned !== closing.failing > 0) {
    if (closing.failing > 0) return `SymPy reports ${closing.failing} failures without '${DO_NOT_COMMIT}'`;
    return `'${DO_NOT_COMMIT}' although SymPy reports no failure`;
  }
  if (exitCode === null || exitCode === undefined) return undefined;
  if (closing.failing > 0 && exitCode === 0) return `the test command exited 0 although SymPy reports ${closing.failing} failures`;
  if (closing.failing === 0 && exitCode !== 0) return `the test command exited ${exitCode} although SymPy reports no failure`;
  return undefined;
}
