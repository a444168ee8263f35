// run_tests: the repository's own tests (those in the working copy; never the hidden ones), all or
// named, with a per-test status parsed by the same parsers the grader uses.
import { shellQuote } from "../core/index.js";
import { z } from "zod";
import { truncateOutput } from "./limits.js";
import { defineTool, withSignal, toolError } from "./tool.js";

const MAX_LISTED = 200;

export const runTestsTool = defineTool({
  name: "run_tests",
  description:
    "Run the repository's tests with its test command, or only the given test files or test ids (for pytest: `tests/test_x.py::test_y`). " +
    "Returns each test's status (PASSED, FAILED, ERROR, SKIPPED) and the end of the runner's output.",
  effects: { readOnly: false, destructive: false, idempotent: true },
  parameters: z
    .object({
      tests: z.array(z.string().min(1)).optional().describe("test files or ids; all tests when omitted"),
      timeout_sec: z.number().int().positive().max(1800).optional(),
    })
    .strict(),
  async execute(args, ctx) {
    const command = [ctx.task.testCommand, ...(args.tests ?? []).map(shellQuote)].join(" ");
    const timeoutSec = args.timeout_sec ?? 600;
    const r = await ctx.env.exec(command, { timeoutMs: timeoutSec * 1000, maxOutputBytes: 32 * 1024 * 1024, ...withSignal(ctx) });
    if (r.timedOut)
      return toolError(`the tests ran longer than ${timeoutSec} s and were killed\n${truncateOutput(r.output, "", 4000).text}`);
    const statuses = ctx.task.parseTestOutput(r.output);
    const counts = new Map<string, number>();
    for (const s of statuses.values()) counts.set(s, (counts.get(s) ?? 0) + 1);
    const tally = [...counts.entries()].map(([s, n]) => `${n} ${s}`).join(", ") || "no test results found";
    const notPassing = [...statuses.entries()].filter(([, s]) => s !== "PASSED");
    const listed = notPassing.slice(0, MAX_LISTED).map(([id, s]) => `${s} ${id}`);
    const more = notPassing.length > MAX_LISTED ? [`[... ${notPassing.length - MAX_LISTED} more not passing]`] : [];
    // Machine-readable reports (one JSON object or event per line) are summarized above, not shown.
    const jsonReport = /^\s*\{/.test(r.output.split("\n").find((l) => l.trim() !== "") ?? "");
    const shown = jsonReport
      ? ["(the runner printed a JSON report; per-test statuses are listed above)"]
      : ["output:", truncateOutput(r.output, "the runner's output is long; run fewer tests to see all of it", 6000).text];
    return { output: [`$ ${command}`, `exit code ${r.exitCode}; ${tally}`, ...listed, ...more, "", ...shown].join("\n"), isError: false };
  },
});
