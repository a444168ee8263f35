// The replayed working copy against the recorded submission, as `swerig replay` prints it.
import type { SubmissionCheck } from "../runner/replay-submission.js";

const MAX_LISTED = 10;

export function describeSubmission(check: SubmissionCheck): string[] {
  const c = check.comparison;
  if (!c) return [`recorded submission (${check.files.length} file(s)) not compared: ${check.error ?? "no final diff"}`];
  const lines = [
    c.equal
      ? `the replayed diff equals the recorded submission (${c.same.length} file(s))`
      : `the replayed diff differs from the recorded submission: ${c.same.length} file(s) the same, ${c.onlyReplayed.length} only in ` +
        `the replay, ${c.onlySubmission.length} only in the submission, ${c.differing.length} differing`,
  ];
  const groups = [
    ["only in the replay", c.onlyReplayed],
    ["only in the submission", c.onlySubmission],
    ["differing", c.differing],
  ] as const;
  for (const [label, files] of groups) for (const f of files) lines.push(`  ${label}: ${f.path}: ${f.why}`);
  if (!c.equal && check.failedCalls.length > 0) {
    lines.push(`calls that failed on replay (${check.failedCalls.length}${check.failedCalls.length === 20 ? "+" : ""}):`);
    for (const f of check.failedCalls.slice(0, MAX_LISTED)) lines.push(`  call ${f.index} (${f.name}): ${f.error}`);
  }
  if (!c.equal && check.importNotes.length > 0) {
    lines.push(`actions the importer could not map exactly (${check.importNotes.length}):`);
    for (const n of check.importNotes.slice(0, MAX_LISTED)) lines.push(`  ${n}`);
  }
  return lines;
}
