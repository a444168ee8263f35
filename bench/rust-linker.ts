// What the Rust image's linker costs a test run: `cargo test` after a one-line change to the crate (the
// situation of every grading and of an agent's test runs), linked by the system's default linker and by
// mold (the image's setting), in the same grading container one after the other. Each setting first
// gets a warm build of its own, then `runs` edits and test runs; wall and CPU (user + system, children
// included) are medians; the ratio is mold's CPU over the default linker's.
import { parseArgs } from "node:util";
import { table } from "../src/report/render-table.js";
import { dockerGradingEnvironments } from "../src/runner/docker-grading.js";
import { loadTasks } from "../src/tasks/index.js";
import { median } from "./stats.js";

const DEFAULT_TASKS = "rs-cronline-weekday-names,rs-mdlite-ordered-list-start";
const SETTINGS = [
  { name: "default linker (ld.bfd)", flags: "" },
  { name: "mold (the image's)", flags: "-C link-arg=-fuse-ld=mold" },
];

export async function run(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: "string", default: "5" },
      tasks: { type: "string", default: "swe-tasks" },
      instances: { type: "string", default: DEFAULT_TASKS },
    },
  });
  const runs = Number(values.runs);
  const wanted = new Set(values.instances!.split(","));
  const { tasks } = await loadTasks(values.tasks!);
  const createEnvironment = await dockerGradingEnvironments("bench-rust-linker");
  const rows: string[][] = [];
  for (const task of tasks.filter((t) => wanted.has(t.id) && t.language === "rust")) {
    const env = await createEnvironment(task);
    try {
      const cpu: number[] = [];
      for (const setting of SETTINGS) {
        const flags = `export CARGO_BUILD_RUSTFLAGS='${setting.flags}'`;
        const warm = await env.exec(`${flags}; cargo test --no-run -q >/dev/null 2>&1`, { timeoutMs: 600_000 });
        if (warm.exitCode !== 0) throw new Error(`${task.id}: the warm build with ${setting.name} failed`);
        const walls: number[] = [];
        const cpus: number[] = [];
        for (let i = 0; i < runs; i++) {
          // A comment appended to the crate's first source file: the crate and every test binary are rebuilt.
          const script = [
            flags,
            'f="$(ls src/*.rs | head -n 1)"',
            `echo "// bench ${i}" >>"$f"`,
            "TIMEFORMAT='%R %U %S'",
            "{ time cargo test -q >/dev/null 2>&1; } 2>&1",
          ].join("; ");
          const timed = await env.exec(script, { timeoutMs: 600_000 });
          const [wall, user, sys] = timed.output.trim().split(/\s+/).slice(-3).map(Number);
          if (![wall, user, sys].every((n) => Number.isFinite(n))) throw new Error(`${task.id}: no timing in ${timed.output}`);
          walls.push(wall!);
          cpus.push(user! + sys!);
        }
        cpu.push(median(cpus));
        const ratio = cpu.length > 1 ? `${(median(cpus) / cpu[0]!).toFixed(2)}x` : "1.00x";
        rows.push([task.id, setting.name, median(walls).toFixed(2), median(cpus).toFixed(2), ratio]);
      }
    } finally {
      await env.dispose();
    }
  }
  process.stdout.write(`${table(["task", "linker", "wall s", "CPU s", "CPU vs default"], rows)}\n`);
}
