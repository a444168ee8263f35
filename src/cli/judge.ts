// swerig judge: an LLM scores each final diff of a run on the rubric (correctness risk, readability,
// idiomatic style, minimality); writes judge.json into the run folder and prints the means and cost.
import { z } from "zod";
import { judgeRun } from "../runner/judge-run.js";
import { JUDGE_CRITERIA } from "../report/judge-rubric.js";
import { parseOptions, SHARED_OPTIONS, value, type CommandSpec } from "./args.js";
import { modelClient } from "./make-agent.js";
import type { CliIo } from "./output.js";
import { openRun, tasksIfAny } from "./report-inputs.js";

export const judgeSpec: CommandSpec<"RUN"> = {
  name: "judge",
  summary: "Score each final diff of a run with an LLM judge on a rubric (1-5 with a reason per criterion).",
  positionals: [{ name: "RUN", description: "a run id under --traces-dir, or a run folder" }],
  options: {
    agent: { type: "string", arg: "openai|anthropic", description: "the model client the judge speaks through" },
    model: { type: "string", arg: "NAME", description: "the judge's model" },
    "base-url": { type: "string", arg: "URL", description: "the model endpoint (any OpenAI-compatible server for openai)" },
    "api-key-env": {
      type: "string",
      arg: "VAR",
      description: "environment variable holding the API key (default OPENAI_API_KEY / ANTHROPIC_API_KEY)",
    },
    "max-attempts": {
      type: "string",
      arg: "N",
      description: "requests per model call, retries of 429/5xx/network errors included (default 6)",
    },
    concurrency: { type: "string", arg: "N", description: "requests in flight at once", default: "4" },
    tasks: {
      type: "string",
      arg: "DIR|FILE",
      description: "tasks, for the issue text the judge reads with each diff",
      default: "swe-tasks",
    },
    "traces-dir": SHARED_OPTIONS["traces-dir"],
    instances: { type: "string", arg: "ID,ID", description: "only these instances (a sample to calibrate on, a cheaper pass)" },
    force: { type: "boolean", description: "judge again diffs already scored by this model and rubric" },
    json: { type: "boolean", description: "print judge.json" },
  },
  required: ["agent", "model"],
  notes: ["Check the judge against human labels first: swerig judge calibrate <run-id> --labels FILE (see the README)."],
};

/** The option values, typed; the model client's own (--base-url, --api-key-env) are read by make-agent. */
const JudgeOptions = z.object({
  agent: value.oneOf(["openai", "anthropic"]),
  model: value.text,
  "max-attempts": value.positiveInt.optional(),
  concurrency: value.positiveInt,
  tasks: value.text,
  "traces-dir": value.text,
  instances: value.list.optional(),
  force: value.flag,
  json: value.flag,
});

export async function judge(argv: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const { options, args, values } = parseOptions(judgeSpec, argv, JudgeOptions);
  const client = modelClient(options.agent, values)();
  const { instances } = options;
  const tasks = await tasksIfAny(options.tasks, io);
  const folder = await openRun(args.RUN, options["traces-dir"], tasks);
  const problemStatements = new Map([...(tasks?.values() ?? [])].map((t) => [t.id, t.problemStatement]));
  const result = await judgeRun(folder, {
    client,
    problemStatements,
    concurrency: options.concurrency,
    force: options.force,
    ...(instances ? { instances: new Set(instances) } : {}),
    ...(signal ? { signal } : {}),
    onJudged: (j) => io.err(`judge: ${j.instanceId}${"failure" in j ? `: failed (${j.failure})` : ""}`),
  });
  if (options.json) {
    io.out(JSON.stringify(result, null, 2));
    return 0;
  }
  const failed = result.instances.filter((i) => "failure" in i).length;
  const lines = [
    `judge ${result.provider}/${result.model} on ${result.runId}: ` +
      `${result.instances.length} diffs, ${failed} failed, ${result.reused} kept from before`,
  ];
  for (const c of JUDGE_CRITERIA) {
    const mean = result.means[c];
    lines.push(`  ${c.padEnd(18)} mean ${mean === null ? "n/a" : mean.toFixed(2)}`);
  }
  const cost = result.priceKnown ? `$${result.usage.costUsd.toFixed(4)}` : "cost unknown (no price for the model)";
  lines.push(`  tokens ${result.usage.inputTokens} in, ${result.usage.outputTokens} out; ${result.usage.requests} requests; ${cost}`);
  io.out(lines.join("\n"));
  return 0;
}
