// The recorded tool box of one task run, as every agent gets it (runner agents and `swerig mcp`
// clients alike): the built-in tools on the task's environment and working copy, run_tests parsing
// with the task's own log parser.
import type { Environment } from "../envs/environment.js";
import type { Workspace } from "../envs/workspace.js";
import { getLogParser } from "../grader/log-parsers/index.js";
import type { Task } from "../tasks/index.js";
import { EditHistory } from "../tools/edit-history.js";
import { BUILTIN_TOOLS } from "../tools/registry.js";
import { RecordingToolBox } from "../tools/toolbox.js";
import type { TraceSink } from "../trace/recorder.js";

export interface TaskToolBoxOptions {
  /** Check around every call that only recorded calls change the working copy (external agents). */
  guardWorkspace: boolean;
  signal?: AbortSignal;
}

export function taskToolBox(
  task: Task,
  env: Environment,
  workspace: Workspace,
  trace: TraceSink,
  options: TaskToolBoxOptions,
): RecordingToolBox {
  const parse = getLogParser(task.logParser);
  const context = {
    env,
    workspace,
    edits: new EditHistory(),
    task: {
      id: task.id,
      language: task.language,
      testCommand: task.testCommand,
      parseTestOutput: (output: string) => parse?.(output, { workdir: task.workdir }) ?? new Map(),
    },
    ...(options.signal ? { signal: options.signal } : {}),
  };
  return new RecordingToolBox(BUILTIN_TOOLS, context, trace, { guardWorkspace: options.guardWorkspace });
}
