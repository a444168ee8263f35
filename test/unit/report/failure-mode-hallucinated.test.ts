// The hallucinated-API label: a name error in the test log on a name that the patch introduced and a
// checker flags in the quality block; a name error the checkers did not tie to the patch keeps the
// generic label.
import { describe, expect, it } from "vitest";
import type { InstanceOutcome } from "../../../src/grader/instance-outcome.js";
import { failureMode, unknownNameOf } from "../../../src/report/failure-mode.js";
import type { Diagnostic, StaticSignal } from "../../../src/tools/code-metrics/diagnostics.js";

const finding = (rule: string, message: string): Diagnostic => ({ file: "pkg/mod.py", line: 3, severity: "error", rule, message });
const unresolved = (signals: StaticSignal[]): InstanceOutcome => ({
  instanceId: "t",
  model: "m",
  status: "unresolved",
  timings: { totalMs: 1 },
  quality: {
    size: { files: 1, hunks: 1, linesAdded: 1, linesRemoved: 0 },
    locality: { filesInReference: 1, filesOutsideReference: [], lineOverlap: 1 },
    testFilesTouched: [],
    complexity: [],
    complexityAdded: 0,
    securityIntroduced: [],
    static: signals,
  },
});

describe("hallucinated API", () => {
  it("reads the name out of each checker's message", () => {
    expect(unknownNameOf(finding("reportUndefinedVariable", '"render_pdf" is not defined'))).toBe("render_pdf");
    expect(unknownNameOf(finding("reportAttributeAccessIssue", '"get_bool" is not a known attribute of module "cfg"'))).toBe("get_bool");
    expect(unknownNameOf(finding("TS2339", "Property 'parseDuration' does not exist on type 'Cli'."))).toBe("parseDuration");
    expect(unknownNameOf(finding("vet", "undefined: slices.Sorted"))).toBe("slices.Sorted");
    expect(unknownNameOf(finding("E0425", "cannot find function `not_here` in this scope"))).toBe("not_here");
  });

  it("a name error on a name the patch introduced and pyright flags", () => {
    const grade = unresolved([{ tool: "pyright", introduced: [finding("reportUndefinedVariable", '"render_pdf" is not defined')], ms: 9 }]);
    expect(failureMode(grade, "submitted", "E   NameError: name 'render_pdf' is not defined")).toBe("hallucinated_api");
    const rejected = { ...grade, status: "log_rejected" as const };
    expect(failureMode(rejected, "submitted", "E   NameError: name 'render_pdf' is not defined")).toBe("hallucinated_api");
  });

  it("keeps the generic label when the erroring name is not the flagged one, or nothing was flagged", () => {
    const flagged = unresolved([{ tool: "pyright", introduced: [finding("reportUndefinedVariable", '"render" is not defined')], ms: 9 }]);
    const log = "E   NameError: name 'render_pdf' is not defined";
    expect(failureMode(flagged, "submitted", log)).toBe("import_attribute_name_error");
    expect(failureMode(unresolved([{ tool: "pyright", introduced: [], ms: 9 }]), "submitted", log)).toBe("import_attribute_name_error");
    expect(failureMode(unresolved([{ tool: "pyright", missing: "pyright is not installed" }]), "submitted", log)).toBe(
      "import_attribute_name_error",
    );
  });

  it("a type error the patch introduced is no hallucinated API, even with a name error in the log", () => {
    const typed = unresolved([
      { tool: "tsc", introduced: [finding("TS2322", "Type 'string' is not assignable to type 'number'.")], ms: 9 },
    ]);
    expect(failureMode(typed, "submitted", "TypeError: number is not a function")).toBe("import_attribute_name_error");
  });

  it("no name error in the log: the flagged finding alone does not make the label", () => {
    const grade = unresolved([{ tool: "tsc", introduced: [finding("TS2304", "Cannot find name 'fmtDuration'.")], ms: 9 }]);
    expect(failureMode(grade, "submitted", "AssertionError: expected 'fmtDuration' to equal 'x'")).toBe("assertion_failure");
    expect(failureMode(grade, "submitted", "src/a.ts(3,1): error TS2304: Cannot find name 'fmtDuration'.")).toBe("hallucinated_api");
  });
});
