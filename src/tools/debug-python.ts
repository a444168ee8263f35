// Python for the debug tool: a sitecustomize.py first on PYTHONPATH installs a line tracer in every
// Python process the command starts (pytest and its workers included); run as a script beforehand, the
// same helper says which breakpoint lines can be hit and whether the conditions compile.
import { parseJsonWith, shellQuote } from "../core/index.js";
import { z } from "zod";
import type { Environment } from "../envs/environment.js";
import type { DebugRecord, ResolvedBreakpoint } from "./debug-report.js";
import { quoteLine } from "./debug-report.js";
import { conditionClause, helperSource, sameFile, type DebugRuntime, type PreparedDebug } from "./debug-runtime.js";

const CheckSchema = z.array(
  z.object({
    executable: z.boolean().nullable(),
    next: z.number().int().nullable(),
    error: z.string().nullable(),
    conditionError: z.string().nullable(),
  }),
);
type Check = z.infer<typeof CheckSchema>[number];

const NO_PYTHON = "__swerig_no_python3__";

export const pythonDebugger: DebugRuntime = {
  name: "Python",
  async prepare(env: Environment, dir: string, breakpoints: ResolvedBreakpoint[]): Promise<PreparedDebug | { error: string }> {
    const helper = `${dir}/sitecustomize.py`;
    await env.putFile(helper, await helperSource("sitecustomize.py"));
    const spec = JSON.stringify({
      breakpoints: breakpoints.map((bp) => ({ file: bp.abs, line: bp.line, condition: bp.condition ?? null })),
    });
    const r = await env.exec(
      `command -v python3 >/dev/null 2>&1 || { echo ${NO_PYTHON}; exit 0; }; python3 ${shellQuote(helper)} --check ${shellQuote(spec)}`,
      {
        timeoutMs: 60_000,
      },
    );
    if (r.output.includes(NO_PYTHON)) return { error: "this environment has no python3, so Python code cannot be debugged here" };
    const checks = parseChecks(r.output);
    if (!checks)
      return { error: `checking the breakpoints with python3 failed (exit code ${r.exitCode}): ${r.output.trim().slice(-1000)}` };
    for (const [i, check] of checks.entries()) {
      const bp = breakpoints[i]!;
      if (check.error) return { error: `${bp.file} cannot be compiled, so no line of it can be hit: ${check.error}` };
      if (check.conditionError)
        return {
          error: `the condition of breakpoint ${i + 1} (${bp.file}:${bp.line}) is not a valid Python expression: ${check.conditionError}`,
        };
    }
    return {
      wrap: (command) => `export PYTHONPATH=${shellQuote(dir)}\${PYTHONPATH:+:$PYTHONPATH}\n${command}`,
      explainMiss: (index, records) => explainMiss(breakpoints, checks, index, records),
    };
  },
};

function parseChecks(output: string): Check[] | undefined {
  const last = output.trim().split("\n").at(-1) ?? "";
  return parseJsonWith(CheckSchema, last);
}

function explainMiss(breakpoints: ResolvedBreakpoint[], checks: Check[], index: number, records: DebugRecord[]): string {
  const bp = breakpoints[index]!;
  const check = checks[index];
  if (check && check.executable === false) {
    const next = check.next === null ? "there is no code after it" : `the next line that can is ${quoteLine(bp, check.next)}`;
    return `line ${quoteLine(bp, bp.line)} cannot be hit (a blank line, a comment, or not the first line of a statement); ${next}`;
  }
  const files = sameFile(breakpoints, index);
  if (records.some((r) => r.type === "seen" && files.has(r.bp))) {
    return `${bp.file} ran, but line ${bp.line} was never reached${conditionClause(bp)}`;
  }
  return (
    `no Python process of the command ran code from ${bp.file}; check that the command runs this file (an installed copy elsewhere is ` +
    `a different file), ` +
    `with python3, without -S or -I and without replacing PYTHONPATH`
  );
}
