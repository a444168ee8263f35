// When two tool calls are "the same call": the same tool with the same arguments, whatever the order of
// their object keys and whether the arguments came as an object or as its JSON text. One rule for the
// model agent's repeat warning, the repeated-call metric and offline replay's call comparison.
import type { ToolCall } from "./events.js";
import { tryParseJson } from "../core/index.js";

/** Arguments with object keys sorted, a JSON text holding an object or array read as that value. */
function canonical(value: unknown): string {
  if (typeof value === "string") {
    const parsed = tryParseJson(value);
    if (typeof parsed === "object" && parsed !== null) return canonical(parsed);
  }
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** A key equal for two calls exactly when they are the same call (the id is not part of it). */
export function toolCallKey(call: Pick<ToolCall, "name" | "arguments">): string {
  return `${call.name}\u0000${canonical(call.arguments)}`;
}

export function sameToolCall(a: Pick<ToolCall, "name" | "arguments">, b: Pick<ToolCall, "name" | "arguments">): boolean {
  return toolCallKey(a) === toolCallKey(b);
}
