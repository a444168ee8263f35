// Which logs the official harness refuses to grade (get_logs_eval "not found"), under 5.0.x and 4.1,
// set beside what our own parseEvalLog decides for the same log.
import { describe, expect, it } from "vitest";
import { parseEvalLog } from "../../../src/grader/eval-log.js";
import { SUITE_RAN, harnessLogCheck } from "../../../src/grader/harness-log-check.js";

const START = ">>>>> Start Test Output c0ffee";
const END = ">>>>> End Test Output c0ffee";
const evalLog = (body: string, before = "+ git status\n") =>
  `${before}+ : '${START}'\n+ pytest -rA\n${body}\n+ : '${END}'\nc0ffee test exit code: 0\n`;
const options = (parser: string, exitCode: number | null, semantics: "v4" | "v5" = "v5") => ({
  parser,
  startMarker: START,
  endMarker: END,
  exitCode,
  semantics,
});

const INTERNAL_ERROR = [
  "============================= test session starts ==============================",
  "collected 19 items",
  "INTERNALERROR> Traceback (most recent call last):",
  'INTERNALERROR>   File "/usr/lib/python3/dist-packages/_pytest/main.py", line 283, in wrap_session',
  "INTERNALERROR> RuntimeError: boom",
].join("\n");

describe("harnessLogCheck: 4.1 and 5.0.x rules", () => {
  it("refuses a log with a harness failure marker or without the markers, under both versions", () => {
    for (const semantics of ["v4", "v5"] as const) {
      expect(harnessLogCheck(`>>>>> Tests Timed Out\n${evalLog("PASSED t.py::a")}`, options("parse_log_pytest", 0, semantics))).toBe(
        'the log contains ">>>>> Tests Timed Out"',
      );
      expect(harnessLogCheck("PASSED t.py::a\n", options("parse_log_pytest", 0, semantics))).toBe("the log lacks the start marker");
    }
  });

  it("5.0.x refuses a pytest INTERNALERROR run (no result, no sign the suite ran); 4.1 graded it", () => {
    const log = evalLog(INTERNAL_ERROR);
    expect(harnessLogCheck(log, options("parse_log_pytest", 3))).toMatch(/^no test results .* signs that the suite ran$/);
    expect(harnessLogCheck(log, options("parse_log_pytest", 3, "v4"))).toBeUndefined();
  });

  it("5.0.x refuses a run with no results even where our family check sees the runner start", () => {
    const pytestEmpty = evalLog("collected 0 items\n\n============================ no tests ran in 0.01s =============================");
    expect(parseEvalLog(pytestEmpty, options("parse_log_pytest", 5))).toMatchObject({ kind: "rejected" });
    const djangoEmpty = evalLog(`\n${"-".repeat(70)}\nRan 0 tests in 0.000s\n\nOK`);
    expect(parseEvalLog(djangoEmpty, options("parse_log_django", 0))).toMatchObject({ kind: "parsed" });
    expect(harnessLogCheck(djangoEmpty, options("parse_log_django", 0))).toMatch(/^no test results/);
  });

  it("grades results found only outside the markers (the whole-log fallback); our pytest and Django checks want the closing inside", () => {
    const pytestLog = evalLog("", "PASSED tests/test_a.py::test_outside\n");
    expect(harnessLogCheck(pytestLog, options("parse_log_pytest", 0))).toBeUndefined();
    expect(parseEvalLog(pytestLog, options("parse_log_pytest", 0))).toEqual({
      kind: "rejected",
      reason: "no pytest summary line ('=== N passed in Xs ===') in the test output section",
    });
    const djangoLog = evalLog(`${"-".repeat(70)}\nRan 1 test in 0.010s\n\nOK`, "test_c (x.Y) ... ok\n");
    expect(harnessLogCheck(djangoLog, options("parse_log_django", 0))).toBeUndefined();
    expect(parseEvalLog(djangoLog, options("parse_log_django", 0))).toEqual({
      kind: "rejected",
      reason: "Django reports 1 tests run but only 0 test lines ('name ... ') precede it",
    });
  });

  it("5.0.x refuses a non-zero exit with results but none FAILED or ERROR; a failing test explains it", () => {
    expect(harnessLogCheck(evalLog("PASSED t.py::a"), options("parse_log_pytest", 1))).toBe(
      "the test command exited 1 but no test is FAILED or ERROR",
    );
    expect(harnessLogCheck(evalLog("PASSED t.py::a"), options("parse_log_pytest", 1, "v4"))).toBeUndefined();
    expect(harnessLogCheck(evalLog("PASSED t.py::a\nFAILED t.py::b - assert 1 == 2"), options("parse_log_pytest", 1))).toBeUndefined();
    expect(harnessLogCheck(evalLog("PASSED t.py::a"), options("parse_log_pytest", null))).toBeUndefined();
  });

  it("applies only the marker rules to our own parsers, which the harness does not have", () => {
    const goBuildFailure = evalLog("FAIL\texample.com/m/pkg [build failed]");
    expect(harnessLogCheck(goBuildFailure, options("parse_log_go_test_json", 2))).toBeUndefined();
  });
});

describe("SUITE_RAN: the harness's evidence that a runner executed", () => {
  it("takes non-zero counts only", () => {
    expect(SUITE_RAN.test("Chrome 120: Executed 294 of 1293 SUCCESS")).toBe(true);
    expect(SUITE_RAN.test("Chrome 120: Executed 0 of 0 DISCONNECTED")).toBe(false);
    expect(SUITE_RAN.test("Started\n.....\n\n658 specs, 0 failures")).toBe(true);
    expect(SUITE_RAN.test("TOTAL: 1339 SUCCESS")).toBe(true);
    expect(SUITE_RAN.test("# tests 0\n# pass 0")).toBe(false);
    expect(SUITE_RAN.test("ok 1 - a\n# tests 3")).toBe(true);
  });

  it("sees nothing in pytest, Django or SymPy output", () => {
    expect(SUITE_RAN.test(`${INTERNAL_ERROR}\n========================= 3 passed in 0.10s =========================`)).toBe(false);
    expect(SUITE_RAN.test("Ran 12 tests in 0.1s\n\nOK")).toBe(false);
    expect(SUITE_RAN.test("tests finished: 10 passed, in 0.50 seconds")).toBe(false);
  });
});

describe("a run that printed no result, per runner family: the harness's rule and ours together", () => {
  // The text each runner prints when it ran and reported nothing; "refused" = either check refuses.
  const cases: [parser: string, body: string, refused: boolean][] = [
    ["parse_log_pytest", "collected 0 items\n\n=== no tests ran in 0.01s ===", true],
    ["parse_log_django", "Ran 0 tests in 0.000s\n\nOK", true],
    ["parse_log_sympy", "============ test process starts ============\n======= tests finished: 0 passed, in 0.01 seconds =======", true],
    ["parse_log_cargo", "running 0 tests\n\ntest result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out", false],
  ];
  for (const [parser, body, refused] of cases) {
    it(`${parser}: ${refused ? "refused (5.0.x has no evidence it can read)" : "graded on our family's evidence"}`, () => {
      const log = evalLog(body);
      const harness = harnessLogCheck(log, options(parser, 0));
      const ours = parseEvalLog(log, options(parser, 0));
      expect(harness !== undefined || ours.kind === "rejected").toBe(refused);
    });
  }
});
