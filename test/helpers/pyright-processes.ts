// The pyright language servers a process started (its children running the package's
// langserver.index.js), read from `ps`: for tests that check none is left behind.
import { execFileSync } from "node:child_process";

export function pyrightServers(parentPid: number): number[] {
  const rows = execFileSync("ps", ["-eo", "pid=,ppid=,args="], { encoding: "utf8" }).split("\n");
  return rows.flatMap((row) => {
    const m = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(row);
    return m && Number(m[2]) === parentPid && m[3]!.includes("langserver.index.js") ? [Number(m[1])] : [];
  });
}

/** Whether a process with this id still runs (a zombie counts as gone). */
export function alive(pid: number): boolean {
  try {
    const state = execFileSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" }).trim();
    return state !== "" && !state.startsWith("Z");
  } catch {
    return false; // ps exits 1 when no process has this id
  }
}
