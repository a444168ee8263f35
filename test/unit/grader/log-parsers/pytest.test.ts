import { describe, expect, it } from "vitest";
import {
  getLogParser,
  normalizePytestOption,
  parseMatplotlib,
  parsePytest,
  parsePytestOptions,
  parsePytestV2,
  parseSeaborn,
} from "../../../../src/grader/log-parsers/index.js";
import { entriesOf, readExpectedStatusMaps, readLogFixture } from "../fixture-files.js";

describe("pytest-family parsers on real pytest -rA output", () => {
  const expected = readExpectedStatusMaps("pytest-captured");
  for (const [logFile, byParser] of Object.entries(expected)) {
    for (const [parserName, entries] of Object.entries(byParser)) {
      it(`${parserName} matches the harness's own output for ${logFile}`, () => {
        const parse = getLogParser(parserName);
        expect(parse).toBeDefined();
        expect(entriesOf(parse!(readLogFixture(`pytest-captured/${logFile}`)))).toEqual(entries);
      });
    }
  }

  it("keeps only the part of a parametrized id before its first space, as the harness does", () => {
    const statusMap = parsePytest(readLogFixture("pytest-captured/sample.txt"));
    expect(statusMap.get("tests/test_sample.py::test_param[with")).toBe("PASSED");
    expect(statusMap.get("tests/test_sample.py::test_param[[bracket]]")).toBe("PASSED");
    expect(statusMap.get("tests/test_sample.py::test_param_fails[fail")).toBe("FAILED");
    expect(statusMap.get("tests/test_sample.py::test_param_fails[p")).toBe("FAILED");
  });

  it("lets pytest's own summary override PASSED/FAILED lines a test printed earlier", () => {
    const statusMap = parsePytest(readLogFixture("pytest-captured/sample.txt"));
    expect(statusMap.get("tests/test_sample.py::test_fails")).toBe("FAILED");
    expect(statusMap.get("tests/test_sample.py::test_passes")).toBe("PASSED");
  });

  it("records a test that failed and then errored in teardown by its last line (FAILED)", () => {
    const statusMap = parsePytest(readLogFixture("pytest-captured/sample.txt"));
    expect(statusMap.get("tests/test_sample.py::test_fails_and_teardown_errors")).toBe("FAILED");
    expect(statusMap.get("tests/test_sample.py::test_passes_but_teardown_errors")).toBe("ERROR");
  });

  it("does not know skipped tests by id: -rA prints `SKIPPED [1] file:line: reason`", () => {
    const statusMap = parsePytest(readLogFixture("pytest-captured/sample.txt"));
    expect(statusMap.has("tests/test_sample.py::test_skipped")).toBe(false);
    expect(statusMap.get("[1]")).toBe("SKIPPED");
  });

  it("reads coloured output only with the v2 parser (the plain one sees just printed lines)", () => {
    const log = readLogFixture("pytest-captured/sample-colour.txt");
    expect(parsePytestV2(log).get("tests/test_sample.py::test_fails")).toBe("FAILED");
    expect(parsePytest(log).get("tests/test_sample.py::test_fails")).toBe("PASSED");
  });
});

describe("parse_log_pytest rules", () => {
  it("takes the second token of a line that starts with a status", () => {
    expect(entriesOf(parsePytest("PASSED a.py::t\nXFAIL a.py::x - reason\nERROR a.py::e - boom"))).toEqual([
      ["a.py::t", "PASSED"],
      ["a.py::x", "XFAIL"],
      ["a.py::e", "ERROR"],
    ]);
  });

  it("drops ` - ` from FAILED lines before splitting, which cuts ids containing it", () => {
    expect(entriesOf(parsePytest("FAILED a.py::t[x - y] - AssertionError"))).toEqual([["a.py::t[x", "FAILED"]]);
  });

  it("ignores lines whose status is not at the very start, or that have no id", () => {
    expect(parsePytest("  PASSED a.py::t\na.py::t PASSED\nPASSED\n").size).toBe(0);
  });

  it("ignores a line whose first token only begins with a status word", () => {
    expect(parsePytest("ERROR: InvocationError for command\nPASSEDX a.py::t").size).toBe(0);
  });

  it("lets the later line win", () => {
    expect(entriesOf(parsePytest("FAILED a.py::t\nPASSED a.py::t"))).toEqual([["a.py::t", "PASSED"]]);
  });

  it("splits on Python whitespace, including a trailing carriage return", () => {
    expect(entriesOf(parsePytest("PASSED\ta.py::t\r"))).toEqual([["a.py::t", "PASSED"]]);
  });
});

describe("parse_log_pytest_options", () => {
  it("shortens a path option to its last segment", () => {
    expect(normalizePytestOption("t.py::f[/abs/path/file.txt]")).toBe("t.py::f[/file.txt]");
    expect(parsePytestOptions("PASSED t.py::f[/a/b]").get("t.py::f[/b]")).toBe("PASSED");
  });

  it("leaves `//`, `*` and relative options alone", () => {
    expect(normalizePytestOption("f[//net/x]")).toBe("f[//net/x]");
    expect(normalizePytestOption("f[/a/*.py]")).toBe("f[/a/*.py]");
    expect(normalizePytestOption("f[a/b/c]")).toBe("f[a/b/c]");
  });

  it("drops anything after the last closing bracket, as the harness's regex does", () => {
    expect(normalizePytestOption("f[a]b")).toBe("f[a]");
    expect(normalizePytestOption("plain")).toBe("plain");
  });
});

describe("parse_log_pytest_v2", () => {
  it("strips colour codes and control characters first", () => {
    expect(entriesOf(parsePytestV2("\u001b[32mPASSED\u001b[0m a.py::t"))).toEqual([["a.py::t", "PASSED"]]);
  });

  it("reads old-style `<id> STATUS` lines", () => {
    expect(entriesOf(parsePytestV2("a.py::t PASSED\na.py::u FAILED"))).toEqual([
      ["a.py::t", "PASSED"],
      ["a.py::u", "FAILED"],
    ]);
  });

  it("removes tabs rather than treating them as separators", () => {
    expect(parsePytestV2("PASSED\ta.py::t").size).toBe(0);
  });

  it("treats an id whose last recorded token is not a status as absent", () => {
    expect(parsePytestV2("a.py::t[x y] PASSED").size).toBe(0);
    expect(parsePytestV2("PASSED a.py::t\na.py::t oops PASSED").has("a.py::t")).toBe(false);
  });

  it("keeps the key order of the harness when a later line repairs an earlier one", () => {
    expect([...parsePytestV2("a.py::t[x y] PASSED\nPASSED a.py::u\nPASSED a.py::t[x").keys()]).toEqual(["a.py::t[x", "a.py::u"]);
  });
});

describe("parse_log_matplotlib", () => {
  it("replaces MouseButton names with their numbers", () => {
    expect(entriesOf(parseMatplotlib("PASSED t.py::test_click[MouseButton.LEFT-MouseButton.RIGHT]"))).toEqual([
      ["t.py::test_click[1-3]", "PASSED"],
    ]);
  });
});

describe("parse_log_seaborn", () => {
  it("reads FAILED and PASSED in either word order and nothing else", () => {
    const log = "FAILED t.py::a - boom\nt.py::b PASSED [ 50%]\nPASSED t.py::c\nERROR t.py::d\nSKIPPED t.py::e";
    expect(entriesOf(parseSeaborn(log))).toEqual([
      ["t.py::a", "FAILED"],
      ["t.py::b", "PASSED"],
      ["t.py::c", "PASSED"],
    ]);
  });
});
