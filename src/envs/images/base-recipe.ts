// The OS base image every other swerig image starts from: Debian bookworm minbase with the tools the
// environments, the grader and the network sidecar need. Its tag is a hash of this recipe only.
import { sha256 } from "../../core/index.js";
import { IMAGE_NAMESPACE, shortHash, type ImageSpec, type RootfsRecipe } from "./image-spec.js";

/** Files every base carries: lean apt, no docs, and git trusting any owner of /testbed (it is bind-mounted). */
const BASE_FILES: Record<string, string> = {
  "/etc/apt/apt.conf.d/90swerig": 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\nAcquire::Languages "none";\n',
  "/etc/dpkg/dpkg.cfg.d/90swerig-nodoc": [
    "path-exclude /usr/share/doc/*",
    "path-include /usr/share/doc/*/copyright",
    "path-exclude /usr/share/man/*",
    "path-exclude /usr/share/info/*",
    "path-exclude /usr/share/locale/*",
    "path-exclude /usr/share/lintian/*",
    "",
  ].join("\n"),
  "/etc/gitconfig": "[safe]\n\tdirectory = *\n",
};

export const BASE_RECIPE: RootfsRecipe = {
  version: 1,
  distribution: "bookworm",
  variant: "minbase",
  packages: ["bash", "ca-certificates", "coreutils", "diffutils", "findutils", "git", "grep", "iproute2", "patch", "procps", "sed"],
  files: BASE_FILES,
};

/** Hash of a rootfs recipe; package order does not matter and the mirror is deliberately not part of it. */
export function rootfsRecipeHash(recipe: RootfsRecipe): string {
  const files = Object.keys(recipe.files)
    .sort()
    .map((path) => [path, recipe.files[path]]);
  const canonical = {
    version: recipe.version,
    distribution: recipe.distribution,
    variant: recipe.variant,
    packages: [...new Set(recipe.packages)].sort(),
    files,
  };
  return sha256("swerig-rootfs", JSON.stringify(canonical));
}

/** Spec of the OS base image `swerig/base:<12 hex>`. */
export function baseImageSpec(recipe: RootfsRecipe = BASE_RECIPE): Extract<ImageSpec, { kind: "rootfs" }> {
  const hash = rootfsRecipeHash(recipe);
  return { kind: "rootfs", tag: `${IMAGE_NAMESPACE}/base:${shortHash(hash)}`, hash, recipe };
}
