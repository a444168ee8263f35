// search on a real working copy: what it finds and in which order, what it skips, how it bounds its
// output, and how it tells the model about a bad pattern or path.
import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MAX_SEARCH_MATCHES, searchTool } from "../../../src/tools/search.js";
import { toolJsonSchema } from "../../../src/tools/tool.js";
import { makeToolRepo, writeFiles, type ToolRepo } from "../../fixtures/tools/tool-context.js";

let repo: ToolRepo;

beforeEach(async () => {
  repo = await makeToolRepo({
    "src/app.py":
      "import os\n\ndef load_config(path):\n    return open(path).read()  # load_config reads\n\n\ndef main():\n    load_config('a.cfg')\n",
    "src/util/helpers.ts": "export function loadConfig(): void {}\nexport const LOAD_CONFIG = 1;\n",
    "docs/notes.md": "See load_config.\n",
    "node_modules/dep/index.js": "function load_config() {}\n",
    ".git/config": "[core] load_config = 1\n",
    "build/out.py": "load_config = None\n",
    "src/__pycache__/app.cpython-311.pyc": "load_config\n",
    "assets/blob.bin": Buffer.concat([Buffer.from("load_config"), Buffer.from([0, 1, 2])]),
    "data/huge.txt": `load_config\n${"x".repeat(2 * 1024 * 1024)}\n`,
  });
});
afterEach(async () => repo.dispose());

const search = (args: Record<string, unknown>) => repo.call("search", args);

describe("search results", () => {
  it("lists path:line: text sorted by path then line, skipping VCS, dependency, build, binary and huge files", async () => {
    const r = await search({ pattern: "load_config" });
    expect(r.isError).toBe(false);
    expect(r.output).toBe(
      [
        "docs/notes.md:1: See load_config.",
        "src/app.py:3: def load_config(path):",
        "src/app.py:4:     return open(path).read()  # load_config reads",
        "src/app.py:8:     load_config('a.cfg')",
      ].join("\n"),
    );
    expect(r.viewed).toEqual(["docs/notes.md", "src/app.py"]);
  });

  it("ignores case on request and keeps it by default", async () => {
    expect((await search({ pattern: "load_?Config", path: "src/util" })).output).toBe(
      "src/util/helpers.ts:1: export function loadConfig(): void {}",
    );
    const r = await search({ pattern: "load_?Config", path: "src/util", case_sensitive: false });
    expect(r.output).toBe(
      "src/util/helpers.ts:1: export function loadConfig(): void {}\nsrc/util/helpers.ts:2: export const LOAD_CONFIG = 1;",
    );
  });

  it("narrows to a folder, a file, or a glob over names or paths", async () => {
    expect((await search({ pattern: "load", glob: "*.md" })).output).toBe("docs/notes.md:1: See load_config.");
    expect((await search({ pattern: "def ", glob: "src/**/*.{py,ts}" })).output).toBe(
      "src/app.py:3: def load_config(path):\nsrc/app.py:7: def main():",
    );
    expect((await search({ pattern: "main", path: "src/app.py" })).output).toBe("src/app.py:7: def main():");
    // inside the searched folder, a glob also matches paths relative to it
    expect((await search({ pattern: "load", path: "src", glob: "util/*.ts", case_sensitive: false })).viewed).toEqual([
      "src/util/helpers.ts",
    ]);
    // a skipped folder is searched when asked for by name
    expect((await search({ pattern: "load_config", path: "node_modules/dep" })).output).toBe(
      "node_modules/dep/index.js:1: function load_config() {}",
    );
  });

  it("shows context lines before and after, with -- between separate groups", async () => {
    const r = await search({ pattern: "def ", path: "src/app.py", context_lines: 1 });
    expect(r.output).toBe(
      [
        "src/app.py-2- ",
        "src/app.py:3: def load_config(path):",
        "src/app.py-4-     return open(path).read()  # load_config reads",
        "--",
        "src/app.py-6- ",
        "src/app.py:7: def main():",
        "src/app.py-8-     load_config('a.cfg')",
      ].join("\n"),
    );
  });

  it("matches per line: anchors, CRLF line ends and negative lookahead at a line's end", async () => {
    await writeFiles(repo.root, { "win.txt": "first end\r\nsecond\r\n", "look.py": "return\nreturn x\n" });
    expect((await search({ pattern: "end$", path: "win.txt" })).output).toBe("win.txt:1: first end");
    expect((await search({ pattern: "^return(?!\\s)", path: "look.py" })).output).toBe("look.py:1: return");
  });

  it("says so, without an error, when nothing matches", async () => {
    const r = await search({ pattern: "no_such_name", glob: "*.py" });
    expect(r).toMatchObject({
      isError: false,
      output: 'no matches for /no_such_name/ in the repository (1 files matching "*.py" searched)',
    });
  });

  it("does not follow a symlink out of the repository", async () => {
    const outside = await mkdtemp(join(tmpdir(), "swerig-outside-"));
    try {
      await writeFile(join(outside, "secret.py"), "load_config = 'secret'\n");
      await symlink(join(outside, "secret.py"), join(repo.root, "src", "leak.py"));
      expect((await search({ pattern: "secret" })).output).toContain("no matches");
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });
});

describe("search bounds", () => {
  it(`shows the first ${MAX_SEARCH_MATCHES} matching lines in order and says how many more matched and how to narrow`, async () => {
    const files: Record<string, string> = {};
    for (let f = 0; f < 3; f++) files[`many/m${f}.txt`] = Array.from({ length: 60 }, (_, i) => `hit ${f}-${i}`).join("\n");
    await writeFiles(repo.root, files);
    const r = await search({ pattern: "^hit", path: "many" });
    const lines = r.output.split("\n");
    expect(lines).toHaveLength(MAX_SEARCH_MATCHES + 1);
    expect(lines[0]).toBe("many/m0.txt:1: hit 0-0");
    expect(lines[MAX_SEARCH_MATCHES - 1]).toBe("many/m1.txt:40: hit 1-39");
    expect(lines.at(-1)).toBe(
      "[100 of 180 matching lines shown, from 2 of 3 files; narrow the search with path, glob or a more specific pattern]",
    );
    expect(r.viewed).toEqual(["many/m0.txt", "many/m1.txt"]);
  });

  it("cuts a very long line around its match", async () => {
    await writeFiles(repo.root, { "min.js": `${"a".repeat(5000)}NEEDLE${"b".repeat(5000)}\n` });
    const r = await search({ pattern: "NEEDLE", path: "min.js" });
    expect(r.output).toContain("NEEDLE");
    expect(r.output.length).toBeLessThan(400);
    expect(r.output).toContain("[line of 10006 characters cut]");
  });
});

describe("search errors the model can act on", () => {
  it("quotes the regular expression error", async () => {
    const r = await search({ pattern: "load_config(" });
    expect(r.isError).toBe(true);
    expect(r.output).toContain('invalid regular expression "load_config(": Invalid regular expression: /load_config(/: Unterminated group');
    expect(r.output).toContain("escape");
  });

  it("names a missing path and refuses one that leaves the repository", async () => {
    expect(await search({ pattern: "x", path: "src/nope" })).toMatchObject({ isError: true, output: "no such file: src/nope" });
    const escaping = await search({ pattern: "x", path: "../" });
    expect(escaping.isError).toBe(true);
    expect(escaping.output).toContain("leads outside the repository");
    expect((await search({ pattern: "x", path: "/etc" })).output).toContain("/etc is outside the repository");
  });

  it("rejects a broken glob, a binary file, out-of-range context and unknown arguments", async () => {
    expect((await search({ pattern: "x", glob: "*.{py,ts" })).output).toContain('unclosed "{" in the glob "*.{py,ts"');
    expect(await search({ pattern: "load", path: "assets/blob.bin" })).toMatchObject({
      isError: true,
      output: "assets/blob.bin is a binary file; search does not read it",
    });
    expect(await search({ pattern: "load", path: "data/huge.txt" })).toMatchObject({
      isError: true,
      output: "data/huge.txt is over 2 MB; search does not read it",
    });
    expect((await search({ pattern: "x", context_lines: 9 })).output).toMatch(/^invalid arguments for search: .*context_lines/);
    expect((await search({ regex: "x" })).output).toMatch(/^invalid arguments for search: /);
  });
});

describe("search schema", () => {
  it("requires only the pattern and refuses unknown fields in the JSON Schema a model sees", () => {
    const schema = toolJsonSchema(searchTool);
    expect(schema["required"]).toEqual(["pattern"]);
    expect(schema["additionalProperties"]).toBe(false);
  });
});
