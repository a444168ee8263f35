// The patch application chain of the official harness (v5): git apply, then --3way, then --reject,
// then GNU patch with fuzz, resetting the tree between tries; a patch that is already applied
// (it reverses cleanly) counts as applied.
import { shellQuote } from "../core/index.js";
import type { Environment } from "../envs/environment.js";

export const APPLY_METHODS = [
  "git apply --verbose",
  "git apply --verbose --3way",
  "git apply --verbose --reject",
  "patch --batch --forward --fuzz=5 -p1 -i",
] as const;

export const APPLIED_MARKER = ">>>>> Applied Patch";
export const APPLY_FAILED_MARKER = ">>>>> Patch Apply Failed";

export function applyScript(workdir: string, patchPath: string): string {
  const reset = "git checkout -- . >/dev/null 2>&1; git clean -fdq >/dev/null 2>&1";
  const lines = [`cd ${shellQuote(workdir)} || exit 1`];
  APPLY_METHODS.forEach((method, i) => {
    lines.push(`if ${method} ${shellQuote(patchPath)}; then echo '${APPLIED_MARKER} (${method})'; exit 0; fi`);
    lines.push(reset);
    if (i === APPLY_METHODS.length - 1) {
      lines.push(
        `if git apply --check --reverse ${shellQuote(patchPath)} 2>/dev/null; then echo '${APPLIED_MARKER} (already applied)'; exit 0; fi`,
      );
    }
  });
  lines.push(`echo '${APPLY_FAILED_MARKER}'; exit 1`);
  return lines.join("\n");
}

export interface ApplyOutcome {
  applied: boolean;
  /** The method that worked, when one did. */
  method?: string;
  log: string;
}

/** Writes `patch` into the environment and runs the chain; never throws for a patch that does not apply. */
export async function applyPatch(env: Environment, patch: string, patchPath = "/tmp/patch.diff"): Promise<ApplyOutcome> {
  await env.putFile(patchPath, patch.endsWith("\n") ? patch : `${patch}\n`);
  const result = await env.exec(applyScript(env.workdir, patchPath), { timeoutMs: 120_000, maxOutputBytes: 256 * 1024 });
  const m = new RegExp(`^${APPLIED_MARKER.replace(/[>]/g, "\\>")} \\((.*)\\)$`, "m").exec(result.output);
  if (result.exitCode === 0 && m) return { applied: true, method: m[1]!, log: result.output };
  return { applied: false, log: result.output };
}
