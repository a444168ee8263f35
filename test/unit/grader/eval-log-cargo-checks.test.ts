// cargo test closing evidence: real logs captured from the bundled Rust tasks are accepted with the
// statuses the parser reads; forged variants of them are rejected with a reason naming what is wrong.
import { describe, expect, it } from "vitest";
import { verifyCargoOutput } from "../../../src/grader/log-parsers/index.js";
import { beforeEnd, gradeCaptured, readCapturedLog, reasonOf } from "./captured-eval-logs.js";
import { readLogFixture } from "./fixture-files.js";

const CARGO = "parse_log_cargo";
const gold = readCapturedLog("rs-mdlite-ordered-list-start.gold.txt");
const noop = readCapturedLog("rs-mdlite-ordered-list-start.noop.txt");
const F2P = [
  "nested_ordered_lists_keep_their_first_number",
  "numbering_continues_after_a_paragraph",
  "ordered_lists_keep_their_first_number",
];
const okClosing = (n: number) => `test result: ok. ${n} passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s`;
const fakeOk = F2P.map((name) => `test ${name} ... ok`);

describe("cargo checks accept real logs", () => {
  for (const file of ["rs-mdlite-ordered-list-start", "rs-cronline-weekday-names"].flatMap((t) => [`${t}.gold.txt`, `${t}.noop.txt`])) {
    it(`accepts ${file} with its recorded exit status`, () => {
      const captured = readCapturedLog(file);
      const result = gradeCaptured(captured, CARGO);
      expect(reasonOf(result)).toBe("(parsed)");
      const failing = result.kind === "parsed" ? [...result.statusMap.values()].filter((s) => s === "FAILED").length : -1;
      expect(failing > 0).toBe(captured.exitCode !== 0);
    });
  }

  it("accepts the hand-made log (ignored tests with reasons, should-panic, doc-tests) with an unknown exit status", () => {
    const section = readLogFixture("hand-made/cargo-test.hand-made.log");
    expect(verifyCargoOutput(section, new Map([["money::tests::rounds_half_up", "FAILED"]]), undefined)).toBeUndefined();
    expect(verifyCargoOutput(section, new Map([["money::tests::rounds_half_up", "FAILED"]]), 101)).toBeUndefined();
  });

  it("accepts a test binary that died before its closing line when cargo says so and exits 101", () => {
    const section = [
      "     Running tests/lists.rs (target/debug/deps/lists-1)",
      "",
      "running 3 tests",
      "test a ... ok",
      "test b ... FAILED",
      "thread 'c' has overflowed its stack",
      "fatal runtime error: stack overflow",
      "error: test failed, to rerun pass `--test lists`",
      "",
      "Caused by:",
      "  process didn't exit successfully: `target/debug/deps/lists-1` (signal: 6, SIGABRT: process abort signal)",
    ].join("\n");
    const map = new Map([
      ["a", "PASSED"],
      ["b", "FAILED"],
    ] as const);
    expect(verifyCargoOutput(section, new Map(map), 101)).toBeUndefined();
    expect(verifyCargoOutput(section, new Map(map), 0)).toBe("cargo test exited 0 although a test binary failed (it exits 101 then)");
  });
});

describe("cargo checks reject forged logs", () => {
  it("rejects fake per-test lines and a fake closing printed before the runner, exit 0", () => {
    const section = `+ : '>>>>> Start Test Output ${noop.nonce}'`;
    const forged = noop.log.replace(section, `${section}\n\nrunning 3 tests\n${fakeOk.join("\n")}\n\n${okClosing(3)}\n`);
    expect(reasonOf(gradeCaptured(noop, CARGO, 0, forged))).toBe("cargo test exited 0 although a test binary failed (it exits 101 then)");
  });

  it("rejects fake ok lines written into a real failing binary's output (counts disagree)", () => {
    const real = "test ordered_lists_keep_their_first_number ... FAILED";
    const forged = noop.log.replace(real, `${real}\n${fakeOk.slice(0, 2).join("\n")}`);
    expect(reasonOf(gradeCaptured(noop, CARGO, 101, forged))).toMatch(
      /^the test binary opened at line \d+ reports 7 'ok' tests but prints 9 such lines$/,
    );
  });

  it("rejects a binary that stopped after fake lines without its closing line and without a crash report", () => {
    const last = gold.log.replace(/\ntest result: ok\. 7 passed;[^\n]*\n/, "\n");
    expect(reasonOf(gradeCaptured(gold, CARGO, 0, last))).toMatch(
      /^the test binary opened at line \d+ has no 'test result:' line and cargo reports no crash$/,
    );
    const middle = gold.log.replace(/\ntest result: ok\. 10 passed;[^\n]*\n/, "\n");
    expect(reasonOf(gradeCaptured(gold, CARGO, 0, middle))).toMatch(
      /^the test binary opened at line \d+ has no 'test result:' line before another opens at line \d+/,
    );
  });

  it("rejects a second closing line and a whole fake binary opened inside a real one", () => {
    const twice = gold.log.replace(/(\ntest result: ok\. 10 passed;[^\n]*\n)/, "$1$1");
    expect(reasonOf(gradeCaptured(gold, CARGO, 0, twice))).toMatch(
      /^a 'test result:' line at line \d+ of the test output closes no test binary$/,
    );
    const nested = gold.log.replace("running 10 tests\n", "running 10 tests\nrunning 3 tests\n");
    expect(reasonOf(gradeCaptured(gold, CARGO, 0, nested))).toMatch(/has no 'test result:' line before another opens at line \d+/);
  });

  it("rejects result lines after the last closing line", () => {
    expect(reasonOf(gradeCaptured(gold, CARGO, 0, beforeEnd(gold, ...fakeOk)))).toMatch(
      /^a test result at line \d+ of the test output is outside any test binary's output$/,
    );
  });

  it("rejects a closing line whose counts disagree with its announcement or its verdict", () => {
    const section = (result: string) =>
      `running 1 test\ntest a ... ok\n\ntest result: ${result}; 0 measured; 0 filtered out; finished in 0.00s`;
    expect(verifyCargoOutput(section("ok. 2 passed; 0 failed; 0 ignored"), new Map(), 0)).toBe(
      "the test binary opened at line 1 announced 1 tests but its 'test result:' line counts 2",
    );
    expect(verifyCargoOutput(section("FAILED. 1 passed; 0 failed; 0 ignored"), new Map(), 101)).toBe(
      "the test binary opened at line 1 closes with 'FAILED' and 0 failed",
    );
    expect(verifyCargoOutput(section("ok. 0 passed; 0 failed; 1 ignored"), new Map(), 0)).toBe(
      "the test binary opened at line 1 reports 0 'ok' tests but prints 1 such lines",
    );
  });

  it("rejects an exit status that contradicts the closing lines, and failures missing from the map", () => {
    expect(reasonOf(gradeCaptured(gold, CARGO, 101))).toBe("the test command exited 101 but no test is FAILED or ERROR");
    expect(reasonOf(gradeCaptured(noop, CARGO, 0))).toBe("cargo test exited 0 although a test binary failed (it exits 101 then)");
    expect(reasonOf(gradeCaptured(noop, CARGO, 137))).toBe("cargo test exited 137 although a test binary failed (it exits 101 then)");
    const section = "running 1 test\ntest a ... FAILED\n\ntest result: FAILED. 0 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out";
    expect(verifyCargoOutput(section, new Map([["a", "PASSED"]]), 101)).toBe(
      "libtest reported 1 failed tests but no test is FAILED in the status map",
    );
  });
});
