// Options several commands share beyond --instances: the creation-date range (grade, run, tasks list),
// --reruns and --judge-tests (grade, run: EVAL_OPTIONS) and --cutoff (report, compare); parsed here, with errors
// naming the option.
import { SwerigError } from "../core/index.js";
import { parseDateArgument, selectCreated, type CreatedRange, type Task } from "../tasks/index.js";
import { optionValue, stringOption, value, type OptionSpec, type ParsedOptions } from "./args.js";
import type { CliIo } from "./output.js";

export const CREATED_OPTIONS: Record<string, OptionSpec> = {
  "created-after": { type: "string", arg: "DATE", description: "only tasks created at or after DATE (YYYY-MM-DD, UTC)" },
  "created-before": { type: "string", arg: "DATE", description: "only tasks created before DATE (YYYY-MM-DD, UTC)" },
};

/** `--judge-tests` on grade and run: the agent's own tests, run before and after the reference fix. */
export const JUDGE_TESTS_OPTION: Record<string, OptionSpec> = {
  "judge-tests": {
    type: "boolean",
    description:
      "run the tests a patch adds or changes on the base code and on the reference fix (two more containers for each such patch)",
  },
};

export const RERUNS_OPTION: Record<string, OptionSpec> = {
  reruns: {
    type: "string",
    arg: "N",
    description:
      "rerun the eval up to N times (fresh container, same patch) when a FAIL_TO_PASS or PASS_TO_PASS test failed;" +
      " runs that disagree mark the instance flaky (the first run's verdict stands)",
    default: "0",
  },
};

export const CUTOFF_OPTION: Record<string, OptionSpec> = {
  cutoff: {
    type: "string",
    arg: "DATE",
    description: "slice results into tasks created before and after DATE (a model's training cutoff)",
  },
};

/** The --created-after/--created-before range; throws SwerigError("invalid_input") naming the bad option. */
export function parseCreatedRange(values: ParsedOptions): CreatedRange {
  const after = stringOption(values, "created-after");
  const before = stringOption(values, "created-before");
  const range: CreatedRange = {
    ...(after !== undefined ? { after: parseDateArgument(after, "--created-after") } : {}),
    ...(before !== undefined ? { before: parseDateArgument(before, "--created-before") } : {}),
  };
  if (range.after !== undefined && range.before !== undefined && range.after >= range.before)
    throw new SwerigError("invalid_input", `--created-after ${after} is not earlier than --created-before ${before}: no task could match`);
  return range;
}

/** The tasks inside the range; a warning names how many had no creation date. */
export function applyCreatedRange(tasks: readonly Task[], range: CreatedRange, io: CliIo): Task[] {
  const selected = selectCreated(tasks, range);
  if (selected.undated.length > 0)
    io.err(
      `warning: ${selected.undated.length} task(s) without a creation date left out by the date range: ` +
        `${selected.undated.slice(0, 5).join(", ")}${selected.undated.length > 5 ? ", ..." : ""}`,
    );
  return selected.tasks;
}

/** --judge-tests (with --queue too: it travels in each job, and the workers judge the tests). */
export function parseJudgeTests(values: ParsedOptions): boolean {
  return values["judge-tests"] === true;
}

/** --reruns: a whole number, 0 or more; refused with --queue, whose workers grade each instance once. */
export function parseReruns(values: ParsedOptions): number {
  const n = optionValue(values, "reruns", value.count) ?? 0;
  if (n > 0 && values["queue"] !== undefined)
    throw new SwerigError("invalid_input", "--reruns does not work with --queue yet: queue workers grade each instance once");
  return n;
}

/** The options `grade` and `run` share past --instances: reruns, the agent's tests judged, creation dates. */
export const EVAL_OPTIONS: Record<string, OptionSpec> = { ...RERUNS_OPTION, ...JUDGE_TESTS_OPTION, ...CREATED_OPTIONS };

export interface EvalOptions {
  reruns: number;
  judgeTests: boolean;
  createdRange: CreatedRange;
}

/** EVAL_OPTIONS parsed, each with errors naming its option. */
export function parseEvalOptions(values: ParsedOptions): EvalOptions {
  return { reruns: parseReruns(values), judgeTests: parseJudgeTests(values), createdRange: parseCreatedRange(values) };
}

/** --cutoff as epoch ms, or undefined. */
export function parseCutoff(values: ParsedOptions): number | undefined {
  const raw = stringOption(values, "cutoff");
  return raw === undefined ? undefined : parseDateArgument(raw, "--cutoff");
}

/** The error for --cutoff when the tasks (where creation dates come from) did not load. */
export function cutoffNeedsTasks(source: string): SwerigError {
  return new SwerigError("invalid_input", `--cutoff needs the tasks' creation dates, and --tasks ${source} could not be loaded`);
}
