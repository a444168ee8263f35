// The agent's container: the task image with the host working copy mounted at the workdir and the
// same offline network policy as grading.
import { rm } from "node:fs/promises";
import { SwerigError } from "../core/index.js";
import { imageDigest } from "../envs/docker-client.js";
import { DockerEnvironment } from "../envs/docker-environment.js";
import type { Environment } from "../envs/environment.js";
import { helperImage } from "../envs/images/index.js";
import { prepareWorkingCopy } from "../envs/working-copy.js";
import type { Task } from "../tasks/index.js";
import { createWithRetry, DEFAULT_CREATE_RETRY, type CreateRetryPolicy } from "./create-with-retry.js";
import { admitted, taskImage, type RunResources } from "./run-resources.js";
import type { AgentEnvironmentFactory } from "./run-task.js";

/**
 * Transient Docker failures while creating the container are retried (see create-with-retry.ts);
 * images come through the run's images when `resources` has them (see run-resources.ts).
 */
export function dockerAgentEnvironments(
  runId: string,
  retry: CreateRetryPolicy = DEFAULT_CREATE_RETRY,
  resources: RunResources = {},
): AgentEnvironmentFactory {
  return {
    create: (task, dir) => createWithRetry(`the agent's container for ${task.id}`, () => createOnce(task, dir), retry),
  };

  async function createOnce(task: Task, dir: string) {
    await rm(dir, { recursive: true, force: true });
    const [image, helper] = await Promise.all([taskImage(task, resources), helperImage()]);
    const workspace = await prepareWorkingCopy(task, dir, image);
    const options = { image, helperImage: helper, workdir: task.workdir, hostWorkdir: workspace.root, runId };
    const env = await admitted(resources, () => DockerEnvironment.create(options));
    try {
      await runTaskSetup(env, task);
      return { env, workspace, image, imageDigest: await imageDigest(image) };
    } catch (error) {
      await env.dispose();
      throw error;
    }
  }
}

/**
 * The mounted working copy hides what the image's setup made in the workdir (git-ignored files such as
 * a node_modules link): make it again, as the image build did. Throws SwerigError("image_build_failed").
 */
export async function runTaskSetup(env: Environment, task: Task): Promise<void> {
  const setup = task.image.kind === "swe-tasks" ? task.image.setup : [];
  for (const command of setup) {
    const r = await env.exec(command, { timeoutMs: 600_000 });
    if (r.exitCode !== 0) {
      throw new SwerigError(
        "image_build_failed",
        `task ${task.id}: its setup command ${JSON.stringify(command)} failed in the agent's container (exit ${r.exitCode}): ` +
          `${r.output.slice(-300)}`,
      );
    }
  }
}
