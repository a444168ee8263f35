// Our integrity checks for `cargo test` logs (not in the SWE-bench harness): every libtest binary
// opens with `running N tests` and closes with one `test result:` line whose counts are those of
// its own per-test lines, and cargo's exit status follows from those closing lines.

import type { StatusMap } from "../../core/test-status.js";

const RUNNING = /^running (\d+) tests?$/;
const RESULT =
  /^test result: (ok|FAILED)\. (\d+) passed; (\d+) failed; (\d+) ignored; (\d+) measured; (\d+) filtered out(?:; finished in \S+)?$/;
/** A per-test line as the parser reads it (anchored), and one glued after other output (loose). */
const STRICT_OUTCOME = /^test .+? \.\.\. (ok|FAILED|ignored)(?:, .*)?$/;
const LOOSE_OUTCOME = /\btest .+? \.\.\. (ok|FAILED|ignored)\b/;
/** cargo's report of a test binary that died (a signal, an abort) before its closing line. */
const BINARY_DIED = /^\s*process didn't exit successfully: /;
const CARGO_TEST_FAILED_EXIT = 101;

interface Closing {
  verdict: "ok" | "FAILED";
  passed: number;
  failed: number;
  ignored: number;
  measured: number;
}

interface Section {
  /** 1-based line number of `running N tests`. */
  line: number;
  declared: number;
  strict: Record<string, number>;
  loose: Record<string, number>;
  closing?: Closing;
  /** cargo reported that the binary died before printing its closing line. */
  died?: boolean;
}

const emptyCounts = (): Record<string, number> => ({ ok: 0, FAILED: 0, ignored: 0 });

function readClosing(match: RegExpExecArray): Closing {
  const [, verdict, passed, failed, ignored, measured] = match;
  return {
    verdict: verdict === "ok" ? "ok" : "FAILED",
    passed: Number(passed),
    failed: Number(failed),
    ignored: Number(ignored),
    measured: Number(measured),
  };
}

/** Evidence of each section, or the first structural problem found while reading the lines. */
function readSections(section: string): Section[] | string {
  const sections: Section[] = [];
  let open: Section | undefined;
  const lines = section.split("\n");
  for (const [index, raw] of lines.entries()) {
    const line = raw.trimEnd();
    const where = `line ${index + 1} of the test output`;
    const running = RUNNING.exec(line);
    if (running) {
      if (open !== undefined) {
        return `the test binary opened at line ${open.line} has no 'test result:' line before another opens at ${where}`;
      }
      open = { line: index + 1, declared: Number(running[1]), strict: emptyCounts(), loose: emptyCounts() };
      continue;
    }
    const result = RESULT.exec(line);
    if (result) {
      if (open === undefined) return `a 'test result:' line at ${where} closes no test binary`;
      open.closing = readClosing(result);
      sections.push(open);
      open = undefined;
      continue;
    }
    if (BINARY_DIED.test(line) && open !== undefined) {
      sections.push({ ...open, died: true });
      open = undefined;
      continue;
    }
    const strict = STRICT_OUTCOME.exec(line);
    if (strict && open === undefined) return `a test result at ${where} is outside any test binary's output`;
    if (open === undefined) continue;
    if (strict) open.strict[strict[1] ?? ""] = (open.strict[strict[1] ?? ""] ?? 0) + 1;
    for (const match of line.matchAll(new RegExp(LOOSE_OUTCOME, "g"))) {
      open.loose[match[1] ?? ""] = (open.loose[match[1] ?? ""] ?? 0) + 1;
    }
  }
  if (open !== undefined) sections.push(open);
  return sections;
}

function checkCounts(section: Section, closing: Closing): string | undefined {
  const where = `the test binary opened at line ${section.line}`;
  if (closing.passed + closing.failed + closing.ignored + closing.measured !== section.declared) {
    const counted = closing.passed + closing.failed + closing.ignored + closing.measured;
    return `${where} announced ${section.declared} tests but its 'test result:' line counts ${counted}`;
  }
  if ((closing.verdict === "ok") !== (closing.failed === 0)) {
    return `${where} closes with '${closing.verdict}' and ${closing.failed} failed`;
  }
  const pairs: [string, number][] = [
    ["ok", closing.passed],
    ["FAILED", closing.failed],
    ["ignored", closing.ignored],
  ];
  for (const [word, reported] of pairs) {
    const strict = section.strict[word] ?? 0;
    const loose = section.loose[word] ?? 0;
    if (strict > reported || loose < reported) {
      return `${where} reports ${reported} '${word}' tests but prints ${strict === loose ? strict : `${strict} to ${loose}`} such lines`;
    }
  }
  return undefined;
}

/** Tests that libtest's closing lines leave FAILED must stay FAILED in the status map. */
function countFailing(statusMap: StatusMap): number {
  return [...statusMap.values()].filter((status) => status === "FAILED").length;
}

/**
 * Returns why a `cargo test` section cannot be trusted, or undefined. Rejects: no test binary at all;
 * a binary opened inside another; a result line outside any binary; a binary without its `test
 * result:` line unless cargo reported that binary dying (then the exit status must be 101); a closing
 * line whose counts differ from the binary's `running N` or from its own per-test lines (lines glued
 * to a test's unterminated output are counted too); `ok` with failures; failures reported but none in
 * the map; an exit status other than 0 when every binary passed, or other than 101 when one failed.
 * A binary's whole output imitated before libtest starts, then exit 0, still passes. When the crate did
 * not build (`buildFailed`) whatever ran is checked all the same and cargo must exit 101.
 */
export function verifyCargoOutput(
  section: string,
  statusMap: StatusMap,
  exitCode: number | null | undefined,
  buildFailed = false,
): string | undefined {
  const sections = readSections(section);
  if (typeof sections === "string") return sections;
  if (sections.length === 0 && !buildFailed) return "no libtest output ('running N tests' ... 'test result:') in the test output section";
  let failed = buildFailed;
  for (const current of sections) {
    if (current.closing === undefined) {
      if (current.died !== true) {
        return `the test binary opened at line ${current.line} has no 'test result:' line and cargo reports no crash`;
      }
      failed = true;
      continue;
    }
    const problem = checkCounts(current, current.closing);
    if (problem !== undefined) return problem;
    if (current.closing.verdict === "FAILED") failed = true;
  }
  const reportedFailures = sections.reduce((sum, current) => sum + (current.closing?.failed ?? 0), 0);
  if (reportedFailures > 0 && countFailing(statusMap) === 0) {
    return `libtest reported ${reportedFailures} failed tests but no test is FAILED in the status map`;
  }
  if (exitCode === null || exitCode === undefined) return undefined;
  if (failed && exitCode !== CARGO_TEST_FAILED_EXIT) {
    return `cargo test exited ${exitCode} although a test binary failed (it exits ${CARGO_TEST_FAILED_EXIT} then)`;
  }
  if (!failed && exitCode !== 0) return `cargo test exited ${exitCode} although every test binary passed`;
  return undefined;
}
