// Options as data: each command declares its options once, and parsing, validation and help come
// from that table. A command's zod schema then turns the parsed strings into typed values (numbers,
// run ids, lists, choices), so every value is checked in one place and named in the error.
import { parseArgs } from "node:util";
import type { z } from "zod";
import { SwerigError } from "../core/index.js";
import { value } from "./option-values.js";

export { value } from "./option-values.js";

export interface OptionSpec {
  type: "string" | "boolean";
  description: string;
  default?: string | boolean;
  short?: string;
  /** Placeholder shown in help for string options. */
  arg?: string;
}

export interface PositionalSpec<P extends string = string> {
  /** Shown in help, e.g. `TRACE`; parseOptions gives its value under this name. */
  name: P;
  description: string;
}

export interface CommandSpec<P extends string = string> {
  name: string;
  summary: string;
  /** The positional arguments, each required, in order; none when absent (a stray one is an error). */
  positionals?: readonly PositionalSpec<P>[];
  options: Record<string, OptionSpec>;
  /** Names of options that must be given. */
  required?: string[];
  /** Lines printed after the options in --help (exit codes, ...). */
  notes?: readonly string[];
}

/** Options several commands share, written once (a command with other words for one writes its own). */
export const SHARED_OPTIONS = {
  tasks: { type: "string", arg: "DIR|FILE", description: "swe-tasks directory or SWE-bench dataset file", default: "swe-tasks" },
  instances: { type: "string", arg: "ID,ID", description: "only these instances" },
  "traces-dir": { type: "string", arg: "DIR", description: "where runs are written", default: "traces" },
} as const satisfies Record<string, OptionSpec>;

export type ParsedOptions = Record<string, string | boolean | undefined>;

/** Parses argv for `spec`; throws SwerigError("invalid_input") naming the bad or missing option or argument. */
export function parseCommand(spec: CommandSpec, argv: string[]): { values: ParsedOptions; positionals: string[] } {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: Object.fromEntries(
        Object.entries(spec.options).map(([name, o]) => [name, { type: o.type, ...(o.short ? { short: o.short } : {}) }]),
      ),
    });
  } catch (error) {
    const message = (error as Error).message;
    const unknown = /^Unknown option '([^']+)'/.exec(message);
    const missingValue = /^Option '(?:-\w, )?(--[^ ']+)[^']*' argument missing/.exec(message);
    const what = unknown ? `unknown option ${unknown[1]}` : missingValue ? `${missingValue[1]} needs a value` : message;
    throw new SwerigError("invalid_input", `${what} (swerig ${spec.name} --help lists the options)`);
  }
  const expected = spec.positionals ?? [];
  if (parsed.positionals.length !== expected.length) {
    const extra = parsed.positionals.slice(expected.length);
    const wanted = expected.length === 0 ? "no arguments" : expected.map((p) => p.name).join(" ");
    const what =
      extra.length > 0
        ? `unexpected argument${extra.length > 1 ? "s" : ""} ${extra.map((p) => JSON.stringify(p)).join(" ")}`
        : `missing ${expected
            .slice(parsed.positionals.length)
            .map((p) => p.name)
            .join(" ")}`;
    throw new SwerigError("invalid_input", `${what}: it takes ${wanted}\n\n${commandHelp(spec)}`);
  }
  const values: ParsedOptions = {};
  for (const [name, o] of Object.entries(spec.options)) {
    const v = (parsed.values as ParsedOptions)[name];
    values[name] = v ?? o.default;
  }
  for (const name of spec.required ?? []) {
    if (values[name] === undefined) throw new SwerigError("invalid_input", `--${name} is required\n\n${commandHelp(spec)}`);
  }
  return { values, positionals: parsed.positionals };
}

export function commandHelp(spec: CommandSpec): string {
  const required = new Set(spec.required ?? []);
  const flags = Object.entries(spec.options).map(
    ([name, o]) => `--${name}${o.short ? `, -${o.short}` : ""}${o.type === "string" ? ` ${o.arg ?? "VALUE"}` : ""}`,
  );
  const positionals = spec.positionals ?? [];
  const width = Math.max(...flags.map((f) => f.length), ...positionals.map((p) => p.name.length)) + 2;
  const rows = Object.entries(spec.options).map(([name, o], i) => {
    const def = o.default !== undefined && o.default !== false ? ` (default: ${String(o.default)})` : "";
    return `  ${flags[i]!.padEnd(width)}${o.description}${required.has(name) ? " (required)" : def}`;
  });
  const args = positionals.length > 0 ? ["", "arguments:", ...positionals.map((p) => `  ${p.name.padEnd(width)}${p.description}`)] : [];
  const synopsis = [
    `usage: swerig ${spec.name}`,
    ...positionals.map((p) => p.name),
    ...[...required].map((r) => `--${r} ${spec.options[r]?.arg ?? ""}`.trim()),
    "[options]",
  ];
  const notes = spec.notes ? ["", ...spec.notes] : [];
  return [synopsis.join(" "), "", spec.summary, ...args, "", "options:", ...rows, ...notes].join("\n");
}

/**
 * Parses argv for `spec`, then the option values with `schema` (keyed by option name); `args` holds
 * each positional argument under its name in the spec.
 * @throws SwerigError("invalid_input") naming the bad or missing option or argument and what it takes.
 */
export function parseOptions<S extends z.ZodObject, P extends string = never>(
  spec: CommandSpec<P>,
  argv: string[],
  schema: S,
): { options: z.output<S>; args: Record<P, string>; values: ParsedOptions } {
  const strange = Object.keys(schema.shape).filter((name) => !(name in spec.options));
  if (strange.length > 0) throw new SwerigError("internal", `swerig ${spec.name}: no such option in its table: ${strange.join(", ")}`);
  const { values, positionals } = parseCommand(spec, argv);
  const result = schema.safeParse(values);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const name = String(issue.path[0] ?? "");
    const message = issue.code === "custom" ? issue.message : `takes ${issue.message.toLowerCase()}`;
    throw new SwerigError("invalid_input", `--${name} ${message}`);
  }
  const names = (spec.positionals ?? []).map((p) => p.name);
  const args = Object.fromEntries(names.map((name, i) => [name, positionals[i]])) as Record<P, string>;
  return { options: result.data, args, values };
}

/** A string option as given; read by the option groups several commands share (agent, limits, queue, dates). */
export function stringOption(values: ParsedOptions, name: string): string | undefined {
  const v = values[name];
  return typeof v === "string" ? v : undefined;
}

/** One option's value through its value schema; undefined when absent. Throws SwerigError("invalid_input") naming it. */
export function optionValue<T>(values: ParsedOptions, name: string, schema: z.ZodType<T, string>): T | undefined {
  const raw = stringOption(values, name);
  if (raw === undefined) return undefined;
  const result = schema.safeParse(raw);
  if (!result.success) throw new SwerigError("invalid_input", `--${name} ${result.error.issues[0]!.message}`);
  return result.data;
}

/** A positive integer option; throws SwerigError("invalid_input") naming the option otherwise. */
export function intOption(values: ParsedOptions, name: string): number | undefined {
  return optionValue(values, name, value.positiveInt);
}

/** A number option; throws SwerigError("invalid_input") naming the option otherwise. */
export function numberOption(values: ParsedOptions, name: string): number | undefined {
  return optionValue(values, name, value.number);
}
