// One SWE-agent v0 command as a call of our tools, read together with the state before it (open file,
// working directory) and the observation it produced. Their file viewer, edit, create, search and find
// commands become read_file, shell, write_file, search and find_files; a str_replace_editor command line
// (1.x without function calling) is read as its arguments; anything else runs in shell.
import { posix } from "node:path";
import { breToRegex } from "./bre-regex.js";
import { shellWord } from "../../core/shell-quote.js";
import { mapEditorCall } from "./swe-agent-editor.js";
import { splitWords } from "./shell-words.js";

export interface SweAgentState {
  /** Absolute path of the file open before the command. */
  openFile: string | undefined;
  /** Absolute working directory before the command (their shell keeps cd; ours does not). */
  workingDir: string | undefined;
}

export type MappedAction =
  | { kind: "call"; name: string; arguments: Record<string, unknown>; viewed?: string[]; edited?: string[]; approximation?: string }
  | { kind: "unmapped"; reason: string };

/** CodeR's multi-agent control actions: they hand over between roles and touch nothing. */
const CONTROL_ACTIONS = new Set(["plan", "succeed", "fail"]);

/** The window their viewer printed: `[File: <path> (<n> lines total)]`, `(k more lines above)`, `(m more lines below)`. */
export function viewerWindow(observation: string): { path: string; start: number; end: number } | undefined {
  const header = /^\[File: (.+) \((\d+) lines total(?: after edit)?\)\]$/m.exec(observation);
  if (!header) return undefined;
  const total = Number(header[2]);
  const above = Number(/^\((\d+) more lines above\)$/m.exec(observation)?.[1] ?? 0);
  const below = Number(/^\((\d+) more lines below\)$/m.exec(observation)?.[1] ?? 0);
  return { path: header[1]!, start: above + 1, end: total - below };
}

/**
 * Their `edit <start>:<end>` replaces whole lines, which edit_file cannot express without the file's
 * content; this python3 script (present in SWE-bench images) does the same in shell: lines start..end
 * replaced by the text's lines and every line written back newline-terminated, as their mapfile and
 * printf do. `apply` writes the file; `preview` only prints the new lines (an edit their linter undid).
 */
const EDIT_SCRIPT = [
  "import os,sys",
  "p,a,b,t,m=sys.argv[1],int(sys.argv[2]),int(sys.argv[3]),os.fsencode(sys.argv[4]),sys.argv[5]",
  'L=open(p,"rb").read().split(b"\\n")',
  'if L[-1]==b"":L.pop()',
  'R=t.split(b"\\n")[:-1]',
  'o=b"".join(x+b"\\n" for x in L[:a-1]+R+L[b:]) or b"\\n"',
  'if m=="apply":open(p,"wb").write(o)',
  'else:sys.stdout.buffer.write(b"".join(b"%d:%s\\n"%(a+i,x) for i,x in enumerate(R)))',
].join("\n");

/** Whether a shell command is one lineRangeEditCommand made (an imported `edit start:end`). */
export function isLineRangeEditCommand(command: string): boolean {
  return command.startsWith(`python3 -c ${shellWord(EDIT_SCRIPT)} `);
}

/** The shell command that replaces lines start..end of `path` by `lines` (apply) or only prints them (preview). */
export function lineRangeEditCommand(path: string, start: number, end: number, lines: string[], mode: "apply" | "preview"): string {
  const text = lines.map((l) => `${l}\n`).join("");
  return `python3 -c ${shellWord(EDIT_SCRIPT)} ${shellWord(path)} ${start} ${end} ${shellWord(text)} ${mode}`;
}

/** The arguments of a `str_replace_editor <command> <path> [--flag value]...` command line, as its argparse reads them. */
export function editorArguments(words: string[]): Record<string, unknown> {
  const [, command, path, ...rest] = words;
  const args: Record<string, unknown> = { command, path };
  for (let i = 0; i < rest.length; i++) {
    const flag = /^--(\w+)$/.exec(rest[i]!)?.[1];
    if (flag === undefined) continue;
    if (flag === "view_range") {
      args[flag] = [Number(rest[i + 1]), Number(rest[i + 2])];
      i += 2;
    } else if (flag === "insert_line") args[flag] = Number(rest[++i]);
    else args[flag] = rest[++i];
  }
  return args;
}

/**
 * Maps one action. `root` is the repository's absolute path in their container, when known;
 * `autosubmitted` says their run ended by submitting on an `exit_*` action (a limit or an error).
 * Never throws: an action without an equivalent comes back as `unmapped` with the reason.
 */
export function mapSweAgentAction(
  action: string,
  observation: string,
  state: SweAgentState,
  context: { root: string | undefined; autosubmitted: boolean },
): MappedAction {
  const root = context.root;
  const text = action.replace(/\n$/, "");
  if (text.trim() === "") return { kind: "unmapped", reason: "an empty action" };
  const firstLine = text.split("\n")[0]!;
  const [command = "", ...args] = splitWords(firstLine);
  const cwd = state.workingDir ?? root;
  /** Repository-relative path of `path` (taken relative to the working directory), or undefined outside it. */
  const repoPath = (path: string, base = cwd): string | undefined => {
    if (root === undefined) return path.startsWith("/") ? undefined : posix.normalize(path);
    const abs = posix.resolve(base ?? root, path);
    if (abs === root) return ".";
    return abs.startsWith(`${root}/`) ? abs.slice(root.length + 1) : undefined;
  };
  const openFile = state.openFile !== undefined ? repoPath(state.openFile) : undefined;
  const view = (fallbackPath: string | undefined): MappedAction => {
    const window = viewerWindow(observation);
    if (window && repoPath(window.path) === undefined) {
      const command = `sed -n ${window.start},${window.end}p ${shellWord(window.path)}`;
      return {
        kind: "call",
        name: "shell",
        arguments: { command },
        approximation: `${window.path} is outside the repository: printed with sed`,
      };
    }
    const path = window ? repoPath(window.path) : fallbackPath;
    if (path === undefined) return { kind: "unmapped", reason: `${command}: no file of the repository to view` };
    if (!window || window.end < window.start) return { kind: "call", name: "read_file", arguments: { path }, viewed: [path] };
    return { kind: "call", name: "read_file", arguments: { path, start_line: window.start, end_line: window.end }, viewed: [path] };
  };
  const usage = (what: string): MappedAction => ({
    kind: "unmapped",
    reason: `${command} without ${what}: their usage error changed nothing`,
  });

  if (CONTROL_ACTIONS.has(command))
    return { kind: "unmapped", reason: `${command}: a CodeR control action (hand-over between roles), no tool of ours` };
  if (command === "submit") return { kind: "call", name: "submit", arguments: {} };
  if (command === "str_replace_editor") {
    const base = root ?? "/testbed";
    return mapEditorCall(editorArguments(splitWords(text)), observation, { root: base, cwd: cwd ?? base });
  }
  if (/^exit_\w+$/.test(command)) {
    return context.autosubmitted
      ? { kind: "call", name: "submit", arguments: {} }
      : { kind: "unmapped", reason: `${command}: their run ended here without a submission` };
  }
  if (command === "open") return args[0] ? view(repoPath(args[0])) : usage("a file");
  if (command === "goto" || command === "scroll_up" || command === "scroll_down") {
    if (!viewerWindow(observation))
      return { kind: "unmapped", reason: `${command}: their viewer showed no file (${observation.trim().split("\n")[0] ?? ""})` };
    return view(openFile);
  }
  if (command === "create") {
    if (!args[0]) return usage("a file");
    const path = repoPath(args[0]);
    if (path === undefined) return { kind: "unmapped", reason: `create ${args[0]}: outside the repository` };
    // An existing file is not overwritten: they report the error and open it.
    if (/^Error: File .* already exists/m.test(observation)) return view(path);
    // Their create writes one empty line (printf "\n"), then opens the file.
    return { kind: "call", name: "write_file", arguments: { path, content: "\n" }, edited: [path] };
  }
  if (command === "edit") {
    const range = /^edit\s+(\d+):(\d+)\s*$/.exec(firstLine);
    if (!range) return usage("a start:end range");
    if (openFile === undefined) return { kind: "unmapped", reason: "edit: no file of the repository open; their edit changed nothing" };
    const lines = text.split("\n").slice(1);
    if (lines.at(-1)?.trim() === "end_of_edit") lines.pop();
    // Their edit is undone when the linter objects; the observation then lacks "File updated.".
    const applied = /^File updated\./m.test(observation);
    const cmd = lineRangeEditCommand(openFile, Number(range[1]), Number(range[2]), lines, applied ? "apply" : "preview");
    return { kind: "call", name: "shell", arguments: { command: cmd }, ...(applied ? { edited: [openFile] } : {}) };
  }
  if (command === "search_file" || command === "search_dir") {
    if (args[0] === undefined) return usage("a search term");
    const where = args[1] !== undefined ? repoPath(args[1]) : command === "search_file" ? openFile : repoPath(".");
    if (where === undefined) return { kind: "unmapped", reason: `${command}: ${args[1] ?? "no open file"} is not in the repository` };
    return { kind: "call", name: "search", arguments: { pattern: breToRegex(args[0]), ...(where === "." ? {} : { path: where }) } };
  }
  if (command === "find_file") {
    if (args[0] === undefined) return usage("a file name");
    // Their `find <dir> -type f -name <name>` matches file names in any folder, as a find_files glob without "/" does.
    const dir = repoPath(args[1] ?? ".");
    if (dir === undefined) return { kind: "unmapped", reason: `find_file: ${args[1] ?? "."} is not in the repository` };
    return { kind: "call", name: "find_files", arguments: { pattern: args[0], ...(dir === "." ? {} : { path: dir }) } };
  }
  const cd = state.workingDir !== undefined && state.workingDir !== root ? (repoPath(state.workingDir) ?? state.workingDir) : undefined;
  const shellCommand = cd !== undefined && cd !== "." ? `cd ${shellWord(cd)} && ${text}` : text;
  return { kind: "call", name: "shell", arguments: { command: shellCommand } };
}
