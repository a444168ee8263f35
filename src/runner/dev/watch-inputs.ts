// What `swerig dev` watches, and the watching: the files the agent's options name (--plan, --prompt, a
// config file) and, for a command agent, the folder of each file its command line names. Node 20 has no
// recursive fs.watch on Linux, so a folder is watched one directory at a time (new subfolders are
// added as they appear), skipping node_modules, .git, caches and the traces folder. Changes are
// debounced: one callback after a quiet spell, with every path that moved.
import { type FSWatcher, existsSync, readdirSync, statSync, watch } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { splitWords } from "../../trace/importers/shell-words.js";

const SKIPPED_DIRS = new Set(["node_modules", ".git", "__pycache__", ".venv", ".pytest_cache", ".mypy_cache", "target", "dist"]);
/** A folder tree larger than this is not watched further (the console says so). */
export const MAX_WATCHED_DIRS = 500;

export interface WatchTargets {
  /** Single files (watched through their folder, so editors that replace the file are seen). */
  files: string[];
  /** Folders watched with everything below them. */
  dirs: string[];
}

/**
 * The inputs of an agent's configuration: every option value that names an existing file, and for
 * `cmd` the folders of the files its words name. `exclude`: options that are not the agent's
 * (tasks, traces folder, ...). Paths are absolute and sorted.
 */
export function watchTargets(options: Record<string, string | undefined>, exclude: readonly string[], cwd: string): WatchTargets {
  const files = new Set<string>();
  const dirs = new Set<string>();
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined || exclude.includes(name)) continue;
    const words = name === "cmd" ? splitWords(value) : [value];
    for (const word of words) {
      const path = resolve(cwd, word);
      if (!isFile(path)) continue;
      if (name === "cmd") dirs.add(dirname(path));
      else files.add(path);
    }
  }
  const underDirs = (p: string) => [...dirs].some((d) => p.startsWith(`${d}${sep}`));
  return { files: [...files].filter((f) => !underDirs(f)).sort(), dirs: [...dirs].sort() };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export interface InputWatcher {
  /** Folders being watched (for the console). */
  readonly watchedDirs: number;
  /** True when a tree had more than MAX_WATCHED_DIRS folders and the rest is not watched. */
  readonly capped: boolean;
  close(): void;
}

export interface WatchOptions {
  debounceMs: number;
  /** Folders never watched, with everything below them (the traces folder, caches). */
  ignore: readonly string[];
}

export function watchInputs(targets: WatchTargets, onChange: (paths: string[]) => void, options: WatchOptions): InputWatcher {
  const watchers = new Map<string, FSWatcher>();
  const changed = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let capped = false;
  let closed = false;
  const ignored = (p: string) => options.ignore.some((i) => p === i || p.startsWith(`${i}${sep}`));
  const fire = () => {
    timer = undefined;
    const paths = [...changed].sort();
    changed.clear();
    if (!closed && paths.length > 0) onChange(paths);
  };
  const touched = (path: string) => {
    changed.add(path);
    if (timer) clearTimeout(timer);
    timer = setTimeout(fire, options.debounceMs);
  };

  /** Watches `dir`; `only` limits the events to those names (a single file's folder). */
  const watchDir = (dir: string, only?: Set<string>) => {
    const existing = watchers.get(dir);
    if (existing) return;
    if (watchers.size >= MAX_WATCHED_DIRS) {
      capped = true;
      return;
    }
    try {
      const w = watch(dir, { persistent: true }, (_event, name) => {
        if (name === null) return;
        const path = join(dir, name.toString());
        if (ignored(path)) return;
        if (only && !only.has(name.toString())) return;
        if (!only && !SKIPPED_DIRS.has(name.toString()) && isDir(path)) watchTree(path);
        touched(path);
      });
      w.on("error", () => watchers.delete(dir));
      watchers.set(dir, w);
    } catch {
      // A folder that vanished before it could be watched is not an input any more.
    }
  };
  const watchTree = (dir: string) => {
    if (ignored(dir)) return;
    watchDir(dir);
    let entries: string[] = [];
    try {
      entries = readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory() && !SKIPPED_DIRS.has(e.name))
        .map((e) => e.name)
        .sort();
    } catch {
      return;
    }
    for (const name of entries) watchTree(join(dir, name));
  };

  const byDir = new Map<string, Set<string>>();
  for (const file of targets.files) {
    const names = byDir.get(dirname(file)) ?? new Set<string>();
    names.add(file.slice(dirname(file).length + 1));
    byDir.set(dirname(file), names);
  }
  for (const dir of targets.dirs) watchTree(dir);
  for (const [dir, names] of byDir) if (!watchers.has(dir) && existsSync(dir)) watchDir(dir, names);
  return {
    get watchedDirs() {
      return watchers.size;
    },
    get capped() {
      return capped;
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      for (const w of watchers.values()) w.close();
      watchers.clear();
    },
  };
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
