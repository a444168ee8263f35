// A scripted model's side of a conversation that applies a task's reference patch through the swerig
// tools, one call per turn, then submits and says so: what a model server plays to an off-the-shelf CLI
// so that its run can be graded resolved. Each CLI names the MCP tools its own way (`rename`).
import { goldCalls } from "../../src/agents/gold-agent.js";
import type { ScriptedReply } from "./fake-openai-server.js";

export interface ScriptedToolName {
  name: string;
  namespace?: string;
}

/** Turns of `usage` tokens each: the gold calls, then a closing text. */
export function goldScript(
  goldPatch: string,
  rename: (tool: string) => ScriptedToolName,
  usage = { input: 1000, output: 50 },
): ScriptedReply[] {
  const turns: ScriptedReply[] = goldCalls(goldPatch).map((call, i) => ({
    toolCalls: [{ id: `call_${i + 1}`, ...rename(call.name), arguments: call.arguments }],
    usage,
  }));
  return [...turns, { text: "The fix is submitted.", usage }];
}
