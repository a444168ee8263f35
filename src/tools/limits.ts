// Bounds on what a tool returns to the model, in one place.
import { cutHeadTail, HEAD_SHARE, omissionMarker, TAIL_SHARE } from "../core/index.js";
import { normalizeObservation } from "../trace/normalize.js";

export const MAX_OUTPUT_CHARS = 20_000;
export const DEFAULT_READ_LINES = 400;
export const MAX_LINE_CHARS = 2_000;
export const DEFAULT_SHELL_TIMEOUT_SEC = 120;
export const MAX_SHELL_TIMEOUT_SEC = 1_800;

/**
 * Cuts `text` to about `max` characters, keeping whole lines from its head and tail, with a marker and
 * a hint to continue. Which lines are kept is decided on the text with timings normalized, so a replay
 * whose output differs only in timings is cut at the same lines. A single line longer than the budget
 * is cut inside.
 */
export function truncateOutput(text: string, hint: string, max = MAX_OUTPUT_CHARS): { text: string; truncated: boolean } {
  if (text.length <= max) return { text, truncated: false };
  const lines = text.split("\n");
  const sizes = normalizeObservation(text)
    .split("\n")
    .map((l) => l.length + 1);
  if (sizes.length !== lines.length) return cutChars(text, hint, max);
  let headBudget = Math.floor(max * HEAD_SHARE);
  let head = 0;
  while (head < lines.length && sizes[head]! <= headBudget) headBudget -= sizes[head++]!;
  let tailBudget = Math.floor(max * TAIL_SHARE);
  let tail = lines.length;
  while (tail > head && sizes[tail - 1]! <= tailBudget) tailBudget -= sizes[--tail]!;
  if (head === 0 && tail === lines.length) return cutChars(text, hint, max);
  const kept = [...lines.slice(0, head), omissionMarker(tail - head, "lines", hint), ...lines.slice(tail)];
  return { text: kept.join("\n"), truncated: true };
}

function cutChars(text: string, hint: string, max: number): { text: string; truncated: boolean } {
  return { text: cutHeadTail(text, max, hint), truncated: true };
}
