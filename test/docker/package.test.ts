// swerig as a user installs it: `npm pack` of this checkout (which builds dist/), the tarball installed
// into an empty folder from the npm registry, then `npx swerig` run there: --version, tasks list and a
// real grading in Docker; the library imported from JavaScript, and its types checked from TypeScript.
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dockerAvailable } from "../helpers/docker.js";

const exec = promisify(execFile);
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const root = await mkdtemp(join(tmpdir(), "swerig-package-"));
const app = join(root, "app");
afterAll(() => rm(root, { recursive: true, force: true }));

const { version } = JSON.parse(await readFile(join(ROOT, "package.json"), "utf8")) as { version: string };
const npx = (args: string[]) => exec("npx", ["--no-install", "swerig", ...args], { cwd: app, maxBuffer: 16 * 1024 * 1024 });

describe.runIf(dockerAvailable)("the npm package", () => {
  beforeAll(async () => {
    await exec("npm", ["pack", "--pack-destination", root], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 });
    await mkdir(app);
    await writeFile(join(app, "package.json"), JSON.stringify({ name: "app", private: true, type: "module" }));
    const tarball = join(root, `swerig-${version}.tgz`);
    // From npm's cache where it can; without the optional pyright (38 MB), whose absence the quality
    // block reports as a missing signal.
    const install = ["install", "--no-audit", "--no-fund", "--prefer-offline", "--omit=optional", tarball, "@types/node@20"];
    await exec("npm", install, { cwd: app, maxBuffer: 64 * 1024 * 1024 });
    await cp(join(ROOT, "swe-tasks"), join(app, "tasks"), { recursive: true });
  }, 300_000);

  it("installs a working `npx swerig`: version, tasks list, and a real grading", async () => {
    expect((await npx(["--version"])).stdout.trim()).toBe(version);
    const listed = await npx(["tasks", "list", "--tasks", "tasks"]);
    expect(listed.stdout).toContain("pyledger-show-zero");
    expect(listed.stdout).toMatch(/\b30 tasks\b/);
    const args = ["grade", "--tasks", "tasks", "--predictions", "gold", "--instances", "pyledger-show-zero", "--run-id", "pkg"];
    await npx(args);
    const summary = JSON.parse(await readFile(join(app, "traces", "pkg", "summary.json"), "utf8")) as { resolved_ids: string[] };
    expect(summary.resolved_ids).toEqual(["pyledger-show-zero"]);
  }, 120_000);

  it("is a library: imported from JavaScript, and its types check from TypeScript", async () => {
    const script =
      'import { loadTasks, toolSpecs } from "swerig"; const t = await loadTasks("tasks"); console.log(t.tasks.length, toolSpecs().length);';
    await writeFile(join(app, "lib.mjs"), script);
    const ran = await exec(process.execPath, ["lib.mjs"], { cwd: app });
    expect(ran.stdout.trim()).toMatch(/^30 \d+$/);

    const consumer = [
      'import { type Agent, DEFAULT_LIMITS, loadTasks } from "swerig";',
      'import { TraceEventSchema, type TraceEvent } from "swerig/trace";',
      "const agent: Agent = {",
      '  name: "mine", model: null, settings: {},',
      "  async run(ctx) {",
      '    await ctx.tools.call({ id: "1", name: "submit", arguments: {} }, 1);',
      '    return { reason: "submitted", detail: null, steps: 1, usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 } };',
      "  },",
      "};",
      'const loaded = await loadTasks("tasks");',
      "const events: TraceEvent[] = [];",
      "console.log(agent.name, DEFAULT_LIMITS.maxSteps, loaded.tasks[0]?.id, events.length, TraceEventSchema.options.length);",
      "// @ts-expect-error: the package's types know what an outcome may say",
      'export const wrong: Awaited<ReturnType<Agent["run"]>> = { reason: "won" };',
    ].join("\n");
    await writeFile(join(app, "consumer.ts"), consumer);
    const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
    const flags = ["--noEmit", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022"];
    const checked = await exec(process.execPath, [tsc, ...flags, "--types", "node", "consumer.ts"], { cwd: app }).catch(
      (e: { stdout: string }) => e,
    );
    expect(checked.stdout).toBe("");
  }, 120_000);
});
