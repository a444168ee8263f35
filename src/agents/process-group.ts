// The process group of an external agent: signalled as a whole, and killed if swerig itself exits first.

export function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone already
  }
}

/** Process groups of running agents, killed if swerig itself exits first; one exit hook for all. */
const liveGroups = new Set<number>();
let exitHooked = false;
export function trackGroup(pid: number | undefined): () => void {
  if (pid === undefined) return () => undefined;
  if (!exitHooked) {
    process.once("exit", () => {
      for (const group of liveGroups) killGroup(group, "SIGKILL");
    });
    exitHooked = true;
  }
  liveGroups.add(pid);
  return () => liveGroups.delete(pid);
}
