// The per-test flake record across runs of one task set: `<traces>/flaky-tests.json`, keyed by task set
// (its content hash, as in the run manifest), instance and test. Each instance whose eval ran more than
// once (`--reruns`) adds one check to every graded test that failed in some run or flipped between them.
// The schema, the pure merge and the reading live here; runner/flake-record-store.ts writes the file.
import { readFile } from "node:fs/promises";
import { z } from "zod";
import type { EvalRuns } from "../grader/instance-outcome.js";

export const FLAKE_RECORD_FILE = "flaky-tests.json";

export const FlakeEntrySchema = z
  .object({
    /** Times the test was re-examined: its instance's eval ran more than once with the test failing in some run. */
    checked: z.number().int().nonnegative(),
    /** Of those, times its status differed between the runs. */
    flipped: z.number().int().nonnegative(),
    /** Graded runs of it seen over those checks, and how many it did not pass. */
    runs: z.number().int().nonnegative(),
    failed: z.number().int().nonnegative(),
    last_seen_run: z.string(),
    last_flip_run: z.string().nullable(),
    /** Its status in each run of the last check that flipped (null: absent from that run's log). */
    last_flip_statuses: z.array(z.string().nullable()).nullable(),
  })
  .strict();
export type FlakeEntry = z.infer<typeof FlakeEntrySchema>;

export const FlakeRecordSchema = z
  .object({
    version: z.literal(1),
    task_sets: z.record(z.string(), z.object({ instances: z.record(z.string(), z.record(z.string(), FlakeEntrySchema)) }).strict()),
  })
  .strict();
export type FlakeRecord = z.infer<typeof FlakeRecordSchema>;

export const emptyFlakeRecord = (): FlakeRecord => ({ version: 1, task_sets: {} });

/** The task set id the record is keyed by: the head of the manifest's task-set hash. */
export const taskSetId = (tasksSha256: string) => tasksSha256.slice(0, 16);

export interface FlakeObservation {
  taskSet: string;
  runId: string;
  instanceId: string;
  evalRuns: EvalRuns;
}

/** Adds one instance's reruns to the record (in place) and returns it. */
export function mergeFlakeObservation(record: FlakeRecord, o: FlakeObservation): FlakeRecord {
  const compared = o.evalRuns.runs.filter((r) => o.evalRuns.compared.includes(r.attempt));
  const flips = new Map(o.evalRuns.flipped.map((f) => [f.test, f]));
  const tests = new Set([...compared.flatMap((r) => r.failing), ...flips.keys()]);
  const set = record.task_sets[o.taskSet] ?? { instances: {} };
  record.task_sets[o.taskSet] = set;
  const instance = set.instances[o.instanceId] ?? {};
  set.instances[o.instanceId] = instance;
  for (const test of tests) {
    const e = instance[test] ?? {
      ...{ checked: 0, flipped: 0, runs: 0, failed: 0 },
      ...{ last_seen_run: o.runId, last_flip_run: null, last_flip_statuses: null },
    };
    instance[test] = e;
    const flip = flips.get(test);
    e.checked++;
    e.runs += compared.length;
    e.failed += compared.filter((r) => r.failing.includes(test)).length;
    e.last_seen_run = o.runId;
    if (flip) {
      e.flipped++;
      e.last_flip_run = o.runId;
      e.last_flip_statuses = flip.statuses;
    }
  }
  return record;
}

export interface FlippedTest {
  instanceId: string;
  test: string;
  entry: FlakeEntry;
}

/**
 * Tests of a task set that flipped at least once, most flips first; `instances` narrows them to a run's.
 * Without a task set (a run folder without its manifest), every set's entries for those instances.
 */
export function flippedTests(record: FlakeRecord, taskSet: string | undefined, instances?: ReadonlySet<string>): FlippedTest[] {
  const out: FlippedTest[] = [];
  const sets = taskSet === undefined ? Object.values(record.task_sets) : [record.task_sets[taskSet] ?? { instances: {} }];
  for (const [instanceId, tests] of sets.flatMap((set) => Object.entries(set.instances))) {
    if (instances && !instances.has(instanceId)) continue;
    for (const [test, entry] of Object.entries(tests)) if (entry.flipped > 0) out.push({ instanceId, test, entry });
  }
  return out.sort(
    (a, b) =>
      b.entry.flipped - a.entry.flipped || (a.instanceId < b.instanceId ? -1 : a.instanceId > b.instanceId ? 1 : a.test < b.test ? -1 : 1),
  );
}

/**
 * Reads a record file: empty when it does not exist. A file that is not a valid record gives
 * `problem` (naming the file) and an empty record, so a report is still written.
 */
export async function readFlakeRecord(path: string): Promise<{ record: FlakeRecord; problem?: string }> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { record: emptyFlakeRecord() };
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { record: emptyFlakeRecord(), problem: `${path}: not JSON (${(error as Error).message})` };
  }
  const parsed = FlakeRecordSchema.safeParse(json);
  if (parsed.success) return { record: parsed.data };
  const issue = parsed.error.issues[0];
  return {
    record: emptyFlakeRecord(),
    problem: `${path}: not a flaky-test record (${issue ? `${issue.path.join(".")}: ${issue.message}` : "invalid"})`,
  };
}
