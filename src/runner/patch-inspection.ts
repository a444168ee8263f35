// The quality of a graded patch: in the grading container, once the patch is applied and before any
// test runs, each changed source file is read as it was (git show HEAD:path) and as it is, and the
// change is analysed on the host (tools/code-metrics): size, locality against the reference patch,
// complexity deltas and the security findings it introduces; then the compilers' and checkers' findings
// it introduces (static-checks.ts), which go on while the tests run. A failure here never changes a
// verdict: the quality block then says why it is missing.
import { shellQuote } from "../core/index.js";
import { touchedPaths } from "../core/patch-files.js";
import type { Environment } from "../envs/environment.js";
import { analyzePatch, type ChangedFile, type PatchQuality } from "../tools/code-metrics/analyze.js";
import { languageOf } from "../tools/tree-sitter.js";
import { startStaticSignals } from "./static-checks.js";
import type { Task } from "../tasks/index.js";

/** Larger files are left out of the analysis (generated code, data). */
const MAX_FILE_BYTES = 512 * 1024;
const MAX_FILES = 50;

export type QualityBlock = PatchQuality | { missing: string };

async function readVersion(env: Environment, workdir: string, command: string): Promise<string | null> {
  const result = await env.exec(command, { cwd: workdir, timeoutMs: 30_000, maxOutputBytes: MAX_FILE_BYTES + 1 });
  if (result.exitCode !== 0 || result.truncated) return null;
  return result.output;
}

const missing = (error: unknown): QualityBlock => ({
  missing: `the patch could not be analysed: ${error instanceof Error ? error.message : String(error)}`,
});

/**
 * The hook gradeInstance calls after applying a patch (GradeInstanceOptions.inspect): the changed files
 * are read, and the checkers that run in the container get their copy of the patched tree, before the
 * tests; the analysis itself goes on while they run.
 */
export function inspectPatch(task: Task): (env: Environment, patch: string) => Promise<{ quality: Promise<QualityBlock> }> {
  return async (env, patch) => {
    try {
      const paths = touchedPaths(patch)
        .filter((p) => languageOf(p) !== undefined)
        .slice(0, MAX_FILES);
      const files: ChangedFile[] = [];
      for (const path of paths) {
        const quoted = shellQuote(path);
        const before = await readVersion(env, task.workdir, `git show HEAD:${quoted} 2>/dev/null`);
        const after = await readVersion(env, task.workdir, `test -f ${quoted} && cat ${quoted}`);
        files.push({ path, before, after });
      }
      const { done: checks } = await startStaticSignals(env, task.workdir, files);
      const quality = (async (): Promise<QualityBlock> => {
        try {
          const [analysed, signals] = await Promise.all([analyzePatch(patch, task.goldPatch, files), checks]);
          return { ...analysed, static: signals };
        } catch (error) {
          await checks;
          return missing(error);
        }
      })();
      return { quality };
    } catch (error) {
      return { quality: Promise.resolve(missing(error)) };
    }
  };
}
