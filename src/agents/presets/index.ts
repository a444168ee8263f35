// The presets by `--agent` name: one line per off-the-shelf agent CLI (each in a small file of its own).
import { claudeCodePreset } from "./claude-code.js";
import { codexPreset } from "./codex.js";
import { opencodePreset } from "./opencode.js";
import type { AgentPreset } from "./preset.js";

export const PRESETS: Readonly<Record<string, AgentPreset>> = {
  [claudeCodePreset.name]: claudeCodePreset,
  [codexPreset.name]: codexPreset,
  [opencodePreset.name]: opencodePreset,
};

export type { AgentPreset, PresetReport, PresetRunContext } from "./preset.js";
export * from "./preset-agent.js";
export * from "./preset-image.js";
