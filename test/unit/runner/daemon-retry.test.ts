// The retry rule on its own, with a watcher whose answers the test sets: only an error while the daemon
// went away is run again, at most `retries` times, each recorded; the grace is waited for container
// failures only.
import { describe, expect, it } from "vitest";
import { withDaemonRetries, type DaemonWatcher } from "../../../src/runner/daemon-retry.js";

function watcher(answers: { away: boolean[]; back?: boolean }): DaemonWatcher & { graces: (number | undefined)[] } {
  const graces: (number | undefined)[] = [];
  return {
    epoch: 0,
    graces,
    wentAwaySince: async (_epoch: number, graceMs?: number) => {
      graces.push(graceMs);
      return answers.away.shift() ?? false;
    },
    waitUntilBack: async () => answers.back ?? true,
  };
}

const policy = { retries: 2, waitForDaemonMs: 1_000 };
const failing = (outcomes: string[]) => {
  let n = 0;
  return { attempt: async () => outcomes[n++]!, calls: () => n };
};
const reasonOf = (o: string) => (o.startsWith("error") ? o : undefined);

describe("withDaemonRetries", () => {
  it("runs again a task run that failed while the daemon went away, and records why", async () => {
    const run = failing(["error: t1: container_gone: the shell session ended", "resolved"]);
    const { result, retries } = await withDaemonRetries(watcher({ away: [true] }), run.attempt, reasonOf, policy);
    expect(result).toBe("resolved");
    expect(retries).toEqual([
      {
        cause: "the Docker daemon stopped or restarted while it ran (error: t1: container_gone: the shell session ended)",
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    ]);
  });

  it("stops after the policy's retries and keeps the last failure", async () => {
    const run = failing(["error: container_gone 1", "error: container_gone 2", "error: container_gone 3", "resolved"]);
    const { result, retries } = await withDaemonRetries(watcher({ away: [true, true, true] }), run.attempt, reasonOf, policy);
    expect([result, retries.length, run.calls()]).toEqual(["error: container_gone 3", 2, 3]);
  });

  it("does not run again a container killed while the daemon stayed, a verdict, or a run whose daemon never came back", async () => {
    const killed = await withDaemonRetries(watcher({ away: [false] }), failing(["error: container_gone"]).attempt, reasonOf, policy);
    expect(killed).toEqual({ result: "error: container_gone", retries: [] });
    const verdict = watcher({ away: [true] });
    expect(await withDaemonRetries(verdict, failing(["unresolved"]).attempt, reasonOf, policy)).toEqual({
      result: "unresolved",
      retries: [],
    });
    expect(verdict.graces).toEqual([]);
    const gone = await withDaemonRetries(
      watcher({ away: [true], back: false }),
      failing(["error: docker_unavailable"]).attempt,
      reasonOf,
      policy,
    );
    expect(gone.retries).toEqual([]);
  });

  it("waits out the grace for container failures only", async () => {
    const w = watcher({ away: [false, false] });
    await withDaemonRetries(w, failing(["error: t1: container_gone: x"]).attempt, reasonOf, policy);
    await withDaemonRetries(w, failing(["error: t1: the task has no eval script"]).attempt, reasonOf, policy);
    expect(w.graces).toEqual([undefined, 0]);
  });

  it("runs once without a watch", async () => {
    const run = failing(["error: container_gone", "resolved"]);
    expect(await withDaemonRetries(undefined, run.attempt, reasonOf, policy)).toEqual({ result: "error: container_gone", retries: [] });
  });
});
