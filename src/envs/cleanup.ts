// Finds containers a crashed swerig process left behind (its pid no longer runs on this host) and
// removes them; called when a run starts. Also removes what an interrupted run of this process left.
import { hostname } from "node:os";
import type Docker from "dockerode";
import { getDocker, SWERIG_HOST_LABEL, SWERIG_LABEL, SWERIG_PID_LABEL } from "./docker-client.js";

/** Whether a process with this id runs on this host (one we may not signal counts as running). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes swerig containers whose creating process is gone; returns their ids. Never throws. */
export async function removeOrphanContainers(docker: Docker = getDocker()): Promise<string[]> {
  let containers: Docker.ContainerInfo[];
  try {
    containers = await docker.listContainers({ all: true, filters: { label: [SWERIG_LABEL] } });
  } catch {
    return [];
  }
  const here = hostname();
  const orphans = containers.filter((c) => {
    const pid = Number(c.Labels[SWERIG_PID_LABEL]);
    const host = c.Labels[SWERIG_HOST_LABEL];
    return host === here && Number.isInteger(pid) && pid > 0 && pid !== process.pid && !processAlive(pid);
  });
  return removeContainers(docker, orphans);
}

/** Removes the containers this process made for `runId` (an interrupted run's leftovers); returns their ids. Never throws. */
export async function removeRunContainers(runId: string, docker: Docker = getDocker()): Promise<string[]> {
  let containers: Docker.ContainerInfo[];
  try {
    const label = [`${SWERIG_LABEL}=${runId}`, `${SWERIG_PID_LABEL}=${process.pid}`];
    containers = await docker.listContainers({ all: true, filters: { label } });
  } catch {
    return [];
  }
  return removeContainers(docker, containers);
}

/** Removes the containers with their volumes, each failure ignored (one already gone, say); returns their ids. */
async function removeContainers(docker: Docker, containers: readonly Docker.ContainerInfo[]): Promise<string[]> {
  await Promise.all(
    containers.map((c) =>
      docker
        .getContainer(c.Id)
        .remove({ force: true, v: true })
        .catch(() => undefined),
    ),
  );
  return containers.map((c) => c.Id);
}
