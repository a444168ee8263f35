import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  BASE_RECIPE,
  baseImageSpec,
  findDebianMirror,
  imageForTask,
  agentToolImageSpec,
  agentToolRecipe,
  imageSpecsFor,
  languageDockerfile,
  languageImageSpec,
  LANGUAGE_RECIPES,
  parseDeb822Sources,
  parseSourcesList,
  pickDebianMirror,
  taskImageName,
  taskImageSpec,
} from "../../../src/envs/images/index.js";
import { BuildLog } from "../../../src/envs/images/build-log.js";
import { buildRootfsImage } from "../../../src/envs/images/rootfs-image.js";
import type { Task } from "../../../src/tasks/task.js";
import type Docker from "dockerode";
import { makeTask } from "../../helpers/task.js";

const DEB822 = `Types: deb
# http://snapshot.example.org/archive/debian/20250520T000000Z
URIs: http://mirror.example.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: http://mirror.example.org/debian-security
Suites: bookworm-security
Components: main

Types: deb-src
URIs: http://src.example.org/debian
Suites: bookworm
Components: main

Enabled: no
Types: deb
URIs: http://disabled.example.org/debian
Suites: bookworm
`;

const ONE_LINE = `# comment
deb-src http://src.example.org/debian bookworm main
deb http://security.example.org/debian-security bookworm-security main
deb [arch=amd64 signed-by=/usr/share/keyrings/k.gpg] https://mirror.example.net/debian/ bookworm main contrib
`;

function task(overrides: Partial<Task> = {}): Task {
  return makeTask({
    id: "widgets-1",
    baseCommit: "1".repeat(40),
    image: { kind: "swe-tasks", base: "python", setup: [] },
    createdAt: "2024-03-01T12:00:00Z",
    origin: { kind: "swe-tasks", dir: "swe-tasks/widgets-1" },
    ...overrides,
  });
}

describe("apt source parsing", () => {
  it("reads deb822 paragraphs, skipping deb-src, disabled entries and comments", () => {
    expect(parseDeb822Sources(DEB822)).toEqual([
      { uri: "http://mirror.example.org/debian", suites: ["bookworm", "bookworm-updates"] },
      { uri: "http://mirror.example.org/debian-security", suites: ["bookworm-security"] },
    ]);
  });

  it("reads one-line entries with options", () => {
    expect(parseSourcesList(ONE_LINE)).toEqual([
      { uri: "http://security.example.org/debian-security", suites: ["bookworm-security"] },
      { uri: "https://mirror.example.net/debian/", suites: ["bookworm"] },
    ]);
  });

  it("picks the entry serving the distribution, else a plain release suite", () => {
    expect(pickDebianMirror(parseDeb822Sources(DEB822), "bookworm")).toBe("http://mirror.example.org/debian");
    expect(pickDebianMirror(parseSourcesList(ONE_LINE), "bookworm")).toBe("https://mirror.example.net/debian");
    const trixieHost = [{ uri: "http://mirror.example.org/debian", suites: ["trixie", "trixie-updates"] }];
    expect(pickDebianMirror(trixieHost, "bookworm")).toBe("http://mirror.example.org/debian");
    expect(pickDebianMirror([{ uri: "cdrom:/x", suites: ["bookworm"] }], "bookworm")).toBeUndefined();
  });

  const aptDirs: string[] = [];
  afterAll(async () => {
    for (const dir of aptDirs) await rm(dir, { recursive: true, force: true });
  });

  it("finds the mirror in an apt directory, and the environment overrides it", async () => {
    const apt = await mkdtemp(join(tmpdir(), "swerig-apt-"));
    aptDirs.push(apt);
    await mkdir(join(apt, "sources.list.d"));
    await writeFile(join(apt, "sources.list.d", "debian.sources"), DEB822);
    expect(await findDebianMirror("bookworm", {}, apt)).toBe("http://mirror.example.org/debian");
    const env = { SWERIG_DEBIAN_MIRROR: "http://override.example.org/debian/" };
    expect(await findDebianMirror("bookworm", env, apt)).toBe("http://override.example.org/debian");
    const empty = await mkdtemp(join(tmpdir(), "swerig-apt-"));
    aptDirs.push(empty);
    await expect(findDebianMirror("bookworm", {}, empty)).rejects.toMatchObject({ code: "image_build_failed" });
  });
});

describe("recipe hashes", () => {
  it("are stable and shaped as swerig/<name>:<12 hex>", () => {
    expect(baseImageSpec().tag).toBe(baseImageSpec().tag);
    expect(baseImageSpec().tag).toMatch(/^swerig\/base:[0-9a-f]{12}$/);
    expect(languageImageSpec("python").tag).toMatch(/^swerig\/base-python:[0-9a-f]{12}$/);
    expect(languageImageSpec("typescript").tag).toMatch(/^swerig\/base-typescript:[0-9a-f]{12}$/);
    expect(languageImageSpec("javascript").tag).toBe(languageImageSpec("typescript").tag);
  });

  it("keep an environment value with spaces one word, and a plain value bare", () => {
    const rust = languageDockerfile(LANGUAGE_RECIPES["rust"]!, "swerig/base:0");
    expect(rust).toContain('ENV CARGO_BUILD_RUSTFLAGS="-C link-arg=-fuse-ld=mold"\n');
    expect(rust).toContain("ENV CARGO_NET_OFFLINE=true\n");
  });

  it("change with a package, the recipe version or the distribution, not with package order", () => {
    const base = baseImageSpec().tag;
    expect(baseImageSpec({ ...BASE_RECIPE, packages: [...BASE_RECIPE.packages, "less"] }).tag).not.toBe(base);
    expect(baseImageSpec({ ...BASE_RECIPE, version: BASE_RECIPE.version + 1 }).tag).not.toBe(base);
    expect(baseImageSpec({ ...BASE_RECIPE, distribution: "trixie" }).tag).not.toBe(base);
    expect(baseImageSpec({ ...BASE_RECIPE, packages: [...BASE_RECIPE.packages].reverse() }).tag).toBe(base);
  });

  it("do not depend on the mirror, the CA bundle or the npm registry", () => {
    const before = [baseImageSpec().tag, languageImageSpec("typescript").tag];
    const saved = { ...process.env };
    process.env["SWERIG_DEBIAN_MIRROR"] = "http://elsewhere.example.org/debian";
    process.env["SWERIG_NPM_REGISTRY"] = "https://npm.example.org/";
    process.env["SWERIG_CA_BUNDLE"] = "/nonexistent.crt";
    try {
      expect([baseImageSpec().tag, languageImageSpec("typescript").tag]).toEqual(before);
    } finally {
      process.env = saved;
    }
  });

  it("of a language base change with its parent, its packages and its pinned versions", () => {
    const python = languageImageSpec("python");
    const otherBase = baseImageSpec({ ...BASE_RECIPE, version: BASE_RECIPE.version + 1 });
    expect(languageImageSpec("python", otherBase).tag).not.toBe(python.tag);
    const py = LANGUAGE_RECIPES.python;
    expect(languageImageSpec("python", undefined, { ...py, aptPackages: [...py.aptPackages, "python3-venv"] }).tag).not.toBe(python.tag);
    const ts = LANGUAGE_RECIPES.typescript;
    const olderVitest = ts.npmPackages.map((p) => (p.startsWith("vitest@") ? "vitest@3.2.3" : p));
    const typescript = languageImageSpec("typescript");
    expect(languageImageSpec("typescript", undefined, { ...ts, npmPackages: olderVitest }).tag).not.toBe(typescript.tag);
    expect(languageImageSpec("typescript", undefined, { ...ts, version: ts.version + 1 }).tag).not.toBe(typescript.tag);
    expect(typescript.dockerfile).toContain("vitest@3.2.4");
    expect(typescript.dockerfile).toContain("ENV PATH=/opt/swerig-node/node_modules/.bin:$PATH");
    expect(python.dockerfile).toContain("python3-pytest");
  });

  it("of an agent CLI install its pinned npm package on the agent runner, without apt, and remove what it names", () => {
    const spec = agentToolImageSpec(agentToolRecipe("agent-x", ["x-cli@1.2.3"], ["x-cli-linux-x64-musl"]));
    expect(spec.tag).toMatch(/^swerig\/base-agent-x:[0-9a-f]{12}$/);
    expect(spec.kind === "language" && spec.parent.tag).toMatch(/^swerig\/base-agent-runner:/);
    expect(spec.kind === "language" && spec.dockerfile).not.toContain("apt-get");
    expect(spec.kind === "language" && spec.dockerfile).toContain('--save-exact ${NPM_REGISTRY:+--registry "$NPM_REGISTRY"} x-cli@1.2.3');
    expect(spec.kind === "language" && spec.dockerfile).toContain("rm -rf /opt/swerig-node/node_modules/x-cli-linux-x64-musl");
    expect(agentToolImageSpec(agentToolRecipe("agent-x", ["x-cli@1.2.4"])).tag).not.toBe(spec.tag);
  });
});

describe("base image build", () => {
  it("refuses to run debootstrap without root, naming the privilege", async () => {
    const dir = await mkdtemp(join(tmpdir(), "swerig-rootfs-test-"));
    const log = await BuildLog.open(join(dir, "base.log"));
    try {
      const build = { docker: {} as Docker, spec: baseImageSpec(), mirror: "http://mirror.example.org/debian", log, uid: 1000 };
      const error = await buildRootfsImage(build).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "image_build_failed" });
      expect(String((error as Error).message)).toMatch(/needs root privileges \(uid 0; this process runs as uid 1000\)/);
    } finally {
      await log.close();
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("task images", () => {
  it("are tagged swerig/task.<id>:<hash> on their language base", () => {
    const spec = taskImageSpec(task());
    expect(spec.tag).toMatch(/^swerig\/task\.widgets-1:[0-9a-f]{12}$/);
    expect(imageForTask(task())).toBe(spec.tag);
    expect(spec.parent.tag).toBe(languageImageSpec("python").tag);
    expect(spec.dockerfile).toContain(`FROM ${languageImageSpec("python").tag}`);
  });

  it("change with the setup commands, the base commit and the language, not with the task text", () => {
    const tag = imageForTask(task());
    const setup = (commands: string[]): Task => task({ image: { kind: "swe-tasks", base: "python", setup: commands } });
    expect(imageForTask(setup(["ln -s /opt/x x"]))).not.toBe(tag);
    expect(imageForTask(setup(["ln -s /opt/x x"]))).not.toBe(imageForTask(setup(["ln -s /opt/y x"])));
    expect(imageForTask(task({ baseCommit: "2".repeat(40) }))).not.toBe(tag);
    expect(imageForTask(task({ image: { kind: "swe-tasks", base: "typescript", setup: [] } }))).not.toBe(tag);
    expect(imageForTask(task({ problemStatement: "changed", goldPatch: "x" }))).toBe(tag);
  });

  it("name task ids that docker would refuse", () => {
    expect(taskImageName("a..b")).toBe("swerig/task.a-b");
    expect(taskImageName("a___b-")).toBe("swerig/task.a-b");
    expect(taskImageName("a__b--c.d_e")).toBe("swerig/task.a__b--c.d_e");
  });

  it("of SWE-bench tasks are the official names", () => {
    const name = "swebench/sweb.eval.x86_64.django_1776_django-11099:latest";
    expect(imageForTask(task({ image: { kind: "swebench", name } }))).toBe(name);
  });

  it("are listed with their parents first and once", () => {
    const tasks = [
      task(),
      task({ id: "w2", image: { kind: "swe-tasks", base: "typescript", setup: [] } }),
      task({ id: "w3" }),
      task({ id: "sb", image: { kind: "swebench", name: "swebench/x:latest" } }),
    ];
    const tags = imageSpecsFor(tasks).map((s) => s.tag);
    expect(tags).toEqual([
      baseImageSpec().tag,
      languageImageSpec("python").tag,
      languageImageSpec("typescript").tag,
      imageForTask(tasks[0]!),
      imageForTask(tasks[1]!),
      imageForTask(tasks[2]!),
      "swebench/x:latest",
    ]);
  });
});
