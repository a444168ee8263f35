// The Claude Code preset on its own: the command line, files and environment it gets, and its report
// read from JSON outputs recorded from real runs of the CLI (fixtures in test/fixtures/presets).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { claudeCodePreset } from "../../../src/agents/presets/claude-code.js";
import type { PresetRunContext } from "../../../src/agents/presets/preset.js";

const recorded = (name: string) => readFileSync(new URL(`../../fixtures/presets/${name}`, import.meta.url), "utf8");

const run: PresetRunContext = {
  mcpUrl: "http://127.0.0.1:41234/abc/mcp",
  model: "claude-sonnet-4-5",
  home: "/tmp/swerig-agent-1/home",
  taskFile: "/tmp/swerig-agent-1/task.md",
  limits: { maxSteps: 100, maxWallTimeMs: 1_800_000, toolTimeoutMs: 1_800_000, maxCostUsd: 2.5 },
  extraArgs: ["--effort", "low"],
  baseUrl: "http://127.0.0.1:8080",
  prompt: "Fix it.",
};

describe("the claude-code preset", () => {
  it("runs print mode with JSON output, the run's MCP config only, no built-in tools, and the swerig tools allowed without asking", () => {
    const argv = claudeCodePreset.argv(run);
    const flagValue = (flag: string) => argv[argv.indexOf(flag) + 1];
    expect(argv[0]).toBe("claude");
    expect(argv).toContain("--print");
    expect(flagValue("--output-format")).toBe("json");
    expect(flagValue("--model")).toBe("claude-sonnet-4-5");
    expect(flagValue("--mcp-config")).toBe("/tmp/swerig-agent-1/home/mcp.json");
    expect(argv).toContain("--strict-mcp-config");
    expect(flagValue("--tools")).toBe("");
    expect(flagValue("--disallowedTools")?.split(",")).toEqual(expect.arrayContaining(["Bash", "Edit", "Write", "Read", "WebFetch"]));
    expect(flagValue("--allowedTools")).toBe("mcp__swerig");
    expect(flagValue("--permission-mode")).toBe("dontAsk");
    expect(flagValue("--max-budget-usd")).toBe("2.5");
    expect(argv.slice(-2)).toEqual(["--effort", "low"]);
    expect(claudeCodePreset.stdin?.(run)).toBe("Fix it.");
  });

  it("writes an MCP config that points at the run's endpoint and settings that allow only the swerig tools", () => {
    const files = claudeCodePreset.files(run);
    expect(Object.keys(files).sort()).toEqual([".claude/settings.json", "mcp.json"]);
    expect(JSON.parse(files["mcp.json"]!)).toEqual({ mcpServers: { swerig: { type: "http", url: run.mcpUrl } } });
    const settings = JSON.parse(files[".claude/settings.json"]!) as { permissions: { allow: string[]; deny: string[] } };
    expect(settings.permissions.allow).toEqual(["mcp__swerig"]);
    expect(settings.permissions.deny).toContain("Bash");
  });

  it("keeps its config in the run's home, raises the MCP tool timeout to the task's, and turns off telemetry and updates", () => {
    const env = claudeCodePreset.env(run);
    expect(env).toMatchObject({
      CLAUDE_CONFIG_DIR: "/tmp/swerig-agent-1/home/.claude",
      MCP_TOOL_TIMEOUT: "1800000",
      ANTHROPIC_BASE_URL: "http://127.0.0.1:8080",
      DISABLE_AUTOUPDATER: "1",
      DISABLE_TELEMETRY: "1",
      CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1",
      ENABLE_TOOL_SEARCH: "false",
    });
    const { baseUrl: _, ...withoutBaseUrl } = run;
    expect(claudeCodePreset.env(withoutBaseUrl)).not.toHaveProperty("ANTHROPIC_BASE_URL");
  });

  it("reads tokens and cost from a recorded run that submitted", () => {
    expect(claudeCodePreset.report(recorded("claude-code-submitted.json"))).toEqual({
      inputTokens: 4_000,
      outputTokens: 160,
      costUsd: 0.0144,
      permissionDenials: 0,
    });
  });

  it("counts the denials of a recorded run whose settings asked for approval of a swerig tool", () => {
    expect(claudeCodePreset.report(recorded("claude-code-denied.json"))).toMatchObject({ permissionDenials: 1, costUsd: 0.0144 });
  });

  it("says why a recorded run with a wrong API key failed", () => {
    const report = claudeCodePreset.report(recorded("claude-code-auth-failed.json"));
    expect(report).toMatchObject({ inputTokens: 0, costUsd: 0, permissionDenials: 0 });
    expect(report.detail).toBe("the model API answered 401 (check the API key): Invalid API key · Fix external API key");
  });

  it("reads a recorded stop at the cost budget it was given as a cost limit, with what it spent", () => {
    expect(claudeCodePreset.report(recorded("claude-code-budget.json"))).toEqual({
      inputTokens: 2_000,
      outputTokens: 80,
      costUsd: 0.0072,
      permissionDenials: 0,
      detail: "error_max_budget_usd: Reached maximum budget ($0.005)",
      limit: "cost",
    });
  });

  it("reads a result line after other output, and reports odd output without throwing", () => {
    const line = recorded("claude-code-submitted.json").trim();
    expect(claudeCodePreset.report(`starting\n{"not":"a result"}\n${line}\n`).outputTokens).toBe(160);
    for (const odd of ["", "not json", '{"type":"result","usage":"odd"}', "{"]) {
      expect(claudeCodePreset.report(odd)).toMatchObject({ inputTokens: 0, costUsd: 0, detail: "no JSON result in its output" });
    }
  });

  it("reads its version from `claude --version`", () => {
    expect(claudeCodePreset.parseVersion("2.1.337 (Claude Code)\n")).toBe("2.1.337");
    expect(claudeCodePreset.parseVersion("command not found")).toBeUndefined();
  });
});
