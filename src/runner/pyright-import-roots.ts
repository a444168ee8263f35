// Whether a Python tree needs its own import root in the warm pyright server (pyright-server.ts).
// There every tree is a folder of one workspace, and the project's absolute imports resolve by
// pyright's last resort, the importing file's folder and then its parents. Checked on its own (its
// folder as pyright's root) a tree's top-level modules, and those under src/, come first instead.
// The two agree unless pyright finds a name elsewhere first (its bundled typeshed: the standard
// library and third-party stubs such as `requests` or `seaborn`) or the project keeps its code under
// src/. Those trees get their own import roots for their check (a settings change, about 1 s more).
// One difference is left: a module found on the way up before the top level (pkg/sub/pkg/ for an
// import of `pkg` in pkg/sub/), which projects rarely have.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";

/** Top-level module names of pyright's bundled typeshed: standard library and third-party stubs. */
export async function typeshedNames(typeshed: string): Promise<Set<string>> {
  const names = new Set<string>();
  const versions = await readFile(join(typeshed, "stdlib", "VERSIONS"), "utf8");
  for (const line of versions.split("\n")) {
    const name = /^([A-Za-z_][\w]*)[.:]/.exec(line.trim())?.[1];
    if (name) names.add(name);
  }
  for (const dist of await readdir(join(typeshed, "stubs"), { withFileTypes: true })) {
    if (!dist.isDirectory()) continue;
    for (const entry of await readdir(join(typeshed, "stubs", dist.name), { withFileTypes: true })) {
      const name = entry.isDirectory() ? entry.name : /^(.+)\.pyi$/.exec(entry.name)?.[1];
      if (name && !name.startsWith("@")) names.add(name);
    }
  }
  return names;
}

/** The names a tree's top level defines: folders, and modules without their .py/.pyi suffix. */
async function topLevelNames(dir: string): Promise<{ names: string[]; folders: Set<string> }> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const folders = new Set(entries.filter((e) => e.isDirectory()).map((e) => e.name));
  const modules = entries.filter((e) => e.isFile()).flatMap((e) => /^(.+)\.pyi?$/.exec(e.name)?.[1] ?? []);
  return { names: [...folders, ...modules], folders };
}

/**
 * The folders a tree needs as import roots when pyright would resolve it otherwise without them
 * (the tree, and its src/ when there is one); none when walking up from each file finds the same.
 */
export async function ownImportRoots(dir: string, shadowed: ReadonlySet<string>): Promise<string[]> {
  const top = await topLevelNames(dir);
  const src = top.folders.has("src") ? await topLevelNames(join(dir, "src")) : undefined;
  const clash = [...top.names, ...(src?.names ?? [])].some((name) => shadowed.has(name));
  if (!clash && !src) return [];
  return src ? [dir, join(dir, "src")] : [dir];
}
