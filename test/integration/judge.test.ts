// `swerig judge` and `swerig judge calibrate` end to end, in-process, against the local fake model
// servers: scores parsed and written per instance and for the run, a bad answer repaired once and then
// recorded as a failure, tokens and cost summed at the table's prices; then agreement with labels.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { JUDGE_CRITERIA } from "../../src/report/judge-rubric.js";
import { startFakeAnthropicServer } from "../helpers/fake-anthropic-server.js";
import { startFakeOpenAIServer } from "../helpers/fake-openai-server.js";
import { writeHandRun } from "../helpers/run-folder.js";
import { runCli } from "../helpers/cli.js";

const root = await mkdtemp(join(tmpdir(), "swerig-judge-"));
afterAll(() => rm(root, { recursive: true, force: true }));

const scores = (s: number[]) =>
  JSON.stringify(Object.fromEntries(JUDGE_CRITERIA.map((c, i) => [c, { score: s[i], reason: `because ${c}` }])));
const patch = (file: string) => `diff --git a/${file} b/${file}\n--- a/${file}\n+++ b/${file}\n@@ -1 +1 @@\n-old\n+new\n`;

async function judgedRun(runId: string): Promise<string> {
  const runDir = join(root, runId);
  await writeHandRun(runDir, [
    { id: "inst-a", status: "resolved" },
    { id: "inst-b", status: "unresolved" },
    { id: "inst-c", status: "empty_patch" },
  ]);
  await writeFile(join(runDir, "inst-a", "patch.diff"), patch("a.py"));
  await writeFile(join(runDir, "inst-b", "patch.diff"), patch("b.py"));
  return runDir;
}

describe("swerig judge", () => {
  it("scores each diff through the OpenAI client, repairing one bad answer, with tokens and cost", async () => {
    const runDir = await judgedRun("j-openai");
    const server = await startFakeOpenAIServer([
      { text: scores([5, 4, 4, 5]), usage: { input: 1000, output: 100 } },
      { text: "The change looks right.", usage: { input: 1000, output: 10 } },
      { text: `\`\`\`json\n${scores([2, 3, 3, 1])}\n\`\`\``, usage: { input: 1100, output: 100 } },
      { text: scores([2, 3, 3, 1]) },
      { text: scores([5, 4, 4, 5]) },
      { text: scores([2, 3, 3, 1]) },
      { text: scores([1, 1, 1, 1]) },
    ]);
    try {
      const args = ["--agent", "openai", "--model", "gpt-4o-mini", "--base-url", server.url, "--concurrency", "1"];
      const result = await runCli("judge", "j-openai", "--traces-dir", root, "--tasks", join(root, "none"), ...args);
      expect(result.code).toBe(0);
      expect(server.problems).toEqual([]);
      expect(result.out).toContain("judge openai/gpt-4o-mini on j-openai: 2 diffs, 0 failed");
      const repair = server.requests[2]!.body as { messages: { role: string; content: string }[] };
      expect(repair.messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "user"]);
      expect(repair.messages[3]!.content).toMatch(/^That answer is not valid \(not JSON/);

      const file = JSON.parse(await readFile(join(runDir, "judge.json"), "utf8"));
      expect(file.instances.map((i: { instanceId: string }) => i.instanceId)).toEqual(["inst-a", "inst-b"]);
      expect(file.instances[1].scores.minimality).toEqual({ score: 1, reason: "because minimality" });
      expect(file.instances[1].usage).toMatchObject({ inputTokens: 2100, outputTokens: 110, requests: 2 });
      expect(file.usage).toMatchObject({ inputTokens: 3100, outputTokens: 210, requests: 3 });
      expect(file.usage.costUsd).toBeCloseTo((3100 * 0.15 + 210 * 0.6) / 1e6, 12);
      expect(file.means).toEqual({ correctness_risk: 3.5, readability: 3.5, idiomatic_style: 3.5, minimality: 3 });
      const own = JSON.parse(await readFile(join(runDir, "inst-a", "judge.json"), "utf8"));
      expect(own.scores.correctness_risk.score).toBe(5);

      // Judged again: scores of the same diff, model and rubric are kept, no request is made; --force asks again.
      const again = await runCli("judge", "j-openai", "--traces-dir", root, "--tasks", join(root, "none"), ...args);
      expect(again.out).toContain("2 diffs, 0 failed, 2 kept from before");
      expect(server.requests).toHaveLength(3);
      await writeFile(join(runDir, "inst-b", "patch.diff"), patch("b2.py"));
      const changed = await runCli("judge", "j-openai", "--traces-dir", root, "--tasks", join(root, "none"), ...args);
      expect(changed.out).toContain("1 kept from before");
      expect(server.requests).toHaveLength(4);
      const forced = await runCli("judge", "j-openai", "--traces-dir", root, "--tasks", join(root, "none"), "--force", ...args);
      expect(forced.out).toContain("0 kept from before");
      expect(server.requests).toHaveLength(6);

      const labels = join(root, "labels.jsonl");
      const lines = [
        { instance: "inst-a", criterion: "correctness_risk", score: 5 },
        { instance: "inst-b", criterion: "correctness_risk", score: 2 },
      ];
      await writeFile(labels, lines.map((l) => JSON.stringify(l)).join("\n"));
      const agreement = await runCli("judge", "calibrate", "j-openai", "--traces-dir", root, "--labels", labels, "--json");
      expect(agreement.code).toBe(0);
      const risk = JSON.parse(agreement.out).criteria.find((c: { criterion: string }) => c.criterion === "correctness_risk");
      expect(risk).toMatchObject({ pairs: 2, qwk: 1, spearman: 1, trusted: true });

      // One instance judged again: judge.json still holds the other's scores.
      const one = await runCli(
        "judge",
        "j-openai",
        "--traces-dir",
        root,
        "--tasks",
        join(root, "none"),
        "--instances",
        "inst-a",
        "--force",
        ...args,
      );
      expect(one.out).toContain("2 diffs, 0 failed, 1 kept from before");
      expect(server.requests).toHaveLength(7);
      const whole = JSON.parse(await readFile(join(runDir, "judge.json"), "utf8"));
      expect(whole.instances.map((i: { scores: { readability: { score: number } } }) => i.scores.readability.score)).toEqual([1, 3]);
    } finally {
      await server.close();
    }
  });

  it("records an instance as failed after a second bad answer (Anthropic client)", async () => {
    const runDir = await judgedRun("j-anthropic");
    const server = await startFakeAnthropicServer(
      [
        { text: scores([4, 4, 4, 4]), usage: { input: 500, output: 80 } },
        { text: scores([9, 4, 4, 4]), usage: { input: 500, output: 80 } },
        { text: "{}", usage: { input: 600, output: 5 } },
        { text: scores([1, 1, 1, 1]), usage: { input: 500, output: 80 } },
      ],
      { apiKey: "test-key" },
    );
    process.env["SWERIG_TEST_JUDGE_KEY"] = "test-key";
    try {
      const args = [
        "--agent",
        "anthropic",
        "--model",
        "claude-sonnet-4",
        "--base-url",
        server.url,
        "--api-key-env",
        "SWERIG_TEST_JUDGE_KEY",
      ];
      const judge = ["judge", "j-anthropic", "--traces-dir", root, "--tasks", join(root, "none")];
      const only = await runCli(...judge, "--instances", "inst-a", ...args);
      expect(only.out).toContain("1 diffs, 0 failed");
      const result = await runCli(...judge, "--concurrency", "1", ...args);
      expect(result.code).toBe(0);
      expect(server.problems).toEqual([]);
      expect(result.out).toContain("2 diffs, 1 failed, 1 kept from before");
      const file = JSON.parse(await readFile(join(runDir, "judge.json"), "utf8"));
      expect(file.instances[1]).toMatchObject({ instanceId: "inst-b", failure: expect.stringMatching(/not the rubric's JSON twice/) });
      expect(file.means.readability).toBe(4);
      expect(file.usage.costUsd).toBeCloseTo((1600 * 3 + 165 * 15) / 1e6, 12);

      // A failure is not kept: judging one instance again leaves the failed one out until it is asked again.
      const one = await runCli("judge", "j-anthropic", "--traces-dir", root, "--instances", "inst-a", "--force", ...args);
      expect(one.out).toContain("1 diffs, 0 failed, 0 kept from before");
      expect(server.requests).toHaveLength(4);
      const after = JSON.parse(await readFile(join(runDir, "judge.json"), "utf8"));
      expect(after.means.readability).toBe(1);
    } finally {
      delete process.env["SWERIG_TEST_JUDGE_KEY"];
      await server.close();
    }
  });

  it("records an endpoint that refuses the request as that instance's failure, after retrying a 503", async () => {
    const runDir = await judgedRun("j-refused");
    const server = await startFakeOpenAIServer([
      { fault: "status", status: 503, retryAfter: "0" },
      { text: scores([3, 3, 3, 3]) },
      { fault: "status", status: 400, message: "context length exceeded" },
    ]);
    try {
      const args = ["--agent", "openai", "--model", "unpriced-model", "--base-url", server.url, "--concurrency", "1"];
      const result = await runCli("judge", "j-refused", "--traces-dir", root, "--tasks", join(root, "none"), ...args);
      expect(result.code).toBe(0);
      expect(result.out).toContain("2 diffs, 1 failed");
      expect(result.out).toContain("cost unknown (no price for the model)");
      const file = JSON.parse(await readFile(join(runDir, "judge.json"), "utf8"));
      expect(file.instances[0].scores.readability.score).toBe(3);
      expect(file.instances[1].failure).toMatch(/^the model endpoint failed: .*context length exceeded/);
      expect(file.priceKnown).toBe(false);
    } finally {
      await server.close();
    }
  });

  it("refuses an unknown --agent and a run that was never judged, naming them", async () => {
    await judgedRun("j-bad");
    const bad = await runCli("judge", "j-bad", "--traces-dir", root, "--agent", "gemini", "--model", "m");
    expect(bad).toMatchObject({ code: 2, err: expect.stringContaining('--agent takes openai, anthropic, not "gemini"') });
    await writeFile(join(root, "l.jsonl"), "");
    const never = await runCli("judge", "calibrate", "j-bad", "--traces-dir", root, "--labels", join(root, "l.jsonl"));
    expect(never).toMatchObject({ code: 2, err: expect.stringContaining("the run has not been judged") });
  });
});
