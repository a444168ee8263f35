// What a replay knows about the source agent's recorded submission: the patch the trace recorded,
// the replayed working copy compared with it file by file, the calls that failed on replay and the
// actions the importer could not map, so that a difference comes with its likely cause.
import type { Workspace } from "../envs/workspace.js";
import { compareWithSubmission, type SubmissionComparison } from "../grader/submission-diff.js";
import { touchedPaths } from "../core/index.js";
import type { TraceEvent } from "../trace/events.js";
import { readTrace } from "../trace/reader.js";

/** A call that returned an error result on replay. */
export interface FailedCall {
  /** 1-based position among the replayed calls. */
  index: number;
  name: string;
  /** First line of its error output. */
  error: string;
}

export interface SubmissionCheck {
  /** Files the recorded submission changes. */
  files: string[];
  /** Absent when the replay ended before its final diff was taken. */
  comparison?: SubmissionComparison;
  /** Why the comparison could not be made, when it could not. */
  error?: string;
  /** Calls that returned an error result on replay (the first 20). */
  failedCalls: FailedCall[];
  /** The importer's notes: actions imported approximately or not at all (imported traces). */
  importNotes: string[];
}

const MAX_FAILED_CALLS = 20;

/** The patch the trace recorded as its submission (its last patch event), or undefined when it has none. */
export function recordedSubmission(events: readonly TraceEvent[]): string | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    if (e.type === "patch") return e.data.patch;
  }
  return undefined;
}

/** The notes an importer left in run_start's settings (`import_notes`). */
export function importNotes(events: readonly TraceEvent[]): string[] {
  const start = events.find((e) => e.type === "run_start");
  const notes = start?.type === "run_start" ? start.data.settings["import_notes"] : undefined;
  return Array.isArray(notes) ? notes.filter((n): n is string => typeof n === "string") : [];
}

/** Compares the final diff of `workspace` with `submission`; a failure to read is returned, not thrown. */
export async function checkAgainstSubmission(
  workspace: Workspace,
  patch: string,
  submission: string,
): Promise<Pick<SubmissionCheck, "comparison" | "error">> {
  const read = async (path: string): Promise<string | null> => {
    try {
      return (await workspace.readFile(path)).toString("utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR" || code === "EISDIR") return null;
      throw error;
    }
  };
  try {
    return { comparison: await compareWithSubmission(patch, submission, read) };
  } catch (error) {
    return { error: `the replayed files could not be read: ${(error as Error).message}` };
  }
}

/** The calls of a replay's own trace that returned an error result. */
export async function failedCalls(tracePath: string): Promise<FailedCall[]> {
  const { events } = await readTrace(tracePath);
  const failed: FailedCall[] = [];
  let index = 0;
  for (const e of events) {
    if (e.type !== "tool_result") continue;
    index++;
    if (e.data.isError && failed.length < MAX_FAILED_CALLS) {
      failed.push({ index, name: e.data.name, error: e.data.output.split("\n")[0]!.slice(0, 200) });
    }
  }
  return failed;
}

export function submissionCheck(
  submission: string,
  found: Pick<SubmissionCheck, "comparison" | "error">,
  failed: FailedCall[],
  notes: string[],
): SubmissionCheck {
  return { files: touchedPaths(submission), ...found, failedCalls: failed, importNotes: notes };
}
