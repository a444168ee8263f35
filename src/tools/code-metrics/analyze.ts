// What a patch does to the code, beyond whether the tests pass: its size and where it lands (files,
// hunks, lines; overlap with the reference patch's files and lines; test files touched), the change in
// cyclomatic complexity of each function it touches, and the security findings it introduces (present
// after on an added line, absent before). Findings the repository already had are never counted.
import { parsePatch, type StructuredPatch } from "diff";
import { isTestPath } from "../../core/index.js";
import { languageOf } from "../tree-sitter.js";
import { functionComplexities } from "./complexity.js";
import type { StaticSignal } from "./diagnostics.js";
import { securityFindings, type SecurityFinding } from "./security-scan.js";

export interface ChangedFile {
  path: string;
  /** Content before the patch; null for a new file. */
  before: string | null;
  /** Content after; null for a deleted file. */
  after: string | null;
}

export interface PatchQuality {
  size: { files: number; hunks: number; linesAdded: number; linesRemoved: number };
  /** Against the reference patch: files both touch, and the share of the patch's changed old lines that the reference also changes. */
  locality: { filesInReference: number; filesOutsideReference: string[]; lineOverlap: number | null };
  testFilesTouched: string[];
  complexity: { function: string; file: string; before: number | null; after: number | null }[];
  /** Sum over touched functions of after − before (new functions count in full, removed ones negative). */
  complexityAdded: number;
  securityIntroduced: SecurityFinding[];
  /** Compiler and checker findings the patch introduced, per tool (runner/static-checks.ts); absent when not run. */
  static?: StaticSignal[];
}

const pathOf = (p: StructuredPatch) =>
  ((p.newFileName && p.newFileName !== "/dev/null" ? p.newFileName : p.oldFileName) ?? "").replace(/^[ab]\//, "");

/** 1-based line numbers of the old file that a patch removes or replaces, per file. */
function changedOldLines(patches: StructuredPatch[]): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  for (const p of patches) {
    const lines = new Set<number>();
    for (const hunk of p.hunks) {
      let line = hunk.oldStart;
      for (const l of hunk.lines) {
        if (l.startsWith("-")) lines.add(line);
        if (l.startsWith("+")) lines.add(Math.max(1, line - 1)); // an insertion lands after the line before it
        if (!l.startsWith("+")) line++;
      }
    }
    out.set(pathOf(p), lines);
  }
  return out;
}

/** 1-based line numbers of the new file that a patch adds, per file. */
export function addedLines(patches: StructuredPatch[]): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  for (const p of patches) {
    const lines = new Set<number>();
    for (const hunk of p.hunks) {
      let line = hunk.newStart;
      for (const l of hunk.lines) {
        if (l.startsWith("+")) lines.add(line);
        if (!l.startsWith("-")) line++;
      }
    }
    out.set(pathOf(p), lines);
  }
  return out;
}

export async function analyzePatch(patch: string, referencePatch: string, files: readonly ChangedFile[]): Promise<PatchQuality> {
  const patches = parsePatch(patch).filter((p) => p.hunks.length > 0 || p.oldFileName || p.newFileName);
  const reference = parsePatch(referencePatch);
  const paths = patches.map(pathOf);
  const referencePaths = new Set(reference.map(pathOf));
  const mine = changedOldLines(patches);
  const theirs = changedOldLines(reference);
  let overlapping = 0;
  let total = 0;
  for (const [path, lines] of mine) {
    total += lines.size;
    for (const line of lines) if (theirs.get(path)?.has(line)) overlapping++;
  }
  const added = addedLines(patches);
  const complexity: PatchQuality["complexity"] = [];
  const securityIntroduced: SecurityFinding[] = [];
  for (const file of files) {
    const language = languageOf(file.path);
    if (!language || isTestPath(file.path)) continue;
    const newLines = added.get(file.path) ?? new Set<number>();
    const before = file.before === null ? [] : await functionComplexities(language, file.before);
    const after = file.after === null ? [] : await functionComplexities(language, file.after);
    const touched = after.filter((f) => [...newLines].some((l) => l >= f.startLine && l <= f.endLine));
    const removed = before.filter((f) => !after.some((a) => a.name === f.name));
    for (const f of touched) {
      const old = before.find((b) => b.name === f.name);
      if (!old || old.complexity !== f.complexity)
        complexity.push({ function: f.name, file: file.path, before: old?.complexity ?? null, after: f.complexity });
    }
    for (const f of removed) complexity.push({ function: f.name, file: file.path, before: f.complexity, after: null });
    if (file.after !== null) {
      const existing = new Set(
        (file.before === null ? [] : await securityFindings(language, file.path, file.before)).map((f) => `${f.rule}\0${f.snippet}`),
      );
      const now = await securityFindings(language, file.path, file.after);
      securityIntroduced.push(...now.filter((f) => newLines.has(f.line) && !existing.has(`${f.rule}\0${f.snippet}`)));
    }
  }
  return {
    size: {
      files: patches.length,
      hunks: patches.reduce((n, p) => n + p.hunks.length, 0),
      linesAdded: patches.reduce((n, p) => n + p.hunks.reduce((m, h) => m + h.lines.filter((l) => l.startsWith("+")).length, 0), 0),
      linesRemoved: patches.reduce((n, p) => n + p.hunks.reduce((m, h) => m + h.lines.filter((l) => l.startsWith("-")).length, 0), 0),
    },
    locality: {
      filesInReference: paths.filter((p) => referencePaths.has(p)).length,
      filesOutsideReference: paths.filter((p) => !referencePaths.has(p)),
      lineOverlap: total === 0 ? null : overlapping / total,
    },
    testFilesTouched: paths.filter(isTestPath),
    complexity,
    complexityAdded: complexity.reduce((n, c) => n + (c.after ?? 0) - (c.before ?? 0), 0),
    securityIntroduced,
  };
}
