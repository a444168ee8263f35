// `--workers auto`: as many workers as both the cores and the free memory allow, each worker holding one
// container at a time under the per-container memory limit; and a gate that holds a new container
// back while the host has less free memory than that limit, instead of oversubscribing.
import { readFile } from "node:fs/promises";
import { availableParallelism, freemem } from "node:os";

export interface HostResources {
  cores: number;
  freeBytes: number;
}

export interface WorkerSizing {
  workers: number;
  /** The line printed at start, e.g. "workers: 2 (auto: 2 cores, 21 GiB free, 4 GiB per container)". */
  description: string;
}

const GIB = 1024 ** 3;
const gib = (bytes: number) => `${Math.floor(bytes / GIB)} GiB`;

/** Free memory as the kernel counts what a new process can get (MemAvailable), falling back to os.freemem(). */
export async function hostResources(): Promise<HostResources> {
  let freeBytes = freemem();
  const meminfo = await readFile("/proc/meminfo", "utf8").catch(() => "");
  const available = /^MemAvailable:\s+(\d+) kB$/m.exec(meminfo);
  if (available) freeBytes = Number(available[1]) * 1024;
  return { cores: availableParallelism(), freeBytes };
}

/** Workers for `requested` ("auto" or a count): auto is min(cores, free memory / per-container limit), at least 1. */
export function sizeWorkers(requested: number | "auto", host: HostResources, perContainerBytes: number): WorkerSizing {
  if (requested !== "auto") return { workers: requested, description: `workers: ${requested}` };
  const byMemory = Math.floor(host.freeBytes / perContainerBytes);
  const workers = Math.max(1, Math.min(host.cores, byMemory));
  const detail = `auto: ${host.cores} cores, ${gib(host.freeBytes)} free, ${gib(perContainerBytes)} per container`;
  return { workers, description: `workers: ${workers} (${detail})` };
}

export interface AdmissionOptions {
  perContainerBytes: number;
  /** Reads the host's free memory (default hostResources). */
  probe?: () => Promise<HostResources>;
  pollMs?: number;
  /** Longest wait before admitting anyway (default 10 minutes): memory held outside swerig may never come back. */
  maxWaitMs?: number;
  onWait?: (freeBytes: number) => void;
}

/**
 * Admits one container at a time once the host has room for it: while another admitted container is
 * alive and free memory is below the per-container limit, it waits. With none alive it admits anyway
 * (waiting could never end), and after maxWaitMs. `admit` resolves with a release function to call when the container is gone.
 */
export class MemoryAdmission {
  private alive = 0;

  constructor(private readonly options: AdmissionOptions) {}

  async admit(signal?: AbortSignal): Promise<() => void> {
    const probe = this.options.probe ?? hostResources;
    let warned = false;
    const deadline = performance.now() + (this.options.maxWaitMs ?? 10 * 60_000);
    while (this.alive > 0 && !signal?.aborted && performance.now() < deadline) {
      const { freeBytes } = await probe();
      if (freeBytes >= this.options.perContainerBytes) break;
      if (!warned) this.options.onWait?.(freeBytes);
      warned = true;
      await new Promise((r) => setTimeout(r, this.options.pollMs ?? 2000));
    }
    this.alive++;
    let released = false;
    return () => {
      if (!released) this.alive--;
      released = true;
    };
  }
}
