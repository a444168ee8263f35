// The watch loop without Docker: a stand-in session records the iterations it is asked for.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ScriptedAgent } from "../../../../src/agents/scripted-agent.js";
import { devLoop, type DevLoopSession } from "../../../../src/runner/dev/dev-loop.js";
import type { IterationConfig } from "../../../../src/runner/dev/dev-session.js";
import type { RunManifest } from "../../../../src/runner/manifest.js";

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "swerig-dev-loop-"));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i++) await sleep(50);
  if (!check()) throw new Error(`timed out waiting for ${what}`);
}

function standIn(): DevLoopSession & { plans: string[]; disposed: number } {
  const session = {
    plans: [] as string[],
    disposed: 0,
    iterations: 0,
    async iterate(config: IterationConfig) {
      session.iterations++;
      session.plans.push(String(config.manifest.agent?.settings["plan"]));
      await sleep(100);
      return { runId: `r-${session.iterations}`, runDir: `/runs/r-${session.iterations}`, rows: [], cancelled: false };
    },
    async dispose() {
      session.disposed++;
    },
  };
  return session;
}

describe("devLoop", () => {
  it("runs at the start and after each change, says when the configuration is unusable, and ends on the signal", async () => {
    const plan = join(root, "plan.json");
    await writeFile(plan, "1");
    const session = standIn();
    const err: string[] = [];
    const stop = new AbortController();
    const config = async (): Promise<IterationConfig> => {
      const text = await readFile(plan, "utf8");
      if (text === "broken") throw new Error(`${plan}: not JSON`);
      const limits = { maxCostUsd: 1, maxSteps: 1, maxWallTimeMs: 1 };
      const manifest: RunManifest = {
        manifest_version: 1,
        command: "run",
        swerig_version: "0",
        agent: { name: "scripted", model: null, settings: { plan: text }, limits, samples: 1 },
        grading: { semantics: "v5", timeout_sec: null },
        predictions: null,
        tasks: { ids: {}, count: 0, sha256: "" },
        created_at: "",
      };
      return { makeAgent: () => new ScriptedAgent([]), manifest, limits };
    };
    const loop = devLoop({
      session,
      targets: { files: [plan], dirs: [] },
      debounceMs: 50,
      ignore: [],
      config,
      signal: stop.signal,
      out: () => undefined,
      err: (l) => void err.push(l),
    });
    await until("the first iteration", () => session.plans.length === 1);
    await writeFile(plan, "2");
    await until("the second iteration", () => session.plans.length === 2);
    await sleep(200);
    await writeFile(plan, "broken");
    await until("the complaint", () => err.some((l) => l.includes("not usable")));
    await writeFile(plan, "3");
    await until("the third iteration", () => session.plans.length === 3);
    stop.abort();
    await loop;
    expect(session.plans).toEqual(["1", "2", "3"]);
    expect(session.disposed).toBe(1);
    expect(err.find((l) => l.includes("not usable"))).toContain("plan.json: not JSON; waiting for the next change");
    expect(err.filter((l) => l.startsWith("dev: iteration"))).toEqual([
      "dev: iteration 1 (start)",
      "dev: iteration 2 (changed: plan.json)",
      "dev: iteration 3 (changed: plan.json)",
    ]);
  });
});
