// swerig replay: re-execute a trace's tool calls in a fresh environment (or, --offline, drive its agent
// with the recorded observations) and report the first divergence; exit 0 when all match, 1 otherwise.
import { access, constants } from "node:fs/promises";
import { z } from "zod";
import { loadTasks } from "../tasks/index.js";
import { dockerAgentEnvironments } from "../runner/docker-agent-env.js";
import { dockerGradingEnvironments } from "../runner/docker-grading.js";
import { replayTrace, type ReplayReport } from "../runner/replay.js";
import { parseOptions, value, type CommandSpec } from "./args.js";
import { reportProblems, type CliIo } from "./output.js";
import { describeSubmission } from "./replay-text.js";

export const replaySpec: CommandSpec<"TRACE"> = {
  name: "replay",
  summary:
    "Replay a trace's tool calls in a fresh container (or --offline through its agent), report the first divergence and compare " +
    "the replayed diff with the recorded submission.",
  positionals: [{ name: "TRACE", description: "a trace file: traces/<run-id>/<task>/trace.jsonl" }],
  options: {
    tasks: { type: "string", arg: "DIR|FILE", description: "where the trace's task is defined", default: "swe-tasks" },
    grade: { type: "boolean", description: "grade the trace's recorded submission in a fresh container" },
    "grade-replayed": { type: "boolean", description: "grade the replayed working copy's diff instead of the recorded submission" },
    offline: { type: "boolean", description: "no container: feed the recorded observations to the trace's agent" },
    json: { type: "boolean", description: "print the report as JSON" },
  },
};

function describe(report: ReplayReport): string[] {
  const lines = report.compared
    ? [`task ${report.taskId}, agent ${report.agent}: ${report.matched}/${report.calls} calls matched`]
    : [
        `task ${report.taskId}, imported from ${report.agent}: ${report.matched}/${report.calls} calls re-executed (observations not ` +
          `compared: they are in ${report.agent}'s formats)`,
      ];
  if (report.tornTail) lines.push("note: the trace's last line was torn (incomplete) and was ignored");
  const d = report.divergence;
  if (d) {
    lines.push(`first divergence at call ${d.index} (${d.call.name} ${JSON.stringify(d.call.arguments)}), line ${d.line} of its output:`);
    lines.push(`  recorded: ${d.recorded}`, `  replayed: ${d.replayed}`);
  }
  const c = report.callDivergence;
  if (c) {
    lines.push(`first divergence at call ${c.index}: the agent called ${c.actual.name} ${JSON.stringify(c.actual.arguments)}`);
    lines.push(`  the trace has: ${c.expected ? `${c.expected.name} ${JSON.stringify(c.expected.arguments)}` : "no more calls"}`);
  }
  if (report.submission) lines.push(...describeSubmission(report.submission));
  if (report.grade) {
    const what = report.graded === "replayed_diff" ? "the replayed diff" : "the recorded submission";
    lines.push(`grade of ${what}: ${report.grade.status}${report.grade.reason ? ` (${report.grade.reason})` : ""}`);
  }
  return lines;
}

const ReplayOptions = z
  .object({ tasks: value.text, grade: value.flag, "grade-replayed": value.flag, offline: value.flag, json: value.flag })
  .refine((o) => !(o.offline && (o.grade || o["grade-replayed"])), {
    path: ["offline"],
    message: "and --grade conflict: grading runs the hidden tests in a container; drop one",
  });

export async function replay(argv: string[], io: CliIo): Promise<number> {
  const { options, args } = parseOptions(replaySpec, argv, ReplayOptions);
  const path = args.TRACE;
  const { offline, grade, "grade-replayed": gradeReplayed } = options;
  // The trace is the user's input: a missing one is said before anything else is started.
  await access(path, constants.R_OK);
  const { tasks, problems } = await loadTasks(options.tasks);
  reportProblems(
    io,
    problems.filter((p) => p.instanceId),
  );
  const report = await replayTrace(path, {
    tasks: new Map(tasks.map((t) => [t.id, t])),
    offline,
    grade,
    gradeReplayed,
    ...(offline
      ? {}
      : { agentEnvironments: dockerAgentEnvironments("replay"), createGradingEnvironment: await dockerGradingEnvironments("replay") }),
  });
  reportProblems(io, report.problems);
  io.out(options.json ? JSON.stringify(report, null, 2) : describe(report).join("\n"));
  const differs = report.submission !== undefined && report.submission.comparison?.equal !== true;
  return report.divergence || report.callDivergence || differs ? 1 : 0;
}
