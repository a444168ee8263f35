// A real `swerig` CLI process (bin/swerig: node + tsx) for fault tests: its pid to signal, its output,
// its exit; and a poll helper for the moment to strike.
import { spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { getDocker, SWERIG_LABEL } from "../../src/envs/docker-client.js";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

export interface SwerigChild {
  pid: number;
  output: () => string;
  /** Exit code, or the signal's name when it was killed by one. */
  exit: Promise<number | string>;
}

export function swerig(args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): SwerigChild {
  const child = spawn(join(ROOT, "bin", "swerig"), args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let text = "";
  child.stdout.on("data", (d: Buffer) => (text += d.toString()));
  child.stderr.on("data", (d: Buffer) => (text += d.toString()));
  const exit = new Promise<number | string>((resolve) => child.on("exit", (code, signal) => resolve(code ?? signal ?? "?")));
  return { pid: child.pid!, output: () => text, exit };
}

export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until a container of the run runs a process whose command line contains `needle`; returns its id. */
export async function whenRunning(runId: string, needle: string, docker = getDocker()): Promise<string> {
  let found = "";
  await waitFor(`${needle} in a container of ${runId}`, async () => {
    const containers = await docker.listContainers({ filters: { label: [`${SWERIG_LABEL}=${runId}`] } }).catch(() => []);
    for (const c of containers) {
      const top = await docker
        .getContainer(c.Id)
        .top({ ps_args: "-eo pid,args" })
        .catch(() => ({ Processes: [] as string[][] }));
      if (top.Processes?.some((p: string[]) => p.join(" ").includes(needle))) found = c.Id;
    }
    return found !== "";
  });
  return found;
}

/** Containers (running or not) that carry the run's label. */
export async function runContainers(runId: string, docker = getDocker()): Promise<number> {
  return (await docker.listContainers({ all: true, filters: { label: [`${SWERIG_LABEL}=${runId}`] } })).length;
}

export const readJson = async (path: string): Promise<unknown> => JSON.parse(await readFile(path, "utf8"));
export const exists = (path: string): Promise<boolean> =>
  readFile(path).then(
    () => true,
    () => false,
  );

/** Every .json file under `dir` (recursively): each must parse, or the test names it. */
export async function jsonFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(".json")).map((e) => join(e.parentPath, e.name));
}

/** How many progress lines (`[n/m] status id`) across `outputs` report `id` finished. */
export function finishedLines(outputs: string[], id: string): number {
  const line = new RegExp(`^\\[\\d+/\\d+\\] (?!skip)\\S+ +${id.replace(/[.]/g, "\\.")} \\(`, "gm");
  return outputs.reduce((n, o) => n + (o.match(line)?.length ?? 0), 0);
}
