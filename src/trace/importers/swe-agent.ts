// Imports a SWE-agent trajectory (`.traj`: v0 as CodeR wrote it, and 1.x, whose function-calling history is
// read by swe-agent-v1.ts) as trace events: per step a model_response, then its command as a call of our
// tools recording their observation. Their session keeps `cd` and ours does not, so a step's working
// directory is prefixed to its shell command.
import { z } from "zod";
import { mapSweAgentAction, type MappedAction, type SweAgentState } from "./swe-agent-commands.js";
import { hasToolCalls, HistoryItemSchema, pushToolCallSteps } from "./swe-agent-v1.js";
import {
  ImportedTrace,
  importedTask,
  parseTrajectory,
  UNKNOWN,
  type EndReason,
  type ImportOptions,
  type ImportResult,
  type LimitKind,
} from "./imported-trace.js";

const StateSchema = z.looseObject({ open_file: z.string().optional(), working_dir: z.string().optional() });

const StepSchema = z.looseObject({
  action: z.string(),
  observation: z.string().nullable(),
  thought: z.string().optional(),
  response: z.string().optional(),
  /** v0: a JSON string; v1: an object. */
  state: z.union([z.string(), StateSchema, z.null()]).optional(),
  /** v1: seconds the command ran. */
  execution_time: z.number().nonnegative().optional(),
});

export const SweAgentTrajectorySchema = z.looseObject({
  environment: z.string().optional(),
  trajectory: z.array(StepSchema),
  /** v1: the conversation; with function calling, the assistant messages carry tool_calls. */
  history: z.array(HistoryItemSchema).optional(),
  info: z.looseObject({
    exit_status: z.string().nullable().optional(),
    /** v1 may keep a structured submission (a reviewer's); only a patch text is one we can use. */
    submission: z
      .union([z.string(), z.record(z.string(), z.unknown())])
      .nullable()
      .optional(),
    model_stats: z
      .looseObject({
        instance_cost: z.number().nonnegative().optional(),
        tokens_sent: z.number().int().nonnegative().optional(),
        tokens_received: z.number().int().nonnegative().optional(),
        api_calls: z.number().int().nonnegative().optional(),
      })
      .optional(),
  }),
  /** v1: the run's configuration as a JSON string. */
  replay_config: z.union([z.string(), z.record(z.string(), z.unknown())]).optional(),
});
export type SweAgentTrajectory = z.infer<typeof SweAgentTrajectorySchema>;

const ReplayConfigSchema = z.looseObject({
  agent: z.looseObject({ model: z.looseObject({ name: z.string().optional() }).optional() }).optional(),
  env: z.looseObject({ repo: z.looseObject({ repo_name: z.string().optional() }).nullable().optional() }).optional(),
  problem_statement: z.looseObject({ id: z.string().optional() }).optional(),
});

function readState(raw: z.infer<typeof StepSchema>["state"], step: number, problems: string[]): SweAgentState {
  let value: unknown = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch {
      problems.push(`step ${step}: state is not JSON; open file and working directory unknown`);
      value = undefined;
    }
  }
  const state = StateSchema.safeParse(value);
  const openFile = state.success ? state.data.open_file : undefined;
  return { openFile: openFile === "n/a" ? undefined : openFile, workingDir: state.success ? state.data.working_dir : undefined };
}

/** Their exit status as our end reason: `submitted (exit_cost)` is a submission forced by a limit. */
export function sweAgentEnd(status: string | null | undefined): { reason: EndReason; limit?: LimitKind } {
  if (!status) return { reason: "error" };
  if (status === "submitted") return { reason: "submitted" };
  const cause = /^submitted \((.+)\)$/.exec(status)?.[1] ?? status;
  const limits: Record<string, LimitKind> = {
    exit_cost: "cost",
    exit_context: "tokens",
    exit_total_execution_time: "wall_time",
    exit_step_limit: "steps",
  };
  const limit = limits[cause];
  if (limit) return { reason: "limit", limit };
  if (cause === "exit_format") return { reason: "no_tool_call" };
  if (cause === "exit_forfeit" || cause === "early_exit") return { reason: "finished" };
  return { reason: "error" };
}

/** Whether our tool would report this observation as an error result. */
function observationIsError(name: string, observation: string): boolean {
  if (name === "shell") return /^\s*EXECUTION TIMED OUT\s*$/m.test(observation);
  if (name === "submit") return false;
  return /^(No file open|Error:|Usage:|File .* not found)/m.test(observation);
}

function replayConfig(raw: SweAgentTrajectory["replay_config"], problems: string[]): z.infer<typeof ReplayConfigSchema> | undefined {
  if (raw === undefined) return undefined;
  let value: unknown = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch {
      problems.push("replay_config is not JSON; the model name is unknown");
      return undefined;
    }
  }
  const parsed = ReplayConfigSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Imports a SWE-agent trajectory: run_start, per step a model_response (their thought; tokens 0, as
 * v0 keeps only totals; cost their instance_cost spread evenly over the steps) and a tool_call and
 * tool_result for its command, then limit (when one ended the run), agent_end and patch.
 * With function calling (1.x) the steps are the assistant messages of `history` and each tool call is
 * mapped by its name and arguments (str_replace_editor as our file tools, not shell); only the last
 * submit is one, earlier ones were answered by their review. Actions without an equivalent (CodeR's
 * plan/succeed/fail, an editor command that failed) get no tool call; they and approximated ones are
 * counted in stats.unmapped and described in problems.
 * @throws SwerigError("invalid_input") when `json` is not a SWE-agent trajectory, naming the bad field.
 */
export function importSweAgentTrajectory(json: unknown, options: ImportOptions): ImportResult {
  const traj = parseTrajectory(SweAgentTrajectorySchema, json, "SWE-agent");
  const setupProblems: string[] = [];
  const config = replayConfig(traj.replay_config, setupProblems);
  const taskId = options.taskId ?? config?.problem_statement?.id;
  if (taskId === undefined)
    setupProblems.push(`the trajectory names no instance; give its id (swerig import --instance ID); events use "${UNKNOWN}"`);
  const trace = new ImportedTrace({ runId: options.runId, taskId: taskId ?? UNKNOWN }, undefined);
  trace.problems.push(...setupProblems);

  const states = traj.trajectory.map((s, i) => readState(s.state, i + 1, trace.problems));
  const toolCalls = hasToolCalls(traj.history);
  // v1 starts its shell in the repository (/<repo_name>); v0 records the working directory before each step.
  const root = toolCalls ? `/${config?.env?.repo?.repo_name ?? "testbed"}` : states.find((s) => s.workingDir !== undefined)?.workingDir;
  const submission = typeof traj.info.submission === "string" ? traj.info.submission : null;
  if (traj.info.submission && submission === null) trace.problems.push("info.submission is not a patch text; no recorded submission");
  const stats = traj.info.model_stats;
  const end = sweAgentEnd(traj.info.exit_status);
  trace.push("run_start", {
    task: importedTask(taskId ?? UNKNOWN, options),
    agent: "swe-agent",
    importedFrom: "swe-agent",
    model: config?.agent?.model?.name ?? null,
    settings: {
      source: "swe-agent",
      ...(toolCalls ? { format: "1.x function calling" } : {}),
      ...(traj.environment !== undefined ? { environment: traj.environment } : {}),
      exit_status: traj.info.exit_status ?? null,
      ...(stats ? { model_stats: stats } : {}),
      ...(root !== undefined ? { repository_dir: root } : {}),
      ...(config ? { replay_config: config } : {}),
    },
    image: UNKNOWN,
    imageDigest: null,
  });

  const autosubmitted = /^submitted \(/.test(traj.info.exit_status ?? "");
  if (toolCalls) {
    const history = traj.history!;
    const turns = history.filter((h) => h.role === "assistant" && !h.is_demo && (h.tool_calls?.length ?? 0) > 0).length;
    if (turns !== traj.trajectory.length) {
      trace.problems.push(
        `${turns} tool-call turns but ${traj.trajectory.length} trajectory steps: timings and working directories unknown`,
      );
    }
    const steps = turns === traj.trajectory.length ? traj.trajectory.map((s, i) => ({ ...s, workingDir: states[i]!.workingDir })) : [];
    const costPerTurn = turns > 0 ? (stats?.instance_cost ?? 0) / turns : 0;
    pushToolCallSteps(trace, history, steps, { root: root!, costPerTurn, submitted: end.reason === "submitted" || autosubmitted });
  } else pushActionSteps(trace, traj, states, { root, autosubmitted, instanceCost: stats?.instance_cost ?? 0 });

  const status = traj.info.exit_status ?? null;
  const limit = end.limit ? { kind: end.limit, detail: `their exit status: ${status}` } : undefined;
  return trace.finish({ reason: end.reason, detail: status, ...(limit ? { limit } : {}) }, submission);
}

/** v0: per step a model_response and the tool call its command maps to. */
function pushActionSteps(
  trace: ImportedTrace,
  traj: SweAgentTrajectory,
  states: SweAgentState[],
  context: { root: string | undefined; autosubmitted: boolean; instanceCost: number },
): void {
  const costShare = traj.trajectory.length > 0 ? context.instanceCost / traj.trajectory.length : 0;
  const { root, autosubmitted } = context;
  traj.trajectory.forEach((s, i) => {
    const step = i + 1;
    const observation = s.observation ?? "";
    const mapped: MappedAction = mapSweAgentAction(s.action, observation, states[i]!, { root, autosubmitted });
    const label = `step ${step} (${JSON.stringify(s.action.split("\n")[0]!.slice(0, 60))})`;
    const call = mapped.kind === "call" ? { id: `swe-agent-${step}`, name: mapped.name, arguments: mapped.arguments } : undefined;
    trace.push("model_response", {
      step,
      text: s.thought ?? s.response ?? "",
      toolCalls: call ? [call] : [],
      usage: { inputTokens: 0, outputTokens: 0 },
      costUsd: costShare,
      latencyMs: 0,
      stopReason: null,
    });
    if (mapped.kind === "unmapped") {
      trace.unmappedAction(`${label}: not imported as a tool call: ${mapped.reason}`);
      return;
    }
    if (mapped.approximation) trace.unmappedAction(`${label}: approximated: ${mapped.approximation}`);
    trace.push("tool_call", { ...call!, step });
    trace.push("tool_result", {
      id: call!.id,
      name: call!.name,
      output: observation,
      isError: observationIsError(call!.name, observation),
      durationMs: (s.execution_time ?? 0) * 1000,
      ...(mapped.viewed ? { viewed: mapped.viewed } : {}),
      ...(mapped.edited ? { edited: mapped.edited } : {}),
    });
  });
}
