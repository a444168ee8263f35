import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChatMessage } from "../../../src/agents/model-client.js";
import { ModelAgent, NUDGE_MESSAGE } from "../../../src/agents/model-agent.js";
import { ScriptedModel, type ScriptStep } from "../../../src/agents/scripted-model.js";
import { createAgentFixture, PROBLEM, type AgentFixture } from "./agent-fixture.js";

let fx: AgentFixture;
beforeEach(async () => {
  fx = await createAgentFixture();
});
afterEach(async () => {
  await fx.dispose();
});

const types = () => fx.trace.events.map((e) => e.type);
const toolMessages = (messages: ChatMessage[]) => messages.filter((m): m is Extract<ChatMessage, { role: "tool" }> => m.role === "tool");
const readCalc = (extra: Record<string, unknown> = {}): ScriptStep => ({
  toolCalls: [{ name: "read_file", arguments: { path: "calc.py", ...extra } }],
});

describe("the model agent loop", () => {
  it("reads, edits, runs a command and submits: the trace holds each step in order and the working copy has the edit", async () => {
    const model = new ScriptedModel([
      { text: "Let me look.", toolCalls: [{ name: "read_file", arguments: { path: "calc.py" } }] },
      { toolCalls: [{ name: "edit_file", arguments: { path: "calc.py", command: "replace", old_text: "a - b", new_text: "a + b" } }] },
      { toolCalls: [{ name: "shell", arguments: { command: "grep -c 'a + b' calc.py" } }] },
      { toolCalls: [{ name: "submit", arguments: {} }] },
    ]);
    const outcome = await new ModelAgent({ client: model }).run(fx.context());

    expect(outcome).toEqual({ reason: "submitted", detail: null, steps: 4, usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 } });
    expect(types()).toEqual(Array(4).fill(["model_request", "model_response", "tool_call", "tool_result"]).flat());
    expect(fx.trace.events.filter((e) => e.type === "tool_call").map((e) => [e.data.name, e.data.step])).toEqual([
      ["read_file", 1],
      ["edit_file", 2],
      ["shell", 3],
      ["submit", 4],
    ]);
    expect(await readFile(join(fx.root, "calc.py"), "utf8")).toBe("def add(a, b):\n    return a + b\n");
    expect(await fx.workspace.diff()).toContain("+    return a + b");

    const [first, second, , fourth] = model.requests;
    expect(first!.messages.map((m) => m.role)).toEqual(["system", "user"]);
    expect(first!.messages[0]!.content).toContain(`tools you are given: ${first!.tools.map((t) => t.name).join(", ")}.`);
    expect(first!.messages[1]!.content).toBe(PROBLEM);
    expect(first!.tools.map((t) => t.name)).toContain("submit");
    expect(first!).toMatchObject({ temperature: 0, maxOutputTokens: 4096 });
    expect(toolMessages(second!.messages)).toEqual([
      { role: "tool", toolCallId: "call-1", name: "read_file", content: "1\tdef add(a, b):\n2\t    return a - b", isError: false },
    ]);
    expect(toolMessages(fourth!.messages).at(-1)!.content).toBe("1\n[exit code 0]");
  });

  it("stops at the step limit with a limit event and reports the steps taken", async () => {
    const model = new ScriptedModel([readCalc({ end_line: 1 }), readCalc({ end_line: 2 }), readCalc()]);
    const outcome = await new ModelAgent({ client: model }).run(fx.context({ maxSteps: 2 }));
    expect(outcome).toMatchObject({ reason: "limit", steps: 2, detail: "2 steps reached the limit of 2" });
    expect(fx.trace.events.at(-1)).toMatchObject({ type: "limit", data: { kind: "steps" } });
    expect(model.remaining).toBe(1);
  });

  it("adds up tokens and cost at the model's price and stops when the cost limit is reached", async () => {
    const turn = (): ScriptStep => ({ ...readCalc(), usage: { inputTokens: 100_000, outputTokens: 10_000 } });
    const model = new ScriptedModel([turn(), turn(), turn(), turn()], "gpt-4o-2024-08-06");
    const agent = new ModelAgent({ client: model });
    const outcome = await agent.run(fx.context({ maxCostUsd: 0.9 }));

    // gpt-4o: 2.5 USD per million input tokens, 10 per million output: 0.25 + 0.1 per turn.
    expect(outcome.reason).toBe("limit");
    expect(outcome.steps).toBe(3);
    expect(outcome.usage.inputTokens).toBe(300_000);
    expect(outcome.usage.outputTokens).toBe(30_000);
    expect(outcome.usage.costUsd).toBeCloseTo(1.05, 10);
    const responses = fx.trace.events.filter((e) => e.type === "model_response");
    expect(responses.map((e) => e.data.costUsd)).toEqual([0.35, 0.35, 0.35].map((c) => expect.closeTo(c, 10)));
    expect(fx.trace.events.at(-1)).toMatchObject({ type: "limit", data: { kind: "cost" } });
    expect(agent.settings).toMatchObject({ provider: "scripted", price: { inputUsdPerMTok: 2.5, outputUsdPerMTok: 10, known: true } });
  });

  it("prices an unknown model at 0, says so in its settings, and never hits the cost limit", async () => {
    const turn = (): ScriptStep => ({ ...readCalc(), usage: { inputTokens: 1_000_000, outputTokens: 1_000_000 } });
    const agent = new ModelAgent({ client: new ScriptedModel([turn(), turn(), turn()], "my-local-model") });
    const outcome = await agent.run(fx.context({ maxCostUsd: 0.01, maxSteps: 3 }));
    expect(outcome).toMatchObject({ reason: "limit", steps: 3, usage: { costUsd: 0, inputTokens: 3_000_000 } });
    expect(fx.trace.events.at(-1)).toMatchObject({ type: "limit", data: { kind: "steps" } });
    expect(agent.settings["price"]).toEqual({ inputUsdPerMTok: 0, outputUsdPerMTok: 0, known: false });
  });

  it("uses price overrides from its options", async () => {
    const agent = new ModelAgent({
      client: new ScriptedModel([], "my-local-model"),
      prices: { "my-local": { inputUsdPerMTok: 1, outputUsdPerMTok: 2 } },
    });
    expect(agent.settings["price"]).toEqual({ inputUsdPerMTok: 1, outputUsdPerMTok: 2, known: true });
  });

  it("stops at the wall-time limit measured on the injected clock, and records each call's latency", async () => {
    let clock = 0;
    const slowTurn = (): ScriptStep => () => {
      clock += 60_000;
      return { toolCalls: [{ name: "read_file", arguments: { path: "calc.py", start_line: 1 + ((clock / 60_000) % 2) } }] };
    };
    const model = new ScriptedModel([slowTurn(), slowTurn(), slowTurn(), slowTurn()]);
    const outcome = await new ModelAgent({ client: model, now: () => clock }).run(fx.context({ maxWallTimeMs: 150_000 }));
    expect(outcome).toMatchObject({ reason: "limit", steps: 3, detail: "180000 ms reached the wall-time limit of 150000 ms" });
    expect(fx.trace.events.filter((e) => e.type === "model_response").map((e) => e.data.latencyMs)).toEqual([60_000, 60_000, 60_000]);
    expect(fx.trace.events.at(-1)).toMatchObject({ type: "limit", data: { kind: "wall_time" } });
  });

  it("nudges once after a reply without a tool call and ends after a second one in a row", async () => {
    const model = new ScriptedModel([{ text: "The bug is in add." }, { text: "It should use +." }, readCalc()]);
    const outcome = await new ModelAgent({ client: model }).run(fx.context());
    expect(outcome).toMatchObject({ reason: "no_tool_call", steps: 2 });
    expect(model.requests[1]!.messages.slice(-2)).toEqual([
      { role: "assistant", content: "The bug is in add.", toolCalls: [] },
      { role: "user", content: NUDGE_MESSAGE },
    ]);
    expect(types()).toEqual(["model_request", "model_response", "model_request", "model_response"]);
  });

  it("forgives a reply without a tool call once a tool is called again", async () => {
    const model = new ScriptedModel([{ text: "thinking" }, readCalc(), { text: "still thinking" }, { toolCalls: [{ name: "submit" }] }]);
    const outcome = await new ModelAgent({ client: model }).run(fx.context());
    expect(outcome).toMatchObject({ reason: "submitted", steps: 4 });
  });

  it("warns from the third identical call in a row, whatever the key order, and keeps the trace as the tool gave it", async () => {
    const model = new ScriptedModel([
      readCalc({ start_line: 1 }),
      { toolCalls: [{ name: "read_file", arguments: { start_line: 1, path: "calc.py" } }] },
      { toolCalls: [{ name: "read_file", arguments: JSON.stringify({ path: "calc.py", start_line: 1 }) }] },
      readCalc({ start_line: 2 }),
      { toolCalls: [{ name: "submit" }] },
    ]);
    await new ModelAgent({ client: model }).run(fx.context());
    const observations = toolMessages(model.requests.at(-1)!.messages).map((m) => m.content);
    expect(observations.map((o) => o.includes("same arguments 3 times in a row"))).toEqual([false, false, true, false]);
    const traced = fx.trace.events.flatMap((e) => (e.type === "tool_result" ? [e.data.output] : []));
    expect(traced.some((o) => o.includes("warning"))).toBe(false);
  });

  it("truncates long observations for the model with a marker while the trace keeps the tool's output", async () => {
    const model = new ScriptedModel([
      { toolCalls: [{ name: "shell", arguments: { command: "printf 'x%.0s' $(seq 1 5000)" } }] },
      { toolCalls: [{ name: "submit" }] },
    ]);
    await new ModelAgent({ client: model, maxObservationChars: 1_000 }).run(fx.context());
    const [observation] = toolMessages(model.requests[1]!.messages);
    expect(observation!.content).toMatch(/\[\.\.\. \d+ characters omitted; left out of the conversation to save context/);
    expect(observation!.content.length).toBeLessThan(1_200);
    expect(observation!.content.endsWith("[exit code 0]")).toBe(true);
    const traced = fx.trace.events.find((e) => e.type === "tool_result")!;
    expect(traced.type === "tool_result" && traced.data.output.length).toBeGreaterThan(5_000);
  });

  it("ends with an error outcome when cancelled, and lets a failing model client reject", async () => {
    const controller = new AbortController();
    controller.abort();
    const cancelled = await new ModelAgent({ client: new ScriptedModel([readCalc()]) }).run(fx.context({}, controller.signal));
    expect(cancelled).toMatchObject({ reason: "error", detail: "cancelled", steps: 0 });
    const exhausted = new ModelAgent({ client: new ScriptedModel([readCalc()]) }).run(fx.context());
    await expect(exhausted).rejects.toMatchObject({ code: "internal", message: expect.stringContaining("no turn left") });
  });

  it("sends the settings it records, and leaves out those set to null", async () => {
    const model = new ScriptedModel([{ toolCalls: [{ name: "submit" }] }, { toolCalls: [{ name: "submit" }] }]);
    const tuned = new ModelAgent({ client: model, temperature: 0.7, seed: 42, maxOutputTokens: 1_000 });
    await tuned.run(fx.context());
    expect(tuned.settings).toMatchObject({ temperature: 0.7, seed: 42, maxOutputTokens: 1_000 });
    expect(model.requests[0]).toMatchObject({ temperature: 0.7, seed: 42, maxOutputTokens: 1_000 });
    const bare = new ModelAgent({ client: model, temperature: null, maxOutputTokens: null });
    // A second run needs a tool box of its own: one that took a submit refuses every later call.
    const second = await createAgentFixture();
    await bare.run(second.context()).finally(() => second.dispose());
    expect(Object.keys(model.requests[1]!).sort()).toEqual(["messages", "tools"]);
    expect(bare.settings).toMatchObject({ temperature: null, seed: null, maxOutputTokens: null });
  });
});
