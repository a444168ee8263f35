// `--queue` and `swerig worker` on the command line: a URL that is not Redis, or a Redis that does not
// answer, is exit 2 with one line naming --queue, before any run folder is written or container started.
// --judge-tests is taken with --queue.
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../../src/cli/main.js";
import { agentOptions } from "../../../src/cli/queue-option.js";
import { closedPort } from "../../helpers/closed-port.js";

const BUNDLED = fileURLToPath(new URL("../../../swe-tasks/", import.meta.url));
const root = await mkdtemp(join(tmpdir(), "swerig-queue-cli-"));
afterAll(() => rm(root, { recursive: true, force: true }));

async function cli(...argv: string[]): Promise<{ code: number; err: string }> {
  const err: string[] = [];
  const code = await main(argv, { out: () => undefined, err: (t) => err.push(t) });
  return { code, err: err.join("\n") };
}

const common = ["--tasks", BUNDLED, "--instances", "pyledger-show-zero", "--traces-dir", join(root, "traces")];

describe("--queue on the command line", () => {
  it("refuses a URL that is not redis://, naming --queue, for grade and run", async () => {
    for (const argv of [
      ["grade", "--predictions", "gold", "--run-id", "q1", "--queue", "http://h:1", ...common],
      ["run", "--agent", "gold", "--run-id", "q1", "--queue", "localhost:6379", ...common],
    ]) {
      const { code, err } = await cli(...argv);
      expect(err).toMatch(/--queue "[^"]+": only redis:\/\/ and rediss:\/\/ URLs are supported/);
      expect(code).toBe(2);
    }
    expect(existsSync(join(root, "traces", "q1"))).toBe(false);
  });

  it("takes --judge-tests with --queue (the workers judge the tests): it goes on to reach Redis", async () => {
    const url = `redis://127.0.0.1:${await closedPort()}`;
    const { code, err } = await cli("grade", "--predictions", "gold", "--run-id", "q3", "--judge-tests", "--queue", url, ...common);
    expect(err).not.toContain("--judge-tests");
    expect(err).toContain(`swerig grade: --queue ${url}: cannot reach Redis (`);
    expect(code).toBe(2);
  });

  it("sends a worker no --judge-tests among the agent's options: it travels as its own field of the job", () => {
    expect(agentOptions({ agent: "gold", "judge-tests": true })).toEqual({ agent: "gold" });
  });

  it("says Redis does not answer, and writes no run folder", async () => {
    const url = `redis://127.0.0.1:${await closedPort()}`;
    const { code, err } = await cli("grade", "--predictions", "gold", "--run-id", "q2", "--queue", url, ...common);
    expect(err).toContain(`swerig grade: --queue ${url}: cannot reach Redis (`);
    expect(err).toContain("ECONNREFUSED");
    expect(code).toBe(2);
    expect(existsSync(join(root, "traces", "q2"))).toBe(false);
  });

  it("sends a worker the run's agent options, files by absolute path, without what only concerns this machine", () => {
    const values = {
      agent: "scripted",
      plan: "plans/p.json",
      tasks: "swe-tasks",
      queue: "redis://h:1",
      workers: "4",
      json: true,
      force: undefined,
    };
    expect(agentOptions(values)).toEqual({
      agent: "scripted",
      plan: join(process.cwd(), "plans/p.json"),
      tasks: join(process.cwd(), "swe-tasks"),
    });
  });

  it("needs --queue for swerig worker, and a Redis that answers", async () => {
    expect(await cli("worker")).toMatchObject({ code: 2, err: expect.stringContaining("--queue is required") });
    const url = `redis://127.0.0.1:${await closedPort()}`;
    const { code, err } = await cli("worker", "--queue", url);
    expect(err).toContain("cannot reach Redis");
    expect(code).toBe(2);
    const zero = await cli("worker", "--queue", url, "--workers", "0");
    expect(zero).toMatchObject({ code: 2, err: 'swerig worker: --workers takes a positive whole number or auto, not "0"' });
  });
});
