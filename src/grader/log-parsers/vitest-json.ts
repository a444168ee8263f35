// `parse_log_vitest_json` (ours): the report `vitest run --reporter=json` prints to stdout.
// Test id = `<file relative to workdir> > <ancestor titles...> > <title>`; a file that failed
// without any failing test (import error, hook failure) is recorded as `<file> > (file)` ERROR.

import { z } from "zod";
import type { StatusMap, TestStatus } from "../../core/test-status.js";
import type { LogParser } from "./log-parser.js";
import { DEFAULT_WORKDIR } from "./log-parser.js";
import { tryParseJson } from "../../core/index.js";

const AssertionResultSchema = z.object({
  ancestorTitles: z.array(z.string()),
  title: z.string(),
  status: z.string(),
});

const FileResultSchema = z.object({
  name: z.string(),
  status: z.string(),
  message: z.string().optional(),
  assertionResults: z.array(AssertionResultSchema),
});

const counter = z.number().int().nonnegative();

export const VitestReportSchema = z.object({
  numTotalTests: counter,
  numPassedTests: counter,
  numFailedTests: counter,
  numPendingTests: counter,
  numTodoTests: counter,
  success: z.boolean(),
  testResults: z.array(FileResultSchema),
});
export type VitestReport = z.infer<typeof VitestReportSchema>;

const STATUS_BY_VITEST: Record<string, TestStatus> = {
  passed: "PASSED",
  failed: "FAILED",
  skipped: "SKIPPED",
  pending: "SKIPPED",
  todo: "SKIPPED",
  disabled: "SKIPPED",
};

function isReportCandidate(value: unknown): boolean {
  return typeof value === "object" && value !== null && "testResults" in value && Array.isArray(value.testResults);
}

/**
 * The JSON report in one line, from some `{` to the line's last `}`: other output may be glued in
 * front (a write without newline) or behind (`cat` of an `--outputFile`, which has no final newline).
 */
function reportInLine(line: string): unknown {
  if (!line.includes('"testResults"')) return undefined;
  const end = line.lastIndexOf("}") + 1;
  for (let at = line.indexOf("{"); at !== -1 && at < end; at = line.indexOf("{", at + 1)) {
    const value = tryParseJson(line.slice(at, end));
    if (isReportCandidate(value)) return value;
  }
  return undefined;
}

/**
 * Every JSON object with a `testResults` array in the text, in order. Vitest prints its report as one
 * line; test code writing to stdout lands before it (possibly on the same line) or, from a
 * globalSetup teardown, after it. A pretty-printed report (e.g. `cat` of an `--outputFile`) is
 * recognised only when it is the whole text.
 */
export function findVitestReports(text: string): unknown[] {
  const reports: unknown[] = [];
  for (const line of text.split("\n")) {
    const report = reportInLine(line);
    if (report !== undefined) reports.push(report);
  }
  if (reports.length === 0) {
    const whole = tryParseJson(text.trim());
    if (isReportCandidate(whole)) reports.push(whole);
  }
  return reports;
}

export function relativeToWorkdir(filePath: string, workdir: string): string {
  const root = workdir.endsWith("/") ? workdir.slice(0, -1) : workdir;
  return filePath.startsWith(`${root}/`) ? filePath.slice(root.length + 1) : filePath;
}

export function vitestReportToStatusMap(report: VitestReport, workdir: string): StatusMap {
  const statusMap: StatusMap = new Map();
  for (const file of report.testResults) {
    const relativeFile = relativeToWorkdir(file.name, workdir);
    for (const assertion of file.assertionResults) {
      const status = STATUS_BY_VITEST[assertion.status];
      if (status === undefined) continue;
      statusMap.set([relativeFile, ...assertion.ancestorTitles, assertion.title].join(" > "), status);
    }
    const hasFailedTest = file.assertionResults.some((assertion) => assertion.status === "failed");
    if (file.status === "failed" && !hasFailedTest) statusMap.set(`${relativeFile} > (file)`, "ERROR");
  }
  return statusMap;
}

export const parseVitestJson: LogParser = (log, context) => {
  const last = findVitestReports(log).at(-1);
  const parsed = VitestReportSchema.safeParse(last);
  if (!parsed.success) return new Map();
  return vitestReportToStatusMap(parsed.data, context?.workdir ?? DEFAULT_WORKDIR);
};
