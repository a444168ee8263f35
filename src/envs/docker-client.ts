// The one place that connects to the Docker daemon, and the labels every swerig object carries.
import { hostname } from "node:os";
import Docker from "dockerode";
import { SwerigError, errorMessage } from "../core/index.js";

/** Every container and image swerig creates carries this label (value: the creating process's run id or "image"). */
export const SWERIG_LABEL = "dev.swerig";
export const SWERIG_PID_LABEL = "dev.swerig.pid";
export const SWERIG_HOST_LABEL = "dev.swerig.host";

/** One client per DOCKER_HOST value: a process (or a test) that changes it gets a client for the new daemon. */
let shared: { host: string | undefined; docker: Docker } | undefined;

/** Labels that let a later process find what this one left behind (see cleanup.ts). */
export function ownerLabels(value: string): Record<string, string> {
  return { [SWERIG_LABEL]: value, [SWERIG_PID_LABEL]: String(process.pid), [SWERIG_HOST_LABEL]: hostname() };
}

export function getDocker(): Docker {
  const host = process.env["DOCKER_HOST"];
  if (shared === undefined || shared.host !== host) {
    shared = { host, docker: new Docker(host ? undefined : { socketPath: "/var/run/docker.sock" }) };
  }
  return shared.docker;
}

/** Resolves when the daemon answers; throws SwerigError("docker_unavailable") naming what to do otherwise. */
export async function assertDockerAvailable(docker: Docker = getDocker()): Promise<void> {
  try {
    await docker.ping();
  } catch (error) {
    throw new SwerigError(
      "docker_unavailable",
      `the Docker daemon does not answer (${errorMessage(error)}); start it (scripts/setup.sh does) and try again`,
      { cause: error },
    );
  }
}

export async function isDockerAvailable(docker: Docker = getDocker()): Promise<boolean> {
  try {
    await docker.ping();
    return true;
  } catch {
    return false;
  }
}

/** The image's content id (`sha256:…`), or null when it is not present. */
export async function imageDigest(image: string, docker: Docker = getDocker()): Promise<string | null> {
  try {
    return (await docker.getImage(image).inspect()).Id;
  } catch {
    return null;
  }
}
