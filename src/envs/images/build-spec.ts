// Builds one image spec whose parent already exists: stages the build context it needs (Dockerfile, CA
// bundle, repository snapshot) in a temporary directory, builds, and removes the context.
import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type Docker from "dockerode";
import { SwerigError } from "../../core/index.js";
import { SWERIG_LABEL } from "../docker-client.js";
import { materializeSnapshot } from "../repo-snapshot.js";
import { buildFromContext } from "./build-image.js";
import type { BuildLog } from "./build-log.js";
import { findDebianMirror } from "./debian-mirror.js";
import { findBuildNetwork, findCaBundle, findNpmRegistry } from "./host-network.js";
import { RECIPE_LABEL, type ImageSpec } from "./image-spec.js";
import { CONTEXT_CA_FILE } from "./language-recipes.js";
import { buildRootfsImage } from "./rootfs-image.js";
import { CONTEXT_SETUP_FILE, CONTEXT_SNAPSHOT_DIR } from "./task-recipe.js";

/** Label naming the task a task image was built for. */
export const TASK_LABEL = "dev.swerig.task";

function imageLabels(hash: string, extra: Record<string, string> = {}): Record<string, string> {
  return { [SWERIG_LABEL]: "image", [RECIPE_LABEL]: hash, ...extra };
}

async function withContext<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "swerig-context-"));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Builds `spec` (its parent must exist). Throws SwerigError("image_build_failed") with the log tail when
 * the build fails, SwerigError("git_failed") when a task snapshot does not reproduce its base commit.
 * `noCache` ignores the daemon's layer cache, so a forced rebuild really runs every step again.
 */
export async function buildSpec(spec: ImageSpec, docker: Docker, log: BuildLog, noCache = false): Promise<void> {
  switch (spec.kind) {
    case "official":
      throw new SwerigError("internal", `${spec.tag} is an official SWE-bench image; swerig does not build it`);
    case "rootfs": {
      const mirror = await findDebianMirror(spec.recipe.distribution);
      await buildRootfsImage({ docker, spec, mirror, log });
      return;
    }
    case "language": {
      const labels = imageLabels(spec.hash);
      const [caBundle, registry] = await Promise.all([findCaBundle(), findNpmRegistry()]);
      await withContext(async (dir) => {
        await writeFile(join(dir, "Dockerfile"), spec.dockerfile);
        if (caBundle) await copyFile(caBundle, join(dir, CONTEXT_CA_FILE));
        else await writeFile(join(dir, CONTEXT_CA_FILE), "");
        log.line(`# CA bundle: ${caBundle ?? "none"}; npm registry: ${registry ?? "npm's default"}`);
        await buildFromContext({
          docker,
          contextDir: dir,
          tag: spec.tag,
          labels,
          log,
          noCache,
          ...(registry ? { buildArgs: { NPM_REGISTRY: registry } } : {}),
          ...(findBuildNetwork() ? { networkMode: findBuildNetwork() } : {}),
        });
      });
      return;
    }
    case "task": {
      const labels = imageLabels(spec.hash, { [TASK_LABEL]: spec.task.id });
      await withContext(async (dir) => {
        await writeFile(join(dir, "Dockerfile"), spec.dockerfile);
        await writeFile(join(dir, CONTEXT_SETUP_FILE), spec.setupScript);
        await materializeSnapshot(spec.task, join(dir, CONTEXT_SNAPSHOT_DIR));
        await buildFromContext({ docker, contextDir: dir, tag: spec.tag, labels, log, noCache, networkMode: "none" });
      });
      return;
    }
  }
}
