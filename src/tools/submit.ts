// submit: the agent is done; its patch is what the working copy holds against the base commit.
import { z } from "zod";
import { defineTool } from "./tool.js";

export const submitTool = defineTool({
  name: "submit",
  description: "Finish: submit the current state of the repository as your fix. Call it once, when the change is complete.",
  effects: { readOnly: false, destructive: false, idempotent: false },
  parameters: z.object({}).strict(),
  async execute(_args, ctx) {
    const diff = await ctx.workspace.diff();
    const files = diff.match(/^diff --git a\/(\S+)/gm)?.length ?? 0;
    return {
      output: diff ? `submitted a patch touching ${files} file(s)` : "submitted an empty patch (no changes)",
      isError: false,
      submitted: true,
    };
  },
});
