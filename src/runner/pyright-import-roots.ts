// Whether a Python tree needs its own import root in the warm pyright server (pyright-server.ts).
// There every tree is a folder of one workspace, and the project's absolute imports resolve by
// pyright's last resort, the importing file's folder and then its parents. Checked on its own (its
// folder as pyright's root) a tree's top-level modules, and those under src/, come first instead.
// The two agree unless pyright finds a name elsewhere first (its bundled typeshed: the standard
// library and third-party stubs such as `requests` or `seaborn`): those trees get their own import
// roots for their check (a settings change, about 1 s more). A project that keeps its code under src/
// gets a link at its top level to each module there (the tree is a temporary copy), so walking up
// from its tests finds them as the src/ root would.
// One difference is left: a module found on the way up before the top level (pkg/sub/pkg/ for an
// import of `pkg` in pkg/sub/), which projects rarely have.
import { readdir, readFile, symlink } from "node:fs/promises";
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

/** A tree's top-level entries: each entry's file name, and the module name it defines (without .py). */
interface TopLevelEntry {
  entry: string;
  name: string;
  folder: boolean;
}

async function topLevel(dir: string): Promise<TopLevelEntry[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.flatMap((e): TopLevelEntry[] => {
    if (e.isDirectory()) return [{ entry: e.name, name: e.name, folder: true }];
    const name = /^(.+)\.py$/.exec(e.name)?.[1];
    return e.isFile() && name ? [{ entry: e.name, name, folder: false }] : [];
  });
}

/**
 * The folders a tree (a temporary copy) needs as import roots, because pyright would find one of its
 * top-level names elsewhere first: the tree, and its src/ when there is one. Otherwise none, and the
 * modules under src/ get links at the top level (where the top level has no entry of that name).
 */
export async function ownImportRoots(dir: string, shadowed: ReadonlySet<string>): Promise<string[]> {
  const top = await topLevel(dir);
  const src = top.some((e) => e.folder && e.entry === "src") ? await topLevel(join(dir, "src")) : [];
  if ([...top, ...src].some((e) => shadowed.has(e.name))) return src.length > 0 ? [dir, join(dir, "src")] : [dir];
  const taken = new Set(top.map((e) => e.entry));
  for (const e of src.filter((e) => !taken.has(e.entry))) await symlink(join("src", e.entry), join(dir, e.entry));
  return [];
}
