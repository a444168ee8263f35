// The tool box of an external agent, which cannot be stopped between steps: calls past the step limit
// are refused (and not recorded), and the first refusal is reported so that the process can be killed.
import type { ToolBox } from "./agent.js";

/** The run's tool box, refusing calls past the step limit (unrecorded) and reporting the first refusal. */
export function stepLimited(tools: ToolBox, maxSteps: number): { tools: ToolBox; whenExceeded: Promise<void> } {
  let exceeded!: () => void;
  const whenExceeded = new Promise<void>((resolve) => (exceeded = resolve));
  return {
    whenExceeded,
    tools: {
      specs: () => tools.specs(),
      call: async (call, step, signal) => {
        if (step <= maxSteps) return tools.call(call, step, signal);
        exceeded();
        return { output: `the step limit of ${maxSteps} tool calls is reached; the run is over`, isError: true };
      },
    },
  };
}
