// debug: runs a command with breakpoints and reports, for every hit, where it stopped and the values
// of the given expressions there; the program never waits for anyone. Python and Node (JavaScript and
// TypeScript) through helpers copied into the environment, one folder per call.
import { shellQuote } from "../core/index.js";
import { randomUUID } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import { z } from "zod";
import { nodeDebugger } from "./debug-node.js";
import { pythonDebugger } from "./debug-python.js";
import { parseDebugRecords, renderHits, type DebugHit, type ResolvedBreakpoint } from "./debug-report.js";
import { DEBUG_ROOT, type DebugRuntime } from "./debug-runtime.js";
import { MAX_SHELL_TIMEOUT_SEC, truncateOutput } from "./limits.js";
import { missingFileMessage, resolveToolPath } from "./paths.js";
import { defineTool, withSignal, toolError, type ToolContext, type ToolResult } from "./tool.js";

export const DEFAULT_MAX_HITS = 20;
export const MAX_MAX_HITS = 100;
export const DEFAULT_DEBUG_TIMEOUT_SEC = 120;
/** Characters of one value as shown (Python repr, Node util.inspect). */
export const VALUE_CHARS = 200;
/** Characters of the command's output shown after the hits. */
const OUTPUT_TAIL_CHARS = 3_000;

const RUNTIMES: Record<string, DebugRuntime> = {
  ".py": pythonDebugger,
  ".js": nodeDebugger,
  ".mjs": nodeDebugger,
  ".cjs": nodeDebugger,
  ".ts": nodeDebugger,
  ".mts": nodeDebugger,
  ".cts": nodeDebugger,
  ".tsx": nodeDebugger,
};

const BreakpointSchema = z
  .object({
    file: z.string().min(1).describe("path of the source file, relative to the repository root"),
    line: z.number().int().positive().describe("1-based line number"),
    condition: z
      .string()
      .min(1)
      .optional()
      .describe("an expression in the program's language; the breakpoint counts only where it is truthy"),
  })
  .strict();

export const debugTool = defineTool({
  name: "debug",
  description:
    "Run a command with breakpoints and see the values of expressions at every hit, without stopping the program. " +
    "Breakpoints go in Python (.py) or JavaScript/TypeScript (.js .mjs .cjs .ts .mts .cts .tsx) files of the repository, one language " +
    "per call; " +
    "every Python or Node process the command starts is traced (pytest, vitest and plain scripts alike). " +
    `Returns one block per hit (file:line, function, thread, pid, then \`expression = value\`, values cut to ${VALUE_CHARS} characters, ` +
    "errors shown as <error: ...>), why a breakpoint was not hit, the exit code and the end of the output. " +
    "Under vitest, imported names are renamed by the transform: evaluate local variables and parameters.",
  effects: { readOnly: false, destructive: false, idempotent: true },
  parameters: z
    .object({
      command: z
        .string()
        .min(1)
        .describe(
          "command to run in the repository root, e.g. `python3 -m pytest -x tests/test_calc.py::test_double` or `npx vitest run " +
            "tests/a.test.ts`",
        ),
      breakpoints: z.array(BreakpointSchema).min(1).max(10).describe("1 to 10 breakpoints"),
      expressions: z
        .array(z.string().min(1))
        .max(10)
        .default([])
        .describe("0 to 10 expressions evaluated at every hit, in the program's language"),
      max_hits: z
        .number()
        .int()
        .positive()
        .max(MAX_MAX_HITS)
        .default(DEFAULT_MAX_HITS)
        .describe(`hits recorded before the breakpoints are dropped (default ${DEFAULT_MAX_HITS})`),
      timeout_sec: z
        .number()
        .int()
        .positive()
        .max(MAX_SHELL_TIMEOUT_SEC)
        .default(DEFAULT_DEBUG_TIMEOUT_SEC)
        .describe(`the command is killed after this long (default ${DEFAULT_DEBUG_TIMEOUT_SEC})`),
    })
    .strict(),
  async execute(args, ctx): Promise<ToolResult> {
    const runtime = pickRuntime(args.breakpoints.map((b) => b.file));
    if (typeof runtime === "string") return toolError(runtime);
    const breakpoints: ResolvedBreakpoint[] = [];
    for (const bp of args.breakpoints) {
      const resolved = await resolveBreakpoint(ctx, bp);
      if (typeof resolved === "string") return toolError(resolved);
      breakpoints.push(resolved);
    }
    const dir = `${DEBUG_ROOT}/${randomUUID()}`;
    try {
      const prepared = await runtime.prepare(ctx.env, dir, breakpoints);
      if ("error" in prepared) return toolError(prepared.error);
      const config = {
        root: ctx.env.workdir,
        breakpoints: breakpoints.map((bp) => ({ file: bp.abs, line: bp.line, condition: bp.condition ?? null })),
        expressions: args.expressions,
        maxHits: args.max_hits,
        reprChars: VALUE_CHARS,
        hitsFile: `${dir}/hits.jsonl`,
        countFile: `${dir}/count`,
      };
      const run = await ctx.env.exec(prepared.wrap(args.command), {
        env: { SWERIG_DEBUG: JSON.stringify(config) },
        timeoutMs: args.timeout_sec * 1000,
        maxOutputBytes: 4 * OUTPUT_TAIL_CHARS,
        ...withSignal(ctx),
      });
      const read = await ctx.env.exec(`cat ${shellQuote(config.hitsFile)} 2>/dev/null || true`, {
        timeoutMs: 60_000,
        maxOutputBytes: 8 * 1024 * 1024,
      });
      const records = parseDebugRecords(read.output);
      const hits = records.filter((r): r is DebugHit => r.type === "hit");
      const lines = [`$ ${args.command}`];
      lines.push(...(hits.length > 0 ? renderHits(hits, breakpoints) : [`no breakpoint was hit`]));
      if (hits.length >= args.max_hits) lines.push(`[stopped at max_hits=${args.max_hits}; the command ran on without breakpoints]`);
      for (const [i, bp] of breakpoints.entries()) {
        if (!hits.some((h) => h.bp === i))
          lines.push(`breakpoint ${i + 1} (${bp.file}:${bp.line}) was not hit: ${prepared.explainMiss(i, records)}`);
      }
      const failures = [...new Set(records.flatMap((r) => (r.type === "error" ? [r.message] : [])))];
      lines.push(...failures.slice(0, 5).map((m) => `debugger: ${m}`));
      lines.push(run.timedOut ? `[killed after ${args.timeout_sec} s (timeout)]` : `[exit code ${run.exitCode}]`);
      if (run.timedOut && prepared.timeoutHint) lines.push(prepared.timeoutHint);
      const tail = truncateOutput(run.output, "the output is cut", OUTPUT_TAIL_CHARS).text.trimEnd();
      lines.push(tail === "" ? "(no output)" : `output:\n${tail}`);
      return { output: lines.join("\n"), isError: run.timedOut && hits.length === 0 };
    } finally {
      await ctx.env.exec(`rm -rf ${shellQuote(dir)}`, { timeoutMs: 60_000 });
    }
  },
});

/** The one runtime of all breakpoint files, or a message for the model. */
function pickRuntime(files: string[]): DebugRuntime | string {
  const found = new Set<DebugRuntime>();
  for (const file of files) {
    const ext = /\.[^./]+$/.exec(file)?.[0].toLowerCase() ?? "";
    const runtime = RUNTIMES[ext];
    if (!runtime)
      return `${file}: the debug tool handles Python (.py) and JavaScript/TypeScript (${Object.keys(RUNTIMES)
        .filter((e) => e !== ".py")
        .join(" ")}) files`;
    found.add(runtime);
  }
  if (found.size > 1)
    return (
      `the breakpoints mix ${[...found].map((r) => r.name).join(" and ")} files; ` +
      "one call debugs one language, so make one call per language"
    );
  return [...found][0]!;
}

async function resolveBreakpoint(ctx: ToolContext, bp: z.infer<typeof BreakpointSchema>): Promise<ResolvedBreakpoint | string> {
  const target = await resolveToolPath(ctx.workspace, bp.file);
  if (!target.ok) return target.message;
  const info = await stat(target.abs).catch(() => undefined);
  if (!info) return missingFileMessage(ctx.workspace, bp.file);
  if (!info.isFile()) return `${target.rel} is not a file`;
  const lines = (await readFile(target.abs, "utf8")).split("\n");
  if (lines.at(-1) === "") lines.pop();
  if (bp.line > lines.length) return `${target.rel} has ${lines.length} lines; line ${bp.line} is past its end`;
  const abs = `${ctx.env.workdir.replace(/\/+$/, "")}/${target.rel}`;
  return { file: target.rel, abs, line: bp.line, lines, ...(bp.condition ? { condition: bp.condition } : {}) };
}
