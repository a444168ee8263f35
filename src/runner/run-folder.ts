// One run folder = one configuration, recorded in its manifest.json. Opening the folder for a command
// compares manifests: the same configuration resumes; another one is refused unless --force, which
// keeps the old folder (renamed <run-id>.replaced-<time>) and starts the run id afresh.
import { mkdir, readdir, readFile, rename, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { SwerigError, describeIssues } from "../core/index.js";
import { writeFileAtomic } from "../envs/file-lock.js";
import { MANIFEST_FILE, manifestDifference, RunManifestSchema, type ManifestDifference, type RunManifest } from "./manifest.js";

export type RunFolderPlan = { kind: "new" } | { kind: "resume" } | { kind: "replace"; difference: ManifestDifference };

/**
 * Decides what opening `runDir` for `manifest` means, without writing anything. Throws
 * SwerigError("invalid_input") naming the first differing field when the folder holds another
 * configuration and `force` is not set.
 */
export async function planRunFolder(runDir: string, manifest: RunManifest, force: boolean): Promise<RunFolderPlan> {
  const entries = await readdir(runDir).catch(() => [] as string[]);
  if (entries.length === 0) return { kind: "new" };
  const difference = await differenceFromFolder(runDir, manifest, entries);
  if (!difference) return { kind: "resume" };
  if (force) return { kind: "replace", difference };
  const id = basename(runDir);
  throw new SwerigError(
    "invalid_input",
    `run id ${JSON.stringify(id)} already holds another configuration (${join(runDir, MANIFEST_FILE)}): ` +
      `${describeDifference(difference)}; ` +
      `use a new --run-id or --force (--force keeps the old folder, renamed ${id}.replaced-<time>, and starts ${id} afresh)`,
  );
}

async function differenceFromFolder(runDir: string, manifest: RunManifest, entries: string[]): Promise<ManifestDifference | undefined> {
  if (!entries.includes(MANIFEST_FILE)) {
    return { field: MANIFEST_FILE, old: "(absent: the folder holds results without a manifest)", new: `a ${manifest.command} manifest` };
  }
  let saved: unknown;
  try {
    saved = JSON.parse(await readFile(join(runDir, MANIFEST_FILE), "utf8"));
  } catch (error) {
    return { field: MANIFEST_FILE, old: `(unreadable: ${(error as Error).message})`, new: `a ${manifest.command} manifest` };
  }
  const parsed = RunManifestSchema.safeParse(saved);
  if (!parsed.success) {
    const old = `(not a manifest this swerig reads: ${describeIssues(parsed.error.issues)})`;
    return { field: MANIFEST_FILE, old, new: `a ${manifest.command} manifest` };
  }
  return manifestDifference(parsed.data, manifest);
}

export function describeDifference(d: ManifestDifference): string {
  return `${d.field} was ${d.old}, now ${d.new}`;
}

/**
 * Carries out a plan: for "replace" renames the old folder aside; for "new" and "replace" writes the
 * manifest. Returns a line for the console, or undefined for a new folder.
 */
export async function applyRunFolderPlan(
  runDir: string,
  manifest: RunManifest,
  plan: RunFolderPlan,
  now: () => Date = () => new Date(),
): Promise<string | undefined> {
  let line: string | undefined;
  if (plan.kind === "resume") {
    return `resuming run ${basename(runDir)}: same configuration as ${join(runDir, MANIFEST_FILE)}; finished instances are kept`;
  }
  if (plan.kind === "replace") {
    const movedTo = await freeName(`${runDir}.replaced-${now().toISOString().replace(/[:.]/g, "-")}`);
    await rename(runDir, movedTo);
    line =
      `--force: ${basename(runDir)} held another configuration (${describeDifference(plan.difference)}); ` +
      `moved it to ${movedTo} and started afresh`;
  }
  await mkdir(runDir, { recursive: true });
  await writeFileAtomic(join(runDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return line;
}

async function freeName(path: string): Promise<string> {
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? path : `${path}-${n}`;
    if (!(await stat(candidate).catch(() => undefined))) return candidate;
  }
}

/** Ids among `known` that have a folder in the run folder (finished, failed or not run), sorted. */
export async function runFolderInstanceIds(runDir: string, known: Iterable<string>): Promise<string[]> {
  const ids = new Set(known);
  const entries = await readdir(runDir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isDirectory() && ids.has(e.name))
    .map((e) => e.name)
    .sort();
}
