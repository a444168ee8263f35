// The swerig library: define an agent in TypeScript, run it on tasks in containers (traced and
// graded), grade predictions, replay traces. Sub-entries: "swerig/tasks" (task sources) and
// "swerig/trace" (the trace event format and its reader).
export {
  defineAgent,
  TOOLS,
  type AgentDefinition,
  type AgentUsage,
  type DefinedAgentContext,
  type ModelTurn,
  type ToolArguments,
  type ToolName,
  type ToolResult,
  type TypedTools,
} from "./define-agent.js";
export { grade, replay, runTasks, type GradeInput, type ReplayInput, type RunTasksInput, type TaskInput } from "./run.js";
export type { Agent, AgentContext, AgentLimits, AgentOutcome, ToolBox } from "../agents/agent.js";
export { DEFAULT_LIMITS } from "../agents/agent.js";
export { AnthropicClient } from "../agents/anthropic-client.js";
export type { ToolSpec } from "../agents/model-client.js";
export { costUsd, lookupPrice, type ModelPrice, type PriceLookup } from "../agents/prices.js";
export { CommandAgent } from "../agents/command-agent.js";
export { GoldAgent } from "../agents/gold-agent.js";
export { ModelAgent } from "../agents/model-agent.js";
export { OpenAIClient } from "../agents/openai-client.js";
export { ScriptedAgent } from "../agents/scripted-agent.js";
export { SwerigError } from "../core/errors.js";
export type { Prediction } from "../grader/predictions.js";
export type { SubmissionComparison } from "../grader/submission-diff.js";
export type { ReplayReport } from "../runner/replay.js";
export type { SubmissionCheck } from "../runner/replay-submission.js";
export type { RunSuiteResult } from "../runner/run-tasks.js";
export type { RunSuiteSummary } from "../report/run-summary.js";
export { loadTasks, type LoadedTasks, type Task } from "../tasks/index.js";
export { toolSpecs } from "../tools/registry.js";
export { readTrace, type ReadTrace } from "../trace/reader.js";
export { defineConfig, type SwerigConfig } from "./define-config.js";
