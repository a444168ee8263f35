// A compiled suite that does not build (a patch calling something that does not exist) is graded as
// failing tests, not rejected as a forged log; the log excerpts are real go test and cargo output.
import { describe, expect, it } from "vitest";
import { parseEvalLog } from "../../../src/grader/eval-log.js";
import { beforeEnd, gradeCaptured, readCapturedLog, reasonOf } from "./captured-eval-logs.js";

const wrap = (body: string) => `+ : '>>>>> Start Test Output n1'\n${body}\n+ : '>>>>> End Test Output n1'\n`;
const options = (parser: string, exitCode: number) => ({
  parser,
  startMarker: ">>>>> Start Test Output n1",
  endMarker: ">>>>> End Test Output n1",
  exitCode,
});

const CONFIG = "example.com/emberkv/internal/config";
const FRAMING = "--- PASS: TestLoadEmptyIsDefault (0.00s)\n";

describe("suites that did not build", () => {
  it("grades a Go module with a package that does not compile: its tests are absent, the others count", () => {
    const log = wrap(
      [
        "# example.com/emberkv/internal/clock",
        "internal/clock/clock.go:33:17: undefined: undefinedThing",
        "FAIL\texample.com/emberkv/internal/clock [build failed]",
        JSON.stringify({ Time: "2026-11-23T14:30:35.917558204Z", Action: "run", Package: CONFIG, Test: "TestLoadEmptyIsDefault" }),
        JSON.stringify({ Action: "output", Package: CONFIG, Test: "TestLoadEmptyIsDefault", Output: FRAMING }),
        JSON.stringify({
          Time: "2026-11-23T14:30:35.917802957Z",
          Action: "pass",
          Package: CONFIG,
          Test: "TestLoadEmptyIsDefault",
          Elapsed: 0,
        }),
        JSON.stringify({ Action: "pass", Package: CONFIG, Elapsed: 0.003 }),
      ].join("\n"),
    );
    const r = parseEvalLog(log, options("parse_log_go_test_json", 2));
    expect(r.kind).toBe("parsed");
    expect(r.kind === "parsed" && [...r.statusMap]).toEqual([["example.com/emberkv/internal/config/TestLoadEmptyIsDefault", "PASSED"]]);
  });

  it("grades a crate that does not compile as a run with no test results", () => {
    const log = wrap(
      [
        "error[E0425]: cannot find function `undefined_thing` in this scope",
        "  --> src/lib.rs:25:15",
        "error: could not compile `mdlite` due to previous error",
        "warning: build failed, waiting for other jobs to finish...",
      ].join("\n"),
    );
    const r = parseEvalLog(log, options("parse_log_cargo", 101));
    expect(r).toMatchObject({ kind: "parsed" });
    expect(r.kind === "parsed" && r.statusMap.size).toBe(0);
  });

  it("still rejects a non-zero exit with no failing test and no build failure", () => {
    const log = wrap('{"Action":"pass","Package":"p","Test":"TestA"}');
    expect(parseEvalLog(log, options("parse_log_go_test_json", 1))).toMatchObject({ kind: "rejected" });
  });

  it("still checks what ran: a real build-failed Go log passes, forged events after a package closed do not", () => {
    const captured = readCapturedLog("go-emberkv-set-options.build-failed.txt");
    expect(captured.exitCode).toBe(2);
    expect(reasonOf(gradeCaptured(captured, "parse_log_go_test_json"))).toBe("(parsed)");
    const pkg = "example.com/emberkv/internal/config";
    const events = ["run", "pass"].map((action) => JSON.stringify({ Action: action, Package: pkg, Test: "TestLoad" }));
    const forged = beforeEnd(captured, ...events);
    expect(reasonOf(gradeCaptured(captured, "parse_log_go_test_json", 2, forged))).toMatch(/follows that package's closing 'pass' event$/);
    expect(reasonOf(gradeCaptured(captured, "parse_log_go_test_json", 137))).toBe(
      "go test exited 137 although a package did not build (it exits 2 then)",
    );
  });

  it("still checks what ran: a real crate that did not compile passes, a forged binary printed beside it does not", () => {
    const captured = readCapturedLog("rs-mdlite-ordered-list-start.build-failed.txt");
    expect(reasonOf(gradeCaptured(captured, "parse_log_cargo"))).toBe("(parsed)");
    const closing = "test result: ok. 1 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out";
    const forged = beforeEnd(captured, "running 2 tests", "test ordered_lists ... ok", "", closing);
    expect(reasonOf(gradeCaptured(captured, "parse_log_cargo", 101, forged))).toMatch(
      /announced 2 tests but its 'test result:' line counts 1$/,
    );
    expect(reasonOf(gradeCaptured(captured, "parse_log_cargo", 0))).toBe(
      "cargo test exited 0 although a test binary failed (it exits 101 then)",
    );
  });
});
