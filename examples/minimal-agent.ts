// A minimal agent written in TypeScript with swerig's library API. Its "model" is a scripted stand-in:
// a fixed sequence of decisions for the bundled task `pyledger-show-zero`, so the example runs with no
// provider and shows the moving parts: typed tools, usage, the end of a run. Replace `decide` with
// calls to a real model (see openai-agent.ts).
//
//   npx tsx examples/minimal-agent.ts            # runs it on the task in Docker, prints the verdict
//
// In a project of your own, import from "swerig" instead of "../src/api/index.js".
import { fileURLToPath } from "node:url";
import { defineAgent, runTasks } from "../src/api/index.js";

export const minimalAgent = defineAgent({
  name: "minimal-example",
  model: "scripted",
  settings: { version: 1 },
  async run(ctx) {
    // 1. Localize: where is the setting read?
    const found = await ctx.tools.search({ pattern: "report.show_zero" });
    const file = /^([\w/.-]+\.py):\d+:.*settings\.get\("report\.show_zero"\)/m.exec(found.output)?.[1];
    if (!file) return { detail: "the setting is read nowhere I can see" };
    // 2. Read it, then change it: the setting must be cast to a boolean.
    const source = await ctx.tools.read_file({ path: file });
    // A real agent would send this to its model here and report the call: tokens and cost reach the summary.
    ctx.modelTurn({ text: "cast report.show_zero with as_bool", inputTokens: Math.ceil(source.output.length / 4), outputTokens: 12 });
    await ctx.tools.edit_file({ command: "replace", path: file, old_text: "import as_int\n", new_text: "import as_bool, as_int\n" });
    await ctx.tools.edit_file({
      command: "replace",
      path: file,
      old_text: 'settings.get("report.show_zero")',
      new_text: 'settings.get("report.show_zero", cast=as_bool)',
    });
    // 3. Check with the task's visible tests, then submit.
    const tests = await ctx.tools.run_tests({});
    if (tests.isError) return { detail: `the tests did not run: ${tests.output.slice(0, 200)}` };
    await ctx.tools.submit({});
    return undefined;
  },
});

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const tasks = fileURLToPath(new URL("../swe-tasks/", import.meta.url));
  const { summary, summaryPath } = await runTasks({
    tasks,
    instances: ["pyledger-show-zero"],
    agent: minimalAgent,
    runId: "example-minimal",
    force: true,
    log: (line) => console.error(line),
  });
  console.log(`${summary.resolved_instances}/${summary.total_instances} resolved; summary: ${summaryPath}`);
}
