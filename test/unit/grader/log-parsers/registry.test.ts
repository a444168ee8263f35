import { describe, expect, it } from "vitest";
import {
  LOG_PARSER_NAMES,
  getLogParser,
  getLogParserSpec,
  parsePytest,
  parsePytestOptions,
  parsePytestV2,
} from "../../../../src/grader/log-parsers/index.js";

describe("log parser registry", () => {
  it("registers every parser name the harness-v5 datasets use", () => {
    const used = [
      "parse_log_pytest",
      "parse_log_requests",
      "parse_log_pylint",
      "parse_log_astropy",
      "parse_log_scikit",
      "parse_log_sphinx",
      "parse_log_matplotlib",
      "parse_log_seaborn",
      "parse_log_xarray",
      "parse_log_flask",
      "parse_log_django",
      "parse_log_sympy",
    ];
    for (const name of used) expect(getLogParser(name), name).toBeDefined();
  });

  it("maps the harness aliases to their shared parser", () => {
    expect(getLogParser("parse_log_flask")).toBe(parsePytest);
    expect(getLogParser("parse_log_xarray")).toBe(parsePytest);
    expect(getLogParser("parse_log_requests")).toBe(parsePytestOptions);
    expect(getLogParser("parse_log_pylint")).toBe(parsePytestOptions);
    expect(getLogParser("parse_log_pytest_options")).toBe(parsePytestOptions);
    expect(getLogParser("parse_log_astropy")).toBe(parsePytestV2);
    expect(getLogParser("parse_log_scikit")).toBe(parsePytestV2);
    expect(getLogParser("parse_log_sphinx")).toBe(parsePytestV2);
    expect(getLogParser("parse_log_pytest_v2")).toBe(parsePytestV2);
  });

  it("registers our own parsers with their families", () => {
    expect(getLogParserSpec("parse_log_vitest_json")?.family).toBe("vitest");
    expect(getLogParserSpec("parse_log_go_test_json")?.family).toBe("go");
    expect(getLogParserSpec("parse_log_cargo")?.family).toBe("cargo");
    expect(getLogParserSpec("parse_log_seaborn")?.family).toBe("pytest");
  });

  it("answers undefined for unknown names, including object prototype keys", () => {
    expect(getLogParser("parse_log_nope")).toBeUndefined();
    expect(getLogParser("constructor")).toBeUndefined();
    expect(getLogParser("__proto__")).toBeUndefined();
  });

  it("lists its names sorted, each resolvable", () => {
    expect([...LOG_PARSER_NAMES]).toEqual([...LOG_PARSER_NAMES].sort());
    for (const name of LOG_PARSER_NAMES) expect(getLogParserSpec(name)?.name).toBe(name);
  });
});
