import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { patchFiles, touchedPaths, unsafePathReason, type PatchFile } from "../../../src/core/patch-files.js";

const SWEBENCH = new URL("../../fixtures/unit/swebench/", import.meta.url);
const fixture = (path: string) => readFileSync(new URL(path, SWEBENCH), "utf8");

const file = (oldPath: string | undefined, newPath: string | undefined, extra: Partial<PatchFile> = {}): PatchFile => ({
  oldPath,
  newPath,
  binary: false,
  binaryWithoutData: false,
  ...extra,
});

// `git diff --cached` of a modified, a deleted and a created file (real git output).
const MODIFIED_DELETED_CREATED = `diff --git a/first.txt b/first.txt
index 5626abf..814f4a4 100644
--- a/first.txt
+++ b/first.txt
@@ -1 +1,2 @@
 one
+two
diff --git a/keep.txt b/keep.txt
deleted file mode 100644
index 587be6b..0000000
--- a/keep.txt
+++ /dev/null
@@ -1 +0,0 @@
-x
diff --git a/src/new.py b/src/new.py
new file mode 100644
index 0000000..3e75765
--- /dev/null
+++ b/src/new.py
@@ -0,0 +1 @@
+new
`;

describe("patchFiles", () => {
  it("reads a modified, a deleted and a created file from a git diff", () => {
    expect(patchFiles(MODIFIED_DELETED_CREATED)).toEqual([
      file("first.txt", "first.txt"),
      file("keep.txt", undefined),
      file(undefined, "src/new.py"),
    ]);
  });

  it("keeps both paths of a rename, with and without content changes", () => {
    const pureRename = "diff --git a/old/name.py b/new/name.py\nsimilarity index 100%\nrename from old/name.py\nrename to new/name.py\n";
    expect(patchFiles(pureRename)).toEqual([file("old/name.py", "new/name.py")]);
    // astropy__astropy-7336 test_patch: a renamed and edited test module, then a modified one.
    expect(patchFiles(fixture("astropy__astropy-7336/test.patch"))).toEqual([
      file("astropy/units/tests/py3_test_quantity_annotations.py", "astropy/units/tests/test_quantity_annotations.py"),
      file("astropy/units/tests/test_quantity_decorator.py", "astropy/units/tests/test_quantity_decorator.py"),
    ]);
  });

  it("counts a mode-only change (no hunks) as a touched file", () => {
    const chmod = "diff --git a/run.sh b/run.sh\nold mode 100644\nnew mode 100755\n";
    expect(patchFiles(chmod)).toEqual([file("run.sh", "run.sh")]);
  });

  it("decodes quoted paths git writes for tabs and quotes", () => {
    // Real git output; the +++ line of a name with a space ends in a tab.
    const patch = [
      'diff --git "a/tab\\there.txt" "b/tab\\there.txt"',
      "new file mode 100644",
      "index 0000000..587be6b",
      "--- /dev/null",
      '+++ "b/tab\\there.txt"',
      "@@ -0,0 +1 @@",
      "+x",
      'diff --git "a/say \\"hi\\".txt" "b/say \\"hi\\".txt"',
      "new file mode 100644",
      "index 0000000..975fbec",
      "--- /dev/null",
      '+++ "b/say \\"hi\\".txt"\t',
      "@@ -0,0 +1 @@",
      "+y",
      "",
    ].join("\n");
    expect(patchFiles(patch)).toEqual([file(undefined, "tab\there.txt"), file(undefined, 'say "hi".txt')]);
  });

  it("decodes git's octal escapes in quoted non-ASCII paths", () => {
    const patch = [
      'diff --git "a/caf\\303\\251.txt" "b/caf\\303\\251.txt"',
      "new file mode 100644",
      "index 0000000..c600332",
      "--- /dev/null",
      '+++ "b/caf\\303\\251.txt"',
      "@@ -0,0 +1 @@",
      "+é",
      "",
    ].join("\n");
    expect(patchFiles(patch)).toEqual([file(undefined, "café.txt")]);
  });

  it("does not mark the file before a created file with a space in its name as created", () => {
    const patch = [
      "diff --git a/first.txt b/first.txt",
      "index 5626abf..814f4a4 100644",
      "--- a/first.txt",
      "+++ b/first.txt",
      "@@ -1 +1,2 @@",
      " one",
      "+two",
      "diff --git a/new file.txt b/new file.txt",
      "new file mode 100644",
      "index 0000000..3e75765",
      "--- /dev/null",
      "+++ b/new file.txt\t",
      "@@ -0,0 +1 @@",
      "+new",
      "",
    ].join("\n");
    expect(patchFiles(patch)).toEqual([file("first.txt", "first.txt"), file(undefined, "new file.txt")]);
  });

  it("reads bare ---/+++ diffs, with or without a/ b/ prefixes and timestamps", () => {
    const patch = [
      "--- src/app.py.orig\t2024-01-02 10:00:00.000000000 +0000",
      "+++ src/app.py\t2024-01-02 10:05:00.000000000 +0000",
      "@@ -1 +1 @@",
      "-a",
      "+b",
      "--- a/lib/util.py",
      "+++ b/lib/util.py",
      "@@ -1 +1 @@",
      "-c",
      "+d",
      "--- /dev/null",
      "+++ b/lib/added.py",
      "@@ -0,0 +1 @@",
      "+e",
      "",
    ].join("\n");
    expect(patchFiles(patch)).toEqual([
      file("src/app.py.orig", "src/app.py"),
      file("lib/util.py", "lib/util.py"),
      file(undefined, "lib/added.py"),
    ]);
  });

  it("tells a git binary patch with data from a binary change without it", () => {
    const withData = [
      "diff --git a/logo.png b/logo.png",
      "new file mode 100644",
      "index 0000000000000000000000000000000000000000..bdc955b4a3aa5b5a9d0e1c0d7f2f1c1d6e1c8a8e",
      "GIT binary patch",
      "literal 2",
      "JcmZQzWB>pF00aO4",
      "",
      "literal 0",
      "HcmV?d00001",
      "",
    ].join("\n");
    const withoutData =
      "diff --git a/logo.png b/logo.png\nnew file mode 100644\nindex 0000000..bdc955b\nBinary files /dev/null and b/logo.png differ\n";
    expect(patchFiles(withData)).toEqual([file(undefined, "logo.png", { binary: true })]);
    expect(patchFiles(withoutData)).toEqual([file(undefined, "logo.png", { binaryWithoutData: true })]);
  });

  it("finds nothing in text that is not a diff", () => {
    expect(patchFiles("I changed src/app.py to fix the bug.\n--- \nthanks")).toEqual([]);
  });

  it("reads the files of real SWE-bench gold and test patches", () => {
    expect(patchFiles(fixture("django__django-10924/gold.patch"))).toEqual([
      file("django/db/models/fields/__init__.py", "django/db/models/fields/__init__.py"),
    ]);
    expect(patchFiles(fixture("pallets__flask-4992/test.patch"))).toEqual([
      file(undefined, "tests/static/config.toml"),
      file("tests/test_config.py", "tests/test_config.py"),
    ]);
    expect(patchFiles(fixture("sphinx-doc__sphinx-8595/test.patch"))).toEqual([
      file(undefined, "tests/roots/test-ext-autodoc/target/empty_all.py"),
      file(undefined, "tests/test_ext_autodoc_automodule.py"),
    ]);
  });
});

describe("touchedPaths", () => {
  it("names each file once, by its new path, or its old one when deleted", () => {
    expect(touchedPaths(MODIFIED_DELETED_CREATED)).toEqual(["first.txt", "keep.txt", "src/new.py"]);
    expect(touchedPaths(fixture("astropy__astropy-7336/test.patch"))).toEqual([
      "astropy/units/tests/test_quantity_annotations.py",
      "astropy/units/tests/test_quantity_decorator.py",
    ]);
  });

  it("lists a file touched by two blocks of a concatenated patch once", () => {
    const again = "diff --git a/first.txt b/first.txt\n--- a/first.txt\n+++ b/first.txt\n@@ -1,2 +1,3 @@\n one\n two\n+three\n";
    const twice = `${MODIFIED_DELETED_CREATED}${again}`;
    expect(touchedPaths(twice)).toEqual(["first.txt", "keep.txt", "src/new.py"]);
  });

  it("gives the gold files of real SWE-bench patches", () => {
    expect(touchedPaths(fixture("pallets__flask-4992/gold.patch"))).toEqual(["src/flask/config.py"]);
    expect(touchedPaths(fixture("sphinx-doc__sphinx-8595/gold.patch"))).toEqual(["sphinx/ext/autodoc/__init__.py"]);
  });
});

describe("unsafePathReason", () => {
  it("accepts paths that stay inside the repository", () => {
    for (const path of ["src/app.py", ".gitignore", ".github/workflows/ci.yml", "docs/..md", "a/..b/c", "tests/x..y.py"]) {
      expect(unsafePathReason(path), path).toBeUndefined();
    }
  });

  it("refuses absolute paths, '..' segments, writes into .git and NUL bytes", () => {
    expect(unsafePathReason("/etc/passwd")).toBe("is absolute");
    expect(unsafePathReason("../outside.txt")).toBe("climbs out with '..'");
    expect(unsafePathReason("src/../../outside.txt")).toBe("climbs out with '..'");
    expect(unsafePathReason(".git/hooks/post-checkout")).toBe("writes into .git");
    expect(unsafePathReason(".git")).toBe("writes into .git");
    expect(unsafePathReason("src/a\0b")).toBe("holds a NUL byte");
  });
});
