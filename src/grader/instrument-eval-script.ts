// Gives an eval script markers no patched code can know in advance: the harness's fixed start/end
// markers get a per-grading random nonce, and the exit status of the test command is printed on a
// nonce line after the end marker, so it is read from the shell, not from what the tests print.
// The script is fed to bash on stdin (never written into the container), parsed whole before it
// runs, and stdin is then closed, so no process can read the script (nonce, witness key) back.
// Where the runner is known, the test block also sets up the runner's own witness (witness/).
import { randomBytes } from "node:crypto";
import { END_TEST_OUTPUT, START_TEST_OUTPUT } from "../tasks/index.js";
import {
  newWitnessSecret,
  planWitness,
  witnessCommandLine,
  witnessReadLines,
  witnessSetupLines,
  type WitnessSecret,
} from "./witness/index.js";

export interface InstrumentedScript {
  script: string;
  startMarker: string;
  endMarker: string;
  nonce: string;
  /** The witness this run writes, or why it has none. */
  witness: WitnessSecret | { kind: "none"; why: string };
}

export interface InstrumentOptions {
  /** Set up the runner's witness where the runner is known (default true). */
  witness?: boolean;
}

/** Returns undefined when the script lacks the harness's start and end marker lines. */
export function instrumentEvalScript(
  script: string,
  nonce = randomBytes(9).toString("hex"),
  options: InstrumentOptions = {},
): InstrumentedScript | undefined {
  const startLine = `: '${START_TEST_OUTPUT}'`;
  const endLine = `: '${END_TEST_OUTPUT}'`;
  const lines = script.split("\n");
  const start = lines.indexOf(startLine);
  const end = lines.indexOf(endLine, start + 1);
  if (start < 0 || end < 0) return undefined;
  const startMarker = `${START_TEST_OUTPUT} ${nonce}`;
  const endMarker = `${END_TEST_OUTPUT} ${nonce}`;
  let testLines = lines.slice(start + 1, end);
  const plan = options.witness === false ? { kind: "none" as const, why: "the witness was turned off" } : planWitness(testLines);
  const witness = plan.kind === "none" ? plan : newWitnessSecret(plan.kind);
  if (plan.kind !== "none" && witness.kind !== "none") {
    testLines = [
      ...witnessSetupLines(witness, nonce),
      ...testLines.map((line, index) => (index === plan.line ? witnessCommandLine(witness, line) : line)),
    ];
  }
  const out = [
    ...lines.slice(0, start),
    `: '${startMarker}'`,
    // The tests get no stdin: bash reads this script from stdin, and the rest of it holds the nonce.
    "{",
    ...testLines,
    "} </dev/null",
    "__swerig_test_rc=$?",
    `: '${endMarker}'`,
    `printf '%s %s\\n' '${nonce} test exit code:' "$__swerig_test_rc"`,
    ...(witness.kind === "none" ? [] : witnessReadLines(witness, nonce)),
    ...lines.slice(end + 1),
  ];
  return { script: out.join("\n"), startMarker, endMarker, nonce, witness };
}

/**
 * The command that runs an instrumented script: bash reading it from a heredoc, as one brace group so
 * bash parses all of it before running any, and with stdin closed first, so that no process started by
 * the script can read the rest of it through /proc/<pid>/fd/0 (the heredoc is a pipe or a temp file).
 */
export function evalScriptCommand(instrumented: InstrumentedScript): string {
  const delimiter = `__SWERIG_EVAL_${instrumented.nonce}__`;
  return `/bin/bash -s <<'${delimiter}'\n{\nexec </dev/null\n${instrumented.script}\n}\n${delimiter}`;
}

/** The test command's exit status recorded by an instrumented script, or null when absent. */
export function readTestExitCode(log: string, nonce: string): number | null {
  const m = new RegExp(`^${nonce} test exit code: (\\d+)$`, "m").exec(log);
  return m ? Number(m[1]) : null;
}
