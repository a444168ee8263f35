// The cost of judging an agent's own tests (`--judge-tests`) next to the grading it follows: the
// task's reference fix plus its own hidden tests as the "agent's" patch, graded, then its tests run
// on the base code and on the reference fix. Also a check: the reference tests must catch the bug.
// Median over runs per task; the ratio is agent-tests time over grading time, measured in this process.
import { parseArgs } from "node:util";
import { gradeInstance } from "../src/grader/grade-instance.js";
import { table } from "../src/report/render-table.js";
import { agentTestsOf } from "../src/runner/agent-tests.js";
import { dockerGradingEnvironments } from "../src/runner/docker-grading.js";
import { loadTasks } from "../src/tasks/index.js";
import { median } from "./stats.js";

const DEFAULT_TASKS = "pyledger-show-zero,ts-ledgerline-csv-quoting,go-tabula-plain-dates,rs-cronline-weekday-names";

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: "string", default: "3" },
      tasks: { type: "string", default: "swe-tasks" },
      instances: { type: "string", default: DEFAULT_TASKS },
    },
  });
  const runs = Number(values.runs);
  const wanted = new Set(values.instances!.split(","));
  const { tasks } = await loadTasks(values.tasks!);
  const createEnvironment = await dockerGradingEnvironments("bench-agent-tests");
  const rows: string[][] = [];
  for (const task of tasks.filter((t) => wanted.has(t.id))) {
    const patch = `${task.goldPatch}${task.testPatch}`;
    const grading: number[] = [];
    const judging: number[] = [];
    let verdict = "";
    for (let i = 0; i < runs; i++) {
      const o = await gradeInstance(task, { instanceId: task.id, model: "bench", patch, origin: "bench" }, { createEnvironment });
      grading.push(o.timings.totalMs);
      const t = performance.now();
      const judged = await agentTestsOf(task, patch, createEnvironment);
      judging.push(performance.now() - t);
      verdict =
        judged === undefined
          ? "no test files"
          : "missing" in judged
            ? `missing: ${judged.missing}`
            : `${judged.failBeforePassAfter.length}/${judged.testsRun} fail→pass, catches ${judged.catchesBug}`;
    }
    const [g, j] = [median(grading), median(judging)];
    rows.push([task.id, (g / 1000).toFixed(2), (j / 1000).toFixed(2), `${(j / g).toFixed(2)}x`, verdict]);
  }
  process.stdout.write(`${table(["task", "grading s", "agent tests s", "ratio", "verdict (reference tests as the agent's)"], rows)}\n`);
}
