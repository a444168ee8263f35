// `--config FILE` on any command, the config file found in the current directory otherwise, and
// `swerig config --print`: the configuration as loaded, with the file it came from.
import { z } from "zod";
import { SwerigError } from "../core/index.js";
import { parseOptions, value, type CommandSpec } from "./args.js";
import { applyConfig, findConfig, loadConfig, registerConfigAgents, type LoadedConfig } from "./config.js";
import type { CliIo } from "./output.js";

export const configSpec: CommandSpec = {
  name: "config",
  summary: "Show the configuration swerig.config.* gives (--print), with the file it came from.",
  options: {
    print: { type: "boolean", description: "print the configuration as JSON (agents defined in code by name, model and settings)" },
    config: { type: "string", arg: "FILE", description: "a config file other than swerig.config.* in the current directory" },
  },
};

const ConfigOptions = z.object({ print: value.flag, config: value.text.optional() });

/** argv without `--config FILE`, and the file it names. */
function takeConfigFlag(argv: readonly string[]): { argv: string[]; named?: string } {
  const at = argv.findIndex((a) => a === "--config" || a.startsWith("--config="));
  if (at < 0) return { argv: [...argv] };
  const flag = argv[at]!;
  const named = flag.includes("=") ? flag.slice("--config=".length) : argv[at + 1];
  if (!named) throw new SwerigError("invalid_input", "--config needs a value (a config file)");
  return { argv: [...argv.slice(0, at), ...argv.slice(at + (flag.includes("=") ? 1 : 2))], named };
}

/** The command line as typed and the config file it used, set by configFor: `swerig dev` reads the file again when it changes. */
export const configInput: { argv: readonly string[]; file: string | undefined } = { argv: [], file: undefined };

/** The config for a command line: found, loaded, its code agents registered; undefined when there is none. */
export async function configFor(argv: readonly string[]): Promise<{ loaded: LoadedConfig; argv(spec: CommandSpec): string[] } | undefined> {
  const { argv: rest, named } = takeConfigFlag(argv);
  const file = findConfig(process.cwd(), named);
  configInput.argv = [...argv];
  configInput.file = file;
  registerConfigAgents(undefined);
  if (!file) return named === undefined ? undefined : { loaded: { file: named, config: {} }, argv: () => rest };
  const loaded = await loadConfig(file);
  registerConfigAgents(loaded);
  return { loaded, argv: (spec) => (spec.name === "config" ? [...argv] : applyConfig(rest, spec, loaded)) };
}

export async function configCommand(argv: string[], io: CliIo): Promise<number> {
  const { options } = parseOptions(configSpec, argv, ConfigOptions);
  const file = findConfig(process.cwd(), options.config);
  if (!file) {
    io.err("swerig config: no swerig.config.{ts,mts,js,mjs,json} in the current directory (or give --config FILE)");
    return 1;
  }
  const { config } = await loadConfig(file);
  const agents = Object.fromEntries(
    Object.entries(config.agents ?? {}).map(([name, a]) =>
      "run" in a ? [name, { defined: "in code", name: a.name, model: a.model, settings: a.settings }] : [name, a],
    ),
  );
  const shown = { file, ...config, ...(config.agents ? { agents } : {}) };
  io.out(options.print ? JSON.stringify(shown, null, 2) : `configuration from ${file}; swerig config --print shows it`);
  return 0;
}
