// Per-language toolchain images on top of the OS base, as Dockerfiles with pinned versions. The CA
// bundle of the build context is trusted during the install RUN only and removed in the same step.
import { sha256 } from "../../core/index.js";
import type { Language } from "../../tasks/task.js";
import { baseImageSpec } from "./base-recipe.js";
import { IMAGE_NAMESPACE, shortHash, type ImageSpec } from "./image-spec.js";

/** Name of the CA bundle file in a build context and where the Dockerfile puts it while building. */
export const CONTEXT_CA_FILE = "swerig-ca.crt";
const BUILD_CA_PATH = `/tmp/${CONTEXT_CA_FILE}`;

/** Where the typescript base installs its node tools (on PATH in the image). */
export const NODE_TOOLS_PREFIX = "/opt/swerig-node";

export interface LanguageRecipe {
  /** Image name suffix: `swerig/base-<name>`. */
  name: string;
  /** Bump when the build steps change in a way the Dockerfile text does not show. */
  version: number;
  aptPackages: readonly string[];
  /** Exact `name@version` specs installed under NODE_TOOLS_PREFIX. */
  npmPackages: readonly string[];
  env: Readonly<Record<string, string>>;
  /** Paths under NODE_TOOLS_PREFIX/node_modules removed after the install (e.g. binaries for another libc). */
  removePaths?: readonly string[];
}

const PYTHON: LanguageRecipe = {
  name: "python",
  version: 1,
  aptPackages: ["python3", "python3-pytest"],
  npmPackages: [],
  env: {},
};

/** Debian's node is 18.19: vitest 3.2 supports it, and vite is pinned to 6 (vite 7 needs node 20). */
const TYPESCRIPT: LanguageRecipe = {
  name: "typescript",
  version: 1,
  aptPackages: ["nodejs", "npm"],
  npmPackages: ["typescript@5.9.3", "vite@6.3.5", "vitest@3.2.4"],
  env: { PATH: `${NODE_TOOLS_PREFIX}/node_modules/.bin:$PATH` },
};

/** Go and Rust tasks build offline: dependencies must be vendored in the snapshot. */
const GO: LanguageRecipe = {
  name: "go",
  version: 1,
  aptPackages: ["golang-go"],
  npmPackages: [],
  env: { GOPROXY: "off", GOTOOLCHAIN: "local" },
};

const RUST: LanguageRecipe = {
  name: "rust",
  version: 2,
  aptPackages: ["cargo", "rustc", "mold"],
  npmPackages: [],
  env: {
    CARGO_NET_OFFLINE: "true",
    // Build output outside the work tree, so a task image can keep a warm build and `git status` clean.
    CARGO_TARGET_DIR: "/var/cache/swerig/cargo-target",
    // Test binaries are linked by mold: a test run after a change costs about a third of the CPU it
    // does with the default linker (bench/rust-linker.md). As build.rustflags, the lowest of cargo's
    // flag sources, a project's own rustflags still win.
    CARGO_BUILD_RUSTFLAGS: "-C link-arg=-fuse-ld=mold",
  },
};

/**
 * The image external agents run in when sealed (see envs/agent-sandbox.ts): node, npm and python for
 * the agent programs themselves, nothing of any task.
 */
export const AGENT_RUNNER: LanguageRecipe = {
  name: "agent-runner",
  version: 1,
  aptPackages: ["ca-certificates", "git", "nodejs", "npm", "python3", "python3-venv"],
  npmPackages: [],
  env: {},
};

/**
 * The image of an off-the-shelf agent CLI (a preset): the agent runner plus the CLI's npm package at an
 * exact version, on PATH. Named `swerig/base-<name>`.
 */
export function agentToolRecipe(name: string, npmPackages: readonly string[], removePaths: readonly string[] = []): LanguageRecipe {
  return {
    name,
    version: 1,
    aptPackages: [],
    npmPackages,
    env: { PATH: `${NODE_TOOLS_PREFIX}/node_modules/.bin:$PATH` },
    ...(removePaths.length > 0 ? { removePaths } : {}),
  };
}

/** Recipe per task language; javascript tasks share the node toolchain of typescript. */
export const LANGUAGE_RECIPES: Readonly<Record<Language, LanguageRecipe>> = {
  python: PYTHON,
  typescript: TYPESCRIPT,
  javascript: TYPESCRIPT,
  go: GO,
  rust: RUST,
};

/** Dockerfile text of a language base; the npm registry arrives as the NPM_REGISTRY build arg (not hashed). */
export function languageDockerfile(recipe: LanguageRecipe, parentTag: string): string {
  const steps = [
    "set -eu",
    `if [ -s ${BUILD_CA_PATH} ]; then apt_ca="-o Acquire::https::CAInfo=${BUILD_CA_PATH}"; ` +
      `export NODE_EXTRA_CA_CERTS=${BUILD_CA_PATH}; else apt_ca=""; fi`,
  ];
  if (recipe.aptPackages.length > 0) {
    steps.push(
      "apt-get $apt_ca update",
      `DEBIAN_FRONTEND=noninteractive apt-get $apt_ca install -y --no-install-recommends ${[...recipe.aptPackages].sort().join(" ")}`,
      "apt-get clean",
      "rm -rf /var/lib/apt/lists/*",
    );
  }
  if (recipe.npmPackages.length > 0) {
    steps.push(
      `mkdir -p ${NODE_TOOLS_PREFIX}`,
      `npm install --prefix ${NODE_TOOLS_PREFIX} --no-audit --no-fund --no-update-notifier --save-exact ` +
        `\${NPM_REGISTRY:+--registry "$NPM_REGISTRY"} ${[...recipe.npmPackages].sort().join(" ")}`,
      "npm cache clean --force",
      'rm -rf "$HOME/.npm"',
    );
    const removed = (recipe.removePaths ?? []).map((p) => `${NODE_TOOLS_PREFIX}/node_modules/${p}`);
    if (removed.length > 0) steps.push(`rm -rf ${[...removed].sort().join(" ")}`);
  }
  steps.push(`rm -f ${BUILD_CA_PATH}`);
  const lines = [`FROM ${parentTag}`, "ARG NPM_REGISTRY", `COPY ${CONTEXT_CA_FILE} ${BUILD_CA_PATH}`, `RUN ${steps.join("; \\\n    ")}`];
  for (const [key, value] of Object.entries(recipe.env).sort(([a], [b]) => (a < b ? -1 : 1))) {
    // A value with spaces or quotes is one double-quoted word (Docker would split it at the spaces).
    lines.push(`ENV ${key}=${/[\s"'\\]/.test(value) ? JSON.stringify(value) : value}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Spec of `swerig/base-<name>:<12 hex>`; its hash covers the parent's tag, the Dockerfile and the recipe version. */
export function languageImageSpec(
  language: Language,
  parent: ImageSpec = baseImageSpec(),
  recipe: LanguageRecipe = LANGUAGE_RECIPES[language],
): Extract<ImageSpec, { kind: "language" }> {
  const dockerfile = languageDockerfile(recipe, parent.tag);
  const hash = sha256("swerig-language", String(recipe.version), parent.tag, dockerfile);
  return {
    kind: "language",
    tag: `${IMAGE_NAMESPACE}/base-${recipe.name}:${shortHash(hash)}`,
    hash,
    name: recipe.name,
    parent,
    dockerfile,
  };
}
