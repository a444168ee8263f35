// "swerig/trace": the trace format (versioned JSONL, one validated event per line) and its reader.
export * from "./events.js";
export * from "./reader.js";
export { TraceRecorder, type TraceSink } from "./recorder.js";
