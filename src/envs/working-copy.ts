// Prepares the host working copy of a task, to be bind-mounted at its workdir: the swe-tasks snapshot
// materialized as a git repository, or the workdir of an image that bakes the repository in (the
// official SWE-bench images), exported once per image into a host cache and copied per run.
import { spawn } from "node:child_process";
import { mkdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { simpleGit } from "simple-git";
import type Docker from "dockerode";
import { cacheDir, SwerigError, errorMessage } from "../core/index.js";
import type { Task } from "../tasks/index.js";
import { getDocker, ownerLabels } from "./docker-client.js";
import { materializeSnapshot } from "./repo-snapshot.js";
import { Workspace } from "./workspace.js";

function run(command: string, args: string[], input?: NodeJS.ReadableStream): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { stdio: [input ? "pipe" : "ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    if (input) input.pipe(child.stdin!);
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolvePromise() : reject(new Error(`${command} exited ${code}: ${stderr.slice(-400)}`))));
  });
}

/** Exports `workdir` of `image` into the host cache once (keyed by image id); returns the cached folder. */
export async function exportImageWorkdir(image: string, workdir: string, docker: Docker = getDocker()): Promise<string> {
  let imageId: string;
  try {
    imageId = (await docker.getImage(image).inspect()).Id.replace(/^sha256:/, "").slice(0, 16);
  } catch (error) {
    throw new SwerigError("image_missing", `image ${image} is not present locally: ${errorMessage(error)}`, { cause: error });
  }
  const target = join(cacheDir(), "workdirs", imageId);
  if (
    await stat(join(target, ".git")).then(
      () => true,
      () => false,
    )
  )
    return target;
  const staging = `${target}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const container = await docker.createContainer({ Image: image, Cmd: ["true"], Labels: ownerLabels("workdir-export") });
  try {
    const archive = await container.getArchive({ path: `${workdir}/.` });
    await run("tar", ["-x", "-C", staging, "--no-same-owner"], archive);
  } finally {
    await container.remove({ force: true }).catch(() => undefined);
  }
  await rename(staging, target).catch(async (error: NodeJS.ErrnoException) => {
    await rm(staging, { recursive: true, force: true });
    if (error.code !== "ENOTEMPTY" && error.code !== "EEXIST") throw error;
  });
  return target;
}

/**
 * Creates `destDir` as the task's working copy and returns its Workspace (whose base commit is the
 * copy's HEAD). Throws SwerigError("image_missing") when an image to export is absent, and
 * SwerigError("git_failed") when the snapshot cannot be made.
 */
export async function prepareWorkingCopy(task: Task, destDir: string, image?: string): Promise<Workspace> {
  if (task.image.kind === "swe-tasks") {
    await materializeSnapshot(task, destDir);
  } else {
    const source = await exportImageWorkdir(image ?? task.image.name, task.workdir);
    await mkdir(destDir, { recursive: true });
    await run("cp", ["-a", "--reflink=auto", `${source}/.`, destDir]);
  }
  const head = (await simpleGit(destDir).revparse(["HEAD"])).trim();
  return new Workspace(destDir, head, task.workdir);
}
