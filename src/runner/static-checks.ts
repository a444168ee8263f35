// The compilers' and checkers' findings a patch introduces, read in the grading container once the
// patch is applied and before the tests run: tsc, go vet and cargo check need the project's
// dependencies, which only the task image has; pyright runs on the host (pyright-check.ts). The
// "before" run happens only when the "after" run flags a changed file, on a copy of HEAD made with
// `git archive` outside the work tree, so the working copy the tests see is never touched.
// Every tool is time-boxed; a missing or failing tool leaves its signal absent with the reason.
import { shellQuote } from "../core/index.js";
import type { Environment } from "../envs/environment.js";
import type { ChangedFile } from "../tools/code-metrics/analyze.js";
import {
  type Diagnostic,
  introducedDiagnostics,
  parseCargoShort,
  parseGoVet,
  parseTsc,
  type StaticSignal,
  STATIC_TOOL_TIMEOUT_SEC,
  type StaticTool,
} from "../tools/code-metrics/diagnostics.js";
import { type LanguageId, languageOf } from "../tools/tree-sitter.js";
import { pyrightSignal } from "./pyright-check.js";

const MAX_TOOL_OUTPUT_BYTES = 2 * 1024 * 1024;
/** Exit status of the wrapper when the tool is not installed in the image. */
const NOT_INSTALLED = 127;

interface ContainerTool {
  tool: StaticTool;
  languages: readonly LanguageId[];
  /** Shell that runs the tool in the current directory; exits NOT_INSTALLED without it. */
  command: string;
  parse: (output: string) => Diagnostic[];
}

const limit = `timeout -k 5 ${STATIC_TOOL_TIMEOUT_SEC}`;
const TOOLS: readonly ContainerTool[] = [
  {
    tool: "tsc",
    languages: ["typescript", "tsx", "javascript"],
    command: [
      'T=$(ls node_modules/.bin/tsc /opt/swerig-node/node_modules/.bin/tsc 2>/dev/null | head -n 1); [ -n "$T" ] || T=$(command -v tsc)',
      `[ -n "$T" ] || exit ${NOT_INSTALLED}`,
      `if [ -f tsconfig.json ]; then ${limit} "$T" --noEmit --pretty false -p tsconfig.json; else ${limit} "$T" --noEmit --pretty false --allowJs --skipLibCheck $SWERIG_FILES; fi`,
    ].join("; "),
    parse: parseTsc,
  },
  {
    tool: "go vet",
    languages: ["go"],
    command: `command -v go >/dev/null || exit ${NOT_INSTALLED}; ${limit} go vet ./...`,
    parse: parseGoVet,
  },
  {
    tool: "cargo check",
    languages: ["rust"],
    command: `command -v cargo >/dev/null || exit ${NOT_INSTALLED}; ${limit} cargo check --message-format=short`,
    parse: parseCargoShort,
  },
];

/** Runs `command` in a fresh copy of HEAD (tracked files, new mtimes, node_modules linked), removed afterwards. */
const inBeforeCopy = (command: string) =>
  [
    'D=$(mktemp -d /tmp/swerig-before.XXXXXX) || exit 1; W=$(pwd); git archive HEAD | tar -x -m -C "$D" || exit 1',
    '[ -e node_modules ] && ln -s "$W/node_modules" "$D/node_modules"',
    `(cd "$D" && ${command}); rc=$?; rm -rf "$D"; exit $rc`,
  ].join("; ");

async function runTool(
  env: Environment,
  workdir: string,
  spec: ContainerTool,
  files: readonly string[],
  before: boolean,
): Promise<{ missing: string } | { diagnostics: Diagnostic[] }> {
  const command = before ? inBeforeCopy(spec.command) : spec.command;
  const result = await env.exec(`bash -c ${shellQuote(command.replace("$SWERIG_FILES", files.map(shellQuote).join(" ")))}`, {
    cwd: workdir,
    timeoutMs: (STATIC_TOOL_TIMEOUT_SEC + 15) * 1000,
    maxOutputBytes: MAX_TOOL_OUTPUT_BYTES,
  });
  if (result.exitCode === NOT_INSTALLED) return { missing: `${spec.tool} is not installed in the task image` };
  if (result.timedOut || result.exitCode === 124 || result.exitCode === 137)
    return { missing: `${spec.tool} ran longer than ${STATIC_TOOL_TIMEOUT_SEC} s and was stopped` };
  if (result.truncated) return { missing: `${spec.tool} printed more than ${MAX_TOOL_OUTPUT_BYTES} bytes` };
  return { diagnostics: spec.parse(result.output) };
}

async function containerSignal(
  env: Environment,
  workdir: string,
  spec: ContainerTool,
  files: readonly ChangedFile[],
): Promise<StaticSignal> {
  const started = performance.now();
  const changed = files.filter((f) => f.after !== null).map((f) => f.path);
  const after = await runTool(env, workdir, spec, changed, false);
  if ("missing" in after) return { tool: spec.tool, missing: after.missing };
  const flagged = introducedDiagnostics([], after.diagnostics, changed);
  if (flagged.length === 0) return { tool: spec.tool, introduced: [], ms: Math.round(performance.now() - started) };
  const existed = files.filter((f) => f.before !== null && f.after !== null).map((f) => f.path);
  const before = await runTool(env, workdir, spec, existed, true);
  if ("missing" in before) return { tool: spec.tool, missing: `${before.missing} (on the code before the patch)` };
  return { tool: spec.tool, introduced: introducedDiagnostics(before.diagnostics, flagged), ms: Math.round(performance.now() - started) };
}

/** The static signals for the languages the patch touches (test files included: a broken test is a finding too). */
export async function staticSignals(env: Environment, workdir: string, files: readonly ChangedFile[]): Promise<StaticSignal[]> {
  const languages = new Set(files.filter((f) => f.after !== null).map((f) => languageOf(f.path)));
  const signals: StaticSignal[] = [];
  if (languages.has("python")) signals.push(await pyrightSignal(env, workdir, files));
  for (const spec of TOOLS) {
    if (!spec.languages.some((l) => languages.has(l))) continue;
    const mine = files.filter((f) => spec.languages.some((l) => l === languageOf(f.path)));
    signals.push(await containerSignal(env, workdir, spec, mine));
  }
  return signals;
}
