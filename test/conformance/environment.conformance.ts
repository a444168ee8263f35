// The behaviour every Environment backend must show; each backend's test file calls this with a
// factory. Covers exit codes, timeouts, large output, UTF-8, missing files, cwd/env and dispose.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SwerigError } from "../../src/core/index.js";
import type { Environment } from "../../src/envs/environment.js";

/** `sleep 30.123`: a command line that only this test's process has. */
function uniqueSleep(): string {
  return `sleep 30.${String(Math.floor(Math.random() * 1e6)).padStart(6, "0")}`;
}

export function environmentConformance(name: string, create: () => Promise<Environment>): void {
  describe(`${name} environment conformance`, () => {
    let env: Environment;
    beforeAll(async () => {
      env = await create();
    });
    afterAll(async () => {
      await env?.dispose();
    });

    it("returns exit codes and interleaved output as values", async () => {
      const ok = await env.exec("echo out; echo err >&2");
      expect(ok).toMatchObject({ exitCode: 0, output: "out\nerr\n", timedOut: false, truncated: false });
      const bad = await env.exec("echo before; exit 3");
      expect(bad.exitCode).toBe(3);
      expect(bad.output).toBe("before\n");
    });

    it("keeps output without a final newline exactly", async () => {
      expect((await env.exec("printf 'a\\nb'")).output).toBe("a\nb");
      expect((await env.exec("true")).output).toBe("");
    });

    it("reports a syntax error as a failed command, not a broken session", async () => {
      const r = await env.exec("if then fi");
      expect(r.exitCode).not.toBe(0);
      expect((await env.exec("echo alive")).output).toBe("alive\n");
    });

    it("kills a command at its timeout with its children, and stays usable", async () => {
      // A duration no other test uses: Docker tests run beside the host ones, and the host sees their processes.
      const sleep = uniqueSleep();
      const r = await env.exec(`${sleep} & ${sleep}; echo never`, { timeoutMs: 500 });
      expect(r.timedOut).toBe(true);
      expect(r.exitCode).toBeNull();
      expect(r.durationMs).toBeLessThan(10_000);
      const left = await env.exec(`ps -eo args 2>/dev/null | grep -c '^${sleep}$' || true`);
      expect(left.output.trim()).toBe("0");
      expect((await env.exec("echo next")).output).toBe("next\n");
    });

    it("cancels a running command with its children through a signal, skips a cancelled queued one, and stays usable", async () => {
      const controller = new AbortController();
      const sleep = uniqueSleep();
      const running = env.exec(`echo started; ${sleep} & ${sleep}; echo never`, { timeoutMs: 60_000, signal: controller.signal });
      const queued = env.exec("echo queued > /tmp/swerig-cancelled-queued", { signal: controller.signal });
      setTimeout(() => controller.abort(), 300);
      const r = await running;
      expect(r).toMatchObject({ cancelled: true, timedOut: false, exitCode: null });
      expect(r.output).not.toContain("never");
      expect(await queued).toMatchObject({ cancelled: true, exitCode: null, output: "" });
      const left = await env.exec(
        `ps -eo args 2>/dev/null | grep -c '^${sleep}$' || true; test -e /tmp/swerig-cancelled-queued && echo ran`,
      );
      expect(left.output.trim()).toBe("0");
      expect(await env.exec("echo next", { signal: new AbortController().signal })).toMatchObject({ exitCode: 0, output: "next\n" });
      const before = new AbortController();
      before.abort();
      expect(await env.exec("echo too late", { signal: before.signal })).toMatchObject({ cancelled: true, output: "" });
    });

    it("does not wait for a daemon the command leaves behind", async () => {
      const r = await env.exec("(sleep 20 >/dev/null 2>&1 &); echo started", { timeoutMs: 10_000 });
      expect(r).toMatchObject({ exitCode: 0, output: "started\n", timedOut: false });
    });

    it("gives a command that reads stdin an immediate end of file", async () => {
      const r = await env.exec("cat; echo done", { timeoutMs: 10_000 });
      expect(r).toMatchObject({ exitCode: 0, output: "done\n" });
    });

    it("bounds large output with a marker and counts every byte", async () => {
      const r = await env.exec("head -c 5000000 /dev/zero | tr '\\0' x; echo; echo END", { maxOutputBytes: 10_000 });
      expect(r.truncated).toBe(true);
      expect(r.totalBytes).toBe(5_000_005);
      expect(r.output).toMatch(/\[\.\.\. \d+ bytes omitted; cut by swerig \.\.\.\]/);
      expect(r.output.endsWith("x\nEND\n")).toBe(true);
      expect(r.output.length).toBeLessThan(11_000);
    });

    it("keeps multi-byte UTF-8 whole, even when it straddles chunks", async () => {
      const r = await env.exec("for i in $(seq 1 20000); do printf 'é✓'; done; echo");
      expect(r.output).toBe(`${"é✓".repeat(20000)}\n`);
    });

    it("reports a missing file through the command's own exit status", async () => {
      const r = await env.exec("cat does-not-exist.txt");
      expect(r.exitCode).toBe(1);
      expect(r.output).toContain("does-not-exist.txt");
    });

    it("runs in the workdir, a relative or absolute cwd, and says when a cwd is missing", async () => {
      expect((await env.exec("pwd")).output.trim()).toBe(env.workdir);
      await env.exec("mkdir -p sub/dir");
      expect((await env.exec("pwd", { cwd: "sub/dir" })).output.trim()).toBe(`${env.workdir}/sub/dir`);
      expect((await env.exec("pwd", { cwd: "/" })).output.trim()).toBe("/");
      const missing = await env.exec("pwd", { cwd: "no/such/dir" });
      expect(missing.exitCode).toBe(127);
      expect(missing.output).toContain("no such directory");
    });

    it("passes per-command environment variables without leaking them to the next command", async () => {
      expect((await env.exec('printf %s "$SWERIG_T"', { env: { SWERIG_T: "it's $x" } })).output).toBe("it's $x");
      expect((await env.exec('printf %s "${SWERIG_T:-unset}"')).output).toBe("unset");
    });

    it("does not carry cd or variables from one command to the next", async () => {
      await env.exec("cd /; export LEAK=1");
      expect((await env.exec('pwd; echo "${LEAK:-none}"')).output).toBe(`${env.workdir}\nnone\n`);
    });

    it("writes files, absolute or relative to the workdir, byte for byte", async () => {
      await env.putFile("put/a.txt", "línea 1\nline 2\n");
      await env.putFile("/tmp/swerig-conformance.bin", Buffer.from([0, 1, 2, 255]));
      expect((await env.exec("cat put/a.txt")).output).toBe("línea 1\nline 2\n");
      expect((await env.exec("od -An -tu1 /tmp/swerig-conformance.bin")).output.trim().split(/\s+/)).toEqual(["0", "1", "2", "255"]);
    });

    it("serializes concurrent calls", async () => {
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => env.exec(`echo ${i}`)));
      expect(results.map((r) => r.output)).toEqual(Array.from({ length: 20 }, (_, i) => `${i}\n`));
    });

    it("rejects after dispose, and dispose is idempotent", async () => {
      const other = await create();
      expect((await other.exec("echo up")).output).toBe("up\n");
      await other.dispose();
      await other.dispose();
      const error = await other.exec("true").catch((e: unknown) => e);
      expect(SwerigError.isInstance(error) && error.code).toBe("env_disposed");
    });
  });
}
