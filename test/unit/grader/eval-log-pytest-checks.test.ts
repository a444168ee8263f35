import { describe, expect, it } from "vitest";
import { parseEvalLog } from "../../../src/grader/eval-log.js";
import { findTopLevelTallies, parsePytest, parseTallyLine } from "../../../src/grader/log-parsers/index.js";
import { CAPTURE_MARKERS, capturedExitCode, readLogFixture } from "./fixture-files.js";

const PLAIN_PARSERS = ["parse_log_pytest", "parse_log_requests", "parse_log_astropy", "parse_log_matplotlib", "parse_log_seaborn"];
const V2_PARSERS = ["parse_log_astropy", "parse_log_scikit", "parse_log_sphinx", "parse_log_pytest_v2"];
const ALL_PYTEST_FAMILY = [...new Set([...PLAIN_PARSERS, ...V2_PARSERS, "parse_log_flask", "parse_log_xarray", "parse_log_pylint"])];

function gradeCaptured(file: string, parser: string, exitCode: number | null = capturedExitCode(readLogFixture(file))) {
  return parseEvalLog(readLogFixture(file), { parser, ...CAPTURE_MARKERS, exitCode });
}

function reasonOf(result: ReturnType<typeof parseEvalLog>): string {
  return result.kind === "rejected" ? result.reason : "(parsed)";
}

describe("pytest tally lines", () => {
  it("reads counts from current and old pytest tallies", () => {
    expect(parseTallyLine("=== 4 failed, 11 passed, 2 skipped, 1 xfailed, 1 xpassed, 3 errors in 0.03s ====")).toEqual(
      new Map([
        ["failed", 4],
        ["passed", 11],
        ["skipped", 2],
        ["xfailed", 1],
        ["xpassed", 1],
        ["errors", 3],
      ]),
    );
    expect(parseTallyLine("========== 1 failed, 5 passed, 1 warnings in 0.12 seconds ==========")).toEqual(
      new Map([
        ["failed", 1],
        ["passed", 5],
        ["warnings", 1],
      ]),
    );
    expect(parseTallyLine("=== 3 passed in 75.20s (0:01:15) ===")).toEqual(new Map([["passed", 3]]));
    expect(parseTallyLine("============================ no tests ran in 0.01s =============================")).toEqual(new Map());
  });

  it("reads a coloured tally and refuses lines that only look similar", () => {
    expect(parseTallyLine("\u001b[31m==== \u001b[31m\u001b[1m1 failed\u001b[0m in 0.01s\u001b[0m\u001b[31m ====\u001b[0m")).toEqual(
      new Map([["failed", 1]]),
    );
    expect(parseTallyLine("1 passed in 0.01s")).toBeUndefined();
    expect(parseTallyLine("==== short test summary info ====")).toBeUndefined();
    expect(parseTallyLine("=== 1 passed; rm -rf in 0.01s ===")).toBeUndefined();
  });

  it("does not count the tallies of pytest sessions nested inside a test", () => {
    const lines = readLogFixture("pytest-captured/nested-pytester.txt").split("\n");
    const tallies = findTopLevelTallies(lines);
    expect(tallies).toHaveLength(1);
    expect(lines[tallies[0]!.lineIndex]).toContain("2 passed in");
  });
});

describe("pytest-family checks accept genuine logs", () => {
  const genuine = ["sample", "sample-no-header", "sample-classic-vv", "nested-pytester", "target"];
  for (const name of genuine) {
    for (const parser of PLAIN_PARSERS) {
      it(`accepts real output ${name}.txt with ${parser}`, () => {
        expect(reasonOf(gradeCaptured(`pytest-captured/${name}.txt`, parser))).toBe("(parsed)");
      });
    }
  }
  for (const parser of V2_PARSERS) {
    it(`accepts coloured real output with ${parser}`, () => {
      expect(reasonOf(gradeCaptured("pytest-captured/sample-colour.txt", parser))).toBe("(parsed)");
    });
  }

  it("accepts a genuine log whose failing tests collapse into fewer map entries than the tally counts", () => {
    const result = gradeCaptured("pytest-captured/sample.txt", "parse_log_pytest");
    expect(result.kind).toBe("parsed");
    const failing = result.kind === "parsed" ? [...result.statusMap.values()].filter((s) => s === "FAILED" || s === "ERROR") : [];
    expect(failing.length).toBeLessThan(5 + 3);
  });

  it("accepts the published SWE-bench harness logs", () => {
    for (const id of ["marshmallow-code__marshmallow-1359", "pylint-dev__astroid-1978", "sqlfluff__sqlfluff-2419"]) {
      const log = readLogFixture(`swe-bench-lite-dev/${id}/test_output.txt`);
      const result = parseEvalLog(log, {
        parser: "parse_log_pytest",
        startMarker: ">>>>> Start Test Output",
        endMarker: ">>>>> End Test Output",
      });
      expect(reasonOf(result), id).toBe("(parsed)");
    }
  });
});

describe("pytest-family checks reject spoofed logs", () => {
  it("(a) rejects a PASSED line printed after pytest's summary, whatever the exit code", () => {
    const file = "pytest-captured/spoof-print-passed-after-summary.txt";
    expect(parsePytest(readLogFixture(file)).get("tests/test_target.py::test_target")).toBe("PASSED");
    expect(reasonOf(gradeCaptured(file, "parse_log_pytest"))).toBe("the test command exited 1 but no test is FAILED or ERROR");
    for (const exitCode of [0, null]) {
      expect(reasonOf(gradeCaptured(file, "parse_log_pytest", exitCode))).toBe("test result lines follow pytest's final summary line");
    }
  });

  it("(b) rejects an exit status forced to 0 while pytest reports a failure", () => {
    const file = "pytest-captured/spoof-exit-zero.txt";
    expect(capturedExitCode(readLogFixture(file))).toBe(0);
    expect(reasonOf(gradeCaptured(file, "parse_log_pytest"))).toBe("the test command exited 0 although pytest reported 1 failed/errors");
  });

  it("(a+b) rejects a forged second summary printed after the real one, with exit status 0", () => {
    const file = "pytest-captured/spoof-fake-summary-exit-zero.txt";
    expect(parsePytest(readLogFixture(file)).get("tests/test_target.py::test_target")).toBe("PASSED");
    expect(reasonOf(gradeCaptured(file, "parse_log_pytest"))).toBe(
      "pytest's final summary line appears 2 times in the test output section",
    );
  });

  it("(c) rejects a section holding only a printed PASSED line, exit 0 and no tally, for every pytest-family parser", () => {
    const file = "pytest-captured/spoof-no-runner.txt";
    expect(parsePytest(readLogFixture(file)).get("tests/test_target.py::test_target")).toBe("PASSED");
    for (const parser of ALL_PYTEST_FAMILY) {
      expect(reasonOf(gradeCaptured(file, parser)), parser).toBe(
        "no pytest summary line ('=== N passed in Xs ===') in the test output section",
      );
    }
  });

  it("(c) rejects the same in a hand-written log: `echo PASSED ...` replacing the test run", () => {
    const log =
      "+ : '>>>>> Start Test Output n'\n+ echo 'PASSED tests/test_x.py::test_a'\nPASSED tests/test_x.py::test_a\n+ : '>>>>> End Test " +
      "Output n'\n";
    for (const parser of ALL_PYTEST_FAMILY) {
      const result = parseEvalLog(log, {
        parser,
        startMarker: ">>>>> Start Test Output n",
        endMarker: ">>>>> End Test Output n",
        exitCode: 0,
      });
      expect(result.kind, parser).toBe("rejected");
    }
  });

  it("rejects a genuine log in which a test printed a barred tally-shaped line (known false positive)", () => {
    expect(reasonOf(gradeCaptured("pytest-captured/prints-tally.txt", "parse_log_pytest"))).toBe(
      "pytest's final summary line appears 2 times in the test output section",
    );
  });
});

describe("pytest-family checks on hand-written sections", () => {
  const wrap = (section: string) => `+ : '>>>>> Start Test Output n'\n${section}\n+ : '>>>>> End Test Output n'\n`;
  const grade = (section: string, exitCode: number | null = null, before = "") =>
    parseEvalLog(before + wrap(section), {
      parser: "parse_log_pytest",
      startMarker: ">>>>> Start Test Output n",
      endMarker: ">>>>> End Test Output n",
      exitCode,
    });

  it("rejects a test listed FAILED in the summary that ends up passing", () => {
    const section = "==== short test summary info ====\nFAILED a.py::t - boom\nPASSED a.py::t\n==== 1 failed in 0.1s ====";
    expect(reasonOf(grade(section))).toBe("pytest listed 1 failing tests but only 0 are FAILED/ERROR in the status map");
  });

  it("rejects a tally reporting failures when no test is FAILED/ERROR", () => {
    expect(reasonOf(grade("==== test session starts ====\n==== 1 failed in 0.1s ===="))).toBe(
      "pytest reported 1 failed/errors but no test is FAILED/ERROR in the status map",
    );
  });

  it("rejects results taken from outside the section when the section's tally reports results", () => {
    const section = "==== test session starts ====\ncollected 1 item\n\nx.py .\n\n==== 1 passed in 0.1s ====";
    expect(reasonOf(grade(section, 0, "PASSED a.py::t\n"))).toBe("pytest reported 1 results but the test output section yields none");
  });

  it("accepts a run in which no tests ran", () => {
    expect(grade("==== test session starts ====\ncollected 0 items\n\n==== no tests ran in 0.01s ====")).toMatchObject({
      kind: "parsed",
      statusMap: new Map(),
    });
  });
});
