// swerig judge: an LLM scores each final diff of a run on the rubric (correctness risk, readability,
// idiomatic style, minimality); writes judge.json into the run folder and prints the means and cost.
import { judgeRun } from "../runner/judge-run.js";
import { JUDGE_CRITERIA } from "../report/judge-rubric.js";
import { SwerigError } from "../core/index.js";
import { intOption, parseCommand, stringOption, type CommandSpec } from "./args.js";
import { modelClient } from "./make-agent.js";
import type { CliIo } from "./output.js";
import { openRun, tasksIfAny } from "./report-inputs.js";

export const judgeSpec: CommandSpec = {
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
    "traces-dir": { type: "string", arg: "DIR", description: "where runs are written", default: "traces" },
    instances: { type: "string", arg: "ID,ID", description: "only these instances (a sample to calibrate on, a cheaper pass)" },
    force: { type: "boolean", description: "judge again diffs already scored by this model and rubric" },
    json: { type: "boolean", description: "print judge.json" },
  },
  required: ["agent", "model"],
  notes: ["Check the judge against human labels first: swerig judge calibrate <run-id> --labels FILE (see the README)."],
};

export async function judge(argv: string[], io: CliIo, signal?: AbortSignal): Promise<number> {
  const { values, positionals } = parseCommand(judgeSpec, argv);
  const agent = stringOption(values, "agent")!;
  if (agent !== "openai" && agent !== "anthropic")
    throw new SwerigError("invalid_input", `--agent takes openai or anthropic, not ${JSON.stringify(agent)}`);
  const client = modelClient(agent, values)();
  const instances = stringOption(values, "instances");
  const tasks = await tasksIfAny(stringOption(values, "tasks")!, io);
  const folder = await openRun(positionals[0]!, stringOption(values, "traces-dir")!, tasks);
  const problemStatements = new Map([...(tasks?.values() ?? [])].map((t) => [t.id, t.problemStatement]));
  const result = await judgeRun(folder, {
    client,
    problemStatements,
    concurrency: intOption(values, "concurrency")!,
    force: values["force"] === true,
    ...(instances ? { instances: new Set(instances.split(",").map((s) => s.trim())) } : {}),
    ...(signal ? { signal } : {}),
    onJudged: (j) => io.err(`judge: ${j.instanceId}${"failure" in j ? `: failed (${j.failure})` : ""}`),
  });
  if (values["json"]) {
    io.out(JSON.stringify(result, null, 2));
    return 0;
  }
  const failed = result.instances.filter((i) => "failure" in i).length;
  const lines = [
    `judge ${result.provider}/${result.model} on ${result.runId}: ` +
      `${result.instances.length} diffs, ${failed} failed, ${result.reused} kept from before`,
  ];
  for (const c of JUDGE_CRITERIA) lines.push(`  ${c.padEnd(18)} mean ${result.means[c] === null ? "n/a" : result.means[c]!.toFixed(2)}`);
  const cost = result.priceKnown ? `$${result.usage.costUsd.toFixed(4)}` : "cost unknown (no price for the model)";
  lines.push(`  tokens ${result.usage.inputTokens} in, ${result.usage.outputTokens} out; ${result.usage.requests} requests; ${cost}`);
  io.out(lines.join("\n"));
  return 0;
}
