import { gradeInstance } from "../src/grader/grade-instance.js";
import { dockerGradingEnvironments } from "../src/runner/docker-grading.js";
import { inspectPatch } from "../src/runner/patch-inspection.js";
import { loadTasks } from "../src/tasks/index.js";
import { makePatch } from "../test/helpers/patches.js";
const { tasks } = await loadTasks("swe-tasks");
const createEnvironment = await dockerGradingEnvironments("zz-check");
const cases: [string, string, (s: string) => string][] = [
  ["go-tabula-plain-dates", "internal/agg/agg.go", (s) => `${s}\nfunc zz() { fmt.Printf("%d", "s"); undefinedThing() }\n`],
  ["rs-mdlite-ordered-list-start", "src/lib.rs", (s) => `${s}\nfn zz() -> u32 { let unused = 1; 3 }\n`],
];
for (const [id, file, edit] of cases) {
  const task = tasks.find((t) => t.id === id)!;
  const patch = await makePatch(task, { [file]: edit });
  const o = await gradeInstance(
    task,
    { instanceId: id, model: "x", patch, origin: "x" },
    { createEnvironment, inspect: inspectPatch(task) },
  );
  console.log(id, o.status, JSON.stringify((o.quality as { static?: unknown }).static), o.timings.inspectMs);
}
