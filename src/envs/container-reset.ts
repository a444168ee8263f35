// Brings a running task container back to the state it had when it was ready (outside the mounted
// working copy, which working-copy-reset.ts restores): processes left running are killed, files added
// to its filesystem are removed. What cannot be undone in place (a file of the image changed or
// deleted) is reported, and the caller starts a new container instead.
import type { DockerEnvironment } from "./docker-environment.js";
import { shellQuote } from "../core/index.js";

/** `docker diff` of the ready container: path → kind (0 changed, 1 added, 2 deleted). */
export type ContainerBaseline = ReadonlyMap<string, number>;

export async function containerBaseline(env: DockerEnvironment): Promise<ContainerBaseline> {
  return changesOf(env);
}

async function changesOf(env: DockerEnvironment): Promise<Map<string, number>> {
  const changes = ((await env.container.changes()) ?? []) as { Path: string; Kind: number }[];
  return new Map(changes.map((c) => [c.Path, c.Kind]));
}

/** Kills every process but the init, its child (the container's main process) and the chain that runs this script. */
const KILL_STRAYS = [
  // Orphans are re-parented to the init too: its first child (lowest pid) is the main process.
  'keep=" 1 $(tr " " "\\n" < /proc/1/task/1/children 2>/dev/null | sort -n | head -n 1) "',
  "p=$BASHPID",
  'while [ -n "$p" ] && [ "$p" -gt 1 ]; do keep="$keep$p "; read -r _ _ _ p _ < "/proc/$p/stat" || break; done',
  'for d in /proc/[0-9]*; do q=${d#/proc/}; case "$keep" in *" $q "*) ;; *) kill -9 "$q" 2>/dev/null ;; esac; done',
  "true",
].join("\n");

export type ContainerReset = { kind: "reset"; removed: number } | { kind: "renew"; why: string };

/**
 * Kills stray processes and removes what was added since `baseline`; returns "renew" with the reason
 * when the container cannot be brought back in place (an image file changed or deleted, or the
 * filesystem still differs after the clean-up). Rejects only when the container is gone.
 */
export async function resetContainer(env: DockerEnvironment, baseline: ContainerBaseline): Promise<ContainerReset> {
  await env.exec(KILL_STRAYS, { timeoutMs: 30_000 });
  const now = await changesOf(env);
  const added: string[] = [];
  const changed: string[] = [];
  for (const [path, kind] of now) {
    if (baseline.get(path) === kind) continue;
    if (kind === 2) return { kind: "renew", why: `${path} of the image was deleted` };
    (kind === 1 ? added : changed).push(path);
  }
  if (changed.length > 0) {
    const notDirs = await env.exec(`for p in ${changed.map(shellQuote).join(" ")}; do [ -d "$p" ] || echo "$p"; done`);
    const files = notDirs.output.split("\n").filter((l) => l.trim() !== "");
    if (files.length > 0) return { kind: "renew", why: `${files.slice(0, 3).join(", ")} of the image changed` };
  }
  const top = added.filter((p) => !added.some((q) => p.startsWith(`${q}/`)));
  if (top.length === 0) return { kind: "reset", removed: 0 };
  const removed = await env.exec(`rm -rf -- ${top.map(shellQuote).join(" ")}`, { timeoutMs: 60_000 });
  if (removed.exitCode !== 0)
    return { kind: "renew", why: `could not remove ${top.slice(0, 3).join(", ")}: ${removed.output.slice(-200)}` };
  const after = await changesOf(env);
  const left = [...after].filter(([path, kind]) => baseline.get(path) !== kind && !(kind === 0 && now.get(path) === 0));
  if (left.length > 0) return { kind: "renew", why: `${left[0]![0]} still differs from the image` };
  return { kind: "reset", removed: top.length };
}
