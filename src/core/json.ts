// JSON read leniently where a file may be absent, half-written or of another shape: the caller gets
// undefined and decides what that means, instead of a try/catch around JSON.parse at every reader.
import type { z } from "zod";

/** `text` parsed as JSON; undefined when it is not JSON (a file still being written, a line of prose). */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `text` parsed as JSON and checked by `schema`; undefined when there is no text, it is not JSON, or it does not fit. */
export function parseJsonWith<S extends z.ZodType>(schema: S, text: string | undefined): z.infer<S> | undefined {
  if (text === undefined) return undefined;
  const value = tryParseJson(text);
  if (value === undefined) return undefined;
  const parsed = schema.safeParse(value);
  return parsed.success ? (parsed.data as z.infer<S>) : undefined;
}
