// Fresh Docker containers for grading: the task's image (built or found first), the offline network,
// and the run id on every container. Orphans of crashed runs are removed before the first one.
import { assertDockerAvailable } from "../envs/docker-client.js";
import { removeOrphanContainers } from "../envs/cleanup.js";
import { DockerEnvironment } from "../envs/docker-environment.js";
import type { Environment } from "../envs/environment.js";
import { helperImage } from "../envs/images/index.js";
import type { Task } from "../tasks/index.js";
import { createWithRetry, DEFAULT_CREATE_RETRY, type CreateRetryPolicy } from "./create-with-retry.js";
import { admitted, taskImage, type RunResources } from "./run-resources.js";

/**
 * Throws SwerigError("docker_unavailable") when the daemon does not answer. The factory retries
 * transient Docker failures while creating a container (see create-with-retry.ts); images come
 * through the run's images when `resources` has them (see run-resources.ts).
 */
export async function dockerGradingEnvironments(
  runId: string,
  retry: CreateRetryPolicy = DEFAULT_CREATE_RETRY,
  resources: RunResources = {},
): Promise<(task: Task) => Promise<Environment>> {
  await assertDockerAvailable();
  await removeOrphanContainers();
  return (task) =>
    createWithRetry(
      `the grading container for ${task.id}`,
      async () => {
        const [image, helper] = await Promise.all([taskImage(task, resources), helperImage()]);
        return admitted(resources, () => DockerEnvironment.create({ image, helperImage: helper, workdir: task.workdir, runId }));
      },
      retry,
    );
}
