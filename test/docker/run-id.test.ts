// One run id = one configuration, through the real commands on bundled tasks: another configuration is
// refused, --force keeps the old folder renamed and starts afresh, and a narrower re-run (--instances)
// leaves a summary.json that covers every instance of the run folder.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { dockerAvailable } from "../helpers/docker.js";

const TASKS = fileURLToPath(new URL("../../swe-tasks/", import.meta.url));
const [A, B] = ["kvconf-quoted-values", "pyledger-show-zero"];
const root = await mkdtemp(join(tmpdir(), "swerig-run-id-"));
const traces = join(root, "traces");
afterAll(() => rm(root, { recursive: true, force: true }));

const cli = (...argv: string[]) => runCli(...argv, "--tasks", TASKS, "--traces-dir", traces);

interface Summary {
  total_instances: number;
  resolved_ids: string[];
  empty_patch_ids: string[];
  swerig: { complete: boolean };
  runs?: { taskId: string }[];
  pass_at_k?: { overall: Record<string, number> };
}
const summary = async (runId: string) => JSON.parse(await readFile(join(traces, runId, "summary.json"), "utf8")) as Summary;

describe.runIf(dockerAvailable)("run ids through swerig grade and run", () => {
  it("grade: refuses other predictions, and with --force keeps the old folder renamed and grades afresh", async () => {
    expect((await cli("grade", "--predictions", "empty", "--run-id", "g1", "--instances", `${A},${B}`)).code).toBe(0);
    const refused = await cli("grade", "--predictions", "gold", "--run-id", "g1", "--instances", `${A},${B}`);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('predictions.kind was "empty", now "gold"; use a new --run-id or --force');
    const forced = await cli("grade", "--predictions", "gold", "--run-id", "g1", "--instances", `${A},${B}`, "--force");
    expect(forced.code, forced.err).toBe(0);
    expect(forced.err).toContain('--force: g1 held another configuration (predictions.kind was "empty", now "gold"); moved it to ');
    expect(forced.err).toMatch(/moved it to \S*g1\.replaced-\S+ and started afresh/);
    const folders = (await readdir(traces)).filter((d) => d.startsWith("g1"));
    expect(folders).toHaveLength(2);
    expect(await summary("g1")).toMatchObject({ resolved_ids: [A, B], empty_patch_ids: [] });
    expect(await summary(folders.find((d) => d !== "g1")!)).toMatchObject({ resolved_ids: [], empty_patch_ids: [A, B] });
  }, 300_000);

  it("grade: a narrower re-run leaves a summary over every instance of the run folder", async () => {
    expect((await cli("grade", "--predictions", "gold", "--run-id", "g2", "--instances", A)).code).toBe(0);
    const second = await cli("grade", "--predictions", "gold", "--run-id", "g2", "--instances", B);
    expect(second.code, second.err).toBe(0);
    expect(second.err).toContain("resuming run g2");
    expect(await summary("g2")).toMatchObject({ total_instances: 2, resolved_ids: [A, B], swerig: { complete: true } });
  }, 300_000);

  it("run: refuses a grade run id and another sample count; a narrower re-run keeps every task in the summary", async () => {
    const first = await cli("run", "--agent", "gold", "--run-id", "r1", "--instances", A);
    expect(first.code).toBe(0);
    // The progress line counts resolved runs as it goes and keeps environment setup apart from the run's own time.
    expect(first.err).toMatch(
      new RegExp(`\\[1/1\\] resolved +${A} \\(\\d+ steps, [\\d.]+s(?: \\+ setup [\\d.]+s)?\\) \\| resolved 1, elapsed`),
    );
    const other = await cli("run", "--agent", "gold", "--run-id", "r1", "--instances", A, "--samples", "2");
    expect(other.code).toBe(2);
    expect(other.err).toContain("agent.samples was 1, now 2");
    const grade = await cli("grade", "--predictions", "gold", "--run-id", "r1");
    expect(grade.code).toBe(2);
    expect(grade.err).toContain('command was "run", now "grade"');
    const narrow = await cli("run", "--agent", "gold", "--run-id", "r1", "--instances", B, "--json");
    expect(narrow.code, narrow.err).toBe(0);
    const s = JSON.parse(narrow.out) as Required<Summary>;
    expect(s).toMatchObject({ total_instances: 2, resolved_ids: [A, B] });
    expect(s.runs.map((r) => r.taskId)).toEqual([A, B]);
    expect(s.pass_at_k.overall["pass@1"]).toBe(1);
  }, 300_000);
});
