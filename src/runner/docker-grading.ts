// Fresh Docker containers for grading: the task's image (built or found first), the offline network,
// and the run id on every container. Orphans of crashed runs are removed before the first one.
import { assertDockerAvailable } from "../envs/docker-client.js";
import { removeOrphanContainers } from "../envs/cleanup.js";
import { DockerEnvironment } from "../envs/docker-environment.js";
import type { Environment } from "../envs/environment.js";
import { ensureTaskImage, helperImage } from "../envs/images/index.js";
import type { Task } from "../tasks/index.js";
import { createWithRetry, DEFAULT_CREATE_RETRY, type CreateRetryPolicy } from "./create-with-retry.js";

/**
 * Throws EvalError("docker_unavailable") when the daemon does not answer. The factory retries
 * transient Docker failures while creating a container (see create-with-retry.ts).
 */
export async function dockerGradingEnvironments(
  runId: string,
  retry: CreateRetryPolicy = DEFAULT_CREATE_RETRY,
): Promise<(task: Task) => Promise<Environment>> {
  await assertDockerAvailable();
  await removeOrphanContainers();
  return (task) =>
    createWithRetry(`the grading container for ${task.id}`, async () => {
      const [image, helper] = await Promise.all([ensureTaskImage(task), helperImage()]);
      return DockerEnvironment.create({ image, helperImage: helper, workdir: task.workdir, runId });
    }, retry);
}
