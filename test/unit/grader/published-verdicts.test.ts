import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseEvalLog } from "../../../src/grader/eval-log.js";
import { getResolutionStatus, getTestsStatus } from "../../../src/grader/resolution.js";
import { readInstances, readJsonFixture, readLogFixture } from "./fixture-files.js";

const OutcomesSchema = z.object({ success: z.array(z.string()), failure: z.array(z.string()) });
const ReportSchema = z.record(
  z.string(),
  z.object({
    resolved: z.boolean(),
    tests_status: z.object({
      FAIL_TO_PASS: OutcomesSchema,
      PASS_TO_PASS: OutcomesSchema,
      FAIL_TO_FAIL: OutcomesSchema,
      PASS_TO_FAIL: OutcomesSchema,
    }),
  }),
);

describe("old-harness (2024) Django and SymPy logs reproduce their published verdicts", () => {
  for (const instance of readInstances("swe-bench-coder-2024")) {
    for (const semantics of ["v4", "v5"] as const) {
      it(`${instance.instance_id} is ${instance.published_resolved ? "" : "not "}resolved (${semantics})`, () => {
        const log = readLogFixture(`swe-bench-coder-2024/${instance.log}`);
        // This harness generation parsed everything after ">>>>> Applied Patch (pred)".
        const endMarker = log.includes(">>>>> All Tests Passed") ? ">>>>> All Tests Passed" : ">>>>> Some Tests Failed";
        const parsed = parseEvalLog(log, { parser: instance.log_parser, startMarker: ">>>>> Applied Patch (pred)", endMarker });
        if (parsed.kind === "rejected") {
          expect(instance.published_resolved).toBe(false);
          return;
        }
        const testsStatus = getTestsStatus(parsed.statusMap, instance.FAIL_TO_PASS, instance.PASS_TO_PASS, semantics);
        expect(getResolutionStatus(testsStatus) === "RESOLVED_FULL").toBe(instance.published_resolved);
      });
    }
  }

  it("rejects the log whose patch did not apply", () => {
    const log = readLogFixture("swe-bench-coder-2024/django__django-11964.20240604_CodeR.eval.log.txt");
    const parsed = parseEvalLog(log, {
      parser: "parse_log_django",
      startMarker: ">>>>> Applied Patch (pred)",
      endMarker: ">>>>> All Tests Passed",
    });
    expect(parsed).toEqual({ kind: "rejected", reason: 'the log contains ">>>>> Patch Apply Failed"' });
  });
});

describe("harness v4 logs reproduce their official report.json", () => {
  for (const instance of readInstances("swe-bench-lite-dev")) {
    it(`${instance.instance_id}: tests_status and resolved equal the official report`, () => {
      const dir = `swe-bench-lite-dev/${instance.instance_id}`;
      const official = ReportSchema.parse(readJsonFixture(`${dir}/report.json`))[instance.instance_id];
      const parsed = parseEvalLog(readLogFixture(`${dir}/test_output.txt`), {
        parser: instance.log_parser,
        startMarker: ">>>>> Start Test Output",
        endMarker: ">>>>> End Test Output",
      });
      expect(parsed.kind).toBe("parsed");
      if (parsed.kind !== "parsed" || official === undefined) return;
      const testsStatus = getTestsStatus(parsed.statusMap, instance.FAIL_TO_PASS, instance.PASS_TO_PASS, "v4");
      expect(testsStatus).toEqual(official.tests_status);
      expect(getResolutionStatus(testsStatus) === "RESOLVED_FULL").toBe(official.resolved);
      expect(official.resolved).toBe(instance.published_resolved);
    });
  }
});
