// One preset run's context for unit tests of presets.
import type { PresetRunContext } from "../../../../src/agents/presets/preset.js";

export function runContext(over: Partial<PresetRunContext> = {}): PresetRunContext {
  return {
    mcpUrl: "http://127.0.0.1:4100/0a1b/mcp",
    model: "gpt-4.1-mini",
    home: "/scratch/run-1/home",
    taskFile: "/scratch/run-1/task.md",
    limits: { maxSteps: 50, maxWallTimeMs: 1_800_000, toolTimeoutMs: 600_500 },
    extraArgs: [],
    prompt: "Fix the issue.\n",
    ...over,
  };
}
