// The run's quality block: introduced findings and complexity per resolved instance, the share of
// patches touching tests, and why a checker is absent; unresolved and unanalysed instances kept apart,
// and a checker that did not run never counted as one that found nothing.
import { describe, expect, it } from "vitest";
import type { InstanceOutcome } from "../../../src/grader/instance-outcome.js";
import { renderQualityLine, summarizeQuality } from "../../../src/report/quality-summary.js";
import type { PatchQuality } from "../../../src/tools/code-metrics/analyze.js";
import type { SecurityFinding } from "../../../src/tools/code-metrics/security-scan.js";

const quality = (over: Partial<PatchQuality>): PatchQuality => ({
  size: { files: 1, hunks: 1, linesAdded: 1, linesRemoved: 0 },
  locality: { filesInReference: 1, filesOutsideReference: [], lineOverlap: 1 },
  testFilesTouched: [],
  complexity: [],
  complexityAdded: 0,
  securityIntroduced: [],
  ...over,
});
const outcome = (id: string, status: InstanceOutcome["status"], q?: InstanceOutcome["quality"]): InstanceOutcome => ({
  instanceId: id,
  model: "m",
  status,
  timings: { totalMs: 1 },
  ...(q ? { quality: q } : {}),
});
const finding = { file: "a.py", line: 1, severity: "error" as const, rule: "reportUndefinedVariable", message: '"x" is not defined' };
const shell: SecurityFinding = { rule: "shell-true", cwe: "CWE-78", title: "t", file: "a.py", line: 2, snippet: "run(cmd, shell=True)" };

describe("the run's quality summary", () => {
  it("counts findings and complexity over resolved instances only; tests share over all analysed", () => {
    const q = summarizeQuality([
      outcome("a", "resolved", quality({ static: [{ tool: "pyright", introduced: [finding, finding], ms: 5 }], complexityAdded: 3 })),
      outcome("b", "resolved", quality({ securityIntroduced: [shell], testFilesTouched: ["tests/test_a.py"], complexityAdded: -1 })),
      outcome("c", "unresolved", quality({ static: [{ tool: "pyright", introduced: [finding], ms: 5 }], complexityAdded: 9 })),
      outcome("d", "resolved", { missing: "the patch could not be analysed: boom" }),
      outcome("e", "error"),
    ]);
    expect(q).toEqual({
      analysed: 3,
      resolved_analysed: 2,
      security_introduced: { total: 1, per_resolved: 0.5, measured: 2 },
      // b ran no checker: the rate is over a alone.
      checker_introduced: { total: 2, per_resolved: 2, measured: 1, by_tool: { pyright: { total: 2, per_resolved: 2, measured: 1 } } },
      complexity_added: { total: 2, per_resolved: 1, measured: 2 },
      touching_tests_share: 0.333,
      static_missing: {},
    });
    expect(renderQualityLine(q)).toBe(
      "  quality (3 analysed, 2 resolved): per resolved, security findings introduced 0.50, checker findings introduced 2.00 " +
        "(1 of 2 measured: pyright 2 on 1), complexity added 1.00; touching tests 33%",
    );
  });

  it("counts each checker over the instances where it ran, never an absent one as 0", () => {
    const pyright = (n: number) => ({ tool: "pyright" as const, introduced: new Array(n).fill(finding), ms: 5 });
    const absent = { tool: "pyright" as const, missing: "pyright ran longer than 60 s and was stopped" };
    const q = summarizeQuality([
      outcome("a", "resolved", quality({ static: [pyright(3)] })),
      outcome("b", "resolved", quality({ static: [absent] })),
      outcome("c", "resolved", quality({ static: [pyright(1), { tool: "tsc", missing: "tsc is not installed in the task image" }] })),
      outcome("d", "resolved", quality({})),
    ]);
    expect(q.checker_introduced).toEqual({
      total: 4,
      per_resolved: 2,
      measured: 2,
      by_tool: { pyright: { total: 4, per_resolved: 2, measured: 2 } },
    });
    expect(q.security_introduced).toEqual({ total: 0, per_resolved: 0, measured: 4 });
    expect(q.static_missing).toEqual({
      pyright: { instances: 1, reason: "pyright ran longer than 60 s and was stopped" },
      tsc: { instances: 1, reason: "tsc is not installed in the task image" },
    });
  });

  it("says which checker was absent, how often and why, and gives no checker rate where none ran", () => {
    const absent = quality({ static: [{ tool: "pyright", missing: "pyright is not installed (npm package pyright)" }] });
    const q = summarizeQuality([outcome("a", "resolved", absent), outcome("b", "unresolved", absent)]);
    expect(q.static_missing).toEqual({ pyright: { instances: 2, reason: "pyright is not installed (npm package pyright)" } });
    expect(q.checker_introduced).toEqual({ total: 0, per_resolved: null, measured: 0, by_tool: {} });
    expect(q.security_introduced).toEqual({ total: 0, per_resolved: 0, measured: 1 });
    const line = renderQualityLine(q);
    expect(line).toContain("checker findings introduced - (0 of 1 measured)");
    expect(line).toContain("; pyright absent on 2 (pyright is not installed (npm package pyright))");
  });

  it("nothing analysed: no figures and no line", () => {
    const q = summarizeQuality([outcome("a", "error")]);
    expect(q).toMatchObject({ analysed: 0, security_introduced: { per_resolved: null, measured: 0 }, touching_tests_share: null });
    expect(renderQualityLine(q)).toBeUndefined();
  });
});
