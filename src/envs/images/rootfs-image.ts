// Builds the OS base without any registry: debootstrap a Debian root file system from the machine's
// mirror, trim it, and import it as an image through dockerode's importImage with a tar stream.
import { spawn } from "node:child_process";
import { mkdir, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type Docker from "dockerode";
import { SwerigError, errorMessage } from "../../core/index.js";
import { SWERIG_LABEL } from "../docker-client.js";
import { buildFailure, followDaemonOutput } from "./build-image.js";
import type { BuildLog } from "./build-log.js";
import { RECIPE_LABEL, type ImageSpec } from "./image-spec.js";
import { tarDirectory } from "./tar-directory.js";

export interface RootfsBuild {
  docker: Docker;
  spec: Extract<ImageSpec, { kind: "rootfs" }>;
  /** Debian mirror URL for debootstrap and the image's sources.list. */
  mirror: string;
  log: BuildLog;
  /** User id the build runs as; default this process's. */
  uid?: number;
}

/** Directories emptied after debootstrap (the dpkg excludes of the recipe keep them empty afterwards). */
const PRUNED_DIRS = ["var/lib/apt/lists", "var/cache/apt", "usr/share/man", "usr/share/info", "usr/share/locale"];

function run(command: string, args: string[], log: BuildLog): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.on("data", (chunk: Buffer) => log.write(chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => log.write(chunk.toString("utf8")));
    child.on("error", reject);
    child.on("close", (code) => resolve(code ?? 1));
  });
}

async function emptyDir(dir: string, keep: (name: string) => boolean = () => false): Promise<void> {
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (!keep(name)) await rm(join(dir, name), { recursive: true, force: true });
  }
}

async function trimRootfs(root: string, build: RootfsBuild): Promise<void> {
  const { recipe } = build.spec;
  for (const [path, content] of Object.entries(recipe.files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
  await writeFile(join(root, "etc/apt/sources.list"), `deb ${build.mirror} ${recipe.distribution} main\n`);
  // Docker provides these at run time; the bootstrap copied the host's.
  await writeFile(join(root, "etc/resolv.conf"), "");
  await writeFile(join(root, "etc/hostname"), "localhost\n");
  for (const dir of PRUNED_DIRS) await emptyDir(join(root, dir));
  await mkdir(join(root, "var/lib/apt/lists/partial"), { recursive: true });
  await mkdir(join(root, "var/cache/apt/archives/partial"), { recursive: true });
  for (const pkg of await readdir(join(root, "usr/share/doc")).catch(() => [] as string[])) {
    await emptyDir(join(root, "usr/share/doc", pkg), (name) => name === "copyright");
  }
}

async function importRootfs(root: string, build: RootfsBuild): Promise<void> {
  const { docker, spec, log } = build;
  const [repo, tag] = spec.tag.split(":") as [string, string];
  const changes = [
    `LABEL ${SWERIG_LABEL}=image`,
    `LABEL ${RECIPE_LABEL}=${spec.hash}`,
    "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
    "ENV LANG=C.UTF-8",
    'CMD ["/bin/bash"]',
  ];
  const tar = tarDirectory(root);
  let failure: string | undefined;
  try {
    const response = await docker.importImage(tar.stream, { repo, tag, changes });
    failure = await followDaemonOutput(docker, response, log);
    await tar.done;
  } catch (error) {
    throw buildFailure(spec.tag, `docker import failed: ${errorMessage(error)}`, log, error);
  }
  if (failure !== undefined) throw buildFailure(spec.tag, `docker import failed: ${failure}`, log);
}

/**
 * Bootstraps the recipe's Debian release into a temporary directory and imports it as `spec.tag`.
 * Throws SwerigError("image_build_failed") when not running as root (debootstrap needs root: it creates
 * device nodes and chroots), when debootstrap is missing or fails (log tail quoted), or when the import fails.
 */
export async function buildRootfsImage(build: RootfsBuild): Promise<void> {
  const { spec, log } = build;
  const { recipe } = spec;
  const uid = build.uid ?? process.getuid?.();
  if (uid !== undefined && uid !== 0) {
    throw new SwerigError(
      "image_build_failed",
      `building ${spec.tag} runs debootstrap, which needs root privileges (uid 0; this process runs as uid ${uid}); ` +
        `run \`swerig images build\` as root (e.g. with sudo) once, or \`docker load\` a saved ${spec.tag}`,
    );
  }
  const root = await mkdtemp(join(tmpdir(), "swerig-rootfs-"));
  try {
    const args = [
      `--variant=${recipe.variant}`,
      `--include=${[...recipe.packages].sort().join(",")}`,
      recipe.distribution,
      root,
      build.mirror,
    ];
    log.line(`$ debootstrap ${args.join(" ")}`);
    let code: number;
    try {
      code = await run("debootstrap", args, log);
    } catch (error) {
      throw new SwerigError(
        "image_build_failed",
        `cannot run debootstrap (${errorMessage(error)}); install it (scripts/setup.sh does: apt-get install debootstrap)`,
        { cause: error },
      );
    }
    if (code !== 0) throw buildFailure(spec.tag, `debootstrap exited with ${code}`, log);
    await trimRootfs(root, build);
    log.line(`$ docker import (${spec.tag})`);
    await importRootfs(root, build);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
