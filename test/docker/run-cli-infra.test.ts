// `swerig run` as a user types it, on bundled tasks in containers: a command agent given as
// `node my-agent.mjs` relative to the directory swerig was started from, and a model endpoint that
// refuses connections, which stops the run after its first call with exit code 4.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { RUN_EXIT } from "../../src/cli/run-exit.js";
import { closedPort } from "../helpers/closed-port.js";
import { dockerAvailable } from "../helpers/docker.js";

const TASKS = fileURLToPath(new URL("../../swe-tasks/", import.meta.url));
const INSTANCES = "py-pyledger-sale-total-price,pyledger-show-zero";
const root = await mkdtemp(join(tmpdir(), "swerig-run-cli-"));
afterAll(() => rm(root, { recursive: true, force: true }));

const home = process.cwd();
afterEach(() => process.chdir(home));

const cli = runCli;

describe.runIf(dockerAvailable)("swerig run on infrastructure that fails, and a command agent in the current directory", () => {
  it('runs --cmd "node my-agent.mjs" from the directory swerig was started in', async () => {
    const dir = await mkdtemp(join(root, "agent-"));
    const connect = new URL("../fixtures/agents/connect.mjs", import.meta.url).href;
    await writeFile(
      join(dir, "my-agent.mjs"),
      [
        `import { connect, textOf } from ${JSON.stringify(connect)};`,
        'const client = await connect("my-agent");',
        'const listing = await client.callTool({ name: "read_file", arguments: { path: "." } });',
        "console.log(textOf(listing));",
        'await client.callTool({ name: "submit", arguments: {} });',
        "await client.close();",
        "",
      ].join("\n"),
    );
    process.chdir(dir);
    // A host process: the script imports the fixtures' MCP client from outside its folder, which a sealed
    // container would not see (test/docker/mcp.test.ts checks the container's working directory).
    const r = await cli(
      "run",
      "--agent",
      "command",
      "--sandbox",
      "host",
      "--cmd",
      "node my-agent.mjs",
      "--tasks",
      TASKS,
      "--instances",
      "pyledger-show-zero",
      "--run-id",
      "cmd-cwd",
      "--traces-dir",
      join(root, "traces"),
    );
    expect(r.err).not.toContain("infrastructure error");
    expect(r.code).toBe(RUN_EXIT.ok);
    const saved = await readFile(join(root, "traces", "cmd-cwd", "pyledger-show-zero", "agent.json"), "utf8");
    const outcome = JSON.parse(saved) as { outcome: unknown };
    expect(outcome.outcome).toMatchObject({ reason: "submitted", steps: 2 });
    expect(await readFile(join(root, "traces", "cmd-cwd", "pyledger-show-zero", "agent.stdout.txt"), "utf8")).toContain("pyledger");
  }, 600_000);

  it("stops after the first model call is refused: agent_error, one message, the other task not started, exit 4", async () => {
    const port = await closedPort();
    const r = await cli(
      "run",
      "--agent",
      "openai",
      "--model",
      "gpt-4o",
      "--base-url",
      `http://127.0.0.1:${port}/v1`,
      "--tasks",
      TASKS,
      "--instances",
      INSTANCES,
      "--run-id",
      "refused",
      "--traces-dir",
      join(root, "traces"),
      "--workers",
      "1",
      "--max-attempts",
      "2",
    );
    expect(r.code).toBe(RUN_EXIT.stoppedEarly);
    expect(r.err.match(/stopped early/g)).toHaveLength(1);
    expect(r.err).toMatch(/stopped early: the agent failed before its first answer on \S+, so 1 other task run\(s\) were not started/);
    expect(r.err).toMatch(/cause: the model endpoint failed \(unreachable\): .*ECONNREFUSED; check --base-url/);
    const summary = JSON.parse(await readFile(join(root, "traces", "refused", "summary.json"), "utf8")) as Record<string, unknown>;
    expect(summary).toMatchObject({ error_instances: 1, unresolved_instances: 0, empty_patch_instances: 0 });
    expect(summary).toMatchObject({ stopped_early: { not_started: 1 } });
    expect(summary["runs"]).toEqual([expect.objectContaining({ status: "agent_error", agentReason: "agent_error" })]);
    // --max-attempts 2: one retry of the refused connection, recorded in the trace of the run that started, then the run stops.
    const started = (summary["runs"] as { taskId: string }[])[0]!.taskId;
    const trace = await readFile(join(root, "traces", "refused", started, "trace.jsonl"), "utf8");
    expect(trace.match(/"type":"model_retry"/g)).toHaveLength(1);
  }, 600_000);
});
