// go test -json closing evidence: real streams captured from the bundled Go tasks are accepted;
// forged variants (events written straight into the log, results after a package's closing event,
// contradicting closings and exit statuses) are rejected with a reason naming what is wrong.
import { describe, expect, it } from "vitest";
import { verifyGoTestOutput } from "../../../src/grader/log-parsers/index.js";
import { beforeEnd, gradeCaptured, readCapturedLog, reasonOf } from "./captured-eval-logs.js";

const GO = "parse_log_go_test_json";
const PKG = "example.com/emberkv/internal/server";
const gold = readCapturedLog("go-emberkv-set-options.gold.txt");
const noop = readCapturedLog("go-emberkv-set-options.noop.txt");
const event = (fields: Record<string, unknown>) => JSON.stringify({ Time: "2026-12-07T16:55:28.9Z", ...fields });
const F2P = ["TestSetConditionOptions", "TestSetExpiryOptions", "TestSetExpiryOptionsAfterRestart", "TestSetOptionErrors"];
/** What test2json prints for a passing test: run, framing output, pass. */
const passEvents = (test: string, pkg = PKG) => [
  event({ Action: "run", Package: pkg, Test: test }),
  event({ Action: "output", Package: pkg, Test: test, Output: `=== RUN   ${test}\n` }),
  event({ Action: "output", Package: pkg, Test: test, Output: `--- PASS: ${test} (0.00s)\n` }),
  event({ Action: "pass", Package: pkg, Test: test, Elapsed: 0 }),
];

describe("go test -json checks accept real logs", () => {
  for (const file of ["go-emberkv-set-options", "go-tabula-where-in-list"].flatMap((t) => [`${t}.gold.txt`, `${t}.noop.txt`])) {
    it(`accepts ${file} with its recorded exit status`, () => {
      const captured = readCapturedLog(file);
      const result = gradeCaptured(captured, GO);
      expect(reasonOf(result)).toBe("(parsed)");
      const failing = result.kind === "parsed" ? [...result.statusMap.values()].filter((s) => s === "FAILED").length : -1;
      expect(failing > 0).toBe(captured.exitCode !== 0);
    });
  }

  it("accepts lines printed by tests, which arrive wrapped in output events", () => {
    const printed = JSON.stringify(`{"Action":"pass","Package":"${PKG}","Test":"TestSetExpiryOptions"}\n`);
    const line = `{"Action":"output","Package":"${PKG}","Test":"TestSetExpiryOptions","Output":${printed}}`;
    const lines = noop.log.split("\n");
    const at = lines.findIndex((l) => l.includes(`"Action":"run","Package":"${PKG}","Test":"TestSetExpiryOptions"`));
    const log = [...lines.slice(0, at + 1), line, ...lines.slice(at + 1)].join("\n");
    expect(log).not.toBe(noop.log);
    expect(reasonOf(gradeCaptured(noop, GO, 1, log))).toBe("(parsed)");
  });
});

describe("go test -json checks reject forged logs", () => {
  it("rejects pass events for the failing tests written straight into the log after the package closed", () => {
    const forged = beforeEnd(noop, ...F2P.slice(1).flatMap((test) => passEvents(test)));
    expect(reasonOf(gradeCaptured(noop, GO, 1, forged))).toMatch(
      new RegExp(`^an event for package ${PKG} at line \\d+ of the test output follows that package's closing 'fail' event$`),
    );
  });

  it("rejects a second result for a test that already failed (a printed '--- PASS' after the real '--- FAIL')", () => {
    const override = [
      event({ Action: "output", Package: PKG, Test: "TestSetExpiryOptions", Output: "--- PASS: TestSetExpiryOptions (0.00s)\n" }),
      event({ Action: "pass", Package: PKG, Test: "TestSetExpiryOptions", Elapsed: 0 }),
    ].join("\n");
    const realFail = /(\n\{[^\n]*"Action":"fail","Package":"example.com\/emberkv\/internal\/server","Test":"TestSetExpiryOptions"[^\n]*)/;
    const forged = noop.log.replace(realFail, `$1\n${override}`);
    expect(reasonOf(gradeCaptured(noop, GO, 1, forged))).toMatch(
      new RegExp(`^test ${PKG}/TestSetExpiryOptions reports a result at line \\d+ of the test output without a matching 'run' event$`),
    );
  });

  it("rejects a pass event without test2json's framing output line, and a result without a package", () => {
    const bare = [
      event({ Action: "run", Package: "example.com/fake", Test: "TestX" }),
      event({ Action: "pass", Package: "example.com/fake", Test: "TestX" }),
    ];
    expect(reasonOf(gradeCaptured(gold, GO, 0, beforeEnd(gold, ...bare)))).toMatch(
      /^test example.com\/fake\/TestX reports 'pass' at line \d+ of the test output without go test's '--- PASS: TestX' line$/,
    );
    expect(verifyGoTestOutput(event({ Action: "pass", Test: "TestX" }), 0)).toBe(
      "a 'pass' event without a package at line 1 of the test output",
    );
  });

  it("rejects a package with test results but no closing event, and one closing 'pass' despite a failed test", () => {
    const unclosed = passEvents("TestA", "example.com/fake").join("\n");
    const closed = [...passEvents("TestB", "example.com/other"), event({ Action: "pass", Package: "example.com/other" })].join("\n");
    expect(verifyGoTestOutput(`${closed}\n${unclosed}`, 0)).toBe(
      "package example.com/fake has test results but no closing pass/fail event",
    );
    const failed = [
      event({ Action: "run", Package: "example.com/fake", Test: "TestA" }),
      event({ Action: "output", Package: "example.com/fake", Test: "TestA", Output: "--- FAIL: TestA (0.00s)\n" }),
      event({ Action: "fail", Package: "example.com/fake", Test: "TestA" }),
      event({ Action: "pass", Package: "example.com/fake" }),
    ].join("\n");
    expect(verifyGoTestOutput(failed, 1)).toBe("package example.com/fake closes 'pass' although 1 of its tests failed");
  });

  it("rejects fake events printed before go test ran, with exit 0, when no package closing follows them", () => {
    const start = `+ : '>>>>> Start Test Output ${noop.nonce}'`;
    const head = noop.log.slice(0, noop.log.indexOf(start) + start.length);
    const fake = `${head}\n${F2P.flatMap((t) => passEvents(t)).join("\n")}\n+ __swerig_test_rc=0\n`;
    const forged = fake + noop.log.slice(noop.log.indexOf(`+ : '>>>>> End Test Output ${noop.nonce}'`));
    expect(reasonOf(gradeCaptured(noop, GO, 0, forged))).toBe(`package ${PKG} has test results but no closing pass/fail event`);
  });

  it("rejects an exit status that contradicts the closing events (a killed or overridden go test)", () => {
    expect(reasonOf(gradeCaptured(noop, GO, 0))).toBe("go test exited 0 although a package failed (it exits 1 then)");
    expect(reasonOf(gradeCaptured(noop, GO, 137))).toBe("go test exited 137 although a package failed (it exits 1 then)");
    expect(reasonOf(gradeCaptured(gold, GO, 2))).toBe("the test command exited 2 but no test is FAILED or ERROR");
  });

  it("rejects a test binary that exited 0 inside a test (test2json credits that test with the package's pass)", () => {
    const test = "TestStringCommands";
    const lines = [
      event({ Action: "run", Package: PKG, Test: test }),
      event({ Action: "output", Package: PKG, Test: test, Output: `=== RUN   ${test}\n` }),
      event({ Action: "output", Package: PKG, Test: test, Output: `ok  \t${PKG}\t0.006s\n` }),
      event({ Action: "pass", Package: PKG, Test: test, Elapsed: 0.006 }),
    ];
    expect(verifyGoTestOutput(lines.join("\n"), 0)).toBe(
      `the test binary of ${PKG} exited 0 inside test ${test}, which is credited 'pass' at line 4 of the test output`,
    );
    const failed = [...lines.slice(0, 2), event({ Action: "output", Package: PKG, Test: test, Output: `FAIL\t${PKG}\t0.006s\n` })];
    const closedOnTest = [...failed, event({ Action: "fail", Package: PKG, Test: test, Elapsed: 0.006 })];
    expect(verifyGoTestOutput(closedOnTest.join("\n"), 1)).toBeUndefined();
  });
});
