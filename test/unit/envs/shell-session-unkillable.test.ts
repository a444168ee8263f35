// A timed-out command that cannot be killed (inside a container, a fork bomb at the pid limit leaves no
// room for the killer): it ends as timed out with what it printed, and the stuck session takes no more.
import { spawn } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import { ShellSession } from "../../../src/envs/shell-session.js";

const bash = spawn("bash", ["--noprofile", "--norc"], { stdio: ["pipe", "pipe", "pipe"] });
afterAll(() => {
  try {
    process.kill(-Number(groupOf), "SIGKILL");
  } catch {
    // already gone
  }
  bash.kill("SIGKILL");
});
let groupOf: number | undefined;

describe("a timed-out command that cannot be killed", () => {
  it("ends as timed out with its output, and the session refuses later commands", async () => {
    const session = new ShellSession(
      {
        stdin: bash.stdin,
        stdout: bash.stdout,
        stderr: bash.stderr,
        killGroup: async (pgid) => {
          groupOf = pgid;
          throw new Error("no room for another process");
        },
      },
      "/tmp",
      "test session",
      300,
    );
    const stuck = session.exec("echo started; sleep 30", { timeoutMs: 200 });
    const queued = session.exec("echo queued").catch((e: unknown) => e);
    expect(await stuck).toMatchObject({
      timedOut: true,
      exitCode: null,
      output: "started\n\n[swerig: the timed-out command could not be killed]\n",
    });
    expect(await queued).toMatchObject({ code: "container_gone" });
    expect(session.alive).toBe(false);
    await expect(session.exec("echo later")).rejects.toMatchObject({
      code: "container_gone",
      message: "test session: the session is stuck in a command that could not be killed",
    });
  });
});
