// The quality block of a graded patch, read in the grading container before the tests run: the
// reference patch lands on its own lines with no finding; a patch that opens a shell hole and adds
// branches is told apart, with the CWE, on the line it added; the verdicts are unchanged. pyright (host)
// and tsc (grading container) report the undefined name or type error a patch introduces, and none for
// the reference patches; the run's pyright is closed when the run ends.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { grade } from "../../src/api/index.js";
import { setPyrightIdleClose } from "../../src/runner/pyright-shared.js";
import { loadSweTasksDir } from "../../src/tasks/index.js";
import { dockerAvailable } from "../helpers/docker.js";
import { makePatch } from "../helpers/patches.js";
import { pyrightServers } from "../helpers/pyright-processes.js";

const TASKS = fileURLToPath(new URL("../../swe-tasks/", import.meta.url));
const { tasks } = await loadSweTasksDir(TASKS);
const task = tasks.find((t) => t.id === "pyledger-show-zero")!;
const root = await mkdtemp(join(tmpdir(), "swerig-quality-"));
afterAll(() => rm(root, { recursive: true, force: true }));

describe.runIf(dockerAvailable)("the quality of a graded patch", () => {
  it("is written to status.json: size, locality, complexity and the findings the patch introduces", async () => {
    const hole = await makePatch(task, {
      "pyledger/reports/balance.py": (old) =>
        old
          .replace('settings.get("report.show_zero")', 'settings.get("report.show_zero", cast=as_bool)')
          .replace("import as_int", "import as_bool, as_int") +
        [
          "",
          "",
          "def export(path, fmt):",
          "    import subprocess",
          '    if fmt == "pdf" or fmt == "ps":',
          '        subprocess.run("lpr " + path, shell=True)',
          "    return render_pdf(path)",
          "",
        ].join("\n"),
    });
    const predictions = [
      { instanceId: task.id, model: "gold", patch: task.goldPatch, origin: "test" },
      { instanceId: task.id, model: "hole", patch: hole, origin: "test" },
    ];
    const status = async (runId: string) => JSON.parse(await readFile(join(root, runId, task.id, "status.json"), "utf8"));
    const idle = setPyrightIdleClose(3000);
    try {
      await grade({ tasks, instances: [task.id], predictions: [predictions[0]!], runId: "q-gold", tracesDir: root, workers: 1 });
      const warm = pyrightServers(process.pid);
      expect(warm).toHaveLength(1);
      // The next run soon after checks with the same warm pyright, which closes once idle.
      await grade({ tasks, instances: [task.id], predictions: [predictions[1]!], runId: "q-hole", tracesDir: root, workers: 1 });
      expect(pyrightServers(process.pid)).toEqual(warm);
      await expect.poll(() => pyrightServers(process.pid), { timeout: 15_000 }).toEqual([]);
    } finally {
      setPyrightIdleClose(idle);
    }

    const gold = await status("q-gold");
    expect(gold.status).toBe("resolved");
    expect(gold.quality).toMatchObject({
      size: { files: 1, hunks: 2, linesAdded: 2, linesRemoved: 2 },
      locality: { filesInReference: 1, filesOutsideReference: [], lineOverlap: 1 },
      testFilesTouched: [],
      complexityAdded: 0,
      securityIntroduced: [],
      static: [{ tool: "pyright", introduced: [] }],
    });
    expect(gold.timings.inspectMs).toBeGreaterThan(0);

    const risky = await status("q-hole");
    expect(risky.status).toBe("resolved");
    expect(risky.quality.securityIntroduced).toMatchObject([{ rule: "shell-true", cwe: "CWE-78", file: "pyledger/reports/balance.py" }]);
    expect(risky.quality.complexity).toEqual([{ function: "export", file: "pyledger/reports/balance.py", before: null, after: 3 }]);
    expect(risky.quality.complexityAdded).toBe(3);
    expect(risky.quality.static).toMatchObject([
      {
        tool: "pyright",
        introduced: [{ file: "pyledger/reports/balance.py", rule: "reportUndefinedVariable", message: '"render_pdf" is not defined' }],
      },
    ]);
  }, 120_000);

  it("typescript: tsc in the grading container flags the type error a patch introduces, none for the reference patch", async () => {
    const ts = tasks.find((t) => t.id === "ts-tickr-timeout-duration")!;
    const typo = await makePatch(ts, {
      "src/cli/options.ts": (old) => `${old}\nexport const defaultTimeoutSec: number = "60";\n`,
    });
    const status = async (runId: string) => JSON.parse(await readFile(join(root, runId, ts.id, "status.json"), "utf8"));
    const gold = { instanceId: ts.id, model: "gold", patch: ts.goldPatch, origin: "test" };
    await grade({ tasks, instances: [ts.id], predictions: [gold], runId: "q-ts-gold", tracesDir: root, workers: 1 });
    const typed = { instanceId: ts.id, model: "typo", patch: typo, origin: "test" };
    await grade({ tasks, instances: [ts.id], predictions: [typed], runId: "q-ts-typo", tracesDir: root, workers: 1 });

    expect((await status("q-ts-gold")).quality.static).toMatchObject([{ tool: "tsc", introduced: [] }]);
    const flagged = await status("q-ts-typo");
    expect(flagged.quality.static).toMatchObject([
      {
        tool: "tsc",
        introduced: [{ file: "src/cli/options.ts", rule: "TS2322", message: "Type 'string' is not assignable to type 'number'." }],
      },
    ]);
    // The project's tests compile with tsc too: the type error fails them, whatever the checker says.
    expect(flagged.status).toBe("unresolved");
  }, 120_000);
});
