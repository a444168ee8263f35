// How `swerig run` ends: its exit code and what it says on stderr about runs that broke on
// infrastructure (never scored) and about a run stopped after its first model call failed.
import type { RunSuiteSummary } from "../report/run-summary.js";
import type { EarlyStop } from "../runner/first-call-guard.js";
import { DISK_FULL_EXIT } from "./interrupt.js";
import type { CliIo } from "./output.js";

/** Exit codes of `swerig run` (also in its --help and the README). */
export const RUN_EXIT = {
  /** Every task run got a verdict (resolved or not). */
  ok: 0,
  /** swerig could not run at all (Docker unavailable, unreadable tasks, ...). */
  failed: 1,
  /** Bad options. */
  usage: 2,
  /** The run finished, but some task runs ended in an infrastructure error (agent_error or error); none was scored. */
  infraErrors: 3,
  /** The run stopped early: the agent's first model call (or first start) failed; the other tasks were not started. */
  stoppedEarly: 4,
  /** Stopped: a write of the run's files failed for lack of space (see DISK_FULL_EXIT). */
  diskFull: DISK_FULL_EXIT,
  /** Interrupted (Ctrl-C). */
  interrupted: 130,
} as const;

export const RUN_EXIT_HELP = [
  "exit codes:",
  "  0    every task run was graded (resolved or not)",
  "  1    swerig could not run (Docker unavailable, unreadable tasks, ...)",
  "  2    bad options",
  "  3    some task runs ended in an infrastructure error (agent_error: the model endpoint or agent command failed;",
  "       error: Docker or swerig failed); they are listed on stderr and in summary.json, and none was scored",
  "  4    stopped early: the agent's first model call or start failed (e.g. connection refused, 404 model, 401 key)",
  "  5    stopped: the disk holding the traces folder is full; free space and run the same command again",
  "  130  interrupted",
];

/** Statuses of runs that broke on infrastructure rather than ending in a verdict. */
const INFRA_STATUSES = new Set(["agent_error", "error"]);

/** Prints the infrastructure failures and the early stop, if any, and returns the exit code. */
export function reportRunEnd(summary: RunSuiteSummary, io: CliIo, end: { cancelled: boolean; stoppedEarly?: EarlyStop }): number {
  const reasons = new Map(summary.swerig.errors.map((e) => [e.instance_id, e.reason]));
  const broken = summary.runs.filter((r) => INFRA_STATUSES.has(r.status));
  if (broken.length > 0) {
    io.err(`\n${broken.length} task run(s) ended in an infrastructure error and were not scored:`);
    for (const r of broken) {
      const full = (r.sample === 0 ? reasons.get(r.taskId) : undefined) ?? r.agentDetail ?? "no reason recorded";
      const reason = full.startsWith(`${r.taskId}: `) ? full.slice(r.taskId.length + 2) : full;
      io.err(`  ${r.taskId}${summary.agent.samples > 1 ? ` #${r.sample}` : ""}: ${r.status}: ${reason}`);
    }
  }
  if (end.stoppedEarly) {
    const left = summary.stopped_early?.not_started ?? 0;
    const where = `before its first answer on ${end.stoppedEarly.taskId}`;
    io.err(`\nswerig run: stopped early: the agent failed ${where}, so ${left} other task run(s) were not started.`);
    io.err(`  cause: ${end.stoppedEarly.reason}`);
    return RUN_EXIT.stoppedEarly;
  }
  if (end.cancelled) return RUN_EXIT.interrupted;
  return broken.length > 0 ? RUN_EXIT.infraErrors : RUN_EXIT.ok;
}
