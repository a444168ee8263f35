// The vitest witness reporter in a real vitest run (the project's own vitest) on a small test file:
// the statuses it records for a failure an afterEach hook rewrites into a pass, a test that passes on
// retry, an `it.fails` test and plain passes and failures.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { VITEST_REPORTER_FILE, witnessHelperFiles } from "../../../../src/grader/witness/index.js";

const VITEST = fileURLToPath(new URL("../../../../node_modules/vitest/vitest.mjs", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "swerig-vitest-reporter-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TESTS = `
let attempts = 0;
afterEach((ctx) => {
  if (ctx.task.name.startsWith("rewritten")) ctx.task.result.state = "pass";
});
it("passes", () => expect(1).toBe(1));
it("fails", () => expect(1).toBe(2));
it("rewritten: fails, then an afterEach sets it to pass", () => expect(1).toBe(2));
it("passes on its second try", { retry: 1 }, () => expect(++attempts).toBe(2));
it.fails("is expected to fail", () => expect(1).toBe(2));
`;

describe("the vitest witness reporter", () => {
  it("records a failure rewritten into a pass as failed, and keeps retries and it.fails as vitest grades them", () => {
    const reporter = join(dir, VITEST_REPORTER_FILE);
    writeFileSync(reporter, witnessHelperFiles("vitest").get(VITEST_REPORTER_FILE)!);
    const result = join(dir, "result");
    writeFileSync(join(dir, "secret"), `${result}\n${"ab".repeat(32)}\nvitest\n`);
    writeFileSync(join(dir, "a.test.js"), TESTS);
    const run = spawnSync(process.execPath, [VITEST, "run", "--root", dir, "--globals", `--reporter=${reporter}`], { encoding: "utf8" });
    expect(run.status, run.stderr).toBe(1);
    const [header, json] = readFileSync(result, "utf8").split("\n");
    expect(header).toBe("swerig-witness 1 vitest");
    const report = JSON.parse(json!) as { numPassedTests: number; numFailedTests: number; testResults: { assertionResults: object[] }[] };
    const statuses = Object.fromEntries(
      report.testResults[0]!.assertionResults.map((test) => [(test as { title: string }).title, (test as { status: string }).status]),
    );
    expect(statuses).toEqual({
      passes: "passed",
      fails: "failed",
      "rewritten: fails, then an afterEach sets it to pass": "failed",
      "passes on its second try": "passed",
      "is expected to fail": "passed",
    });
    expect([report.numPassedTests, report.numFailedTests]).toEqual([3, 2]);
  });
});
