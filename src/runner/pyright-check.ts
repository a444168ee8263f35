// pyright on the host over a Python patch: the repository's Python files at HEAD are copied out of the
// grading container (`git archive`, a read), laid out as they are after the patch in a folder of the
// process's warm pyright workspace (pyright-server.ts) and checked there, so imports between the
// project's own modules resolve. The project's third-party packages are not on the host (and pyright
// is given no interpreter, so the host's own packages are never consulted): their imports are
// unresolved before and after alike, so they never count as introduced, and attributes of those
// packages go unchecked. The tree as it was before the patch is checked only when the "after" tree
// has findings. Counted: unknown names, attributes and imports, possibly unbound names, and syntax
// errors. Other type errors are left out: on unannotated code without its dependencies pyright's
// inferred types flag sound code (a reference patch's `"".join(d.get(c, c) for c in value)`).
import { execFile } from "node:child_process";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { shellQuote } from "../core/index.js";
import type { Environment } from "../envs/environment.js";
import type { ChangedFile } from "../tools/code-metrics/analyze.js";
import { type Diagnostic, introducedDiagnostics, STATIC_TOOL_TIMEOUT_SEC, type StaticSignal } from "../tools/code-metrics/diagnostics.js";
import { languageOf } from "../tools/tree-sitter.js";
import { pyrightCheck, pyrightServerScript, pyrightTreeDir, warmPyright } from "./pyright-shared.js";

// pyright names a possibly unbound variable reportPossiblyUnboundVariable in its reports (the setting is reportPossiblyUnbound).
const COUNTED_RULES = new Set([
  "reportUndefinedVariable",
  "reportAttributeAccessIssue",
  "reportMissingImports",
  "reportPossiblyUnbound",
  "reportPossiblyUnboundVariable",
]);
/** A diagnostic without a rule is a syntax error (its rule reads as the severity). */
const counted = (d: Diagnostic) => COUNTED_RULES.has(d.rule) || d.rule === "error";

/** Larger Python trees are not copied: only the changed files are checked then. */
const MAX_TREE_BYTES = 32 * 1024 * 1024;

/** HEAD's Python files as a gzipped tar, or undefined when the tree is too large or git cannot archive it. */
async function pythonTree(env: Environment, workdir: string): Promise<Buffer | undefined> {
  // A pathspec matching nothing is fatal for git archive, hence `*.py` alone (stubs are rare in repositories).
  const result = await env.exec(`bash -c ${shellQuote("set -o pipefail; git archive --format=tar.gz HEAD -- '*.py' | base64 -w 0")}`, {
    cwd: workdir,
    timeoutMs: 30_000,
    maxOutputBytes: MAX_TREE_BYTES,
  });
  if (result.exitCode !== 0 || result.truncated) return undefined;
  return Buffer.from(result.output.trim(), "base64");
}

async function layOut(dir: string, tree: Buffer | undefined, files: readonly ChangedFile[], side: "before" | "after") {
  await mkdir(dir, { recursive: true });
  if (tree) {
    const child = execFile("tar", ["-xzf", "-", "-C", dir]);
    const done = new Promise<void>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code) => (code === 0 ? resolve() : reject(new Error(`tar exited with ${code} unpacking the Python tree`))));
    });
    child.stdin?.end(tree);
    await done;
  }
  for (const file of files) {
    const target = join(dir, file.path);
    const content = file[side];
    if (content === null) await rm(target, { force: true });
    else {
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, content);
    }
  }
}

async function check(script: string, dir: string, paths: readonly string[]): Promise<Diagnostic[]> {
  if (paths.length === 0) return [];
  return (await pyrightCheck(script, dir, paths, STATIC_TOOL_TIMEOUT_SEC * 1000)).filter(counted);
}

export async function pyrightSignal(env: Environment, workdir: string, files: readonly ChangedFile[]): Promise<StaticSignal> {
  const script = pyrightServerScript();
  if (!script) return { tool: "pyright", missing: "pyright is not installed (npm package pyright)" };
  const started = performance.now();
  // The first instance of a process starts the server while its tree is copied out.
  warmPyright(script);
  const python = files.filter((f) => languageOf(f.path) === "python");
  const dirs: string[] = [];
  const tree = async (side: "before" | "after") => {
    const dir = await pyrightTreeDir(side);
    dirs.push(dir);
    return dir;
  };
  try {
    const archive = await pythonTree(env, workdir);
    const after = await tree("after");
    await layOut(after, archive, python, "after");
    const changed = python.filter((f) => f.after !== null).map((f) => f.path);
    const flagged = introducedDiagnostics([], await check(script, after, changed), changed);
    let introduced = flagged;
    if (flagged.length > 0) {
      const before = await tree("before");
      await layOut(before, archive, python, "before");
      const existed = python.filter((f) => f.before !== null && f.after !== null).map((f) => f.path);
      introduced = introducedDiagnostics(await check(script, before, existed), flagged);
    }
    return { tool: "pyright", introduced, ms: Math.round(performance.now() - started) };
  } catch (error) {
    return { tool: "pyright", missing: error instanceof Error ? error.message : String(error) };
  } finally {
    await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
  }
}
