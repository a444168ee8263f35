import { describe, expect, it } from "vitest";
import { djangoSuiteRan, parseDjango } from "../../../../src/grader/log-parsers/index.js";
import { entriesOf, readExpectedStatusMaps, readLogFixture } from "../fixture-files.js";

describe("parse_log_django on real Django runner logs", () => {
  const expected = readExpectedStatusMaps("swe-bench-coder-2024");
  for (const [logFile, byParser] of Object.entries(expected)) {
    const entries = byParser["parse_log_django"];
    if (entries === undefined) continue;
    it(`matches the harness's own output for ${logFile}`, () => {
      expect(entriesOf(parseDjango(readLogFixture(`swe-bench-coder-2024/${logFile}`)))).toEqual(entries);
    });
  }
});

describe("parse_log_django rules", () => {
  it("reads ok, skipped, FAIL and ERROR results of verbosity-2 lines", () => {
    const log = [
      "test_a (x.Y) ... ok",
      'test_b (x.Y) ... skipped "no db"',
      "test_c (x.Y) ... FAIL",
      "test_d (x.Y) ... ERROR",
      "test_e (x.Y) ... OK",
    ].join("\n");
    expect(entriesOf(parseDjango(log))).toEqual([
      ["test_a (x.Y)", "PASSED"],
      ["test_b (x.Y)", "SKIPPED"],
      ["test_c (x.Y)", "FAILED"],
      ["test_d (x.Y)", "ERROR"],
      ["test_e (x.Y)", "PASSED"],
    ]);
  });

  it("takes only the method name from FAIL:/ERROR: headers, as the harness does", () => {
    expect(entriesOf(parseDjango("FAIL: test_g (x.Y)\nERROR: test_h (x.Y)"))).toEqual([
      ["test_g", "FAILED"],
      ["test_h", "ERROR"],
    ]);
  });

  it("credits an `ok` printed after the test's own output to the last `...` line", () => {
    expect(entriesOf(parseDjango("test_d (x.Y) ... printed output\nmore output\nok\n"))).toEqual([["test_d (x.Y)", "PASSED"]]);
  });

  it("credits any line starting with `ok` that way, even `okay`", () => {
    expect(entriesOf(parseDjango("test_j (x.Y) ... FAIL\nokay then"))).toEqual([["test_j (x.Y)", "PASSED"]]);
  });

  it("recognises the interleaved `Testing against Django installed in` print across lines", () => {
    const log = "test_a (x.Y) ... Testing against Django installed in /d\nfoo ... bar\n(0 silenced).\nok\n";
    expect(entriesOf(parseDjango(log))).toEqual([
      ["foo", "PASSED"],
      ["test_a (x.Y)", "PASSED"],
    ]);
  });

  it("recognises the interleaved `Internal Server Error` print", () => {
    expect(entriesOf(parseDjango("test_b (x.Y) ... Internal Server Error: /admin/x/\nok"))).toEqual([["test_b (x.Y)", "PASSED"]]);
  });

  it("handles the django__django-7188 migration prefix", () => {
    const log = "  Applying sites.0002_alter_domain_unique...test_no_migrations (x.Y) ... ok  ";
    expect(entriesOf(parseDjango(log))).toEqual([["test_no_migrations (x.Y)", "PASSED"]]);
  });

  it("marks `--version is equivalent to version` passed wherever it appears", () => {
    expect(entriesOf(parseDjango("--version is equivalent to version ... anything"))).toEqual([
      ["--version is equivalent to version", "PASSED"],
    ]);
  });

  it("strips carriage returns as Python's strip() does", () => {
    expect(entriesOf(parseDjango("test_k (x.Y) ... ok\r\nFAIL: test_l (x.Y)\r\n"))).toEqual([
      ["test_k (x.Y)", "PASSED"],
      ["test_l", "FAILED"],
    ]);
  });

  it("sees the runner start in its `Ran N tests` line", () => {
    expect(djangoSuiteRan("----\nRan 0 tests in 0.000s\n\nOK")).toBe(true);
    expect(djangoSuiteRan("Traceback (most recent call last):")).toBe(false);
  });
});
