import { mkdtemp, mkdir, readFile, rm, symlink, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simpleGit } from "simple-git";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { Workspace } from "../../../src/envs/workspace.js";

let root: string;
let outside: string;
let ws: Workspace;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), "swerig-ws-"));
  outside = await mkdtemp(join(tmpdir(), "swerig-outside-"));
  await writeFile(join(outside, "secret.txt"), "secret\n");
  await mkdir(join(root, "src"));
  await writeFile(join(root, "src", "a.py"), "x = 1\n");
  await writeFile(join(root, "old.txt"), "old\n");
  const git = simpleGit(root);
  await git.init().addConfig("user.name", "t").addConfig("user.email", "t@t.invalid");
  await git.add(["-A"]).commit("base");
  ws = new Workspace(root, (await git.revparse(["HEAD"])).trim(), "/testbed");
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(outside, { recursive: true, force: true });
});

const code = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: { code?: string }) => e.code,
  );

describe("workspace confinement", () => {
  it("reads paths relative to the repository and absolute under the workdir", async () => {
    expect((await ws.readFile("src/a.py")).toString()).toBe("x = 1\n");
    expect((await ws.readFile("/testbed/src/a.py")).toString()).toBe("x = 1\n");
  });

  it("refuses '..', absolute paths elsewhere and symlinks that lead out, naming the path", async () => {
    expect(await code(ws.readFile("../etc/passwd"))).toBe("path_escape");
    expect(await code(ws.readFile("src/../../x"))).toBe("path_escape");
    expect(await code(ws.readFile("/etc/passwd"))).toBe("path_escape");
    await symlink(join(outside, "secret.txt"), join(root, "link.txt"));
    expect(await code(ws.readFile("link.txt"))).toBe("path_escape");
    await symlink(outside, join(root, "linkdir"));
    expect(await code(ws.writeFile("linkdir/new/file.txt", "x"))).toBe("path_escape");
    const error = await ws.readFile("/etc/passwd").catch((e: Error) => e);
    expect((error as Error).message).toContain("/etc/passwd");
  });

  it("allows symlinks that stay inside and creates missing folders on write", async () => {
    await symlink("src/a.py", join(root, "inside.py"));
    expect((await ws.readFile("inside.py")).toString()).toBe("x = 1\n");
    await ws.writeFile("pkg/deep/new.py", "y = 2\n");
    expect(await readFile(join(root, "pkg/deep/new.py"), "utf8")).toBe("y = 2\n");
  });
});

describe("workspace diff", () => {
  it("shows modified, new, deleted and binary files against the base commit and leaves the index alone", async () => {
    await writeFile(join(root, "src", "a.py"), "x = 2\n");
    await writeFile(join(root, "new.py"), "print('new')\n");
    await unlink(join(root, "old.txt"));
    await writeFile(join(root, "blob.bin"), Buffer.from([0, 1, 2, 3, 255]));
    const diff = await ws.diff();
    expect(diff).toContain("diff --git a/src/a.py b/src/a.py");
    expect(diff).toContain("+x = 2");
    expect(diff).toContain("new file mode 100644");
    expect(diff).toContain("+print('new')");
    expect(diff).toContain("deleted file mode 100644");
    expect(diff).toContain("GIT binary patch");
    expect((await simpleGit(root).status()).staged).toEqual([]);
  });

  it("is empty when nothing changed", async () => {
    expect(await ws.diff()).toBe("");
  });
});

describe("workspace diff and test caches", () => {
  it("leaves out the caches a test run writes, but not tracked files of the same names", async () => {
    await mkdir(join(root, "src", "__pycache__"), { recursive: true });
    await writeFile(join(root, "src", "__pycache__", "a.cpython-311.pyc"), Buffer.from([1, 2, 3]));
    await mkdir(join(root, ".pytest_cache", "v"), { recursive: true });
    await writeFile(join(root, ".pytest_cache", "v", "x"), "{}");
    await writeFile(join(root, "node_modules"), "symlink stand-in");
    expect(await ws.diff()).toBe("");
    await writeFile(join(root, "src", "real.py"), "y = 1\n");
    const diff = await ws.diff();
    expect(diff).toContain("+++ b/src/real.py");
    expect(diff).not.toContain("__pycache__");
  });
});
