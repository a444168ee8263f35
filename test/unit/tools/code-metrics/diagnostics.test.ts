// Each tool's output, recorded from real runs (test/fixtures/diagnostics), read into one shape; and the
// findings a patch introduced told from those the code already had, whatever lines moved.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  type Diagnostic,
  introducedDiagnostics,
  parseCargoShort,
  parseGoVet,
  parsePyrightPulled,
  parseTsc,
} from "../../../../src/tools/code-metrics/diagnostics.js";
import { isUnknownName } from "../../../../src/report/failure-mode.js";

const fixture = (name: string) => readFileSync(new URL(`../../../fixtures/diagnostics/${name}`, import.meta.url), "utf8");

describe("reading each tool's output", () => {
  it("tsc --pretty false: file, line, code and message", () => {
    expect(parseTsc(fixture("tsc.txt"))).toEqual([
      { file: "src/zz.ts", line: 1, severity: "error", rule: "TS2304", message: "Cannot find name 'foo'." },
      { file: "src/csv.ts", line: 12, severity: "error", rule: "TS2322", message: "Type 'string' is not assignable to type 'number'." },
    ]);
  });

  it("pyright's language server: errors and warnings of the file, lines 1-based, a syntax error named by its severity", () => {
    const found = parsePyrightPulled(JSON.parse(fixture("pyright-pulled.json")), "pkg/mod.py");
    const named = found.filter((d) => d.rule !== "error");
    expect(named.map((d) => [d.file, d.line, d.rule])).toEqual([
      ["pkg/mod.py", 7, "reportUndefinedVariable"],
      ["pkg/mod.py", 11, "reportAttributeAccessIssue"],
      ["pkg/mod.py", 11, "reportAttributeAccessIssue"],
      ["pkg/mod.py", 17, "reportPossiblyUnboundVariable"],
    ]);
    expect(named[2]!.message).toBe('"nope" is not a known attribute of module "pkg.helpers"');
    expect(named.slice(0, 3).every(isUnknownName)).toBe(true);
    expect(found).toContainEqual({ file: "pkg/mod.py", line: 20, severity: "error", rule: "error", message: '"(" was not closed' });
  });

  it("pyright: an answer of another shape is an error naming what was wrong", () => {
    expect(() => parsePyrightPulled({ items: 3 }, "a.py")).toThrow(/pyright's diagnostics have an unexpected shape/);
    expect(
      parsePyrightPulled({ kind: "full", items: [{ range: { start: { line: 0 } }, severity: 4, message: "unused" }] }, "a.py"),
    ).toEqual([]);
  });

  it("go vet: the compiler's and the type checker's report of one unknown name is one finding", () => {
    expect(parseGoVet(fixture("go-vet.txt"))).toEqual([
      { file: "internal/agg/agg.go", line: 196, severity: "warning", rule: "vet", message: "undefined: undefinedThing" },
    ]);
    expect(isUnknownName(parseGoVet(fixture("go-vet.txt"))[0]!)).toBe(true);
  });

  it("cargo check --message-format=short: warnings (no code) and errors (with their code); summary lines left out", () => {
    expect(parseCargoShort(fixture("cargo-check.txt"))).toEqual([
      { file: "src/lib.rs", line: 26, severity: "warning", rule: "warning", message: "unused variable: `unused`" },
      { file: "src/lib.rs", line: 26, severity: "warning", rule: "warning", message: "function `zz` is never used" },
    ]);
    const [error] = parseCargoShort(fixture("cargo-check-error.txt"));
    expect(error).toEqual({
      file: "src/lib.rs",
      line: 26,
      severity: "error",
      rule: "E0425",
      message: "cannot find function `not_here` in this scope",
    });
    expect(isUnknownName(error!)).toBe(true);
    expect(isUnknownName(parseCargoShort(fixture("cargo-check.txt"))[0]!)).toBe(false);
  });
});

describe("introduced versus already there", () => {
  const d = (file: string, line: number, message: string, rule = "TS2304"): Diagnostic => ({
    file,
    line,
    severity: "error",
    rule,
    message,
  });

  it("a finding that only moved lines is not introduced; a new one is", () => {
    const before = [d("a.ts", 10, "Cannot find name 'old'.")];
    const after = [d("a.ts", 14, "Cannot find name 'old'."), d("a.ts", 3, "Cannot find name 'fresh'.")];
    expect(introducedDiagnostics(before, after)).toEqual([d("a.ts", 3, "Cannot find name 'fresh'.")]);
  });

  it("counts: a message twice after and once before is one introduced", () => {
    const before = [d("a.ts", 1, "Cannot find name 'x'.")];
    const after = [d("a.ts", 1, "Cannot find name 'x'."), d("a.ts", 9, "Cannot find name 'x'.")];
    expect(introducedDiagnostics(before, after)).toHaveLength(1);
  });

  it("the same message in another file or under another rule is a different finding", () => {
    const before = [d("a.ts", 1, "m")];
    expect(introducedDiagnostics(before, [d("b.ts", 1, "m"), d("a.ts", 1, "m", "TS2339")])).toHaveLength(2);
  });

  it("only the changed files count: findings elsewhere are the repository's, not the patch's", () => {
    expect(introducedDiagnostics([], [d("a.ts", 1, "m"), d("other.ts", 1, "m")], ["a.ts"])).toEqual([d("a.ts", 1, "m")]);
  });
});
