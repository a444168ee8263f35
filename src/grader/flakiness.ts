// One notion of a flaky test, shared by `tasks validate --repeat` and grading with `--reruns`: runs of
// the same code (same patch, fresh container each) that report a different status for the same test id.
// A test one run reports and another does not flips too (absent is a status here). Pure.
import type { StatusMap, TestStatus } from "../core/index.js";

/** One test whose status differs between runs: its status in each run, in run order (null: absent). */
export interface TestFlip {
  test: string;
  statuses: (TestStatus | null)[];
}

/**
 * The tests whose status is not the same in every run, sorted by id. `tests` limits the comparison
 * (grading compares the FAIL_TO_PASS and PASS_TO_PASS tests its verdict rests on); by default every
 * test any run reports is compared. Fewer than two runs cannot disagree.
 */
export function testFlips(runs: readonly StatusMap[], tests?: Iterable<string>): TestFlip[] {
  if (runs.length < 2) return [];
  const ids = tests ? new Set(tests) : new Set(runs.flatMap((run) => [...run.keys()]));
  const flips: TestFlip[] = [];
  for (const test of [...ids].sort()) {
    const statuses = runs.map((run) => run.get(test) ?? null);
    if (statuses.some((s) => s !== statuses[0])) flips.push({ test, statuses });
  }
  return flips;
}

/** `tests/x.py::test_a (FAILED, PASSED, FAILED)`: a flip as problems and reasons name it. */
export function describeFlip(flip: TestFlip): string {
  return `${flip.test} (${flip.statuses.map((s) => s ?? "absent").join(", ")})`;
}
