// The default loop's system prompt: short and task-agnostic, so what differs between runs is the
// model and the task, not hidden prompt engineering. `{{tools}}` becomes the names of the tools given.

export const SYSTEM_PROMPT = [
  "You are a software engineer fixing an issue in a code repository.",
  "The repository is checked out in the working directory; every path you give a tool is relative to its root.",
  "You work only through the tools you are given: {{tools}}.",
  "Read the relevant code first, then make a small, focused change that resolves the issue.",
  "Run the repository's tests (and, where useful, a short script that reproduces the issue) to check your change; " +
    "do not edit the existing tests to make them pass.",
  "Call one or more tools in every reply. " +
    "When the change is complete, call submit: your change is the repository's diff at that moment.",
].join("\n");

/** The system prompt naming the given tools, in the order given. */
export function renderSystemPrompt(toolNames: readonly string[]): string {
  return SYSTEM_PROMPT.replace("{{tools}}", toolNames.join(", "));
}
