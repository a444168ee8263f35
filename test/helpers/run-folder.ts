// Writes small run folders by hand (result.json, status.json, report.json, trace.jsonl) for the
// report and compare unit tests.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

export interface HandRun {
  id: string;
  sample?: number;
  status: string;
  flaky?: boolean;
  /** Leave out result.json and status.json: the run has a trace only (still going). */
  running?: boolean;
  trace?: string;
  testOutput?: string;
}

export async function writeHandRun(runDir: string, runs: HandRun[], samples = 1): Promise<void> {
  for (const r of runs) {
    const dir = samples > 1 ? join(runDir, r.id, `sample-${r.sample ?? 0}`) : join(runDir, r.id);
    await mkdir(dir, { recursive: true });
    if (r.trace !== undefined) await writeFile(join(dir, "trace.jsonl"), r.trace);
    if (r.testOutput !== undefined) await writeFile(join(dir, "test_output.txt"), r.testOutput);
    if (r.running) continue;
    const resolved = r.status === "resolved";
    const record = {
      taskId: r.id,
      sample: r.sample ?? 0,
      status: r.status,
      resolved,
      agentReason: "submitted",
      failureMode: resolved ? null : "tests_failed",
      ...(r.flaky ? { flaky: true } : {}),
    };
    await writeFile(join(dir, "result.json"), JSON.stringify({ record, grade: { status: r.status } }));
    await writeFile(join(dir, "status.json"), JSON.stringify({ instanceId: r.id, status: r.status }));
    if (r.status === "resolved" || r.status === "unresolved") {
      const tests = {
        FAIL_TO_PASS: { success: resolved ? ["t_fix"] : [], failure: resolved ? [] : ["t_fix"] },
        PASS_TO_PASS: { success: ["t_old"], failure: [] },
      };
      await writeFile(join(dir, "report.json"), JSON.stringify({ [r.id]: { resolved, tests_status: tests } }));
    }
  }
}
