// What an off-the-shelf agent is asked: the issue, and the rules of the run (only the swerig tools
// reach the repository; submit ends it). Its own system prompt stays as its makers wrote it.

const RULES = `You are fixing an issue in a code repository.
The repository is reachable only through the tools of the MCP server "swerig" (read_file, search, edit_file, shell, run_tests, submit, ...);
every path you give them is relative to the repository's root. You have no other file or shell access.
Read the relevant code first, then make a small, focused change that resolves the issue, and run the tests to check it;
do not edit the existing tests to make them pass. When the change is complete, call the swerig submit tool:
your change is the repository's diff at that moment.`;

/** The prompt for one task. */
export function presetPrompt(problemStatement: string): string {
  return `${RULES}\n\n<issue>\n${problemStatement.trim()}\n</issue>\n`;
}
