// The one task shape every part of swerig works with, whatever file it came from: a swe-tasks
// directory of our own or a row of a SWE-bench dataset.

export const LANGUAGES = ["python", "typescript", "javascript", "go", "rust"] as const;
export type Language = (typeof LANGUAGES)[number];

/** How a SWE-bench dataset says its results are graded (`eval_type`). */
export const EVAL_TYPES = ["pass_and_fail", "fail_only"] as const;
export type EvalType = (typeof EVAL_TYPES)[number];

/** Where the grading image comes from. */
export type TaskImage =
  /** A published SWE-bench instance image, used when present locally, pulled when possible. */
  | { kind: "swebench"; name: string }
  /** Built by swerig from a per-language base image and the task's own repository snapshot. */
  | { kind: "swe-tasks"; base: Language; setup: string[] };

export interface Task {
  id: string;
  /** owner/name, as in SWE-bench (`psf/requests`). */
  repo: string;
  language: Language;
  /** Commit the repository is at before any patch; `git diff` against it yields a patch. */
  baseCommit: string;
  problemStatement: string;
  hintsText: string;
  /** Reference patch. Never enters an agent's environment. */
  goldPatch: string;
  /** Patch adding the hidden tests. Never enters an agent's environment. */
  testPatch: string;
  failToPass: string[];
  passToPass: string[];
  /** Working directory inside the container (`/testbed` by default). */
  workdir: string;
  image: TaskImage;
  /** Full bash script that resets test files, applies the test patch and runs the tests between markers. */
  evalScript: string;
  /** The test command without test files, for an agent's own test runs (run_tests). */
  testCommand: string;
  /** Parser registry name, as the official `log_parser` field names them (`parse_log_pytest`). */
  logParser: string;
  /**
   * The dataset's `eval_type`: `pass_and_fail` (absent means this) grades as usual; under `fail_only`
   * a test fails only when its result is FAILED (runners that print failures only).
   */
  evalType?: EvalType;
  /** Seconds the eval script may run. */
  timeoutSec: number;
  version?: string;
  createdAt?: string;
  difficulty?: string;
  kind?: string;
  tags: string[];
  /** Files the reference patch touches (derived from goldPatch). */
  goldFiles: string[];
  /** For swe-tasks tasks: the repository snapshot folder, or a git bundle holding the history. */
  repoSource?: { kind: "snapshot"; dir: string } | { kind: "bundle"; file: string };
  /** Where the task came from: a directory or a dataset file with its line number. */
  origin: { kind: "swe-tasks"; dir: string } | { kind: "dataset"; file: string; line: number };
}
