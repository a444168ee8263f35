// Options as data: each command declares its options once, and parsing, validation and help come
// from that table.
import { parseArgs } from "node:util";
import { SwerigError } from "../core/index.js";

export interface OptionSpec {
  type: "string" | "boolean";
  description: string;
  default?: string | boolean;
  short?: string;
  /** Placeholder shown in help for string options. */
  arg?: string;
}

export interface PositionalSpec {
  /** Shown in help, e.g. `TRACE`. */
  name: string;
  description: string;
}

export interface CommandSpec {
  name: string;
  summary: string;
  /** The positional arguments, each required, in order; none when absent (a stray one is an error). */
  positionals?: readonly PositionalSpec[];
  options: Record<string, OptionSpec>;
  /** Names of options that must be given. */
  required?: string[];
  /** Lines printed after the options in --help (exit codes, ...). */
  notes?: readonly string[];
}

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
    const given = parsed.positionals.map((p) => JSON.stringify(p)).join(" ");
    const wanted = expected.length === 0 ? "no arguments" : expected.map((p) => p.name).join(" ");
    const what =
      parsed.positionals.length > expected.length
        ? `unexpected argument${parsed.positionals.length - expected.length > 1 ? "s" : ""} ${given}`
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

export function stringOption(values: ParsedOptions, name: string): string | undefined {
  const v = values[name];
  return typeof v === "string" ? v : undefined;
}

/** A positive integer option; throws SwerigError("invalid_input") naming the option otherwise. */
export function intOption(values: ParsedOptions, name: string): number | undefined {
  const raw = stringOption(values, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0)
    throw new SwerigError("invalid_input", `--${name} takes a positive whole number, not ${JSON.stringify(raw)}`);
  return n;
}

export function listOption(values: ParsedOptions, name: string): string[] | undefined {
  const raw = stringOption(values, name);
  return raw === undefined
    ? undefined
    : raw
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s.length > 0);
}
