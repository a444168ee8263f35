// Imports a mini-swe-agent trajectory (`.traj.json`, formats 1 and 1.1) as trace events. Each of their actions
// runs in a fresh `bash -c` in /testbed (cd and exports do not persist), as our shell tool does, so an action
// becomes `shell {command}`; the command that echoes their submission marker becomes `submit {}`.
import { z } from "zod";
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

const ContentSchema = z.union([z.string(), z.null(), z.array(z.looseObject({ text: z.string().optional() }))]);

const MessageSchema = z.looseObject({
  role: z.string(),
  content: ContentSchema.optional(),
  tool_call_id: z.string().optional(),
  /** Format 1. */
  timestamp: z.number().optional(),
  /** Format 1.1. */
  extra: z
    .looseObject({
      actions: z.array(z.looseObject({ command: z.string(), tool_call_id: z.string().optional() })).optional(),
      cost: z.number().nonnegative().optional(),
      timestamp: z.number().optional(),
      exception_info: z.string().nullable().optional(),
      exit_status: z.string().nullable().optional(),
      submission: z.string().nullable().optional(),
      response: z.unknown().optional(),
    })
    .optional(),
});
type Message = z.infer<typeof MessageSchema>;

export const MiniSweAgentTrajectorySchema = z.looseObject({
  trajectory_format: z.string().optional(),
  instance_id: z.string().optional(),
  messages: z.array(MessageSchema),
  info: z.looseObject({
    exit_status: z.string().nullable().optional(),
    submission: z.string().nullable().optional(),
    mini_version: z.string().optional(),
    model_stats: z
      .looseObject({ instance_cost: z.number().nonnegative().optional(), api_calls: z.number().int().nonnegative().optional() })
      .optional(),
    config: z
      .looseObject({
        agent: z.record(z.string(), z.unknown()).optional(),
        model: z.record(z.string(), z.unknown()).optional(),
        environment: z.record(z.string(), z.unknown()).optional(),
      })
      .optional(),
  }),
});
export type MiniSweAgentTrajectory = z.infer<typeof MiniSweAgentTrajectorySchema>;

/** What litellm (or a provider) answered, as far as usage and the stop reason go. */
const ResponseSchema = z.looseObject({
  usage: z
    .looseObject({
      prompt_tokens: z.number().int().nonnegative().optional(),
      completion_tokens: z.number().int().nonnegative().optional(),
      input_tokens: z.number().int().nonnegative().optional(),
      output_tokens: z.number().int().nonnegative().optional(),
    })
    .optional(),
  choices: z.array(z.looseObject({ finish_reason: z.string().nullable().optional() })).optional(),
});

/** The echo that ends their run; what the command prints after it is the submission. */
const SUBMIT_MARKER = /\becho\s+['"]?(COMPLETE_TASK_AND_SUBMIT_FINAL_OUTPUT|MINI_SWE_AGENT_FINAL_OUTPUT)\b/;
/** Format 1: the one bash block of an assistant message is its action. */
const BASH_BLOCK = /```bash\s*\n(.*?)\n```/gs;

const textOf = (content: Message["content"]) =>
  typeof content === "string" ? content : Array.isArray(content) ? content.map((p) => p.text ?? "").join("") : "";
const timeOf = (m: Message | undefined) => m?.extra?.timestamp ?? m?.timestamp;
const msBetween = (from: number | undefined, to: number | undefined) =>
  from !== undefined && to !== undefined ? Math.max(0, Math.round((to - from) * 1000)) : 0;
const withoutTemplates = (config: Record<string, unknown> | undefined) =>
  config && Object.fromEntries(Object.entries(config).filter(([key]) => !key.endsWith("_template")));

interface Action {
  id: string;
  command: string;
  toolCallId: string | undefined;
  observation: Message | undefined;
}

/** The actions of the assistant message at `index`, each with the observation that answered it. */
function actionsOf(messages: Message[], index: number, problems: string[]): Action[] {
  const message = messages[index]!;
  const listed =
    message.extra?.actions ?? [...textOf(message.content).matchAll(BASH_BLOCK)].map((m) => ({ command: m[1]!, tool_call_id: undefined }));
  // Format 1 takes exactly one block; anything else was a format error they answered without running a command.
  const commands = message.extra?.actions === undefined && listed.length !== 1 ? [] : listed;
  const actions: Action[] = commands.map((a, i) => ({
    id: a.tool_call_id ?? `mini-swe-agent-${index}-${i}`,
    command: a.command,
    toolCallId: a.tool_call_id,
    observation: undefined,
  }));
  for (let j = index + 1; j < messages.length && messages[j]!.role !== "assistant" && messages[j]!.role !== "exit"; j++) {
    const m = messages[j]!;
    if (m.role !== "tool" && m.role !== "user") continue;
    const target =
      m.tool_call_id !== undefined
        ? actions.find((a) => a.toolCallId === m.tool_call_id)
        : actions.find((a) => a.observation === undefined);
    if (target && target.observation === undefined) target.observation = m;
    else if (commands.length > 0) problems.push(`message ${j}: a ${m.role} message that answers no action of message ${index}; ignored`);
  }
  return actions;
}

/** Their exit status as our end reason; LimitsExceeded is read against the configured limits. */
export function miniSweAgentEnd(
  status: string | null | undefined,
  info: MiniSweAgentTrajectory["info"],
): { reason: EndReason; limit?: { kind: LimitKind; detail: string } } {
  if (status === "Submitted") return { reason: "submitted" };
  if (status === "FormatError") return { reason: "no_tool_call" };
  if (status !== "LimitsExceeded") return { reason: "error" };
  const agent = info.config?.agent ?? {};
  const costLimit = typeof agent["cost_limit"] === "number" ? agent["cost_limit"] : 0;
  const stepLimit = typeof agent["step_limit"] === "number" ? agent["step_limit"] : 0;
  const cost = info.model_stats?.instance_cost ?? 0;
  const calls = info.model_stats?.api_calls ?? 0;
  const kind: LimitKind = costLimit > 0 && cost >= costLimit ? "cost" : "steps";
  return {
    reason: "limit",
    limit: { kind, detail: `api_calls ${calls} of step_limit ${stepLimit}; cost ${cost} of cost_limit ${costLimit}` },
  };
}

/**
 * Imports a mini-swe-agent trajectory: run_start (model and settings from info.config), per assistant
 * message a model_response (its text, token usage and cost as they recorded them, else 0) and a
 * tool_call and tool_result per action (their observation message as the output), then limit (when
 * one ended the run), agent_end and patch. Times are theirs where recorded.
 * @throws SwerigError("invalid_input") when `json` is not a mini-swe-agent trajectory, naming the bad field.
 */
export function importMiniSweAgentTrajectory(json: unknown, options: ImportOptions): ImportResult {
  const traj = parseTrajectory(MiniSweAgentTrajectorySchema, json, "mini-swe-agent");
  const { info, messages } = traj;
  const taskId = options.taskId ?? traj.instance_id;
  const start = messages.reduce<number | undefined>((min, m) => {
    const t = timeOf(m);
    return t === undefined || (min !== undefined && min <= t) ? min : t;
  }, undefined);
  const trace = new ImportedTrace({ runId: options.runId, taskId: taskId ?? UNKNOWN }, start);
  if (taskId === undefined)
    trace.problems.push(`the trajectory names no instance; give its id (swerig import --instance ID); events use "${UNKNOWN}"`);

  const config = info.config ?? {};
  const model = config.model?.["model_name"];
  const image = config.environment?.["image"];
  const timeout = config.environment?.["timeout"];
  const timeoutSec = typeof timeout === "number" && Number.isInteger(timeout) && timeout > 0 && timeout <= 1800 ? timeout : undefined;
  const exit = messages.find((m) => m.role === "exit");
  const status = exit?.extra?.exit_status ?? info.exit_status ?? null;
  const submission = info.submission ?? exit?.extra?.submission ?? null;
  trace.push("run_start", {
    task: importedTask(taskId ?? UNKNOWN, options),
    agent: "mini-swe-agent",
    importedFrom: "mini-swe-agent",
    model: typeof model === "string" ? model : null,
    settings: {
      source: "mini-swe-agent",
      trajectory_format: traj.trajectory_format ?? null,
      mini_version: info.mini_version ?? null,
      exit_status: status,
      ...(info.model_stats ? { model_stats: info.model_stats } : {}),
      ...Object.fromEntries(Object.entries(config).filter(([key]) => key.endsWith("_type"))),
      ...(config.agent ? { agent: withoutTemplates(config.agent) } : {}),
      ...(config.model ? { model: withoutTemplates(config.model) } : {}),
      ...(config.environment ? { environment: config.environment } : {}),
    },
    image: typeof image === "string" ? image : UNKNOWN,
    imageDigest: null,
  });

  const lastAssistant = messages.map((m) => m.role).lastIndexOf("assistant");
  let step = 0;
  let previousTime: number | undefined;
  messages.forEach((message, index) => {
    const time = timeOf(message);
    if (message.role !== "assistant") {
      previousTime = time ?? previousTime;
      return;
    }
    step++;
    const actions = actionsOf(messages, index, trace.problems);
    const isSubmit = (a: Action, i: number) =>
      SUBMIT_MARKER.test(a.command) &&
      (a.observation === undefined || (index === lastAssistant && i === actions.length - 1 && status === "Submitted"));
    const calls = actions.map((a, i) =>
      isSubmit(a, i)
        ? { id: a.id, name: "submit", arguments: {} }
        : { id: a.id, name: "shell", arguments: { command: a.command, ...(timeoutSec !== undefined ? { timeout_sec: timeoutSec } : {}) } },
    );
    const response = ResponseSchema.safeParse(message.extra?.response);
    const usage = response.success ? response.data.usage : undefined;
    trace.push(
      "model_response",
      {
        step,
        text: textOf(message.content),
        toolCalls: calls,
        usage: {
          inputTokens: usage?.prompt_tokens ?? usage?.input_tokens ?? 0,
          outputTokens: usage?.completion_tokens ?? usage?.output_tokens ?? 0,
        },
        costUsd: message.extra?.cost ?? 0,
        latencyMs: msBetween(previousTime, time),
        stopReason: (response.success ? response.data.choices?.[0]?.finish_reason : undefined) ?? null,
      },
      time,
    );
    previousTime = time ?? previousTime;
    actions.forEach((action, i) => {
      const call = calls[i]!;
      trace.push("tool_call", { ...call, step }, time);
      const observation = action.observation;
      const observedAt = timeOf(observation);
      const output = observation ? textOf(observation.content) : call.name === "submit" ? textOf(exit?.content) || (submission ?? "") : "";
      if (!observation && call.name !== "submit")
        trace.problems.push(`message ${index}: action ${i + 1} has no observation; recorded with an empty output`);
      trace.push(
        "tool_result",
        {
          id: call.id,
          name: call.name,
          output,
          isError: Boolean(observation?.extra?.exception_info),
          durationMs: msBetween(previousTime, observedAt),
        },
        observedAt,
      );
      previousTime = observedAt ?? previousTime;
    });
  });

  const end = miniSweAgentEnd(status, info);
  return trace.finish({ reason: end.reason, detail: status, ...(end.limit ? { limit: end.limit } : {}) }, submission);
}
