// Per-task images of the project's own suite: the language base, the repository snapshot with its .git
// at the task's workdir, then the task's setup commands, which must leave `git status` clean.
import { SwerigError, sha256, shellQuote } from "../../core/index.js";
import type { Task } from "../../tasks/task.js";
import { IMAGE_NAMESPACE, shortHash, type ImageSpec } from "./image-spec.js";
import { languageImageSpec } from "./language-recipes.js";

/** Bump when the way a task image is built changes outside the Dockerfile and setup script text. */
export const TASK_RECIPE_VERSION = 1;
/** Directory of the build context holding the materialized snapshot. */
export const CONTEXT_SNAPSHOT_DIR = "testbed";
/** File of the build context holding the setup script, and where the image keeps it. */
export const CONTEXT_SETUP_FILE = "task-setup.sh";
const IMAGE_SETUP_PATH = `/usr/local/lib/swerig/${CONTEXT_SETUP_FILE}`;

/** Docker repository name for a task id: task ids allow separator runs that image names do not. */
export function taskImageName(taskId: string): string {
  const component = taskId
    .toLowerCase()
    .replace(/[^a-z0-9._-]/g, "-")
    .replace(/[._-]+/g, (sep) => (/^(\.|_|__|-+)$/.test(sep) ? sep : "-"))
    .replace(/^[._-]+|[._-]+$/g, "");
  return `${IMAGE_NAMESPACE}/task.${component}`;
}

/**
 * Per language, a build of the tests at the base commit whose results stay in the image's build cache
 * (outside the work tree), so that grading and agents' test runs compile only what changed: a fresh
 * container otherwise compiles a Go module from scratch (about 17 s here against 2 s warm). A failure
 * is ignored: the cache is an optimization, and the tests' own run reports any real problem.
 */
const WARM_BUILD: Partial<Record<string, string>> = {
  go: "go test -count=1 -run '^$' ./... >/dev/null 2>&1 || true",
  rust: "cargo test --offline --no-run >/dev/null 2>&1 || true",
};

/** The script run in the task's workdir at build time: setup commands, cache warm-up, then the clean-tree check. */
export function taskSetupScript(task: Task, setup: readonly string[]): string {
  const workdir = shellQuote(task.workdir);
  const lines = [
    "set -e -o pipefail",
    `cd ${workdir}`,
    `if [ "$(git rev-parse HEAD)" != "${task.baseCommit}" ]; then ` +
      `echo "swerig: $PWD HEAD is not the base commit ${task.baseCommit}" >&2; exit 1; fi`,
  ];
  for (const command of setup) {
    lines.push(`cd ${workdir}`, `printf '+ %s\\n' ${shellQuote(command)}`, `( ${command}\n)`);
  }
  const warm = WARM_BUILD[task.language];
  if (warm) lines.push(`cd ${workdir}`, warm);
  lines.push(
    `cd ${workdir}`,
    'if [ -n "$(git status --porcelain)" ]; then',
    `  echo "swerig: the task's setup left $PWD unclean; setup may only create git-ignored files. git status --porcelain:" >&2`,
    "  git status --porcelain >&2",
    "  exit 1",
    "fi",
  );
  return `${lines.join("\n")}\n`;
}

/** Dockerfile text of a task image; the setup script stays in the image, outside the workdir. */
export function taskDockerfile(task: Task, parentTag: string): string {
  return [
    `FROM ${parentTag}`,
    `COPY ${CONTEXT_SNAPSHOT_DIR} ${task.workdir}`,
    `COPY ${CONTEXT_SETUP_FILE} ${IMAGE_SETUP_PATH}`,
    `WORKDIR ${task.workdir}`,
    `RUN ["/bin/bash", "${IMAGE_SETUP_PATH}"]`,
    "",
  ].join("\n");
}

/**
 * Spec of `swerig/task.<id>:<12 hex>` for a swe-tasks task; the hash covers the language base tag, the
 * base commit, the workdir, the setup commands (with the script and Dockerfile made of them) and
 * TASK_RECIPE_VERSION. Throws SwerigError("internal") for a SWE-bench task.
 */
export function taskImageSpec(task: Task): Extract<ImageSpec, { kind: "task" }> {
  if (task.image.kind !== "swe-tasks") {
    throw new SwerigError("internal", `task ${task.id} uses the official image ${task.image.name}; swerig does not build it`);
  }
  const parent = languageImageSpec(task.image.base);
  const setup = task.image.setup;
  const dockerfile = taskDockerfile(task, parent.tag);
  const setupScript = taskSetupScript(task, setup);
  // The Dockerfile and script derive from the inputs; hashing them too catches edits to this file.
  const hash = sha256(
    "swerig-task",
    String(TASK_RECIPE_VERSION),
    parent.tag,
    task.baseCommit,
    task.workdir,
    JSON.stringify(setup),
    dockerfile,
    setupScript,
  );
  return {
    kind: "task",
    tag: `${taskImageName(task.id)}:${shortHash(hash)}`,
    hash,
    task,
    parent,
    dockerfile,
    setupScript,
  };
}

/** The image a task's environments and grader run: the official name or the swerig-built tag. */
export function imageSpecForTask(task: Task): ImageSpec {
  return task.image.kind === "swebench" ? { kind: "official", tag: task.image.name } : taskImageSpec(task);
}

/** Tag of the image the grader and agents run for `task` (pure; says nothing about whether it exists). */
export function imageForTask(task: Task): string {
  return imageSpecForTask(task).tag;
}
