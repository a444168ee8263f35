// `parse_log_go_test_json` (ours): the event stream of `go test -json` (cmd/test2json), one JSON
// object per line. Test events carry `Action` pass|fail|skip plus `Package` and `Test`; the id is
// `<Package>/<Test>` (subtests keep their own `/`). Package-level events and other lines are ignored.

import { z } from "zod";
import type { StatusMap, TestStatus } from "../../core/test-status.js";
import type { LogParser } from "./log-parser.js";
import { parseJsonWith } from "../../core/index.js";

const TestEventSchema = z.object({
  Action: z.string(),
  Package: z.string().optional(),
  Test: z.string().optional(),
});

const STATUS_BY_ACTION: Record<string, TestStatus> = { pass: "PASSED", fail: "FAILED", skip: "SKIPPED" };

function parseEvent(line: string): z.infer<typeof TestEventSchema> | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith("{")) return undefined;
  return parseJsonWith(TestEventSchema, trimmed);
}

export const parseGoTestJson: LogParser = (log) => {
  const statusMap: StatusMap = new Map();
  for (const line of log.split("\n")) {
    const event = parseEvent(line);
    if (event?.Test === undefined || event.Package === undefined) continue;
    const status = STATUS_BY_ACTION[event.Action];
    if (status !== undefined) statusMap.set(`${event.Package}/${event.Test}`, status);
  }
  return statusMap;
};

/** Evidence that `go test -json` ran: at least one well-formed event line. */
export function goTestSuiteRan(text: string): boolean {
  return text.split("\n").some((line) => parseEvent(line) !== undefined);
}
