// The reference patch replayed through the tools an agent has: each hunk becomes an edit_file
// replace, a new file a write_file, a deleted file a shell rm. Gold resolving every task through
// this path proves the tool API end to end. Its factory gives it the reference patch; no other agent has it.
import { patchFiles, patchHunks, shellQuote } from "../core/index.js";
import type { ToolCall } from "../trace/events.js";
import type { Agent, AgentContext, AgentOutcome } from "./agent.js";

/** One of the gold calls: its arguments always an object. */
export type GoldCall = ToolCall & { arguments: Record<string, unknown> };

/** The reference patch as the tool calls that apply it, ending with submit. */
export function goldCalls(goldPatch: string): GoldCall[] {
  const calls: GoldCall[] = [];
  const files = patchFiles(goldPatch);
  const hunks = patchHunks(goldPatch);
  let n = 0;
  const id = () => `gold-${++n}`;
  for (const file of files) {
    if (file.newPath === undefined && file.oldPath !== undefined) {
      calls.push({ id: id(), name: "shell", arguments: { command: `rm -- ${shellQuote(file.oldPath)}` } });
      continue;
    }
    const path = file.newPath!;
    const mine = hunks.filter((h) => h.path === path);
    if (file.oldPath === undefined) {
      calls.push({ id: id(), name: "write_file", arguments: { path, content: mine.map((h) => h.newText).join("") } });
      continue;
    }
    // Later hunks first, so earlier replacements cannot change the text a later hunk looks for.
    for (const hunk of [...mine].reverse()) {
      calls.push({ id: id(), name: "edit_file", arguments: { path, command: "replace", old_text: hunk.oldText, new_text: hunk.newText } });
    }
  }
  calls.push({ id: id(), name: "submit", arguments: {} });
  return calls;
}

export class GoldAgent implements Agent {
  readonly name = "gold";
  readonly model = null;
  readonly settings = {};

  constructor(private readonly referencePatch: string) {}

  async run(ctx: AgentContext): Promise<AgentOutcome> {
    if (!this.referencePatch)
      return {
        reason: "error",
        detail: "the gold agent was given no reference patch",
        steps: 0,
        usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
      };
    const calls = goldCalls(this.referencePatch);
    let step = 0;
    for (const call of calls) {
      const result = await ctx.tools.call(call, ++step);
      if (result.isError) {
        return {
          reason: "error",
          detail: `${call.name} failed on the reference patch: ${result.output}`,
          steps: step,
          usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 },
        };
      }
    }
    return { reason: "submitted", detail: null, steps: step, usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 } };
  }
}
