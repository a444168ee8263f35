// defineAgent: typed tools that record each call through the run's tool box, steps and usage counted,
// the end of the run told from what happened, a throw reported as the agent crashing.
import { describe, expect, it } from "vitest";
import { DEFAULT_LIMITS, type AgentContext, type ToolBox } from "../../../src/agents/agent.js";
import { defineAgent, TOOLS } from "../../../src/api/define-agent.js";
import { AgentCrashError } from "../../../src/core/index.js";
import { BUILTIN_TOOLS } from "../../../src/tools/registry.js";
import type { ToolCall } from "../../../src/trace/events.js";
import { TraceRecorder } from "../../../src/trace/recorder.js";

/** A tool box that records the calls it gets (a fake: the real one is exercised by the Docker test). */
function recordingToolBox(): ToolBox & { calls: { call: ToolCall; step: number }[] } {
  const calls: { call: ToolCall; step: number }[] = [];
  return {
    calls,
    specs: () => [],
    call: async (call, step) => {
      calls.push({ call, step });
      return call.name === "submit"
        ? { output: "submitted", isError: false, submitted: true }
        : { output: `ran ${call.name}`, isError: false };
    },
  };
}

function context(tools: ToolBox, maxSteps = DEFAULT_LIMITS.maxSteps): AgentContext {
  const task = { id: "t", repo: "o/r", language: "python", problemStatement: "fix it", workdir: "/testbed" };
  return {
    task,
    tools,
    trace: new TraceRecorder(undefined, { runId: "r", taskId: "t", sample: 0 }),
    limits: { ...DEFAULT_LIMITS, maxSteps },
  };
}

describe("defineAgent", () => {
  it("offers every built-in tool by its name", () => {
    expect(Object.keys(TOOLS).sort()).toEqual(BUILTIN_TOOLS.map((t) => t.name).sort());
    for (const [name, tool] of Object.entries(TOOLS)) expect(tool.name).toBe(name);
  });

  it("records each typed call through the tool box with its step, counts usage, and ends submitted", async () => {
    const box = recordingToolBox();
    const agent = defineAgent({
      name: "mine",
      model: "m1",
      settings: { prompt: 2 },
      async run(ctx) {
        expect(ctx.task.problemStatement).toBe("fix it");
        await ctx.tools.read_file({ path: "a.py" });
        ctx.modelTurn({ text: "edit it", inputTokens: 100, outputTokens: 20, costUsd: 0.01, latencyMs: 5 });
        await ctx.tools.edit_file({ command: "replace", path: "a.py", old_text: "x", new_text: "y" });
        ctx.modelTurn({ inputTokens: 50, outputTokens: 0 });
        expect(ctx.steps).toBe(2);
        await ctx.tools.submit({});
        return undefined;
      },
    });
    expect([agent.name, agent.model, agent.settings]).toEqual(["mine", "m1", { prompt: 2 }]);
    const ctx = context(box);
    const outcome = await agent.run(ctx);
    const turns = (ctx.trace as TraceRecorder).events.filter((e) => e.type === "model_response").map((e) => e.data);
    expect(turns).toMatchObject([
      { step: 2, text: "edit it", usage: { inputTokens: 100, outputTokens: 20 }, costUsd: 0.01, latencyMs: 5 },
      { step: 3, text: "", usage: { inputTokens: 50, outputTokens: 0 }, costUsd: 0 },
    ]);
    expect(outcome).toEqual({ reason: "submitted", detail: null, steps: 3, usage: { inputTokens: 150, outputTokens: 20, costUsd: 0.01 } });
    expect(box.calls.map((c) => [c.call.id, c.call.name, c.step])).toEqual([
      ["1", "read_file", 1],
      ["2", "edit_file", 2],
      ["3", "submit", 3],
    ]);
    expect(box.calls[1]!.call.arguments).toEqual({ command: "replace", path: "a.py", old_text: "x", new_text: "y" });
  });

  it("takes a model's calls by name through callTool, with the model's ids, and records the calls a turn asked for", async () => {
    const box = recordingToolBox();
    const asked = [
      { id: "call_a", name: "read_file", arguments: '{"path": "a.py"}' },
      { id: "call_b", name: "no_such_tool", arguments: "{}" },
      { id: "call_c", name: "search", arguments: '{"pattern": ' },
    ];
    const agent = defineAgent({
      name: "model-driven",
      async run(ctx) {
        ctx.modelTurn({ text: "look", inputTokens: 10, outputTokens: 4, toolCalls: asked });
        for (const c of asked) await ctx.callTool(c);
        await ctx.callTool({ name: "submit", arguments: {} });
        return undefined;
      },
    });
    const ctx = context(box);
    expect((await agent.run(ctx)).reason).toBe("submitted");
    // The model's JSON text is kept parsed, as the trace keeps arguments; text that is not JSON stays as sent.
    const kept = [{ path: "a.py" }, {}, '{"pattern": '];
    expect(box.calls.map((c) => [c.call.id, c.call.name, c.call.arguments, c.step])).toEqual([
      ["call_a", "read_file", kept[0], 1],
      ["call_b", "no_such_tool", kept[1], 2],
      ["call_c", "search", kept[2], 3],
      ["4", "submit", {}, 4],
    ]);
    const turn = (ctx.trace as TraceRecorder).events.find((e) => e.type === "model_response")!.data;
    expect(turn).toMatchObject({ step: 1, toolCalls: asked.map((c, i) => ({ ...c, arguments: kept[i] })) });
  });

  it("types the arguments from the tools' schemas", async () => {
    const agent = defineAgent({
      name: "typed",
      async run(ctx) {
        // @ts-expect-error: edit_file needs its command
        await ctx.tools.edit_file({ path: "a.py", old_text: "x", new_text: "y" });
        // @ts-expect-error: read_file has no such parameter
        await ctx.tools.read_file({ file: "a.py" });
        return { detail: "checked at compile time" };
      },
    });
    expect((await agent.run(context(recordingToolBox()))).reason).toBe("finished");
  });

  it("refuses calls past the step limit without running them, and ends on the limit", async () => {
    const box = recordingToolBox();
    const agent = defineAgent({
      name: "busy",
      async run(ctx) {
        for (let i = 0; i < 5; i++) await ctx.tools.shell({ command: "true" });
        return undefined;
      },
    });
    const outcome = await agent.run(context(box, 3));
    expect(outcome.reason).toBe("limit");
    expect(outcome.steps).toBe(3);
    expect(box.calls).toHaveLength(3);
  });

  it("reports a throw as the agent crashing, with its message and the steps it made", async () => {
    const agent = defineAgent({
      name: "broken",
      async run(ctx) {
        await ctx.tools.read_file({ path: "a.py" });
        throw new Error("model quota exhausted");
      },
    });
    const error = await agent.run(context(recordingToolBox())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AgentCrashError);
    expect((error as AgentCrashError).message).toBe("agent broken threw: model quota exhausted");
    expect((error as AgentCrashError).steps).toBe(1);
  });
});
