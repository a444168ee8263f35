// What a suite's container factories share: the run's images (pull and cache policies) and the memory
// admission gate. Both are optional: without them images are ensured as before and nothing waits.
import type { DockerEnvironment } from "../envs/docker-environment.js";
import { ensureTaskImage, type RunImages } from "../envs/images/index.js";
import type { Task } from "../tasks/index.js";
import type { MemoryAdmission } from "./auto-workers.js";

export interface RunResources {
  images?: RunImages;
  admission?: MemoryAdmission;
}

/** The task's image through the run's images when there are any. */
export function taskImage(task: Task, resources: RunResources): Promise<string> {
  return resources.images ? resources.images.acquire(task) : ensureTaskImage(task);
}

/** Creates a container once the admission gate lets it, and gives its place back when it is disposed. */
export async function admitted(resources: RunResources, create: () => Promise<DockerEnvironment>): Promise<DockerEnvironment> {
  if (!resources.admission) return create();
  const release = await resources.admission.admit();
  let env: DockerEnvironment;
  try {
    env = await create();
  } catch (error) {
    release();
    throw error;
  }
  const dispose = env.dispose.bind(env);
  env.dispose = async () => {
    release();
    await dispose();
  };
  return env;
}
