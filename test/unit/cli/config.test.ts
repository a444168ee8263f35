// The config file: validated with the file and the key named, and applied to a command line only
// where the command line leaves an option out.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runSpec } from "../../../src/cli/run.js";
import { tasksListSpec } from "../../../src/cli/tasks-list.js";
import { applyConfig, findConfig, loadConfig, type LoadedConfig } from "../../../src/cli/config.js";

const dir = await mkdtemp(join(tmpdir(), "swerig-config-"));
afterAll(() => rm(dir, { recursive: true, force: true }));

const loaded = (config: LoadedConfig["config"]): LoadedConfig => ({ file: "swerig.config.json", config });

describe("swerig.config", () => {
  it("names the file and the key that is wrong", async () => {
    const file = join(dir, "bad.json");
    await writeFile(file, JSON.stringify({ tasks: "swe-tasks", limits: { maxSteps: "many" }, worker: 2 }));
    const error = await loadConfig(file).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(`${file}: `);
    expect((error as Error).message).toMatch(/limits\.maxSteps/);
    expect((error as Error).message).toMatch(/worker/);
  });

  it("loads a TypeScript config with a default export, and says when there is none", async () => {
    const file = join(dir, "swerig.config.ts");
    await writeFile(file, 'const workers: number = 3;\nexport default { tasks: "swe-tasks", workers };\n');
    expect((await loadConfig(file)).config).toEqual({ tasks: "swe-tasks", workers: 3 });
    expect(findConfig(dir)).toBe(file);
    const none = join(dir, "none.mjs");
    await writeFile(none, "export const x = 1;\n");
    await expect(loadConfig(none)).rejects.toThrow(/no default export/);
    expect(() => findConfig(dir, "missing.json")).toThrow(/--config missing.json: no such file/);
  });

  it("fills only the options the command declares and the command line leaves out", () => {
    const config = loaded({ tasks: "suite", workers: 2, tracesDir: "out", limits: { maxSteps: 7 }, grading: { semantics: "v4" } });
    const argv = applyConfig(["--agent", "gold", "--run-id", "r", "--workers", "1"], runSpec, config);
    expect(argv).toEqual([
      "--agent",
      "gold",
      "--run-id",
      "r",
      "--workers",
      "1",
      "--tasks",
      "suite",
      "--traces-dir",
      "out",
      "--max-steps",
      "7",
    ]);
    expect(applyConfig([], tasksListSpec, config)).toEqual(["--tasks", "suite"]);
  });

  it("spells out an agent named by its options, the command line still winning", () => {
    const config = loaded({
      agent: "fast",
      agents: { fast: { agent: "openai", model: "small", baseUrl: "http://127.0.0.1:9/v1" }, slow: { agent: "anthropic", model: "big" } },
    });
    expect(applyConfig(["--run-id", "r"], runSpec, config)).toEqual([
      "--run-id",
      "r",
      "--agent",
      "openai",
      "--model",
      "small",
      "--base-url",
      "http://127.0.0.1:9/v1",
    ]);
    expect(applyConfig(["--agent", "slow", "--model", "other", "--run-id", "r"], runSpec, config)).toEqual([
      "--model",
      "other",
      "--run-id",
      "r",
      "--agent",
      "anthropic",
    ]);
  });
});
