// No line of the project's own files is longer than Biome's lineWidth: the formatter keeps code within
// it, but not a long string literal or comment, which this check finds. Files under test/fixtures are
// recorded data (logs, patches, trajectories) and keep their lines as they came.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const FOLDERS = ["src", "test", "bench", "scripts", "examples", "bin"];
const SKIPPED = new Set(["test/fixtures", "node_modules"]);

const BiomeConfig = z.object({ formatter: z.object({ lineWidth: z.number().int().positive() }) });
const MAX_LINE = BiomeConfig.parse(JSON.parse(readFileSync(join(ROOT, "biome.json"), "utf8"))).formatter.lineWidth;

/** Every file below `dir` (repository-relative, sorted), without the skipped folders. */
function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true })
    .flatMap((e) => {
      const path = `${dir}/${e.name}`;
      if (SKIPPED.has(path) || SKIPPED.has(e.name)) return [];
      return e.isDirectory() ? filesUnder(path) : e.isFile() ? [path] : [];
    })
    .sort();
}

/** `file:line (N characters)` for each line of `text` longer than `max`, counted in characters (code points). */
function longLines(file: string, text: string, max: number): string[] {
  return text.split(/\r?\n/).flatMap((line, i) => {
    const length = [...line].length;
    return length > max ? [`${file}:${i + 1} (${length} characters)`] : [];
  });
}

describe("line length", () => {
  it("counts characters, not bytes, and names the file and line", () => {
    expect(longLines("a.ts", `ok\n${"é".repeat(5)}\n${"x".repeat(6)}`, 5)).toEqual(["a.ts:3 (6 characters)"]);
  });

  it(`no line of ${FOLDERS.join(", ")} is over Biome's lineWidth (test/fixtures aside)`, () => {
    const files = FOLDERS.flatMap(filesUnder);
    expect(files.length).toBeGreaterThan(500);
    const long = files.flatMap((file) => {
      const bytes = readFileSync(join(ROOT, file));
      return bytes.includes(0) ? [] : longLines(file, bytes.toString("utf8"), MAX_LINE);
    });
    expect(long, `lines over ${MAX_LINE} characters (break the string or comment)`).toEqual([]);
  });
});
