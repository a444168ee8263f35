// The replayed working copy against a recorded submission, file by file: which files only the replay
// changed, which only the submission changes, and which both change to different contents. Contents,
// not patch texts, are compared: the base of a file is the replayed file with the replay's own change
// reversed, and the submission is applied to that base.
import { applyPatch, parsePatch, reversePatch, type StructuredPatch } from "diff";
import { patchFiles } from "../core/index.js";

export interface FileDifference {
  path: string;
  /** What differs and its usual causes, for a reader. */
  why: string;
}

export interface SubmissionComparison {
  /** True when every file the replay or the submission changes ends with the same content. */
  equal: boolean;
  /** Files both change to the same content. */
  same: string[];
  /** Changed by the replay, left alone by the submission. */
  onlyReplayed: FileDifference[];
  /** Changed by the submission, left at the base by the replay. */
  onlySubmission: FileDifference[];
  /** Changed by both, to different contents (or not comparable: binary, or a submission that does not apply). */
  differing: FileDifference[];
}

/** Reads a file of the replayed working copy; null when it does not exist. */
export type ReplayedFileReader = (path: string) => Promise<string | null>;

const stripName = (name: string | undefined): string | undefined => {
  if (name === undefined) return undefined;
  const path = name.split("\t")[0]!.trim();
  return path === "/dev/null" ? undefined : path.replace(/^[ab]\//, "");
};

interface FilePatch {
  path: string;
  patch: StructuredPatch;
  created: boolean;
  deleted: boolean;
}

/** Per-file sections of a git patch (the whole text when it has no `diff --git` headers). */
const sections = (patch: string) =>
  (/^diff --git /m.test(patch) ? patch.split(/^(?=diff --git )/m) : [patch]).filter((p) => p.trim() !== "");

/**
 * The text file patches of `patch` by path; the paths of its binary parts and of parts that cannot be
 * parsed (with the parser's message) are kept apart, to be reported as not comparable.
 */
function filePatches(patch: string): { text: Map<string, FilePatch>; binary: Set<string>; broken: Map<string, string> } {
  const binary = new Set(
    patchFiles(patch)
      .filter((f) => f.binary || f.binaryWithoutData)
      .map((f) => f.newPath ?? f.oldPath!),
  );
  const broken = new Map<string, string>();
  const parsed = sections(patch).flatMap((section) => {
    try {
      return parsePatch(section);
    } catch (error) {
      for (const f of patchFiles(section)) broken.set(f.newPath ?? f.oldPath!, (error as Error).message);
      return [];
    }
  });
  const text = new Map<string, FilePatch>();
  for (const p of parsed) {
    const oldPath = stripName(p.oldFileName);
    const newPath = stripName(p.newFileName);
    const path = newPath ?? oldPath;
    if (path === undefined || binary.has(path)) continue;
    text.set(path, { path, patch: p, created: oldPath === undefined, deleted: newPath === undefined });
  }
  return { text, binary: new Set([...binary, ...broken.keys()]), broken };
}

/** `text` with `patch` applied, null for a deleted file, false when it does not apply. */
function apply(text: string | null, file: FilePatch): string | null | false {
  if (file.deleted) return null;
  const result = applyPatch(text ?? "", file.patch);
  return result === false ? false : result;
}

function firstDifferentLine(a: string | null, b: string | null): string {
  if (a === null || b === null) return a === null ? "the submission deletes it; the replay keeps it" : "the replay deleted it";
  const x = a.split("\n");
  const y = b.split("\n");
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] !== y[i]) return `line ${i + 1}: submission ${JSON.stringify(x[i] ?? "<end>")}, replay ${JSON.stringify(y[i] ?? "<end>")}`;
  }
  return "same lines, different line endings";
}

const ONLY_REPLAYED_CREATED =
  "created by the replayed calls but not in the recorded submission: the source agent's submit step left it out (a reproduction or " +
  "test script it wrote and never added, so its `git diff` did not show it, or one it removed before submitting by an action that was " +
  "not imported)";
const ONLY_REPLAYED_CHANGED =
  "changed by the replayed calls but not in the recorded submission: the agent undid the change before submitting by an action that " +
  "was not imported, or its submit step left the file out";
const ONLY_SUBMISSION =
  "changed by the recorded submission but not by the replay: a call that edited it failed on replay (see the failed calls) or the " +
  "action was not imported as an exact tool call (see the import notes)";
const DIFFERING =
  "both change it, to different contents: an edit failed or was approximated on replay, or a command behaved differently on our " +
  "environment";

/**
 * Compares the replay's final diff (`replayed`, as `git diff` of the working copy gives it) with the
 * recorded `submission`, reading replayed files with `read`. Never throws for bad patches: a file
 * whose patch cannot be read or applied is reported as differing (or only in the submission), with
 * the reason; only `read` may throw.
 */
export async function compareWithSubmission(replayed: string, submission: string, read: ReplayedFileReader): Promise<SubmissionComparison> {
  const ours = filePatches(replayed);
  const theirs = filePatches(submission);
  const paths = [...new Set([...ours.text.keys(), ...ours.binary, ...theirs.text.keys(), ...theirs.binary])].sort();
  const result: SubmissionComparison = { equal: true, same: [], onlyReplayed: [], onlySubmission: [], differing: [] };
  for (const path of paths) {
    const inOurs = ours.text.has(path) || ours.binary.has(path);
    const inTheirs = theirs.text.has(path) || theirs.binary.has(path);
    if (!inTheirs) {
      result.onlyReplayed.push({ path, why: ours.text.get(path)?.created ? ONLY_REPLAYED_CREATED : ONLY_REPLAYED_CHANGED });
      continue;
    }
    const broken = ours.broken.get(path) ?? theirs.broken.get(path);
    if (broken !== undefined) {
      result.differing.push({ path, why: `its patch cannot be read (${broken}): not compared by content` });
      continue;
    }
    if (ours.binary.has(path) || theirs.binary.has(path)) {
      result.differing.push({ path, why: "a binary change: not compared by content" });
      continue;
    }
    const replayedText = await read(path);
    const mine = ours.text.get(path);
    const base = mine
      ? mine.created
        ? null
        : apply(replayedText, { ...mine, patch: reversePatch(mine.patch), deleted: false })
      : replayedText;
    if (base === false) {
      result.differing.push({ path, why: "the replay's own diff does not reverse onto the replayed file; not compared" });
      continue;
    }
    const expected = apply(base, theirs.text.get(path)!);
    if (expected === false) {
      const why = "the recorded submission does not apply to this file at the task's base commit (recorded at another commit?)";
      (inOurs ? result.differing : result.onlySubmission).push({ path, why });
      continue;
    }
    if (expected === replayedText) result.same.push(path);
    else if (!inOurs) result.onlySubmission.push({ path, why: ONLY_SUBMISSION });
    else result.differing.push({ path, why: `${DIFFERING}; first difference at ${firstDifferentLine(expected, replayedText)}` });
  }
  result.equal = result.onlyReplayed.length + result.onlySubmission.length + result.differing.length === 0;
  return result;
}
