import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { OPENCODE_TESTED_VERSION, opencodeConfig, opencodePreset, opencodeReport } from "../../../../src/agents/presets/opencode.js";
import { runContext } from "./run-context.js";

// Recorded from opencode 1.18.33 against a scripted chat-completions server (model gpt-4.1-mini): the
// gold patch of py-kvconf-zero-padded-ints through the swerig tools (6 calls, 7 steps of 1000 input
// and 50 output tokens), and a run where edit_file was left to "ask", which `opencode run` rejects.
const gold = readFileSync(new URL("../../../fixtures/presets/opencode-run-gold.jsonl", import.meta.url), "utf8");
const denied = readFileSync(new URL("../../../fixtures/presets/opencode-run-denied.jsonl", import.meta.url), "utf8");

const config = (over = {}) => JSON.parse(opencodeConfig(runContext(over)));

describe("opencode preset: configuration", () => {
  it("names one OpenAI-compatible provider at --base-url, else OpenAI's, with the key from OPENAI_API_KEY", () => {
    const local = config({ baseUrl: "http://127.0.0.1:9000/v1" });
    expect(local.model).toBe("swerig/gpt-4.1-mini");
    expect(local.provider.swerig).toMatchObject({
      npm: "@ai-sdk/openai-compatible",
      options: { baseURL: "http://127.0.0.1:9000/v1", apiKey: "{env:OPENAI_API_KEY}" },
    });
    expect(config().provider.swerig.options.baseURL).toBe("https://api.openai.com/v1");
  });

  it("prices the model from the price table so that opencode reports cost, and leaves an unknown model unpriced", () => {
    expect(config().provider.swerig.models["gpt-4.1-mini"].cost).toEqual({ input: 0.4, output: 1.6 });
    expect(config({ model: "local-7b" }).provider.swerig.models["local-7b"]).toEqual({ name: "local-7b" });
  });

  it("connects the swerig MCP server (remote) with the task's tool timeout, and denies every tool but its own", () => {
    const c = config();
    expect(c.mcp).toEqual({ swerig: { type: "remote", url: "http://127.0.0.1:4100/0a1b/mcp", enabled: true, timeout: 600_500 } });
    expect(c.permission).toEqual({ "*": "deny", "swerig_*": "allow" });
    expect(c.autoupdate).toBe(false);
  });

  it("keeps its config and data under the agent's home; the prompt on stdin, JSON events, extra flags last", () => {
    const run = runContext({ extraArgs: ["--variant", "high"] });
    expect(Object.keys(opencodePreset.files(run))).toEqual([".config/opencode/opencode.json"]);
    const env = opencodePreset.env(run);
    expect(env["OPENCODE_CONFIG"]).toBe("/scratch/run-1/home/.config/opencode/opencode.json");
    for (const value of Object.values(env)) expect(value === "1" || value.startsWith("/scratch/run-1/home/")).toBe(true);
    const argv = opencodePreset.argv(run);
    expect(argv.slice(0, 4)).toEqual(["opencode", "run", "--format", "json"]);
    expect(argv.slice(argv.indexOf("--model"), argv.indexOf("--model") + 2)).toEqual(["--model", "swerig/gpt-4.1-mini"]);
    expect(argv.slice(-2)).toEqual(["--variant", "high"]);
    expect(opencodePreset.stdin?.(run)).toBe("Fix the issue.\n");
  });
});

describe("opencode preset: report", () => {
  it("sums the steps' tokens and the cost opencode computed", () => {
    const report = opencodeReport(gold);
    expect(report).toMatchObject({ inputTokens: 7000, outputTokens: 350, permissionDenials: 0 });
    expect(report.costUsd).toBeCloseTo((7000 * 0.4 + 350 * 1.6) / 1e6, 12);
    expect(report.detail).toBeUndefined();
  });

  it("counts tool calls whose permission it rejected, with its words", () => {
    expect(opencodeReport(denied)).toMatchObject({
      permissionDenials: 1,
      detail: "The user rejected permission to use this specific tool call.",
    });
  });

  it("counts cached input as input and reasoning as output; takes an error event's message; skips other lines", () => {
    const out = [
      "warn: something on stdout",
      '{"type":"step_finish","part":{"tokens":{"input":100,"output":5,"reasoning":7,"cache":{"read":40,"write":2}},"cost":0.5}}',
      '{"type":"tool_use","part":{"state":{"status":"error","error":"ENOENT: no such file"}}}',
      '{"type":"error","error":{"name":"APIError","data":{"message":"Incorrect API key provided","statusCode":401,"isRetryable":false}}}',
      "{broken",
    ].join("\n");
    expect(opencodeReport('{"type":"error","error":{"name":"UnknownError"}}').detail).toBe("UnknownError");
    expect(opencodeReport(out)).toEqual({
      inputTokens: 142,
      outputTokens: 12,
      costUsd: 0.5,
      permissionDenials: 0,
      detail: "HTTP 401: Incorrect API key provided",
    });
  });

  it("reads the installed version from `opencode --version`", () => {
    expect(opencodePreset.parseVersion(`${OPENCODE_TESTED_VERSION}\n`)).toBe(OPENCODE_TESTED_VERSION);
    expect(opencodePreset.parseVersion("error: not found")).toBeUndefined();
  });
});
