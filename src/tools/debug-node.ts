// Node for the debug tool: a preload script (NODE_OPTIONS=--require) in every Node process the command
// starts (vitest's forks and worker threads included) sets the breakpoints through an in-process
// inspector session, mapping TypeScript lines through the scripts' source maps.
import { shellQuote } from "../core/index.js";
import type { Environment } from "../envs/environment.js";
import type { DebugRecord, ResolvedBreakpoint } from "./debug-report.js";
import { nextCodeLine, quoteLine } from "./debug-report.js";
import { conditionClause, helperSource, type DebugRuntime, type PreparedDebug } from "./debug-runtime.js";

/** node:inspector sessions and `node:` requires: Node 14.18 and later; 16 is the oldest we accept. */
const MIN_NODE_MAJOR = 16;
const COMMENT_LINE = /^(\/\/|\/\*|\*)/;
const NO_NODE = "__swerig_no_node__";

export const nodeDebugger: DebugRuntime = {
  name: "Node",
  async prepare(env: Environment, dir: string, breakpoints: ResolvedBreakpoint[]): Promise<PreparedDebug | { error: string }> {
    for (const [i, bp] of breakpoints.entries()) {
      const problem = bp.condition === undefined ? undefined : javascriptSyntaxError(bp.condition);
      if (problem) {
        return {
          error:
            `the condition of breakpoint ${i + 1} (${bp.file}:${bp.line}) is not a valid JavaScript expression: ${problem}. ` +
            `Conditions and expressions run on the JavaScript Node executes (for TypeScript, the transpiled code: no type syntax).`,
        };
      }
    }
    const hook = `${dir}/hook.cjs`;
    await env.putFile(hook, await helperSource("hook.cjs"));
    const r = await env.exec(`command -v node >/dev/null 2>&1 || { echo ${NO_NODE}; exit 0; }; node --version`, { timeoutMs: 60_000 });
    if (r.output.includes(NO_NODE))
      return { error: "this environment has no node, so JavaScript or TypeScript code cannot be debugged here" };
    const major = Number(/v(\d+)\./.exec(r.output)?.[1]);
    if (!(major >= MIN_NODE_MAJOR))
      return {
        error: `the debug tool needs Node ${MIN_NODE_MAJOR} or later; this environment's node says: ${r.output.trim().slice(0, 200)}`,
      };
    return {
      wrap: (command) => `export NODE_OPTIONS=${shellQuote(`--require ${hook}`)}\${NODE_OPTIONS:+" $NODE_OPTIONS"}\n${command}`,
      explainMiss: (index, records) => explainMiss(breakpoints[index]!, index, records),
      ...(breakpoints.some((bp) => bp.condition)
        ? {
            timeoutHint:
              "Node evaluates a condition through the inspector each time its line runs (about 0.2 ms each); on a line that runs very " +
              "often, drop the condition and rely on max_hits, or put the breakpoint where the case is already selected.",
          }
        : {}),
    };
  },
};

/** The syntax error of `expression` as JavaScript, compiled (never run) on the host. */
function javascriptSyntaxError(expression: string): string | undefined {
  try {
    new Function(`return (\n${expression}\n);`);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

function explainMiss(bp: ResolvedBreakpoint, index: number, records: DebugRecord[]): string {
  const seen = records.flatMap((r) => (r.type === "seen" && r.bp === index ? [r] : []));
  if (seen.some((r) => r.placed)) return `${bp.file} was loaded, but line ${bp.line} was never reached${conditionClause(bp)}`;
  if (seen.length > 0) {
    const next = seen.map((r) => r.next).find((n): n is number => typeof n === "number");
    const where = next === undefined ? "there is no code after it" : `the next line with code is ${quoteLine(bp, next)}`;
    return (
      `line ${quoteLine(bp, bp.line)} has no code of its own in the JavaScript that runs ` +
      `(a blank line, a comment, a type, or not the start of a statement), so it cannot be hit; ${where}`
    );
  }
  const text = bp.lines[bp.line - 1]?.trim() ?? "";
  const next = nextCodeLine(bp, bp.line, COMMENT_LINE);
  const blank =
    text === "" || COMMENT_LINE.test(text)
      ? `; besides, line ${bp.line} is ${text === "" ? "blank" : "a comment"}` +
        (next === undefined ? "" : ` (the next code line is ${quoteLine(bp, next)})`)
      : "";
  const typescript = /\.(ts|mts|cts|tsx)$/.test(bp.file)
    ? " (TypeScript files are found through source maps: run them with vitest or tsx, " +
      "or run compiled JavaScript that keeps its source maps)"
    : "";
  return `no Node process of the command loaded ${bp.file}${typescript}${blank}`;
}
