// Reads the eval logs `swerig grade` wrote for bundled tasks (test/fixtures/logs/go-cargo-captured/):
// markers and exit status come from the nonce the instrumented eval script printed.

import { parseEvalLog, type EvalLogResult } from "../../../src/grader/eval-log.js";
import { readLogFixture } from "./fixture-files.js";

export interface CapturedLog {
  log: string;
  nonce: string;
  exitCode: number;
}

export function readCapturedLog(file: string): CapturedLog {
  const log = readLogFixture(`go-cargo-captured/${file}`);
  const match = /^([0-9a-f]+) test exit code: (\d+)$/m.exec(log);
  if (!match) throw new Error(`${file} has no '<nonce> test exit code: N' line`);
  return { log, nonce: match[1] ?? "", exitCode: Number(match[2]) };
}

/** Grades a captured log, or a variant of it, with its own markers. */
export function gradeCaptured(
  captured: CapturedLog,
  parser: string,
  exitCode: number | null = captured.exitCode,
  log = captured.log,
): EvalLogResult {
  return parseEvalLog(log, {
    parser,
    startMarker: `>>>>> Start Test Output ${captured.nonce}`,
    endMarker: `>>>>> End Test Output ${captured.nonce}`,
    exitCode,
  });
}

/** Inserts lines just before the end-marker line of the test section. */
export function beforeEnd(captured: CapturedLog, ...lines: string[]): string {
  const end = `+ __swerig_test_rc=`;
  const at = captured.log.indexOf(end);
  if (at === -1) throw new Error("no end of the test command in the captured log");
  return `${captured.log.slice(0, at)}${lines.join("\n")}\n${captured.log.slice(at)}`;
}

export function reasonOf(result: EvalLogResult): string {
  return result.kind === "rejected" ? result.reason : "(parsed)";
}
