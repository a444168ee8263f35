// A throwaway git repository with a one-line bug, a LocalEnvironment on it and the real recording tool
// box: what the agent-loop tests run on, with the trace kept in memory.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simpleGit } from "simple-git";
import { DEFAULT_LIMITS, type AgentContext, type AgentLimits } from "../../../src/agents/agent.js";
import { LocalEnvironment } from "../../../src/envs/local-environment.js";
import { Workspace } from "../../../src/envs/workspace.js";
import { EditHistory } from "../../../src/tools/edit-history.js";
import { BUILTIN_TOOLS } from "../../../src/tools/registry.js";
import { RecordingToolBox } from "../../../src/tools/toolbox.js";
import { TraceRecorder } from "../../../src/trace/recorder.js";

export const BUGGY_SOURCE = "def add(a, b):\n    return a - b\n";
export const PROBLEM = "add(2, 3) returns -1 instead of 5.";

export interface AgentFixture {
  root: string;
  env: LocalEnvironment;
  workspace: Workspace;
  trace: TraceRecorder;
  context(limits?: Partial<AgentLimits>, signal?: AbortSignal): AgentContext;
  dispose(): Promise<void>;
}

export async function createAgentFixture(): Promise<AgentFixture> {
  const root = await mkdtemp(join(tmpdir(), "swerig-agent-"));
  await writeFile(join(root, "calc.py"), BUGGY_SOURCE);
  const git = simpleGit(root);
  await git.init().addConfig("user.name", "swerig-test").addConfig("user.email", "test@swerig.invalid");
  await git.add(["calc.py"]).commit("base", { "--date": "2024-01-01T00:00:00Z" });
  const workspace = new Workspace(root, (await git.revparse(["HEAD"])).trim(), root);
  const env = new LocalEnvironment(root);
  const trace = new TraceRecorder(undefined, { runId: "run-1", taskId: "calc-1", sample: 0 }, () => new Date("2024-01-01T00:00:00Z"));
  const tools = new RecordingToolBox(
    BUILTIN_TOOLS,
    {
      env,
      workspace,
      task: { id: "calc-1", language: "python", testCommand: "true", parseTestOutput: () => new Map() },
      edits: new EditHistory(),
    },
    trace,
  );
  return {
    root,
    env,
    workspace,
    trace,
    context: (limits = {}, signal) => ({
      task: { id: "calc-1", repo: "example/calc", language: "python", problemStatement: PROBLEM, workdir: root },
      tools,
      trace,
      limits: { ...DEFAULT_LIMITS, ...limits },
      ...(signal ? { signal } : {}),
    }),
    dispose: async () => {
      await env.dispose();
      await rm(root, { recursive: true, force: true });
    },
  };
}
