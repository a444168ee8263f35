// Cutting long text for a reader: one marker shape for every place swerig leaves something out
// (tool outputs, command output buffers, what a model is shown, the HTML report), and one head-and-tail
// cut for text that has no lines worth keeping whole.

/** `[... 1200 lines omitted; narrow the command ...]`: what was left out, how much, and what to do. */
export function omissionMarker(count: number, unit: "lines" | "characters" | "bytes", hint: string): string {
  return `[... ${count} ${unit} omitted${hint ? `; ${hint}` : ""} ...]`;
}

/** Share of the budget kept from the head and from the tail when a text is cut. */
export const HEAD_SHARE = 0.6;
export const TAIL_SHARE = 0.3;

/** Keeps about `max` characters of `text`, 60 % from its head and 30 % from its tail, around a marker. */
export function cutHeadTail(text: string, max: number, hint: string): string {
  if (text.length <= max) return text;
  const head = text.slice(0, Math.floor(max * HEAD_SHARE));
  const tail = text.slice(text.length - Math.floor(max * TAIL_SHARE));
  return `${head}\n${omissionMarker(text.length - head.length - tail.length, "characters", hint)}\n${tail}`;
}
