// The library behind `swerig images build`: every image a set of tasks needs, in dependency order,
// is found ("cached"), built ("built"), or reported per image ("missing", "failed") without throwing.
import { join } from "node:path";
import type Docker from "dockerode";
import { cacheDir, SwerigError, errorMessage, mapPool } from "../../core/index.js";
import type { Task } from "../../tasks/task.js";
import { assertDockerAvailable, getDocker } from "../docker-client.js";
import { baseImageSpec } from "./base-recipe.js";
import { BuildLog } from "./build-log.js";
import { buildSpec } from "./build-spec.js";
import { lineage, type ImageSpec } from "./image-spec.js";
import { AGENT_RUNNER, languageImageSpec, type LanguageRecipe } from "./language-recipes.js";
import { ImageStateFile } from "./image-state.js";
import { pullImage } from "./pull-image.js";
import { imageSpecForTask } from "./task-recipe.js";

export type ImageBuildStatus = "cached" | "built" | "missing" | "failed";

export interface ImageStatus {
  image: string;
  /** "built" also covers an official image pulled by this call (reason says so). */
  status: ImageBuildStatus;
  reason?: string;
  seconds: number;
}

export type ImageProgressEvent =
  | { type: "start"; image: string; action: "build" | "pull" }
  | { type: "log"; image: string; line: string }
  | { type: "done"; result: ImageStatus };

export interface EnsureImagesOptions {
  /** Rebuild images swerig builds even when present (official images are never re-pulled). */
  force?: boolean;
  onProgress?: (event: ImageProgressEvent) => void;
  /** Images built at the same time; default 2. */
  concurrency?: number;
  /** Where build logs go; default `<cacheDir>/images/logs`. */
  logDir?: string;
  pullTimeoutMs?: number;
  docker?: Docker;
}

const DEFAULT_CONCURRENCY = 2;
const DEFAULT_PULL_TIMEOUT_MS = 30 * 60_000;
/** Builds and pulls in flight in this process, by tag: concurrent callers share one. */
const inflight = new Map<string, Promise<ImageStatus>>();

interface Session {
  docker: Docker;
  options: EnsureImagesOptions;
  /** This call's outcome per tag, so `force` rebuilds a shared parent once. */
  memo: Map<string, Promise<ImageStatus>>;
}

/** Distinct images `tasks` need, parents before children (OS base, language bases, tasks, official). */
export function imageSpecsFor(tasks: readonly Task[]): ImageSpec[] {
  const rank = { rootfs: 0, language: 1, task: 2, official: 3 } as const;
  const byTag = new Map<string, ImageSpec>();
  for (const task of tasks) {
    for (const spec of lineage(imageSpecForTask(task))) if (!byTag.has(spec.tag)) byTag.set(spec.tag, spec);
  }
  return [...byTag.values()].sort((a, b) => rank[a.kind] - rank[b.kind]);
}

async function isPresent(docker: Docker, tag: string): Promise<boolean> {
  try {
    await docker.getImage(tag).inspect();
    return true;
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return false;
    throw error;
  }
}

function logPath(session: Session, tag: string): string {
  const dir = session.options.logDir ?? join(cacheDir(), "images", "logs");
  return join(dir, `${tag.replace(/[/:]/g, "_")}.log`);
}

async function pull(session: Session, tag: string, log: BuildLog): Promise<string | undefined> {
  try {
    await pullImage(session.docker, tag, {
      timeoutMs: session.options.pullTimeoutMs ?? DEFAULT_PULL_TIMEOUT_MS,
      onProgress: (p) => log.line(`${tag}: ${p.doneBytes} / ${p.totalBytes} bytes, ${Math.round(p.elapsedMs / 1000)}s`),
      onRetry: (attempt, reason) => log.line(`try ${attempt} failed (${reason}); trying again`),
    });
    return undefined;
  } catch (error) {
    return errorMessage(error);
  }
}

/** Records a task image swerig built, so cache levels, the disk budget and prune may remove it later. */
async function recordBuilt(docker: Docker, tag: string): Promise<void> {
  const sizeBytes = await docker
    .getImage(tag)
    .inspect()
    .then(
      (i) => i.Size,
      () => null,
    );
  const at = new Date().toISOString();
  await new ImageStateFile().update((s) => {
    s.images[tag] = { origin: "built", addedAt: at, lastUsedAt: at, runId: null, sizeBytes };
  });
}

async function produce(spec: ImageSpec, session: Session, startedMs: number): Promise<ImageStatus> {
  const emit = session.options.onProgress;
  const seconds = () => Math.round((performance.now() - startedMs) / 100) / 10;
  const official = spec.kind === "official";
  if ((official || !session.options.force) && (await isPresent(session.docker, spec.tag))) {
    return { image: spec.tag, status: "cached", seconds: seconds() };
  }
  const log = await BuildLog.open(logPath(session, spec.tag), (line) => emit?.({ type: "log", image: spec.tag, line }));
  try {
    emit?.({ type: "start", image: spec.tag, action: official ? "pull" : "build" });
    if (official) {
      const failure = await pull(session, spec.tag, log);
      if (failure === undefined && (await isPresent(session.docker, spec.tag))) {
        return { image: spec.tag, status: "built", reason: "pulled from its registry", seconds: seconds() };
      }
      const reason =
        `${spec.tag} is not present locally and could not be pulled (${failure ?? "the pull ended without the image"}). ` +
        "Load it instead: on a machine that reaches the registry run " +
        `\`docker pull ${spec.tag} && docker save -o image.tar ${spec.tag}\`, ` +
        "copy image.tar here and run `docker load -i image.tar`.";
      return { image: spec.tag, status: "missing", reason, seconds: seconds() };
    }
    await buildSpec(spec, session.docker, log, session.options.force === true);
    if (spec.kind === "task") await recordBuilt(session.docker, spec.tag);
    return { image: spec.tag, status: "built", seconds: seconds() };
  } catch (error) {
    log.line(`ERROR: ${errorMessage(error)}`);
    return { image: spec.tag, status: "failed", reason: errorMessage(error), seconds: seconds() };
  } finally {
    await log.close();
  }
}

async function ensureFresh(spec: ImageSpec, session: Session): Promise<ImageStatus> {
  const parent = spec.kind === "language" || spec.kind === "task" ? spec.parent : undefined;
  if (parent) {
    const parentStatus = await ensureSpec(parent, session);
    if (parentStatus.status === "failed" || parentStatus.status === "missing") {
      const reason = `its parent image ${parent.tag} is ${parentStatus.status}: ${parentStatus.reason ?? ""}`;
      return { image: spec.tag, status: "failed", reason, seconds: 0 };
    }
  }
  return produce(spec, session, performance.now()).catch(
    (error: unknown): ImageStatus => ({ image: spec.tag, status: "failed", reason: errorMessage(error), seconds: 0 }),
  );
}

function ensureSpec(spec: ImageSpec, session: Session): Promise<ImageStatus> {
  let promise = session.memo.get(spec.tag) ?? inflight.get(spec.tag);
  if (!promise) {
    const started = ensureFresh(spec, session);
    promise = started.finally(() => {
      if (inflight.get(spec.tag) === promise) inflight.delete(spec.tag);
    });
    inflight.set(spec.tag, promise);
  }
  session.memo.set(spec.tag, promise);
  return promise;
}

async function openSession(options: EnsureImagesOptions): Promise<Session> {
  const docker = options.docker ?? getDocker();
  await assertDockerAvailable(docker);
  return { docker, options, memo: new Map() };
}

/**
 * Makes every image `tasks` need available, parents first, and returns one status per distinct image in
 * dependency order. A failed build or a missing official image is a status, never a throw; throws only
 * SwerigError("docker_unavailable") when the daemon does not answer.
 */
export async function ensureImages(tasks: readonly Task[], options: EnsureImagesOptions = {}): Promise<ImageStatus[]> {
  const session = await openSession(options);
  const specs = imageSpecsFor(tasks);
  return mapPool(specs, options.concurrency ?? DEFAULT_CONCURRENCY, async (spec) => {
    const result = await ensureSpec(spec, session);
    options.onProgress?.({ type: "done", result });
    return result;
  });
}

async function ensureOrThrow(spec: ImageSpec, options: EnsureImagesOptions): Promise<string> {
  const result = await ensureSpec(spec, await openSession(options));
  options.onProgress?.({ type: "done", result });
  if (result.status === "missing") throw new SwerigError("image_missing", result.reason ?? `${spec.tag} is missing`);
  if (result.status === "failed") throw new SwerigError("image_build_failed", result.reason ?? `${spec.tag} failed`);
  return spec.tag;
}

/**
 * Ensures the image of one task and returns its tag. Throws SwerigError("image_missing") for an official
 * image that is absent and cannot be pulled, SwerigError("image_build_failed") when a build fails, and
 * SwerigError("docker_unavailable") when the daemon does not answer.
 */
export function ensureTaskImage(task: Task, options: EnsureImagesOptions = {}): Promise<string> {
  return ensureOrThrow(imageSpecForTask(task), options);
}

/**
 * Tag of the image sealed external agents run in (AGENT_RUNNER), built if absent. Throws
 * SwerigError("image_build_failed") or SwerigError("docker_unavailable").
 */
export function agentRunnerImage(options: EnsureImagesOptions = {}): Promise<string> {
  return ensureOrThrow(languageImageSpec("typescript", baseImageSpec(), AGENT_RUNNER), options);
}

/** Spec of an agent CLI's image (agentToolRecipe) on top of the agent runner's. */
export function agentToolImageSpec(recipe: LanguageRecipe): ImageSpec {
  return languageImageSpec("typescript", languageImageSpec("typescript", baseImageSpec(), AGENT_RUNNER), recipe);
}

/**
 * Tag of an agent CLI's image (a preset's), built if absent with its parents. Throws
 * SwerigError("image_build_failed") or SwerigError("docker_unavailable").
 */
export function agentToolImage(recipe: LanguageRecipe, options: EnsureImagesOptions = {}): Promise<string> {
  return ensureOrThrow(agentToolImageSpec(recipe), options);
}

/**
 * Tag of the OS base image, built if absent: it has iproute2, for the network sidecar of grading
 * containers. Throws SwerigError("image_build_failed") or SwerigError("docker_unavailable").
 */
export function helperImage(options: EnsureImagesOptions = {}): Promise<string> {
  return ensureOrThrow(baseImageSpec(), options);
}
