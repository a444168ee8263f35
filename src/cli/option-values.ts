// What each kind of option value takes, as zod schemas over the strings the command line gives: whole
// numbers, numbers, sizes, lists, run ids and choices. A failure reads `takes ..., not "raw"`, and
// parseOptions puts the option's name in front of it.
import { z } from "zod";
import { FOLDER_NAME } from "../core/index.js";

/** A string option's value schema whose failure reads `takes ..., not "raw"` after the option's name. */
function parsed<T>(takes: string, parse: (raw: string) => T | undefined): z.ZodType<T, string> {
  return z.string().transform((raw, ctx) => {
    const value = parse(raw);
    if (value === undefined) ctx.addIssue({ code: "custom", message: `takes ${takes}, not ${JSON.stringify(raw)}` });
    return value as T;
  });
}

const positiveInt = (raw: string) => {
  const n = Number(raw);
  return raw.trim() !== "" && Number.isInteger(n) && n > 0 ? n : undefined;
};
const finite = (raw: string) => {
  const n = Number(raw);
  return raw.trim() !== "" && Number.isFinite(n) ? n : undefined;
};
const list = (raw: string) =>
  raw
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);

/** Value schemas for options, from what the command line gives (a string, or true for a flag). */
export const value = {
  text: z.string(),
  positiveInt: parsed("a positive whole number", positiveInt),
  /** 0 (any free port, say) or a positive whole number. */
  count: parsed("0 or a positive whole number", (raw) => (raw.trim() === "0" ? 0 : positiveInt(raw))),
  number: parsed("a number", finite),
  positiveNumber: parsed("a positive number", (raw) => {
    const n = finite(raw);
    return n !== undefined && n > 0 ? n : undefined;
  }),
  /** A size in GiB, given in bytes. */
  gib: parsed("a size in GiB (a number, 0 or more)", (raw) => {
    const n = finite(raw);
    return n !== undefined && n >= 0 ? Math.round(n * 1024 ** 3) : undefined;
  }),
  workers: parsed("a positive whole number or auto", (raw): number | "auto" | undefined => (raw === "auto" ? "auto" : positiveInt(raw))),
  list: parsed("a comma-separated list", list),
  runId: parsed("a name of letters, digits, '.', '_' and '-' (it names a folder)", (raw) => (FOLDER_NAME.test(raw) ? raw : undefined)),
  oneOf: <const T extends string>(allowed: readonly T[]) => parsed(allowed.join(", "), (raw) => allowed.find((a) => a === raw)),
  flag: z
    .boolean()
    .optional()
    .transform((v) => v === true),
};
