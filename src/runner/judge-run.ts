// `swerig judge`: an LLM scores each final diff of a run on the rubric (report/judge-rubric.ts),
// through the agents' model clients (retries, token and cost accounting). An answer that is not the
// strict JSON gets one repair request; a second bad answer, or a failing endpoint, is recorded as that
// instance's failure. Writes traces/<run-id>/judge.json and <instance>/judge.json.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { ChatMessage, ModelClient } from "../agents/model-client.js";
import { costUsd, lookupPrice, type ModelPrice } from "../agents/prices.js";
import { z } from "zod";
import { mapPool, sha256, tryParseJson } from "../core/index.js";
import { writeFileAtomic } from "../envs/file-lock.js";
import {
  judgeSystemPrompt,
  judgeUserPrompt,
  meanScores,
  parseJudgeAnswer,
  RUBRIC_VERSION,
  JudgedInstanceSchema,
  type JudgedInstance,
  type JudgeFile,
  type JudgeUsage,
  type JudgeVerdict,
} from "../report/judge-rubric.js";
import type { RunFolder } from "../report/run-folder.js";
import { stableJson } from "./manifest.js";

export const JUDGE_FILE = "judge.json";
const MAX_OUTPUT_TOKENS = 1024;

export interface JudgeRunOptions {
  client: ModelClient;
  /** Problem statements by task id; the judge sees the diff alone when a task is missing. */
  problemStatements?: ReadonlyMap<string, string>;
  prices?: Readonly<Record<string, ModelPrice>>;
  /** Requests in flight at once; default 4. */
  concurrency?: number;
  signal?: AbortSignal;
  /** Only these task ids (default: every task run with a patch). */
  instances?: ReadonlySet<string>;
  /** Judge again diffs that already have scores from this model and rubric (default: keep those). */
  force?: boolean;
  /** Told of each instance judged. */
  onJudged?: (judged: JudgedInstance) => void;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Asks the model, once more on a bad answer; never throws but when `signal` aborts. */
export async function judgeDiff(
  diff: string,
  problem: string | undefined,
  options: Pick<JudgeRunOptions, "client" | "signal">,
  price: ModelPrice,
): Promise<JudgeVerdict> {
  const usage: JudgeUsage = { inputTokens: 0, outputTokens: 0, costUsd: 0, requests: 0 };
  const messages: ChatMessage[] = [
    { role: "system", content: judgeSystemPrompt() },
    { role: "user", content: judgeUserPrompt(problem, diff) },
  ];
  /** The model's text, or the endpoint's failure (an abort is thrown). */
  const ask = async (): Promise<string | { failure: string }> => {
    try {
      const reply = await options.client.doGenerate(
        { messages, tools: [], temperature: 0, maxOutputTokens: MAX_OUTPUT_TOKENS },
        options.signal ? { signal: options.signal } : {},
      );
      usage.requests++;
      usage.inputTokens += reply.usage.inputTokens;
      usage.outputTokens += reply.usage.outputTokens;
      usage.costUsd += costUsd(price, reply.usage);
      return reply.text;
    } catch (error) {
      if (options.signal?.aborted) throw error;
      return { failure: `the model endpoint failed: ${errorText(error)}` };
    }
  };
  const first = await ask();
  if (typeof first !== "string") return { usage, ...first };
  const parsed = parseJudgeAnswer(first);
  if (parsed.ok) return { usage, scores: parsed.answer };
  messages.push(
    { role: "assistant", content: first, toolCalls: [] },
    { role: "user", content: `That answer is not valid (${parsed.problem}). Answer again with only the JSON object.` },
  );
  const second = await ask();
  if (typeof second !== "string") return { usage, ...second };
  const repaired = parseJudgeAnswer(second);
  if (repaired.ok) return { usage, scores: repaired.answer };
  return { usage, failure: `the answer was not the rubric's JSON twice; last: ${repaired.problem}` };
}

const SavedKey = z.object({ provider: z.string(), model: z.string(), rubricVersion: z.number(), diffSha256: z.string() });

/** Scores an earlier `swerig judge` saved for the same diff, model and rubric; undefined otherwise. */
async function savedScores(path: string, key: z.infer<typeof SavedKey>): Promise<JudgedInstance | undefined> {
  const value = tryParseJson((await readFile(path, "utf8").catch(() => undefined)) ?? "");
  const saved = SavedKey.safeParse(value);
  const judged = JudgedInstanceSchema.safeParse(value);
  if (!saved.success || !judged.success || !("scores" in judged.data)) return undefined;
  return stableJson(saved.data) === stableJson(key) ? judged.data : undefined;
}

/** Judges every finished run of the folder that has a patch; writes and returns judge.json. */
export async function judgeRun(folder: RunFolder, options: JudgeRunOptions): Promise<JudgeFile> {
  const { price, known } = lookupPrice(options.client.model, options.prices);
  const withPatch = [];
  for (const run of folder.runs) {
    const diff = await readFile(join(run.dir, "patch.diff"), "utf8").catch(() => "");
    if (diff.trim() !== "") withPatch.push({ run, diff, asked: options.instances?.has(run.taskId) ?? true });
  }
  const key = { provider: options.client.provider, model: options.client.model, rubricVersion: RUBRIC_VERSION };
  let reused = 0;
  // Runs left out by `instances` keep the scores they already have, so judge.json stays the whole run's.
  const outcomes = await mapPool(withPatch, options.concurrency ?? 4, async ({ run, diff, asked }) => {
    const diffSha256 = sha256(diff);
    const saved = options.force && asked ? undefined : await savedScores(join(run.dir, JUDGE_FILE), { ...key, diffSha256 });
    if (!asked) {
      if (saved) reused++;
      return saved;
    }
    if (saved) {
      reused++;
      return saved;
    }
    const verdict = await judgeDiff(diff, options.problemStatements?.get(run.taskId), options, price);
    const judged: JudgedInstance = { instanceId: run.taskId, sample: run.sample, ...verdict };
    await writeFileAtomic(join(run.dir, JUDGE_FILE), `${JSON.stringify({ ...judged, ...key, diffSha256 }, null, 2)}\n`);
    options.onJudged?.(judged);
    return judged;
  });
  const instances = outcomes.filter((i) => i !== undefined);
  const usage = instances.reduce(
    (sum, i) => ({
      inputTokens: sum.inputTokens + i.usage.inputTokens,
      outputTokens: sum.outputTokens + i.usage.outputTokens,
      costUsd: sum.costUsd + i.usage.costUsd,
      requests: sum.requests + i.usage.requests,
    }),
    { inputTokens: 0, outputTokens: 0, costUsd: 0, requests: 0 },
  );
  const file: JudgeFile = {
    runId: folder.runId,
    rubricVersion: RUBRIC_VERSION,
    provider: options.client.provider,
    model: options.client.model,
    priceKnown: known,
    reused,
    instances,
    usage,
    means: meanScores(instances),
  };
  await writeFileAtomic(join(folder.runDir, JUDGE_FILE), `${JSON.stringify(file, null, 2)}\n`);
  return file;
}
