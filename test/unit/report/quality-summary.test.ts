// The run's quality block: introduced findings and complexity per resolved instance, the share of
// patches touching tests, and why a checker is absent; unresolved and unanalysed instances kept apart.
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
      introduced_findings: { total: 3, per_resolved: 1.5, by_tool: { pyright: 2, security: 1 } },
      complexity_added: { total: 2, per_resolved: 1 },
      touching_tests_share: 0.333,
      static_missing: {},
    });
    expect(renderQualityLine(q)).toBe(
      "  quality (3 analysed): introduced findings per resolved 1.50 (pyright 2, security 1), " +
        "complexity added per resolved 1.00, touching tests 33%",
    );
  });

  it("says which checker was absent, how often and why", () => {
    const absent = quality({ static: [{ tool: "pyright", missing: "pyright is not installed (npm package pyright)" }] });
    const q = summarizeQuality([outcome("a", "resolved", absent), outcome("b", "unresolved", absent)]);
    expect(q.static_missing).toEqual({ pyright: { instances: 2, reason: "pyright is not installed (npm package pyright)" } });
    expect(q.introduced_findings).toEqual({ total: 0, per_resolved: 0, by_tool: {} });
    expect(renderQualityLine(q)).toContain("; pyright absent on 2 (pyright is not installed (npm package pyright))");
  });

  it("nothing analysed: no figures and no line", () => {
    const q = summarizeQuality([outcome("a", "error")]);
    expect(q).toMatchObject({ analysed: 0, introduced_findings: { per_resolved: null }, touching_tests_share: null });
    expect(renderQualityLine(q)).toBeUndefined();
  });
});
