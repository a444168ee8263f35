// shell: a bash command in the repository inside the task container, with a timeout.
import { z } from "zod";
import { DEFAULT_SHELL_TIMEOUT_SEC, MAX_OUTPUT_CHARS, MAX_SHELL_TIMEOUT_SEC, truncateOutput } from "./limits.js";
import { defineTool, withSignal } from "./tool.js";

export const shellTool = defineTool({
  name: "shell",
  description:
    `Run a bash command in the repository root inside the task's container (no network). Each call starts fresh: cd and exported ` +
    `variables do not carry over. ` +
    `The command is killed after timeout_sec (default ${DEFAULT_SHELL_TIMEOUT_SEC}). Output (stdout and stderr together) is cut to ` +
    `${MAX_OUTPUT_CHARS} characters.`,
  effects: { readOnly: false, destructive: true, idempotent: false },
  parameters: z
    .object({
      command: z.string().min(1),
      timeout_sec: z.number().int().positive().max(MAX_SHELL_TIMEOUT_SEC).optional(),
    })
    .strict(),
  async execute(args, ctx) {
    const timeoutSec = args.timeout_sec ?? DEFAULT_SHELL_TIMEOUT_SEC;
    const r = await ctx.env.exec(args.command, { timeoutMs: timeoutSec * 1000, maxOutputBytes: 4 * MAX_OUTPUT_CHARS, ...withSignal(ctx) });
    const { text } = truncateOutput(r.output, "narrow the command, e.g. pipe through head, tail or grep");
    const status = r.timedOut ? `killed after ${timeoutSec} s (timeout)` : `exit code ${r.exitCode}`;
    return { output: `${text}${text.endsWith("\n") || text === "" ? "" : "\n"}[${status}]`, isError: r.timedOut };
  },
});
