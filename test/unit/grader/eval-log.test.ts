import { describe, expect, it } from "vitest";
import { HARNESS_FAILURE_MARKERS, extractTestSection, parseEvalLog } from "../../../src/grader/eval-log.js";

const START = ">>>>> Start Test Output 5f1e";
const END = ">>>>> End Test Output 5f1e";
const markers = { startMarker: START, endMarker: END };

/** A log shaped like `bash -x /eval.sh` output around the given test output. */
function evalLog(testOutput: string, before = "+ git status\nOn branch main\n"): string {
  return `${before}+ : '${START}'\n+ ./tests/runtests.py --verbosity 2\n${testOutput}\n+ : '${END}'\n+ git checkout abc tests/x.py\n`;
}

const RULE = "-".repeat(70);
/** Real unittest verbosity-2 shape: result lines, the failure report, the dashed rule, `Ran`, the verdict. */
const DJANGO_OK = [
  "test_a (x.Y) ... ok",
  "test_b (x.Y) ... FAIL",
  "",
  "=".repeat(70),
  "FAIL: test_b (x.Y)",
  RULE,
  "AssertionError: 1 != 2",
  "",
  RULE,
  "Ran 2 tests in 0.010s",
  "",
  "FAILED (failures=1)",
].join("\n");
const djangoPassing = (name: string) => `${name} ... ok\n${RULE}\nRan 1 test in 0.010s\n\nOK`;

describe("parseEvalLog: harness rules", () => {
  it("parses the text between the markers with the named parser", () => {
    const result = parseEvalLog(evalLog(DJANGO_OK), { parser: "parse_log_django", ...markers });
    expect(result).toEqual({
      kind: "parsed",
      statusMap: new Map([
        ["test_a (x.Y)", "PASSED"],
        ["test_b (x.Y)", "FAILED"],
        ["test_b", "FAILED"],
      ]),
      testOutput: expect.stringContaining("test_a (x.Y) ... ok"),
    });
  });

  for (const marker of HARNESS_FAILURE_MARKERS) {
    it(`rejects a log containing "${marker}"`, () => {
      const result = parseEvalLog(`${marker}\n${evalLog(DJANGO_OK)}`, { parser: "parse_log_django", ...markers });
      expect(result).toEqual({ kind: "rejected", reason: `the log contains "${marker}"` });
    });
  }

  it("rejects an unknown parser name, naming it", () => {
    const result = parseEvalLog(evalLog(DJANGO_OK), { parser: "parse_log_cobol", ...markers });
    expect(result.kind).toBe("rejected");
    expect(result.kind === "rejected" && result.reason).toContain('"parse_log_cobol"');
  });

  it("rejects a log without the start marker, or without the end marker after it", () => {
    const log = evalLog(DJANGO_OK);
    expect(parseEvalLog(log.replace(START, "something else"), { parser: "parse_log_django", ...markers })).toEqual({
      kind: "rejected",
      reason: "the log lacks the start marker",
    });
    expect(parseEvalLog(log.replace(END, "cut short"), { parser: "parse_log_django", ...markers })).toEqual({
      kind: "rejected",
      reason: "the log lacks the end marker after the start marker",
    });
    expect(parseEvalLog(`${END}\n${log.replace(`+ : '${END}'`, "")}`, { parser: "parse_log_django", ...markers }).kind).toBe("rejected");
  });

  it("ignores results outside the markers when the section has its own", () => {
    const log = evalLog(DJANGO_OK, "+ git show\n test_b (x.Y) ... ok\n");
    const result = parseEvalLog(log, { parser: "parse_log_django", ...markers });
    expect(result.kind === "parsed" && result.statusMap.get("test_b (x.Y)")).toBe("FAILED");
  });

  it("falls back to the whole log when the section yields nothing, as the harness does, then finds Django's count unmet", () => {
    const log = `test_c (x.Y) ... ok\n${evalLog(`${RULE}\nRan 1 test in 0.010s\n\nOK`)}`;
    const result = parseEvalLog(log, { parser: "parse_log_django", ...markers });
    expect(result).toEqual({ kind: "rejected", reason: "Django reports 1 tests run but only 0 test lines ('name ... ') precede it" });
  });

  it("cuts the section at a repeated start marker, like the harness's split", () => {
    expect(extractTestSection(`a ${START} b ${START} c ${END}`, START, END)).toEqual({
      missing: "the end marker after the start marker",
    });
    expect(extractTestSection(`a ${START} b ${END} c ${START} d`, START, END)).toBe(" b ");
  });

  it("refuses empty markers", () => {
    expect(parseEvalLog(evalLog(DJANGO_OK), { parser: "parse_log_django", startMarker: "", endMarker: END }).kind).toBe("rejected");
  });
});

describe("parseEvalLog: v5 anti-spoofing rules", () => {
  it("rejects a non-zero test exit code when no test is FAILED or ERROR", () => {
    const log = evalLog(djangoPassing("test_a (x.Y)"));
    expect(parseEvalLog(log, { parser: "parse_log_django", ...markers, exitCode: 1 })).toEqual({
      kind: "rejected",
      reason: "the test command exited 1 but no test is FAILED or ERROR",
    });
  });

  it("accepts a non-zero exit code that a failing test explains, and an unknown exit code", () => {
    expect(parseEvalLog(evalLog(DJANGO_OK), { parser: "parse_log_django", ...markers, exitCode: 1 }).kind).toBe("parsed");
    const passing = evalLog(djangoPassing("test_a (x.Y)"));
    expect(parseEvalLog(passing, { parser: "parse_log_django", ...markers, exitCode: null }).kind).toBe("parsed");
  });

  it("rejects an empty status map when nothing shows the runner started", () => {
    const log = evalLog("Traceback (most recent call last):\nImportError: no module named x");
    expect(parseEvalLog(log, { parser: "parse_log_django", ...markers })).toEqual({
      kind: "rejected",
      reason: "no test results and no sign that the test runner ran",
    });
  });

  it("accepts an empty status map from a runner that ran no tests", () => {
    const result = parseEvalLog(evalLog(`\n${RULE}\nRan 0 tests in 0.000s\n\nOK`), { parser: "parse_log_django", ...markers, exitCode: 0 });
    expect(result).toMatchObject({ kind: "parsed", statusMap: new Map() });
  });
});
