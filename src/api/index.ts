// The swerig library: what a program needs to load tasks, run agents on them in containers, grade
// predictions and read traces, without the command line. Sub-entries: "swerig/tasks" (task sources),
// "swerig/trace" (the trace event format and its reader).
export type { Agent, AgentContext, AgentLimits, AgentOutcome, ToolBox } from "../agents/agent.js";
export { DEFAULT_LIMITS } from "../agents/agent.js";
export { GoldAgent } from "../agents/gold-agent.js";
export { ScriptedAgent } from "../agents/scripted-agent.js";
export { ModelAgent } from "../agents/model-agent.js";
export { OpenAIClient } from "../agents/openai-client.js";
export { AnthropicClient } from "../agents/anthropic-client.js";
export { CommandAgent } from "../agents/command-agent.js";
export { SwerigError } from "../core/errors.js";
export { loadPredictions, type Prediction } from "../grader/predictions.js";
export { gradeSuite, type GradeSuiteOptions, type GradeSuiteResult } from "../runner/grade-suite.js";
export { runSuite, type RunSuiteOptions, type RunSuiteSummary } from "../runner/run-suite.js";
export { replayTrace, type ReplayOptions, type ReplayReport } from "../runner/replay.js";
export { dockerGradingEnvironments } from "../runner/docker-grading.js";
export { dockerAgentEnvironments } from "../runner/docker-agent-env.js";
export { loadTasks, type LoadedTasks, type Task } from "../tasks/index.js";
export { readTrace, type ReadTrace } from "../trace/reader.js";
export { BUILTIN_TOOLS, toolSpecs } from "../tools/registry.js";
