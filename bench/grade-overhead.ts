// Per-instance harness overhead of grading (container create + network setup, patch apply, log parse,
// teardown; the test run itself excluded), median over runs, against `docker run --rm IMAGE true`
// measured in the same process on the same image.
import { spawnSync } from "node:child_process";
import { parseArgs } from "node:util";
import { ensureTaskImage } from "../src/envs/images/index.js";
import { gradeInstance } from "../src/grader/grade-instance.js";
import { table } from "../src/report/render-table.js";
import { dockerGradingEnvironments } from "../src/runner/docker-grading.js";
import { loadTasks } from "../src/tasks/index.js";
import { median } from "./stats.js";

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { runs: { type: "string", default: "5" }, tasks: { type: "string", default: "swe-tasks" } },
  });
  const runs = Number(values.runs);
  const { tasks } = await loadTasks(values.tasks!);
  const createEnvironment = await dockerGradingEnvironments("bench-grade-overhead");
  const rows: string[][] = [];
  const ratios: number[] = [];
  for (const task of tasks) {
    const image = await ensureTaskImage(task);
    const dockerRun: number[] = [];
    const parts = {
      overhead: [] as number[],
      container: [] as number[],
      apply: [] as number[],
      parse: [] as number[],
      teardown: [] as number[],
      tests: [] as number[],
    };
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const r = spawnSync("docker", ["run", "--rm", "--network", "none", image, "true"], { stdio: "ignore" });
      if (r.status !== 0) throw new Error(`docker run --rm ${image} true failed`);
      dockerRun.push(performance.now() - t);
      const o = await gradeInstance(
        task,
        { instanceId: task.id, model: "gold", patch: task.goldPatch, origin: "gold" },
        { createEnvironment },
      );
      if (o.status !== "resolved") throw new Error(`${task.id}: gold did not resolve (${o.status}: ${o.reason})`);
      const tm = o.timings;
      parts.overhead.push(tm.totalMs - (tm.testsMs ?? 0));
      parts.container.push(tm.containerMs ?? 0);
      parts.apply.push(tm.applyMs ?? 0);
      parts.parse.push(tm.parseMs ?? 0);
      parts.teardown.push(tm.teardownMs ?? 0);
      parts.tests.push(tm.testsMs ?? 0);
    }
    const ratio = median(parts.overhead) / median(dockerRun);
    ratios.push(ratio);
    const ms = (xs: number[]) => median(xs).toFixed(0);
    rows.push([
      task.id,
      ms(parts.overhead),
      ms(parts.container),
      ms(parts.apply),
      ms(parts.parse),
      ms(parts.teardown),
      ms(parts.tests),
      ms(dockerRun),
      `${ratio.toFixed(2)}x`,
    ]);
  }
  process.stdout.write(
    `grade overhead, median of ${runs} runs per task (ms)\n\n` +
      table(
        ["task", "overhead", "create+net", "apply", "parse", "teardown", "tests (excluded)", "docker run true", "overhead/docker run"],
        rows,
      ) +
      `\n\nmedian overhead vs docker run --rm IMAGE true: ${median(ratios).toFixed(2)}x\n`,
  );
}
