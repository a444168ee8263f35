import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { CODEX_TESTED_VERSION, codexConfig, codexPreset, codexReport } from "../../../../src/agents/presets/codex.js";
import { runContext } from "./run-context.js";

// Recorded from codex-cli 0.171.0 against a scripted Responses server: the gold patch of
// py-kvconf-zero-padded-ints through the swerig tools (6 calls, 7 requests of 1000 input and 50
// output tokens), and the same run with the tools not approved up front.
const gold = readFileSync(new URL("../../../fixtures/presets/codex-exec-gold.jsonl", import.meta.url), "utf8");
const denied = readFileSync(new URL("../../../fixtures/presets/codex-exec-denied.jsonl", import.meta.url), "utf8");

describe("codex preset: configuration", () => {
  it("points the model provider at --base-url (Responses API) and else at OpenAI, the key in OPENAI_API_KEY", () => {
    const local = codexConfig(runContext({ baseUrl: "http://127.0.0.1:9000/v1" }));
    expect(local).toMatch(/^model_provider = "swerig"$/m);
    expect(local).toContain('[model_providers.swerig]\nname = "swerig"\nbase_url = "http://127.0.0.1:9000/v1"\nenv_key = "OPENAI_API_KEY"');
    expect(local).toMatch(/^wire_api = "responses"$/m);
    expect(codexConfig(runContext())).toMatch(/^base_url = "https:\/\/api\.openai\.com\/v1"$/m);
    expect(codexPreset.apiKeyEnv).toBe("OPENAI_API_KEY");
  });

  it("serves the swerig tools over Streamable HTTP, required and approved up front, with the task's tool timeout in whole seconds", () => {
    const config = codexConfig(runContext());
    expect(config).toContain('[mcp_servers.swerig]\nurl = "http://127.0.0.1:4100/0a1b/mcp"\n');
    expect(config).toMatch(/^tool_timeout_sec = 601$/m);
    expect(config).toMatch(/^default_tools_approval_mode = "approve"$/m);
    expect(config).toMatch(/^required = true$/m);
  });

  it("turns off Codex's own shell, image, web, goal and sub-agent tools, never asks, and sandboxes read-only", () => {
    const config = codexConfig(runContext());
    for (const feature of ["shell_tool", "unified_exec", "view_image", "goals", "image_generation"])
      expect(config).toMatch(new RegExp(`^${feature} = false$`, "m"));
    expect(config).toContain("[agents]\nenabled = false");
    expect(config).toMatch(/^web_search = "disabled"$/m);
    expect(config).toMatch(/^approval_policy = "never"$/m);
    expect(config).toMatch(/^sandbox_mode = "read-only"$/m);
  });

  it("writes strings as TOML basic strings (quotes, backslashes and control characters escaped)", () => {
    const config = codexConfig(runContext({ model: 'odd"name\\v1\x7f\n' }));
    expect(config).toContain('model = "odd\\"name\\\\v1\\u007f\\n"');
    expect(config.split("\n").filter((line) => line.startsWith("model ="))).toHaveLength(1);
  });

  it("lives in CODEX_HOME under the agent's home; the prompt comes on stdin, extra flags before it", () => {
    const run = runContext({ extraArgs: ["-c", "model_reasoning_effort=high"] });
    expect(codexPreset.files(run)).toEqual({ ".codex/config.toml": codexConfig(run) });
    expect(codexPreset.env(run)).toMatchObject({ CODEX_HOME: "/scratch/run-1/home/.codex" });
    const argv = codexPreset.argv(run);
    expect(argv.slice(0, 3)).toEqual(["codex", "exec", "--json"]);
    expect(argv).toContain("--skip-git-repo-check");
    expect(argv.slice(argv.indexOf("--model"), argv.indexOf("--model") + 2)).toEqual(["--model", "gpt-4.1-mini"]);
    expect(argv.slice(-3)).toEqual(["-c", "model_reasoning_effort=high", "-"]);
    expect(codexPreset.stdin?.(run)).toBe("Fix the issue.\n");
  });
});

describe("codex preset: report", () => {
  it("sums the turns' tokens and prices them for the model", () => {
    const report = codexReport(gold, "gpt-4.1-mini");
    expect(report).toMatchObject({ inputTokens: 7000, outputTokens: 350, permissionDenials: 0 });
    expect(report.costUsd).toBeCloseTo((7000 * 0.4 + 350 * 1.6) / 1e6, 12);
    expect(report.detail).toBeUndefined();
    expect(codexReport(gold, "a-model-nobody-prices").costUsd).toBe(0);
    expect(codexPreset.report(gold)).toMatchObject({ inputTokens: 7000, outputTokens: 350, costUsd: 0 });
  });

  it("counts MCP calls Codex refused for want of approval, with its words", () => {
    const report = codexReport(denied);
    expect(report.permissionDenials).toBe(5);
    expect(report.detail).toBe("MCP tool call requires approval, but approval policy is never");
  });

  it("takes a failed turn's message as the detail and skips lines that are not its events", () => {
    const out = [
      "WARNING: failed to clean up stale arg0 temp dirs",
      '{"type":"turn.completed","usage":{"input_tokens":10,"output_tokens":2}}',
      "{not json",
      '{"type":"turn.failed","error":{"message":"stream disconnected before completion"}}',
      '{"type":"turn.completed","usage":"odd"}',
    ].join("\n");
    expect(codexReport(out)).toEqual({
      inputTokens: 10,
      outputTokens: 2,
      costUsd: 0,
      permissionDenials: 0,
      detail: "stream disconnected before completion",
    });
    expect(codexReport("")).toEqual({ inputTokens: 0, outputTokens: 0, costUsd: 0, permissionDenials: 0 });
  });

  it("reads the installed version from `codex --version`", () => {
    expect(codexPreset.parseVersion(`WARNING: something\ncodex-cli ${CODEX_TESTED_VERSION}\n`)).toBe(CODEX_TESTED_VERSION);
    expect(codexPreset.parseVersion("codex-cli 0.172.0-alpha.3")).toBe("0.172.0-alpha.3");
    expect(codexPreset.parseVersion("command not found: codex")).toBeUndefined();
  });
});
