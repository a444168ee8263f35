// Our integrity checks for `go test -json` logs (not in the SWE-bench harness): cmd/test2json turns
// a test binary's framing lines into events and wraps everything else in `output` events, and go test
// closes each package with one package-level event. A genuine stream therefore has, per package,
// one closing event after all its test events, a `--- PASS/FAIL/SKIP: name` output line behind every
// test result, no test result without its `run`, and an exit status that follows from the closings.

import { z } from "zod";
import { parseJsonWith } from "../../core/index.js";

const EventSchema = z.object({
  Action: z.string(),
  Package: z.string().optional(),
  Test: z.string().optional(),
  Output: z.string().optional(),
});
type GoEvent = z.infer<typeof EventSchema>;

const TERMINAL = new Set(["pass", "fail", "skip"]);
const FRAMING = /^\s*--- (PASS|FAIL|SKIP): (.+?) \(\d+(?:\.\d+)?s\)\s*$/;
const GO_TEST_FAILED_EXIT = 1;
const GO_BUILD_FAILED_EXIT = 2;

function readEvent(line: string): GoEvent | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith("{")) return undefined;
  return parseJsonWith(EventSchema, trimmed);
}

interface PackageState {
  closing?: string;
  runs: Map<string, number>;
  results: Map<string, number>;
  /** `--- PASS: name` style framing lines seen in output events, by `<action> <test>`. */
  framing: Map<string, number>;
  failedTests: number;
  /** The last output event of the package was go test's own `ok  \t<pkg>` / `FAIL\t<pkg>` line. */
  summaryPrinted: boolean;
}

const bump = (map: Map<string, number>, key: string): number => {
  const next = (map.get(key) ?? 0) + 1;
  map.set(key, next);
  return next;
};

function stateOf(packages: Map<string, PackageState>, name: string): PackageState {
  let state = packages.get(name);
  if (state === undefined) {
    state = { runs: new Map(), results: new Map(), framing: new Map(), failedTests: 0, summaryPrinted: false };
    packages.set(name, state);
  }
  return state;
}

/** The first problem in the event stream, read line by line; packages are filled in as a side effect. */
function readStream(section: string, packages: Map<string, PackageState>): string | undefined {
  for (const [index, line] of section.split("\n").entries()) {
    const event = readEvent(line);
    if (event === undefined) continue;
    const where = `line ${index + 1} of the test output`;
    if (event.Package === undefined) {
      if (TERMINAL.has(event.Action) || event.Action === "run") return `a '${event.Action}' event without a package at ${where}`;
      continue;
    }
    const state = stateOf(packages, event.Package);
    if (state.closing !== undefined) {
      return `an event for package ${event.Package} at ${where} follows that package's closing '${state.closing}' event`;
    }
    if (event.Test === undefined) {
      if (!TERMINAL.has(event.Action)) continue;
      state.closing = event.Action;
      continue;
    }
    const test = event.Test;
    if (event.Action === "run") bump(state.runs, test);
    if (event.Action === "output") {
      const framing = FRAMING.exec(event.Output ?? "");
      if (framing && framing[2] === test) bump(state.framing, `${(framing[1] ?? "").toLowerCase()} ${test}`);
      const output = event.Output ?? "";
      state.summaryPrinted = output.startsWith(`ok  \t${event.Package}\t`) || output.startsWith(`FAIL\t${event.Package}`);
      continue;
    }
    if (!TERMINAL.has(event.Action)) continue;
    if (state.summaryPrinted && (state.framing.get(`${event.Action} ${test}`) ?? 0) <= (state.results.get(test) ?? 0)) {
      // The binary ended inside this test: test2json closes the package with the test's name on it.
      if (event.Action !== "fail") {
        return `the test binary of ${event.Package} exited 0 inside test ${test}, which is credited '${event.Action}' at ${where}`;
      }
      state.closing = "fail";
      state.failedTests += 1;
      continue;
    }
    const count = bump(state.results, test);
    const id = `${event.Package}/${test}`;
    if (count > (state.runs.get(test) ?? 0)) return `test ${id} reports a result at ${where} without a matching 'run' event`;
    if (count > (state.framing.get(`${event.Action} ${test}`) ?? 0)) {
      return `test ${id} reports '${event.Action}' at ${where} without go test's '--- ${event.Action.toUpperCase()}: ${test}' line`;
    }
    if (event.Action === "fail") state.failedTests += 1;
  }
  return undefined;
}

/**
 * Returns why a `go test -json` section cannot be trusted, or undefined. Rejects: a result event
 * without a package, without an earlier `run` of its test or without test2json's framing output line
 * for it (events written straight into the log, not produced by test2json); any event of a package
 * after that package's closing event; a package with test results but no closing event; a package
 * that closes `pass` with a failed test; an exit status other than 0 when every package passed or
 * other than 1 when one failed (a killed go test). A test binary that prints the framing lines of
 * its own remaining tests and exits 0 from init() still passes: test2json itself turns such lines
 * into events that cannot be told apart from genuine ones. When a package did not build (`buildFailed`)
 * the packages that ran are checked all the same and go test must exit 2.
 */
export function verifyGoTestOutput(section: string, exitCode: number | null | undefined, buildFailed = false): string | undefined {
  const packages = new Map<string, PackageState>();
  const problem = readStream(section, packages);
  if (problem !== undefined) return problem;
  let anyFailed = false;
  for (const [name, state] of [...packages].sort(([a], [b]) => a.localeCompare(b))) {
    if (state.closing === undefined) {
      if (state.results.size > 0) return `package ${name} has test results but no closing pass/fail event`;
      continue;
    }
    if (state.failedTests > 0 && state.closing !== "fail") {
      return `package ${name} closes '${state.closing}' although ${state.failedTests} of its tests failed`;
    }
    if (state.closing === "fail") anyFailed = true;
  }
  if (!buildFailed && ![...packages.values()].some((state) => state.closing !== undefined)) {
    return "no package closing event (pass/fail without a test) in the go test output";
  }
  if (exitCode === null || exitCode === undefined) return undefined;
  if (buildFailed) {
    if (exitCode === GO_BUILD_FAILED_EXIT) return undefined;
    return `go test exited ${exitCode} although a package did not build (it exits ${GO_BUILD_FAILED_EXIT} then)`;
  }
  if (anyFailed && exitCode !== GO_TEST_FAILED_EXIT) {
    return `go test exited ${exitCode} although a package failed (it exits ${GO_TEST_FAILED_EXIT} then)`;
  }
  if (!anyFailed && exitCode !== 0) return `go test exited ${exitCode} although every package passed`;
  return undefined;
}
