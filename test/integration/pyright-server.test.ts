// The warm pyright (runner/pyright-server.ts), real pyright on real trees, no Docker: trees checked one
// after another by the same server each get their own findings (nothing cached from the tree before);
// a src/ layout and a package named like one of typeshed's stubs resolve to the project's own code; the
// host's Python packages are never consulted; a server that is killed or runs out of time is replaced
// at the next check, and closing it (the last holder letting go, at once or after the idle time, which
// a new holder interrupts) leaves no process behind; the workspace of a killed process is removed by the next.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  closePyrightServer,
  holdPyrightServer,
  pyrightCheck,
  pyrightTreeDir,
  removeOrphanPyrightWorkspaces,
  setPyrightIdleClose,
} from "../../src/runner/pyright-shared.js";
import { alive, pyrightServers } from "../helpers/pyright-processes.js";

const script = (() => {
  try {
    return createRequire(import.meta.url).resolve("pyright/langserver.index.js");
  } catch {
    return undefined;
  }
})();
const python3 = (() => {
  try {
    return execFileSync("python3", ["-c", "import sys; print(sys.executable)"], { encoding: "utf8" }).trim();
  } catch {
    return undefined;
  }
})();

// A `python3`/`python` first on PATH whose sys.path has a package only "the host" has: were pyright to
// ask the host's interpreter, `import hostonly` would resolve.
const host = await mkdtemp(join(tmpdir(), "swerig-pyright-host-"));
if (python3) {
  await mkdir(join(host, "site", "hostonly"), { recursive: true });
  await writeFile(join(host, "site", "hostonly", "__init__.py"), "VALUE = 1\n");
  for (const name of ["python3", "python"]) {
    await writeFile(join(host, name), `#!/bin/sh\nPYTHONPATH=${join(host, "site")} exec ${python3} "$@"\n`);
    await chmod(join(host, name), 0o755);
  }
}
const path = process.env["PATH"];
beforeAll(async () => {
  // Test files share this process: the server is started afresh, with the fake interpreter on PATH.
  await closePyrightServer();
  if (python3) process.env["PATH"] = `${host}:${path}`;
});
afterAll(async () => {
  await closePyrightServer();
  process.env["PATH"] = path;
  await rm(host, { recursive: true, force: true });
});

async function tree(files: Record<string, string>): Promise<string> {
  const dir = await pyrightTreeDir("test");
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), content);
  }
  return dir;
}

const check = async (dir: string, paths: string[], timeoutMs = 60_000) =>
  (await pyrightCheck(script!, dir, paths, timeoutMs)).map((d) => `${d.file}:${d.line} ${d.rule}: ${d.message}`);

describe.runIf(script)("the warm pyright server", () => {
  it("gives each tree its own findings, one after another, with nothing cached from the tree before", async () => {
    const main = "from pkg.util import helper\n\nprint(helper(), undefined_name)\n";
    const without = { "pkg/__init__.py": "", "pkg/util.py": "def other():\n    return 1\n", "pkg/main.py": main };
    const withIt = { ...without, "pkg/util.py": "def helper():\n    return 1\n" };
    const flagged = [
      'pkg/main.py:1 reportAttributeAccessIssue: "helper" is unknown import symbol',
      'pkg/main.py:3 reportUndefinedVariable: "undefined_name" is not defined',
    ];
    expect(await check(await tree(without), ["pkg/main.py"])).toEqual(flagged);
    expect(await check(await tree(withIt), ["pkg/main.py"])).toEqual([flagged[1]]);
    expect(await check(await tree(without), ["pkg/main.py"])).toEqual(flagged);
    expect(await check(await tree({ "broken.py": "def f(:\n" }), ["broken.py"])).toEqual(
      expect.arrayContaining([expect.stringMatching(/^broken.py:1 error: /)]),
    );
  }, 120_000);

  it("resolves a src/ layout and a package named like a typeshed stub (requests) to the project's own modules", async () => {
    const src = await tree({
      "src/mylib/__init__.py": "",
      "src/mylib/core.py": "def f():\n    return 1\n",
      "tests/test_core.py": "from mylib.core import f, g\n\nprint(f(), g())\n",
    });
    expect(await check(src, ["tests/test_core.py"])).toEqual([
      'tests/test_core.py:1 reportAttributeAccessIssue: "g" is unknown import symbol',
    ]);
    const stubbed = await tree({
      "requests/__init__.py": "",
      "requests/extra.py": "def fetch_all():\n    return []\n",
      "tests/test_extra.py": "from requests.extra import fetch_all\n\nprint(fetch_all())\n",
    });
    expect(await check(stubbed, ["tests/test_extra.py"])).toEqual([]);
    // Back to a plain tree: the roots of the one before are gone.
    const plain = await tree({ "app.py": "from mylib.core import f\n" });
    expect(await check(plain, ["app.py"])).toEqual(['app.py:1 reportMissingImports: Import "mylib.core" could not be resolved']);
  }, 120_000);

  it.runIf(python3)(
    "never consults the host's Python packages",
    async () => {
      // The fake interpreter works: the host's python does see the package.
      expect(execFileSync(join(host, "python3"), ["-c", "import hostonly; print(hostonly.VALUE)"], { encoding: "utf8" }).trim()).toBe("1");
      const dir = await tree({ "app.py": "import hostonly\n" });
      expect(await check(dir, ["app.py"])).toEqual(['app.py:1 reportMissingImports: Import "hostonly" could not be resolved']);
    },
    120_000,
  );

  it("is replaced at the next check after it is killed or runs out of time, and closed by its last holder", async () => {
    const dir = await tree({ "a.py": "print(nope)\n" });
    const expected = ['a.py:1 reportUndefinedVariable: "nope" is not defined'];
    const release = [holdPyrightServer(), holdPyrightServer()];
    expect(await check(dir, ["a.py"])).toEqual(expected);
    const [first] = pyrightServers(process.pid);
    process.kill(first!, "SIGKILL");
    await expect.poll(() => alive(first!)).toBe(false);
    expect(await check(dir, ["a.py"])).toEqual(expected);
    const [second] = pyrightServers(process.pid);
    expect(second).not.toBe(first);

    await expect(check(dir, ["a.py"], 1)).rejects.toThrow("pyright ran longer than 0 s and was stopped");
    await expect.poll(() => alive(second!)).toBe(false);
    expect(await check(dir, ["a.py"])).toEqual(expected);
    const [third] = pyrightServers(process.pid);

    const idle = setPyrightIdleClose(0);
    await release[0]!();
    expect(alive(third!)).toBe(true);
    await release[1]!();
    setPyrightIdleClose(idle);
    expect(alive(third!)).toBe(false);
    expect(pyrightServers(process.pid)).toEqual([]);
  }, 180_000);

  it("outlives its last holder for the idle time: a holder within it finds the same server, which closes after it", async () => {
    const dir = await tree({ "a.py": "print(nope)\n" });
    const idle = setPyrightIdleClose(1500);
    try {
      const first = holdPyrightServer();
      await check(dir, ["a.py"]);
      const [server] = pyrightServers(process.pid);
      await first();
      expect(alive(server!)).toBe(true);
      const second = holdPyrightServer();
      await new Promise((resolve) => setTimeout(resolve, 2000)); // past the idle time: held, it stays
      expect(await check(dir, ["a.py"])).toEqual(['a.py:1 reportUndefinedVariable: "nope" is not defined']);
      expect(pyrightServers(process.pid)).toEqual([server]);
      await second();
      expect(alive(server!)).toBe(true);
      await expect.poll(() => alive(server!), { timeout: 10_000 }).toBe(false);
      expect(pyrightServers(process.pid)).toEqual([]);
    } finally {
      setPyrightIdleClose(idle);
    }
  }, 120_000);

  it("removes the workspace a killed process left, not one of a process still running", async () => {
    const gone = spawnSync("true").pid!;
    const left = await mkdtemp(join(tmpdir(), `swerig-pyright-pid${gone}-`));
    const running = await mkdtemp(join(tmpdir(), `swerig-pyright-pid${process.ppid}-`));
    await removeOrphanPyrightWorkspaces();
    expect(existsSync(left)).toBe(false);
    expect(existsSync(running)).toBe(true);
    await rm(running, { recursive: true, force: true });
  });
});
