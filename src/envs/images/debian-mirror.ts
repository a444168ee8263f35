// The Debian mirror the base image is bootstrapped from: the one this machine's apt already uses
// (deb822 *.sources or one-line *.list entries), so no mirror address is ever baked into swerig.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { SwerigError } from "../../core/index.js";

/** One `deb` entry of an apt source file. */
export interface AptSource {
  uri: string;
  suites: string[];
}

const APT_DIR = "/etc/apt";

function isUsableUri(uri: string): boolean {
  return /^https?:\/\//.test(uri);
}

/** Entries of a deb822 `.sources` file (paragraphs of `Field: value`, `Types: deb`, not `Enabled: no`). */
export function parseDeb822Sources(text: string): AptSource[] {
  const sources: AptSource[] = [];
  const paragraphs = text.split(/\n[ \t]*\n/);
  for (const paragraph of paragraphs) {
    const fields = new Map<string, string>();
    let last: string | undefined;
    for (const line of paragraph.split("\n")) {
      if (line.startsWith("#")) continue;
      if (/^[ \t]/.test(line) && last !== undefined) {
        fields.set(last, `${fields.get(last) ?? ""} ${line.trim()}`);
        continue;
      }
      const match = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line);
      if (!match) continue;
      last = match[1]!.toLowerCase();
      fields.set(last, match[2]!.trim());
    }
    const words = (name: string) => (fields.get(name) ?? "").split(/\s+/).filter((w) => w.length > 0);
    if (!words("types").includes("deb")) continue;
    if ((fields.get("enabled") ?? "yes").toLowerCase() === "no") continue;
    const suites = words("suites");
    for (const uri of words("uris")) sources.push({ uri, suites });
  }
  return sources;
}

/** Entries of a one-line `sources.list` (`deb [options] uri suite components...`). */
export function parseSourcesList(text: string): AptSource[] {
  const sources: AptSource[] = [];
  for (const raw of text.split("\n")) {
    const line = raw.replace(/#.*$/, "").trim();
    if (!line.startsWith("deb ") && !line.startsWith("deb\t")) continue;
    const rest = line
      .slice(3)
      .trim()
      .replace(/^\[[^\]]*\]\s*/, "");
    const [uri, suite] = rest.split(/\s+/);
    if (uri && suite) sources.push({ uri, suites: [suite] });
  }
  return sources;
}

/**
 * The mirror to bootstrap `distribution` from: an http(s) entry serving that suite, else the first
 * entry serving a plain release suite (no `-security`, `-updates`, `-backports`). Undefined if none.
 */
export function pickDebianMirror(sources: AptSource[], distribution: string): string | undefined {
  const usable = sources.filter((s) => isUsableUri(s.uri));
  const exact = usable.find((s) => s.suites.includes(distribution));
  const plain = usable.find((s) => s.suites.some((suite) => /^[a-z]+$/.test(suite)));
  const chosen = exact ?? plain;
  return chosen?.uri.replace(/\/+$/, "");
}

/** Every apt source entry of a machine whose apt configuration lives in `aptDir`, in apt's reading order. */
export async function readAptSources(aptDir: string = APT_DIR): Promise<AptSource[]> {
  const sources: AptSource[] = [];
  const main = await readFile(join(aptDir, "sources.list"), "utf8").catch(() => "");
  sources.push(...parseSourcesList(main));
  const partsDir = join(aptDir, "sources.list.d");
  const parts = (await readdir(partsDir).catch(() => [] as string[])).sort();
  for (const name of parts) {
    const text = await readFile(join(partsDir, name), "utf8").catch(() => "");
    if (name.endsWith(".sources")) sources.push(...parseDeb822Sources(text));
    else if (name.endsWith(".list")) sources.push(...parseSourcesList(text));
  }
  return sources;
}

/**
 * The Debian mirror URL: `SWERIG_DEBIAN_MIRROR` when set, else the machine's apt sources.
 * Throws SwerigError("image_build_failed") when neither names a usable http(s) mirror.
 */
export async function findDebianMirror(
  distribution: string,
  env: NodeJS.ProcessEnv = process.env,
  aptDir: string = APT_DIR,
): Promise<string> {
  const explicit = env["SWERIG_DEBIAN_MIRROR"];
  if (explicit && explicit.trim().length > 0) return explicit.trim().replace(/\/+$/, "");
  const mirror = pickDebianMirror(await readAptSources(aptDir), distribution);
  if (mirror) return mirror;
  throw new SwerigError(
    "image_build_failed",
    `no Debian mirror found in ${aptDir}/sources.list or ${aptDir}/sources.list.d/; set SWERIG_DEBIAN_MIRROR to the URL of a Debian mirror`,
  );
}
