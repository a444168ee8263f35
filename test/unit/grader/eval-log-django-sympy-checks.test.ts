// Django and SymPy closing evidence: the real published logs (2024 harness) are all accepted with
// the statuses the official parser gives; forged variants of them are rejected with a clear reason.
import { describe, expect, it } from "vitest";
import { parseEvalLog } from "../../../src/grader/eval-log.js";
import { parseDjango, parseSympy, verifyDjangoOutput, verifySympyOutput } from "../../../src/grader/log-parsers/index.js";
import { entriesOf, readExpectedStatusMaps, readInstances, readLogFixture } from "./fixture-files.js";

const DIR = "swe-bench-coder-2024";
const START = ">>>>> Applied Patch (pred)";
const endOf = (log: string) => (log.includes(">>>>> All Tests Passed") ? ">>>>> All Tests Passed" : ">>>>> Some Tests Failed");
const read = (id: string) => readLogFixture(`${DIR}/${id}.20240604_CodeR.eval.log.txt`);
const grade = (log: string, parser: string, exitCode?: number) =>
  parseEvalLog(log, { parser, startMarker: START, endMarker: endOf(log), exitCode });
const reasonOf = (result: ReturnType<typeof parseEvalLog>) => (result.kind === "rejected" ? result.reason : "(parsed)");

describe("closing checks accept every real Django and SymPy log", () => {
  const expected = readExpectedStatusMaps(DIR);
  for (const instance of readInstances(DIR)) {
    if (instance.log === undefined || instance.instance_id === "django__django-11964") continue;
    const log = read(instance.instance_id);
    const failed = log.includes(">>>>> Some Tests Failed");
    it(`${instance.instance_id}: parsed with the official map, with no exit status or the one its runner gave`, () => {
      for (const exitCode of [undefined, failed ? 1 : 0]) {
        const result = grade(log, instance.log_parser, exitCode);
        expect(reasonOf(result)).toBe("(parsed)");
        expect(result.kind === "parsed" && entriesOf(result.statusMap)).toEqual(expected[instance.log ?? ""]?.[instance.log_parser]);
      }
    });
  }
});

const django = read("django__django-11099");
const djangoFailed = read("django__django-12308");
const DJ = "parse_log_django";
const F2P = "test_ascii_validator (auth_tests.test_validators.UsernameValidatorsTests)";
const CLOSING = `${"-".repeat(70)}\nRan 22 tests in 0.292s\n\nOK`;

describe("Django closing checks reject forged logs", () => {
  it("rejects fake result lines with exit 0 and no runner closing", () => {
    const forged = `${START}\n${F2P} ... ok\n>>>>> All Tests Passed\n`;
    expect(reasonOf(grade(forged, DJ, 0))).toBe("no closing 'Ran N tests' line from Django's runner although tests passed");
  });

  it("rejects a fake closing whose count the result lines cannot meet, or one not shaped as unittest prints it", () => {
    const forged = `${START}\n${F2P} ... ok\n${CLOSING}\n>>>>> All Tests Passed\n`;
    expect(reasonOf(grade(forged, DJ, 0))).toBe("Django reports 22 tests run but only 1 test lines ('name ... ') precede it");
    const unruled = `${START}\n${F2P} ... ok\nRan 1 test in 0.001s\n\nOK\n>>>>> All Tests Passed\n`;
    expect(reasonOf(grade(unruled, DJ, 0))).toBe(
      "Django's 'Ran N tests' at line 3 of the test output does not follow unittest's dashed rule",
    );
    const noVerdict = `${START}\n${F2P} ... ok\n${"-".repeat(70)}\nRan 1 test in 0.001s\n\nALL GOOD\n>>>>> All Tests Passed\n`;
    expect(reasonOf(grade(noVerdict, DJ, 0))).toBe(
      "Django's 'Ran N tests' at line 4 of the test output is not followed by OK or FAILED (...)",
    );
  });

  it("rejects two closings and result lines after the closing", () => {
    expect(reasonOf(grade(django.replace(CLOSING, `${CLOSING}\n${CLOSING}`), DJ))).toBe(
      "Django's closing 'Ran N tests' line appears 2 times in the test output section",
    );
    const after = django.replace(CLOSING, `${CLOSING}\n${F2P} ... ok`);
    expect(reasonOf(grade(after, DJ))).toBe("test result lines follow Django's closing lines");
  });

  it("rejects more passing tests than the runner ran", () => {
    const forged = django.replace(`${F2P} ... ok`, `${F2P} ... ok\ntest_extra (auth_tests.X) ... ok`);
    expect(reasonOf(grade(forged, DJ))).toBe("Django reports 22 tests run but 23 tests passed or were skipped");
  });

  it("rejects a failure the runner reported that the map shows passing (a fake 'ok' printed after the real 'FAIL')", () => {
    const name = "test_null_display_for_field (admin_utils.tests.UtilsTests)";
    const forged = djangoFailed.replace(`${name} ... FAIL`, `${name} ... FAIL\n${name} ... ok`);
    expect(parseDjango(forged).get(name)).toBe("PASSED");
    expect(reasonOf(grade(forged, DJ, 1))).toBe(`Django reports '${name}' as failing but the status map says PASSED`);
  });

  it("rejects OK beside failure reports, FAILED with a report count that disagrees, and exit statuses that contradict", () => {
    expect(reasonOf(grade(djangoFailed.replace("FAILED (failures=1, errors=1)", "OK"), DJ))).toBe(
      "Django reports OK but failures or errors are listed",
    );
    expect(reasonOf(grade(djangoFailed.replace("FAILED (failures=1, errors=1)", "FAILED (failures=1)"), DJ))).toBe(
      "Django reports 1 failures/errors but lists 2 FAIL:/ERROR: reports",
    );
    expect(reasonOf(grade(djangoFailed, DJ, 0))).toBe("the test command exited 0 although Django reports FAILED");
    expect(reasonOf(grade(django, DJ, 1))).toBe("the test command exited 1 but no test is FAILED or ERROR");
    const okWithFailingLine = django.replace(`${F2P} ... ok`, `${F2P} ... FAIL`);
    expect(reasonOf(grade(okWithFailingLine, DJ, 1))).toBe("Django reports OK but failures or errors are listed");
  });

  it("leaves alone a run that crashed before any result (nothing passes, nothing to trust)", () => {
    const crash = "Testing against Django installed in '/testbed/django'\nTraceback (most recent call last):\nRuntimeError: boom";
    const crashed = `${START}\n${crash}\n>>>>> Some Tests Failed\n`;
    expect(grade(crashed, DJ)).toMatchObject({ kind: "parsed", statusMap: new Map() });
    expect(verifyDjangoOutput("test_a (x.Y) ... ERROR\nTraceback", new Map([["test_a (x.Y)", "ERROR"]]), 1)).toBeUndefined();
  });
});

const sympy = read("sympy__sympy-21055");
const sympyFailed = read("sympy__sympy-18057");
const SY = "parse_log_sympy";
const SYMPY_CLOSING = "================= tests finished: 15 passed, in 10.02 seconds ==================";

describe("SymPy closing checks reject forged logs", () => {
  it("rejects fake result lines with exit 0 and no runner closing", () => {
    expect(reasonOf(grade(`${START}\ntest_refine_issue_12724 ok\n>>>>> All Tests Passed\n`, SY, 0))).toBe(
      "no closing 'tests finished' line from SymPy's runner although tests passed",
    );
  });

  it("rejects a fake closing without the runner's banner, or not centred to the banner's width", () => {
    expect(reasonOf(grade(`${START}\ntest_a ok\n${SYMPY_CLOSING}\n>>>>> All Tests Passed\n`, SY, 0))).toBe(
      "SymPy's 'test process starts' banner does not precede its closing line",
    );
    expect(reasonOf(grade(sympy.replace(SYMPY_CLOSING, "== tests finished: 15 passed, in 10.02 seconds =="), SY, 0))).toBe(
      "SymPy's 'tests finished' line at line 32 of the test output is not centred as the runner prints it",
    );
    expect(reasonOf(grade(sympy.replace(SYMPY_CLOSING, "tests finished: 15 passed"), SY, 0))).toBe(
      "SymPy's 'tests finished' line at line 32 of the test output is malformed",
    );
  });

  it("rejects two closings, and result lines before the banner or after the closing", () => {
    expect(reasonOf(grade(sympy.replace(SYMPY_CLOSING, `${SYMPY_CLOSING}\n${SYMPY_CLOSING}`), SY))).toBe(
      "SymPy's closing 'tests finished' line appears 2 times in the test output section",
    );
    const after = sympy.replace(SYMPY_CLOSING, `${SYMPY_CLOSING}\ntest_extra ok`);
    expect(reasonOf(grade(after, SY))).toBe("test result lines follow SymPy's closing line");
    expect(reasonOf(grade(sympy.replace("Output:\nactivate successful", "Output:\nactivate successful\ntest_extra ok"), SY))).toBe(
      "test result lines precede SymPy's 'test process starts' banner",
    );
  });

  it("rejects passing lines the closing count does not cover (a fake 'ok' after the real 'F'), and a count they cannot meet", () => {
    const forged = sympyFailed.replace("test_var F", "test_var F\ntest_var ok");
    expect(parseSympy(forged).get("test_var")).toBe("PASSED");
    expect(reasonOf(grade(forged, SY, 1))).toBe("SymPy reports 4 passed but prints 5 passing lines");
    const short = sympy.replace("test_pow1 ok\n", "");
    expect(reasonOf(grade(short, SY, 0))).toBe("SymPy reports 15 passed but prints 14 passing lines");
  });

  it("rejects a missing or needless DO *NOT* COMMIT! and exit statuses that contradict the counts", () => {
    expect(reasonOf(grade(sympyFailed.replace("DO *NOT* COMMIT!\n", ""), SY))).toBe("SymPy reports 2 failures without 'DO *NOT* COMMIT!'");
    expect(reasonOf(grade(sympy.replace(`${SYMPY_CLOSING}\n`, `${SYMPY_CLOSING}\nDO *NOT* COMMIT!\n`), SY))).toBe(
      "'DO *NOT* COMMIT!' although SymPy reports no failure",
    );
    expect(reasonOf(grade(sympyFailed, SY, 0))).toBe("the test command exited 0 although SymPy reports 2 failures");
    expect(reasonOf(grade(sympy, SY, 1))).toBe("the test command exited 1 but no test is FAILED or ERROR");
    expect(verifySympyOutput(sympy.slice(sympy.indexOf("=====")), new Map([["test_Abs", "FAILED"]]), 3)).toBe(
      "the test command exited 3 although SymPy reports no failure",
    );
  });
});

describe("Django closing checks on captured unittest output (Python 3.11: subtests, docstrings, setUpClass errors)", () => {
  it("accepts a run mixing every kind of outcome, with exit status 1", () => {
    const section = readLogFixture("unittest-captured/mixed-verbosity-2.txt");
    const map = parseDjango(section);
    expect(map.get("test_subtests (test_mixed.Mixed.test_subtests) (value=3)")).toBe("FAILED");
    expect(map.get("setUpClass (test_mixed.Broken)")).toBe("ERROR");
    expect(verifyDjangoOutput(section, map, 1)).toBeUndefined();
    expect(verifyDjangoOutput(section, map, 0)).toBe("the test command exited 0 although Django reports FAILED");
  });

  it("accepts a passing run with a docstring description, with exit status 0", () => {
    const section = readLogFixture("unittest-captured/passing-verbosity-2.txt");
    expect(verifyDjangoOutput(section, parseDjango(section), 0)).toBeUndefined();
  });
});

describe("closing checks on captured runner output (Django 3.2 runner, SymPy 1.11 on Python 3.11)", () => {
  it("accepts Django's own runner on a mixed run (exit 1) and a passing one (exit 0)", () => {
    const mixed = readLogFixture("unittest-captured/django-runner-mixed.txt");
    expect(verifyDjangoOutput(mixed, parseDjango(mixed), 1)).toBeUndefined();
    const passing = readLogFixture("unittest-captured/django-runner-passing.txt");
    expect(verifyDjangoOutput(passing, parseDjango(passing), 0)).toBeUndefined();
  });

  it("accepts SymPy's runner with a wrapped, unframed closing (exit 1) and a framed one (exit 0)", () => {
    const mixed = readLogFixture("sympy-captured/mixed.txt");
    expect(parseSympy(mixed).get("test_fails")).toBe("FAILED");
    expect(verifySympyOutput(mixed, parseSympy(mixed), 1)).toBeUndefined();
    expect(verifySympyOutput(mixed, parseSympy(mixed), 0)).toBe("the test command exited 0 although SymPy reports 2 failures");
    const passing = readLogFixture("sympy-captured/passing.txt");
    expect(verifySympyOutput(passing, parseSympy(passing), 0)).toBeUndefined();
  });

  it("rejects a wrapped closing whose counts were changed", () => {
    const mixed = readLogFixture("sympy-captured/mixed.txt").replace("finished: 7 passed, 1 failed", "finished: 8 passed, 1 failed");
    expect(verifySympyOutput(mixed, parseSympy(mixed), 1)).toBe("SymPy reports 8 passed but prints 6 to 7 passing lines");
  });
});
