// find_files and the glob converter under it: which paths a glob matches, what the listing skips, how it
// is bounded, and how bad input comes back to the model.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MAX_FOUND_FILES } from "../../../src/tools/find-files.js";
import { compileGlob, globToRegExp } from "../../../src/tools/glob.js";
import { makeToolRepo, writeFiles, type ToolRepo } from "../../fixtures/tools/tool-context.js";

const matches = (glob: string, path: string) => {
  const compiled = compileGlob(glob);
  if (!compiled.ok) throw new Error(compiled.error);
  return compiled.value(path);
};

describe("globs", () => {
  it.each([
    ["**/*.py", "a.py", true],
    ["**/*.py", "src/deep/a.py", true],
    ["src/**/*.ts", "src/a.ts", true],
    ["src/**/*.ts", "src/x/y/a.ts", true],
    ["src/**/*.ts", "lib/src/a.ts", false],
    ["src/**", "src/x/y/a.ts", true],
    ["src/*.ts", "src/x/a.ts", false],
    ["*.py", "src/deep/a.py", true],
    ["*.py", "src/deep/a.pyc", false],
    ["test_?.py", "tests/test_1.py", true],
    ["test_?.py", "tests/test_12.py", false],
    ["*.{ts,tsx}", "ui/app.tsx", true],
    ["*.{ts,tsx}", "ui/app.js", false],
    ["src/{a,b/{c,d}}.go", "src/b/d.go", true],
    ["[ab]*.rs", "src/b_mod.rs", true],
    ["[!ab]*.rs", "src/b_mod.rs", false],
    ["[a-c]x.txt", "cx.txt", true],
    ["file[1].txt", "file1.txt", true],
    ["a+b(1).txt", "a+b(1).txt", true],
    ["/setup.py", "pkg/setup.py", false],
    ["./setup.py", "setup.py", true],
    ["src/*", "src/x/a.ts", false],
    ["\\*.txt", "*.txt", true],
    ["\\*.txt", "a.txt", false],
  ])("%s on %s: %s", (glob, path, expected) => {
    expect(matches(glob, path)).toBe(expected);
  });

  it("never lets * or ? cross a folder boundary and anchors the whole path", () => {
    const re = globToRegExp("a/*/c?");
    expect(re.ok && re.value.source).toBe("^a\\/[^/]*\\/c[^/]$");
  });

  it("reports unbalanced braces and treats an unclosed [ as a literal", () => {
    expect(globToRegExp("{a,b")).toEqual({ ok: false, error: 'unclosed "{" in the glob "{a,b"' });
    expect(globToRegExp("a}")).toEqual({ ok: false, error: 'unbalanced "}" in the glob "a}"' });
    expect(matches("[abc.txt", "[abc.txt")).toBe(true);
  });
});

let repo: ToolRepo;

beforeEach(async () => {
  repo = await makeToolRepo({
    "setup.py": "",
    "src/pkg/__init__.py": "",
    "src/pkg/core.py": "",
    "src/pkg/ui/view.tsx": "",
    "src/pkg/ui/model.ts": "",
    "tests/test_core.py": "",
    "node_modules/dep/index.py": "",
    ".git/hooks/pre-commit.py": "",
    "target/debug/build.py": "",
    "src/pkg/__pycache__/core.cpython-311.py": "",
  });
});
afterEach(async () => repo.dispose());

const find = (args: Record<string, unknown>) => repo.call("find_files", args);

describe("find_files", () => {
  it("lists matching files sorted, skipping .git, node_modules, target and __pycache__", async () => {
    const r = await find({ pattern: "*.py" });
    expect(r).toMatchObject({ isError: false, output: "setup.py\nsrc/pkg/__init__.py\nsrc/pkg/core.py\ntests/test_core.py" });
    expect(r.viewed).toBeUndefined();
    expect((await find({ pattern: "src/**/*.{ts,tsx}" })).output).toBe("src/pkg/ui/model.ts\nsrc/pkg/ui/view.tsx");
  });

  it("looks inside a folder, matching the glob against paths from the root or from that folder", async () => {
    expect((await find({ pattern: "ui/*", path: "src/pkg" })).output).toBe("src/pkg/ui/model.ts\nsrc/pkg/ui/view.tsx");
    expect((await find({ pattern: "src/pkg/*.py", path: "src" })).output).toBe("src/pkg/__init__.py\nsrc/pkg/core.py");
    expect((await find({ pattern: "*", path: "node_modules" })).output).toBe("node_modules/dep/index.py");
  });

  it("says so, without an error, when nothing matches", async () => {
    expect(await find({ pattern: "*.java" })).toMatchObject({ isError: false, output: 'no files in the repository match "*.java"' });
  });

  it(`lists at most ${MAX_FOUND_FILES} paths and says how many matched`, async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 620; i++) files[`gen/f${String(i).padStart(4, "0")}.txt`] = "";
    await writeFiles(repo.root, files);
    const lines = (await find({ pattern: "gen/*.txt" })).output.split("\n");
    expect(lines).toHaveLength(MAX_FOUND_FILES + 1);
    expect(lines[MAX_FOUND_FILES - 1]).toBe("gen/f0499.txt");
    expect(lines.at(-1)).toBe("[500 of 620 matching files listed; narrow with a more specific pattern or a path]");
  });

  it("answers a bad glob, a missing or escaping path and a file given as folder with an error result", async () => {
    expect((await find({ pattern: "*.{py" })).output).toBe(
      'unclosed "{" in the glob "*.{py"; close every "{" with "}" or escape it as "\\{"',
    );
    expect(await find({ pattern: "*", path: "lib" })).toMatchObject({ isError: true, output: "no such file: lib" });
    expect(await find({ pattern: "*", path: "../.." })).toMatchObject({ isError: true });
    expect((await find({ pattern: "*", path: "../.." })).output).toContain("outside the repository");
    expect((await find({ pattern: "*", path: "setup.py" })).output).toBe(
      "setup.py is a file, not a folder; give a folder as path (or read the file with read_file)",
    );
    expect((await find({ glob: "*.py" })).output).toMatch(/^invalid arguments for find_files: /);
  });
});
