// The swerig command line: dispatches to one command module; errors are caught here only.
import { readFileSync } from "node:fs";
import { SwerigError, errorMessage } from "../core/index.js";
import type { CommandSpec } from "./args.js";
import { DISK_FULL_EXIT } from "./interrupt.js";
import { processIo, type CliIo } from "./output.js";

/** `signal`: stop starting work (first Ctrl-C); `abort`: stop work in flight too (second Ctrl-C). */
type Command = (argv: string[], io: CliIo, signal?: AbortSignal, abort?: AbortSignal) => Promise<number>;
type CommandModule = () => Promise<{ run: Command; spec: CommandSpec }>;

/** Command modules load on use, so one command's dependencies never slow down or break another. */
const COMMANDS: Record<string, { load: CommandModule; summary: string }> = {
  config: {
    summary: "Show the configuration swerig.config.* gives (--print), with the file it came from.",
    load: async () => {
      const m = await import("./config-command.js");
      return { run: m.configCommand, spec: m.configSpec };
    },
  },
  "tasks list": {
    summary: "List the tasks of a swe-tasks directory or a SWE-bench dataset file.",
    load: async () => {
      const m = await import("./tasks-list.js");
      return { run: m.tasksList, spec: m.tasksListSpec };
    },
  },
  "tasks validate": {
    summary: "Check every task in containers before and after its reference patch.",
    load: async () => {
      const m = await import("./tasks-validate.js");
      return { run: m.tasksValidate, spec: m.tasksValidateSpec };
    },
  },
  run: {
    summary: "Run an agent on tasks in containers; trace and grade every run.",
    load: async () => {
      const m = await import("./run.js");
      return { run: m.run, spec: m.runSpec };
    },
  },
  replay: {
    summary: "Replay a trace in a fresh container (or offline) and report the first divergence.",
    load: async () => {
      const m = await import("./replay.js");
      return { run: m.replay, spec: m.replaySpec };
    },
  },
  import: {
    summary: "Convert a SWE-agent or mini-swe-agent trajectory into a swerig trace.",
    load: async () => {
      const m = await import("./import.js");
      return { run: m.importTrajectory, spec: m.importSpec };
    },
  },
  mcp: {
    summary: "Serve one task's tools over MCP (stdio or HTTP), backed by its container.",
    load: async () => {
      const m = await import("./mcp.js");
      return { run: m.mcp, spec: m.mcpSpec };
    },
  },
  tools: {
    summary: "List the tools an agent works with (--json: their JSON Schemas).",
    load: async () => {
      const m = await import("./tools.js");
      return { run: m.tools, spec: m.toolsSpec };
    },
  },
  "images build": {
    summary: "Build or find every image the tasks need (cached by recipe hash).",
    load: async () => {
      const m = await import("./images-build.js");
      return { run: m.imagesBuild, spec: m.imagesBuildSpec };
    },
  },
  "images list": {
    summary: "List images swerig pulled or built: size, last use, what keeps each.",
    load: async () => {
      const m = await import("./images-list.js");
      return { run: m.imagesList, spec: m.imagesListSpec };
    },
  },
  "images prune": {
    summary: "Remove images swerig pulled or built, least recently used first.",
    load: async () => {
      const m = await import("./images-prune.js");
      return { run: m.imagesPrune, spec: m.imagesPruneSpec };
    },
  },
  report: {
    summary: "Write one static HTML page for a run: summary, instance list, trajectories.",
    load: async () => {
      const m = await import("./report.js");
      return { run: m.report, spec: m.reportSpec };
    },
  },
  compare: {
    summary: "Compare two runs instance by instance (flips, paired CI, McNemar).",
    load: async () => {
      const m = await import("./compare.js");
      return { run: m.compare, spec: m.compareSpec };
    },
  },
  judge: {
    summary: "Score each final diff of a run with an LLM judge (rubric, 1-5 with reasons, cost).",
    load: async () => {
      const m = await import("./judge.js");
      return { run: m.judge, spec: m.judgeSpec };
    },
  },
  "judge calibrate": {
    summary: "Agreement of a run's judge scores with human labels (QWK, Spearman, confusion matrix).",
    load: async () => {
      const m = await import("./judge-calibrate.js");
      return { run: m.judgeCalibrate, spec: m.judgeCalibrateSpec };
    },
  },
  dev: {
    summary: "Re-run an agent on a few tasks on every change of its inputs (watch mode, warm containers).",
    load: async () => {
      const m = await import("./dev.js");
      return { run: m.dev, spec: m.devSpec };
    },
  },
  "export otel": {
    summary: "Write a run's traces as OpenTelemetry spans (OTLP/JSON, gen_ai conventions).",
    load: async () => {
      const m = await import("./export-otel.js");
      return { run: m.exportOtel, spec: m.exportOtelSpec };
    },
  },
  grade: {
    summary: "Grade predictions (a file, gold or empty) in fresh containers.",
    load: async () => {
      const m = await import("./grade.js");
      return { run: m.grade, spec: m.gradeSpec };
    },
  },
  worker: {
    summary: "Take the instances `grade|run --queue` hand out; do them on this machine's Docker.",
    load: async () => {
      const m = await import("./worker.js");
      return { run: m.worker, spec: m.workerSpec };
    },
  },
};

export function usage(): string {
  const rows = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(14)} ${c.summary}`);
  return ["usage: swerig <command> [options]   (swerig <command> --help for its options)", "", "commands:", ...rows].join("\n");
}

const HELP = new Set(["--help", "-h", "help"]);

/** The package's version, from its package.json. */
export function version(): string {
  const text = readFileSync(new URL("../../package.json", import.meta.url), "utf8");
  return (JSON.parse(text) as { version: string }).version;
}

/** `swerig tasks`, `swerig images`: the subcommands of a group, or undefined for a name that is none. */
function groupUsage(group: string): string | undefined {
  const rows = Object.entries(COMMANDS).filter(([name]) => name.startsWith(`${group} `));
  if (rows.length === 0) return undefined;
  const lines = rows.map(([name, c]) => `  ${name.padEnd(14)} ${c.summary}`);
  return [`usage: swerig ${group} <subcommand> [options]`, "", "subcommands:", ...lines].join("\n");
}

/** Runs one command line; returns the exit code. */
export async function main(argv: string[], io: CliIo = processIo, signal?: AbortSignal, abort?: AbortSignal): Promise<number> {
  const two = argv.slice(0, 2).join(" ");
  const name = COMMANDS[two] ? two : (argv[0] ?? "");
  const command = COMMANDS[name];
  if (!command) {
    const group = groupUsage(name);
    const answer =
      name === "" || HELP.has(name)
        ? usage()
        : name === "--version" || name === "-v" || name === "version"
          ? version()
          : group !== undefined && (argv.length === 1 || HELP.has(argv[1] ?? ""))
            ? group
            : undefined;
    if (answer !== undefined) {
      io.out(answer);
      return 0;
    }
    io.err(`swerig: unknown command ${JSON.stringify(group !== undefined ? two : name)}\n\n${group ?? usage()}`);
    return 2;
  }
  let rest = argv.slice(name.split(" ").length);
  try {
    const { run, spec } = await command.load();
    if (rest.includes("--help") || rest.includes("-h")) {
      const { commandHelp } = await import("./args.js");
      io.out(commandHelp(spec));
      return 0;
    }
    const { configFor } = await import("./config-command.js");
    const config = await configFor(rest);
    if (config) rest = config.argv(spec);
    return await run(rest, io, signal, abort);
  } catch (error) {
    if (SwerigError.isInstance(error)) {
      io.err(`swerig ${name}: ${error.message}`);
      if (error.code === "disk_full") return DISK_FULL_EXIT;
      return error.code === "invalid_input" || error.code === "invalid_task" ? 2 : 1;
    }
    const file = unreadableFile(error);
    if (file) {
      io.err(`swerig ${name}: ${file}`);
      return 2;
    }
    io.err(`swerig ${name}: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : errorMessage(error)}`);
    return 1;
  }
}

/** A file the user named that cannot be read is their mistake, said in one line: no stack trace. */
function unreadableFile(error: unknown): string | undefined {
  if (!(error instanceof Error) || !("code" in error) || !("path" in error)) return undefined;
  const why: Record<string, string> = {
    ENOENT: "no such file or directory",
    EACCES: "permission denied",
    EISDIR: "is a directory, not a file",
    ENOTDIR: "a part of the path is not a directory",
  };
  const reason = why[String(error.code)];
  return reason ? `cannot read ${String(error.path)}: ${reason}` : undefined;
}
