// report.json bodies as SWE-bench 5.0.x (and 4.1) write them, and the infra_failure labels.
import { describe, expect, it } from "vitest";
import { classifyInfraFailure, withInfraLabel } from "../../../src/grader/infra-failure.js";
import { emptyPatchReport, gradedReport, logRejectionReason, rejectedLogReport } from "../../../src/grader/official-report.js";
import type { TestsStatus } from "../../../src/grader/resolution.js";

const none = { success: [], failure: [] };
const TESTS: TestsStatus = { FAIL_TO_PASS: { success: ["a"], failure: [] }, PASS_TO_PASS: none, FAIL_TO_FAIL: none, PASS_TO_FAIL: none };

describe("report bodies", () => {
  it("writes the keys in the harness's order, infra_failure only under v5", () => {
    expect(Object.keys(gradedReport(true, TESTS, "v5"))).toEqual([
      "patch_is_None",
      "patch_exists",
      "patch_successfully_applied",
      "resolved",
      "infra_failure",
      "tests_status",
    ]);
    expect(gradedReport(true, TESTS, "v4")).not.toHaveProperty("infra_failure");
    expect(emptyPatchReport(null, "v5")).toEqual({
      patch_is_None: true,
      patch_exists: false,
      patch_successfully_applied: false,
      resolved: false,
      infra_failure: false,
    });
  });

  it("reports a refused log as not applied and not resolved, with no tests_status", () => {
    expect(rejectedLogReport("INTERNALERROR> RuntimeError: boom\n", "v5")).toEqual({
      patch_is_None: false,
      patch_exists: true,
      patch_successfully_applied: false,
      resolved: false,
      infra_failure: false,
    });
    expect(rejectedLogReport("INTERNALERROR> RuntimeError: boom\n", "v4")).toEqual({
      patch_is_None: false,
      patch_exists: true,
      patch_successfully_applied: false,
      resolved: false,
    });
  });

  it("labels a refused log that shows an environment fault, and names an ambiguous one without the flag", () => {
    expect(rejectedLogReport("collected 3 items\nKilled\n", "v5")).toMatchObject({
      infra_failure: true,
      infra_failure_reason: "out_of_memory",
    });
    expect(rejectedLogReport("E   ModuleNotFoundError: No module named 'x'\n", "v5")).toMatchObject({
      infra_failure: false,
      infra_failure_reason: "missing_module",
    });
  });

  it("says which checks refused a log and whether the harness would have graded it", () => {
    expect(logRejectionReason("x-1", { harness: "no results", swerig: "two tallies" }, "v5", false)).toBe(
      "x-1: the test log cannot be graded, counted unresolved " +
        "(SWE-bench 5.0.x rejects it: no results; swerig's check rejects it: two tallies)",
    );
    expect(logRejectionReason("x-1", { swerig: "two tallies" }, "v4", true)).toBe(
      "x-1: the test log cannot be graded, counted unresolved (a process was killed by the memory limit; " +
        "swerig's check rejects it: two tallies; SWE-bench 4.1 would have graded it)",
    );
  });
});

describe("classifyInfraFailure: the harness's signatures, first match wins", () => {
  it("finds environment faults", () => {
    const browser = classifyInfraFailure("Error: Failed to launch the browser process!");
    expect(browser).toEqual({ reason: "browser_launch_failed", tier: "environment" });
    expect(classifyInfraFailure("OSError: [Errno 12] Cannot allocate memory")).toEqual({ reason: "out_of_memory", tier: "environment" });
    expect(classifyInfraFailure("Error response from daemon: No such container")).toMatchObject({ reason: "container_unavailable" });
    expect(classifyInfraFailure("curl: (6) Could not resolve host: pypi.org")).toMatchObject({ reason: "network_unreachable" });
  });

  it("marks what a bad patch can also cause as ambiguous", () => {
    expect(classifyInfraFailure("Error: Cannot find module 'ol/layer/Vector'")).toEqual({ reason: "missing_module", tier: "ambiguous" });
    expect(classifyInfraFailure("collected 0 items")).toEqual({ reason: "no_tests_collected", tier: "ambiguous" });
    expect(classifyInfraFailure("\n\nTimeout error: 1800 seconds exceeded.")).toEqual({ reason: "tests_timed_out", tier: "ambiguous" });
  });

  it("takes 'Killed' only as a line of its own, prefers the earlier signature, and leaves real failures alone", () => {
    expect(classifyInfraFailure("the process was Killed by a test")).toBeUndefined();
    expect(classifyInfraFailure("ModuleNotFoundError: x\nKilled\n")).toMatchObject({ reason: "out_of_memory" });
    const genuine = "FAILED test_foo.py::test_bar - AssertionError: expected 3, got 4\n1 failed, 12 passed in 1.20s";
    expect(classifyInfraFailure(genuine)).toBeUndefined();
    expect(classifyInfraFailure("")).toBeUndefined();
  });
});

describe("withInfraLabel", () => {
  it("labels an errored outcome from its reason, keeps a label it has, and leaves others alone", () => {
    expect(withInfraLabel({ reason: "x: Cannot connect to the Docker daemon at unix:///var/run/docker.sock" })).toEqual({
      reason: "x: Cannot connect to the Docker daemon at unix:///var/run/docker.sock",
      infraFailure: { reason: "container_unavailable", tier: "environment" },
    });
    const labelled = { reason: "Killed", infraFailure: { reason: "missing_module", tier: "ambiguous" as const } };
    expect(withInfraLabel(labelled)).toBe(labelled);
    expect(withInfraLabel({ reason: "x: the patch does not apply" })).toEqual({ reason: "x: the patch does not apply" });
  });
});
