// The JSON events an agent CLI prints one per line on stdout: the lines that parse and match the
// preset's schema, in order; any other line (progress text, an event this preset does not read) is skipped.
import type { z } from "zod";
import { parseJsonWith } from "../../core/index.js";

export function jsonLines<S extends z.ZodType>(stdout: string, schema: S): z.infer<S>[] {
  return stdout.split("\n").flatMap((line) => {
    if (!line.trim().startsWith("{")) return [];
    const value: z.infer<S> | undefined = parseJsonWith(schema, line);
    return value === undefined ? [] : [value];
  });
}
