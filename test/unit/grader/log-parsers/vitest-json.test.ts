import { describe, expect, it } from "vitest";
import { findVitestReports, parseVitestJson, relativeToWorkdir } from "../../../../src/grader/log-parsers/index.js";
import { entriesOf, readExpectedStatusMaps, readLogFixture } from "../fixture-files.js";

function report(files: unknown[], counters: Record<string, unknown> = {}): string {
  return JSON.stringify({
    numTotalTests: 1,
    numPassedTests: 1,
    numFailedTests: 0,
    numPendingTests: 0,
    numTodoTests: 0,
    success: true,
    testResults: files,
    ...counters,
  });
}

const oneFile = (name: string, title = "works") => ({
  name,
  status: "passed",
  message: "",
  assertionResults: [{ ancestorTitles: ["Suite"], title, status: "passed" }],
});

describe("parse_log_vitest_json on real vitest 3.2 output", () => {
  const expected = readExpectedStatusMaps("vitest-captured");
  for (const [logFile, byParser] of Object.entries(expected)) {
    it(`gives the expected status map for ${logFile}`, () => {
      const statusMap = parseVitestJson(readLogFixture(`vitest-captured/${logFile}`));
      expect(entriesOf(statusMap)).toEqual(byParser["parse_log_vitest_json"]);
    });
  }

  it("finds the report behind a partial line the tests wrote without a newline", () => {
    const log = readLogFixture("vitest-captured/stdout-noise.txt");
    expect(log).toContain('partial line without newline {"numTotalTestSuites"');
    expect(findVitestReports(log)).toHaveLength(1);
  });

  it("sees both reports when a globalSetup teardown prints a forged one (the parser takes the last)", () => {
    expect(findVitestReports(readLogFixture("vitest-captured/spoof-second-report.txt"))).toHaveLength(2);
  });
});

describe("parse_log_vitest_json rules", () => {
  it("makes file paths relative to the workdir, /testbed by default", () => {
    expect([...parseVitestJson(report([oneFile("/testbed/tests/a.test.ts")])).keys()]).toEqual(["tests/a.test.ts > Suite > works"]);
    const elsewhere = parseVitestJson(report([oneFile("/srv/app/tests/a.test.ts")]), { workdir: "/srv/app/" });
    expect([...elsewhere.keys()]).toEqual(["tests/a.test.ts > Suite > works"]);
  });

  it("keeps a path outside the workdir as it is", () => {
    expect(relativeToWorkdir("/other/a.test.ts", "/testbed")).toBe("/other/a.test.ts");
    expect(relativeToWorkdir("/testbedx/a.test.ts", "/testbed")).toBe("/testbedx/a.test.ts");
  });

  it("uses the last report in the log", () => {
    const log = `${report([oneFile("/testbed/a.test.ts", "first")])}\nnoise\n${report([oneFile("/testbed/a.test.ts", "second")])}\n`;
    expect([...parseVitestJson(log).keys()]).toEqual(["a.test.ts > Suite > second"]);
  });

  it("finds a report with other output glued behind it, as `cat` of an --outputFile leaves it", () => {
    const log = `JSON report written to /testbed/report.json\n${report([oneFile("/testbed/a.test.ts")])}+ : '>>>>> End`;
    expect(parseVitestJson(log).size).toBe(1);
  });

  it("reads a pretty-printed report when it is the whole text", () => {
    const pretty = JSON.stringify(JSON.parse(report([oneFile("/testbed/a.test.ts")])), null, 2);
    expect(parseVitestJson(pretty).size).toBe(1);
  });

  it("returns an empty map for a report that does not match the schema, or no report", () => {
    expect(parseVitestJson('{"testResults": [{"name": 3}]}').size).toBe(0);
    expect(parseVitestJson("PASSED tests/a.test.ts > works").size).toBe(0);
  });

  it("ignores assertion statuses it does not know", () => {
    const file = { ...oneFile("/testbed/a.test.ts"), assertionResults: [{ ancestorTitles: [], title: "x", status: "weird" }] };
    expect(parseVitestJson(report([file])).size).toBe(0);
  });
});
