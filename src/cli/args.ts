// Options as data: each command declares its options once, and parsing, validation and help come
// from that table.
import { parseArgs } from "node:util";
import { EvalError } from "../core/index.js";

export interface OptionSpec {
  type: "string" | "boolean";
  description: string;
  default?: string | boolean;
  short?: string;
  /** Placeholder shown in help for string options. */
  arg?: string;
}

export interface CommandSpec {
  name: string;
  summary: string;
  options: Record<string, OptionSpec>;
  /** Names of options that must be given. */
  required?: string[];
  /** Lines printed after the options in --help (exit codes, ...). */
  notes?: readonly string[];
}

export type ParsedOptions = Record<string, string | boolean | undefined>;

/** Parses argv for `spec`; throws EvalError("invalid_input") naming the bad or missing option. */
export function parseCommand(spec: CommandSpec, argv: string[]): { values: ParsedOptions; positionals: string[] } {
  let parsed;
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
    throw new EvalError("invalid_input", `swerig ${spec.name}: ${(error as Error).message}\n\n${commandHelp(spec)}`);
  }
  const values: ParsedOptions = {};
  for (const [name, o] of Object.entries(spec.options)) {
    const v = (parsed.values as ParsedOptions)[name];
    values[name] = v ?? o.default;
  }
  for (const name of spec.required ?? []) {
    if (values[name] === undefined) throw new EvalError("invalid_input", `swerig ${spec.name}: --${name} is required\n\n${commandHelp(spec)}`);
  }
  return { values, positionals: parsed.positionals };
}

export function commandHelp(spec: CommandSpec): string {
  const rows = Object.entries(spec.options).map(([name, o]) => {
    const flag = `--${name}${o.type === "string" ? ` ${o.arg ?? "VALUE"}` : ""}`;
    const def = o.default !== undefined && o.default !== false ? ` (default: ${String(o.default)})` : "";
    return `  ${flag.padEnd(28)} ${o.description}${def}`;
  });
  const notes = spec.notes ? ["", ...spec.notes] : [];
  return [`usage: swerig ${spec.name} [options]`, "", spec.summary, "", "options:", ...rows, ...notes].join("\n");
}

export function stringOption(values: ParsedOptions, name: string): string | undefined {
  const v = values[name];
  return typeof v === "string" ? v : undefined;
}

/** A positive integer option; throws EvalError("invalid_input") naming the option otherwise. */
export function intOption(values: ParsedOptions, name: string): number | undefined {
  const raw = stringOption(values, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new EvalError("invalid_input", `--${name} takes a positive whole number, not ${JSON.stringify(raw)}`);
  return n;
}

export function listOption(values: ParsedOptions, name: string): string[] | undefined {
  const raw = stringOption(values, name);
  return raw === undefined ? undefined : raw.split(",").map((s) => s.trim()).filter((s) => s.length > 0);
}
