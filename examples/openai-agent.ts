// An agent on the official OpenAI SDK (the `openai` package), written with swerig's library API: a loop
// of chat completions with tool calling against any OpenAI-compatible endpoint (OpenAI, vLLM, llama.cpp,
// LiteLLM, OpenRouter, ...). The tool definitions are swerig's tools as JSON Schema (toolSpecs); every
// call the model makes runs through ctx.callTool (recorded in the trace), every model call is reported
// with ctx.modelTurn (tokens, cost when the model's price is known, latency). It stops when the model
// submits, when it stops calling tools, or at the step, cost, time or turn limit.
//
//   OPENAI_BASE_URL=https://api.openai.com/v1 OPENAI_API_KEY=sk-... \
//     npx tsx examples/openai-agent.ts --model gpt-4.1-mini     # or SWERIG_EXAMPLE_MODEL=gpt-4.1-mini
//
// In a project of your own, import from "swerig" instead of "../src/api/index.js".
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import OpenAI from "openai";
import { costUsd, defineAgent, lookupPrice, runTasks, toolSpecs, type Agent, type ModelPrice } from "../src/api/index.js";

export interface OpenAIAgentOptions {
  /** The model name the endpoint knows. */
  model: string;
  /** Default: `new OpenAI()`, which reads OPENAI_BASE_URL and OPENAI_API_KEY. */
  client?: OpenAI;
  /** Model calls before giving up; default 50. */
  maxTurns?: number;
  /** USD per million tokens, for a model swerig's price table does not know. */
  price?: ModelPrice;
}

const SYSTEM_PROMPT = `You fix an issue in the repository checked out in the working directory; paths are relative to its root.
Work only through the tools. Read the relevant code, make a small focused change, run the tests, then call submit.`;

export function openaiAgent(options: OpenAIAgentOptions): Agent {
  const client = options.client ?? new OpenAI();
  const maxTurns = options.maxTurns ?? 50;
  const price = options.price ? { price: options.price, known: true } : lookupPrice(options.model);
  const tools: OpenAI.Chat.ChatCompletionTool[] = toolSpecs().map((spec) => ({
    type: "function",
    function: { name: spec.name, description: spec.description, parameters: spec.parameters },
  }));
  return defineAgent({
    name: "openai-example",
    model: options.model,
    settings: { sdk: "openai", maxTurns, prompt: 1 },
    async run(ctx) {
      const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [
        { role: "system", content: SYSTEM_PROMPT },
        { role: "user", content: ctx.task.problemStatement },
      ];
      let spentUsd = 0;
      const deadline = Date.now() + ctx.limits.maxWallTimeMs;
      for (let turn = 1; turn <= maxTurns; turn++) {
        const started = performance.now();
        const completion = await client.chat.completions.create(
          { model: options.model, messages, tools, tool_choice: "auto" },
          { signal: ctx.signal ?? null },
        );
        const choice = completion.choices[0];
        if (!choice) throw new Error(`the endpoint answered turn ${turn} with no choice`);
        const calls = (choice.message.tool_calls ?? []).flatMap((c) => (c.type === "function" ? [c] : []));
        const tokens = { inputTokens: completion.usage?.prompt_tokens ?? 0, outputTokens: completion.usage?.completion_tokens ?? 0 };
        const cost = price.known ? costUsd(price.price, tokens) : undefined;
        spentUsd += cost ?? 0;
        ctx.modelTurn({
          text: choice.message.content ?? "",
          ...tokens,
          ...(cost !== undefined ? { costUsd: cost } : {}),
          latencyMs: performance.now() - started,
          stopReason: choice.finish_reason,
          toolCalls: calls.map((c) => ({ id: c.id, name: c.function.name, arguments: c.function.arguments })),
        });
        if (calls.length === 0) return { detail: `the model stopped calling tools (${choice.finish_reason})` };
        messages.push({ role: "assistant", content: choice.message.content, tool_calls: calls });
        for (const call of calls) {
          // The model's own JSON text goes as is: bad JSON, an unknown tool or bad arguments come back as an error to show it.
          const result = await ctx.callTool({ id: call.id, name: call.function.name, arguments: call.function.arguments });
          if (result.submitted) return undefined;
          messages.push({ role: "tool", tool_call_id: call.id, content: result.isError ? `ERROR: ${result.output}` : result.output });
        }
        if (ctx.steps >= ctx.limits.maxSteps) return { detail: `the step limit of ${ctx.limits.maxSteps} is reached` };
        if (spentUsd >= ctx.limits.maxCostUsd) return { detail: `${spentUsd.toFixed(4)} USD reached the cost limit` };
        if (Date.now() >= deadline) return { detail: `the wall-time limit of ${ctx.limits.maxWallTimeMs} ms is reached` };
      }
      return { detail: `no submit after ${maxTurns} model turns` };
    },
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { model: { type: "string" }, instance: { type: "string", default: "pyledger-show-zero" } } });
  const model = values.model ?? process.env["SWERIG_EXAMPLE_MODEL"];
  if (!model) {
    console.error("openai-agent: name the model with --model NAME or SWERIG_EXAMPLE_MODEL (and set OPENAI_BASE_URL, OPENAI_API_KEY)");
    process.exit(2);
  }
  const { summary, summaryPath } = await runTasks({
    tasks: fileURLToPath(new URL("../swe-tasks/", import.meta.url)),
    instances: [values.instance],
    agent: openaiAgent({ model }),
    runId: "example-openai",
    force: true,
    log: (line) => console.error(line),
  });
  const { total_input_tokens: input, total_output_tokens: output } = summary.trajectory;
  console.log(`${summary.resolved_instances}/${summary.total_instances} resolved; ${input}+${output} tokens; summary: ${summaryPath}`);
}
