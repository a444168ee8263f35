// Importers of other agents' trajectories into swerig trace events.
export * from "./bre-regex.js";
export * from "./imported-trace.js";
export * from "./mini-swe-agent.js";
export * from "./shell-words.js";
export * from "./swe-agent.js";
export * from "./swe-agent-commands.js";
export * from "./swe-agent-editor.js";
export * from "./swe-agent-v1.js";
export * from "./moatless.js";
export * from "./moatless-search.js";
