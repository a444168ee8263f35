import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { readWitness, type WitnessSecret } from "../../../../src/grader/witness/index.js";

const NONCE = "0123456789abcdef01";
const SECRET: WitnessSecret = { kind: "pytest", key: "ab".repeat(32), resultName: "result-x" };

/** A result file as the helpers write it: body, then the MAC line. */
function resultFile(body: string, key = SECRET.key): string {
  const mac = createHmac("sha256", Buffer.from(key, "ascii")).update(body, "utf8").digest("hex");
  return `${body}swerig-witness-mac ${mac}\n`;
}

function logWith(file: string | undefined): string {
  const value = file === undefined ? "missing" : Buffer.from(file, "utf8").toString("base64");
  return `+ pytest -rA\nPASSED t::a\n${NONCE} test exit code: 0\n${NONCE} witness: ${value}\n`;
}

function expectBad(read: ReturnType<typeof readWitness>, text: string): void {
  expect(read).toMatchObject({ kind: "bad", reason: expect.stringContaining(text) });
}

describe("readWitness", () => {
  it("returns the result lines, tampering notes and runner files of a genuine file", () => {
    const body = [
      "swerig-witness 1 pytest",
      "PASSED t::a",
      "FAILED t::b",
      "! replaced _pytest.runner.call_and_report",
      "? a pytest_pyfunc_call hook tests/conftest.py",
      "",
    ].join("\n");
    expect(readWitness(logWith(resultFile(body)), NONCE, SECRET)).toEqual({
      kind: "read",
      content: {
        results: "PASSED t::a\nFAILED t::b",
        tampering: ["replaced _pytest.runner.call_and_report"],
        runnerFiles: [{ what: "a pytest_pyfunc_call hook", path: "tests/conftest.py" }],
      },
    });
  });

  it("says the runner did not finish when no file was written or the line is absent", () => {
    expect(readWitness(logWith(undefined), NONCE, SECRET)).toEqual({
      kind: "bad",
      reason: "the test runner did not finish (no result file written by the runner)",
    });
    expectBad(readWitness("PASSED t::a\n", NONCE, SECRET), "did not finish");
  });

  it("refuses a file signed with another key, an edited file and a file without MAC", () => {
    const body = "swerig-witness 1 pytest\nFAILED t::a\n";
    const forged = resultFile(body, "cd".repeat(32));
    expectBad(readWitness(logWith(forged), NONCE, SECRET), "MAC does not match");
    const edited = resultFile(body).replace("FAILED", "PASSED");
    expectBad(readWitness(logWith(edited), NONCE, SECRET), "MAC does not match");
    expectBad(readWitness(logWith(body), NONCE, SECRET), "MAC does not match");
  });

  it("refuses a genuine file of another runner kind", () => {
    const file = resultFile("swerig-witness 1 sympy\ntest_a ok\n");
    expectBad(readWitness(logWith(file), NONCE, SECRET), "expected a pytest witness");
  });

  it("refuses a log with the witness line twice and a line that is not base64", () => {
    const line = logWith(resultFile("swerig-witness 1 pytest\n"));
    expectBad(readWitness(line + line, NONCE, SECRET), "appears 2 times");
    expectBad(readWitness(`${NONCE} witness: not base64!\n`, NONCE, SECRET), "not base64");
  });

  it("reads a go or cargo witness without MAC (the eval script wrote its line), with the notes of binaries it could not take", () => {
    const cargo: WitnessSecret = { ...SECRET, kind: "cargo" };
    const file = "swerig-witness 1 cargo\ntest a ... ok\n~ the test binary lists-0a exited 0 before libtest started\ntest b ... FAILED\n";
    expect(readWitness(logWith(file), NONCE, cargo)).toEqual({
      kind: "read",
      content: {
        results: "test a ... ok\ntest b ... FAILED",
        tampering: [],
        runnerFiles: [],
        notes: ["the test binary lists-0a exited 0 before libtest started"],
      },
    });
    expectBad(readWitness(logWith("swerig-witness 1 go\n"), NONCE, cargo), "expected a cargo witness");
    // A MAC is still required of the runners that sign their file, and `~` lines are theirs only as results.
    expectBad(readWitness(logWith("swerig-witness 1 pytest\nPASSED t::a\n"), NONCE, SECRET), "MAC does not match");
  });
});
