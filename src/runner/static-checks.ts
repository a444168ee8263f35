// The compilers' and checkers' findings a patch introduces, read in the grading container: tsc, go vet
// and cargo check need the project's dependencies, which only the task image has; pyright runs on the
// host (pyright-check.ts). Before the tests run, the patched tree is copied outside the work tree
// (tracked and untracked files, not ignored ones; node_modules linked), and tsc and go vet check that
// copy while the tests run; cargo check runs before the tests in the work tree itself, since it shares
// the tests' target directory and its lock. The "before" run happens only when the "after" run flags a
// changed file, on a copy of HEAD (`git archive`). The working copy the tests see is never changed.
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
  /** Safe to run on a copy while the tests run; otherwise it runs in the work tree before them. */
  concurrent: boolean;
}

const limit = `timeout -k 5 ${STATIC_TOOL_TIMEOUT_SEC}`;
const TOOLS: readonly ContainerTool[] = [
  {
    tool: "tsc",
    languages: ["typescript", "tsx", "javascript"],
    command: [
      'T=$(ls node_modules/.bin/tsc /opt/swerig-node/node_modules/.bin/tsc 2>/dev/null | head -n 1); [ -n "$T" ] || T=$(command -v tsc)',
      `[ -n "$T" ] || exit ${NOT_INSTALLED}`,
      `if [ -f tsconfig.json ]; then ${limit} "$T" --noEmit --pretty false -p tsconfig.json; ` +
        `else ${limit} "$T" --noEmit --pretty false --allowJs --skipLibCheck $SWERIG_FILES; fi`,
    ].join("; "),
    parse: parseTsc,
    concurrent: true,
  },
  {
    tool: "go vet",
    languages: ["go"],
    command: `command -v go >/dev/null || exit ${NOT_INSTALLED}; ${limit} go vet ./...`,
    parse: parseGoVet,
    concurrent: true,
  },
  {
    tool: "cargo check",
    languages: ["rust"],
    command: `command -v cargo >/dev/null || exit ${NOT_INSTALLED}; ${limit} cargo check --message-format=short`,
    parse: parseCargoShort,
    concurrent: false,
  },
];

/** Copies the patched tree outside the work tree and prints where. */
const AFTER_COPY = [
  "D=$(mktemp -d /tmp/swerig-after.XXXXXX) || exit 1",
  'git ls-files -z -co --exclude-standard | tar --null --ignore-failed-read -T - -c 2>/dev/null | tar -x -m -C "$D" || exit 1',
  '[ -e node_modules ] && ln -s "$PWD/node_modules" "$D/node_modules"',
  'echo "$D"',
].join("; ");

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

/** `after` is where the patched tree is: the work tree, or its copy; the "before" copy is made from the work tree's HEAD. */
async function containerSignal(
  env: Environment,
  workdir: string,
  after: string,
  spec: ContainerTool,
  files: readonly ChangedFile[],
): Promise<StaticSignal> {
  const started = performance.now();
  const changed = files.filter((f) => f.after !== null).map((f) => f.path);
  const found = await runTool(env, after, spec, changed, false);
  if ("missing" in found) return { tool: spec.tool, missing: found.missing };
  const flagged = introducedDiagnostics([], found.diagnostics, changed);
  if (flagged.length === 0) return { tool: spec.tool, introduced: [], ms: Math.round(performance.now() - started) };
  const existed = files.filter((f) => f.before !== null && f.after !== null).map((f) => f.path);
  const before = await runTool(env, workdir, spec, existed, true);
  if ("missing" in before) return { tool: spec.tool, missing: `${before.missing} (on the code before the patch)` };
  return { tool: spec.tool, introduced: introducedDiagnostics(before.diagnostics, flagged), ms: Math.round(performance.now() - started) };
}

/**
 * Starts the static signals for the languages the patch touches (test files included: a broken test is
 * a finding too). Resolves once the work tree is no longer needed; `done` resolves, never rejects, when
 * every checker has finished.
 */
export async function startStaticSignals(
  env: Environment,
  workdir: string,
  files: readonly ChangedFile[],
): Promise<{ done: Promise<StaticSignal[]> }> {
  const languages = new Set(files.filter((f) => f.after !== null).map((f) => languageOf(f.path)));
  const specs = TOOLS.filter((spec) => spec.languages.some((l) => languages.has(l)));
  const mine = (spec: ContainerTool) => files.filter((f) => spec.languages.some((l) => l === languageOf(f.path)));
  const settled = async (tool: StaticTool, signal: Promise<StaticSignal>): Promise<StaticSignal> =>
    signal.catch((error: unknown) => ({ tool, missing: error instanceof Error ? error.message : String(error) }));
  const early: StaticSignal[] = [];
  for (const spec of specs.filter((s) => !s.concurrent))
    early.push(await settled(spec.tool, containerSignal(env, workdir, workdir, spec, mine(spec))));
  const later = specs.filter((s) => s.concurrent);
  const copy = later.length === 0 ? undefined : await env.exec(`bash -c ${shellQuote(AFTER_COPY)}`, { cwd: workdir, timeoutMs: 60_000 });
  const dir = copy?.exitCode === 0 ? copy.output.trim().split("\n").pop() : undefined;
  const done = (async () => {
    const python = languages.has("python") ? [settled("pyright", pyrightSignal(env, workdir, files))] : [];
    const inCopy = later.map((spec) =>
      dir
        ? settled(spec.tool, containerSignal(env, workdir, dir, spec, mine(spec)))
        : Promise.resolve({ tool: spec.tool, missing: `the patched tree could not be copied: ${copy?.output.slice(0, 200)}` }),
    );
    const signals = await Promise.all([...python, ...inCopy]);
    if (dir) await env.exec(`rm -rf ${shellQuote(dir)}`, { timeoutMs: 60_000 }).catch(() => undefined);
    return [...signals.slice(0, python.length), ...early, ...signals.slice(python.length)];
  })();
  return { done };
}
