// One SWE-agent 1.x tool call (function calling) as a call of our tools: str_replace_editor's view,
// create, str_replace, insert and undo_edit become read_file, write_file and edit_file; bash becomes
// shell, run in their working directory. Their editor's semantics (tools/edit_anthropic in SWE-agent):
// absolute paths; create refuses an existing file; str_replace needs a unique old_str and expands tabs
// in the whole file; insert puts new_str's lines after line insert_line; a failed command changes nothing.
import { posix } from "node:path";
import { shellWord } from "../../core/shell-quote.js";
import type { MappedAction } from "./swe-agent-commands.js";

export interface EditorContext {
  /** The repository's absolute path in their container. */
  root: string;
  /** Their shell's working directory before the call (their session keeps cd; ours does not). */
  cwd: string;
}

/** Their editor's messages for a command that changed nothing. */
const EDITOR_FAILED = new RegExp(
  `^(?:${[
    "No replacement was performed",
    "The path .* does not exist",
    "File already exists at",
    "Invalid `(?:view_range|insert_line)`",
    "Parameter `\\w+` is required",
    "No edit history found",
    "The path .* is (?:a directory|not an absolute path)",
    "Unrecognized command",
  ].join("|")})`,
  "m",
);

const str = (value: unknown) => (typeof value === "string" ? value : undefined);

function repoPath(path: string, context: EditorContext): string | undefined {
  const abs = posix.resolve(context.cwd, path);
  if (abs === context.root) return ".";
  return abs.startsWith(`${context.root}/`) ? abs.slice(context.root.length + 1) : undefined;
}

/** Their insert: new_str's lines after line n. Our insert drops one trailing newline of new_text, so one is added back. */
const insertText = (newStr: string) => (newStr.endsWith("\n") ? `${newStr}\n` : newStr);

/** A str_replace_editor call, read with its observation. */
export function mapEditorCall(args: Record<string, unknown>, observation: string, context: EditorContext): MappedAction {
  const command = str(args["command"]);
  const rawPath = str(args["path"]);
  if (command === undefined || rawPath === undefined) return { kind: "unmapped", reason: "str_replace_editor without command or path" };
  if (EDITOR_FAILED.test(observation)) {
    const first = observation.trim().split("\n")[0] ?? "";
    return { kind: "unmapped", reason: `their ${command} failed and changed nothing (${first.slice(0, 120)})` };
  }
  const path = repoPath(rawPath, context);
  if (command === "view") {
    if (/^Here's the files and directories up to 2 levels deep in /m.test(observation)) {
      return { kind: "call", name: "shell", arguments: { command: `find ${shellWord(rawPath)} -maxdepth 2 -not -path '*/\\.*'` } };
    }
    if (path === undefined) {
      return {
        kind: "call",
        name: "shell",
        arguments: { command: `cat -n ${shellWord(rawPath)}` },
        approximation: `${rawPath} is outside the repository: printed with cat -n`,
      };
    }
    const range = Array.isArray(args["view_range"]) ? args["view_range"] : undefined;
    const [start, end] = [Number(range?.[0]), Number(range?.[1])];
    const lines =
      Number.isInteger(start) && start > 0
        ? { start_line: start, ...(Number.isInteger(end) && end >= start ? { end_line: end } : {}) }
        : {};
    return { kind: "call", name: "read_file", arguments: { path, ...lines }, viewed: [path] };
  }
  if (command === "create") {
    const text = str(args["file_text"]);
    if (text === undefined) return { kind: "unmapped", reason: "create without file_text: their usage error changed nothing" };
    if (path === undefined) {
      // Outside the repository the file cannot change the diff, but later commands may run it.
      return { kind: "call", name: "shell", arguments: { command: `printf %s ${shellWord(text)} > ${shellWord(rawPath)}` } };
    }
    return { kind: "call", name: "write_file", arguments: { path, content: text }, edited: [path] };
  }
  if (path === undefined) return { kind: "unmapped", reason: `${command} ${rawPath}: outside the repository` };
  const tabs = (...texts: (string | undefined)[]) =>
    texts.some((t) => t?.includes("\t")) ? { approximation: "tabs: their editor expands the tabs of the whole file; ours keeps them" } : {};
  if (command === "str_replace") {
    const oldStr = str(args["old_str"]);
    if (oldStr === undefined) return { kind: "unmapped", reason: "str_replace without old_str: their usage error changed nothing" };
    const newStr = str(args["new_str"]) ?? "";
    const edit = { path, command: "replace", old_text: oldStr, new_text: newStr };
    return { kind: "call", name: "edit_file", arguments: edit, edited: [path], ...tabs(oldStr, newStr) };
  }
  if (command === "insert") {
    const line = Number(args["insert_line"]);
    const newStr = str(args["new_str"]);
    if (!Number.isInteger(line) || newStr === undefined) return { kind: "unmapped", reason: "insert without insert_line or new_str" };
    const edit = { path, command: "insert", line, new_text: insertText(newStr) };
    return { kind: "call", name: "edit_file", arguments: edit, edited: [path], ...tabs(newStr) };
  }
  if (command === "undo_edit") {
    return {
      kind: "call",
      name: "edit_file",
      arguments: { path, command: "undo" },
      edited: [path],
      approximation: "undo_edit: ours restores the file as before its last change by our tools, theirs from their own edit history",
    };
  }
  return { kind: "unmapped", reason: `str_replace_editor ${command}: not a command of theirs we know` };
}

/** A bash call: their command, prefixed with a `cd` when their shell was elsewhere than the repository. */
export function mapBashCall(args: Record<string, unknown>, context: EditorContext): MappedAction {
  const command = str(args["command"]);
  if (command === undefined || command.trim() === "") return { kind: "unmapped", reason: "bash without a command" };
  const cd = context.cwd === context.root ? undefined : (repoPath(context.cwd, context) ?? context.cwd);
  return {
    kind: "call",
    name: "shell",
    arguments: { command: cd !== undefined && cd !== "." ? `cd ${shellWord(cd)} && ${command}` : command },
  };
}
