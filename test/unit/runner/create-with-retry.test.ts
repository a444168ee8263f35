import { describe, expect, it } from "vitest";
import { SwerigError } from "../../../src/core/index.js";
import { createWithRetry } from "../../../src/runner/create-with-retry.js";

/** A create function that fails with the given errors, in order, then succeeds. */
function flaky(errors: unknown[]) {
  let calls = 0;
  return {
    get calls() {
      return calls;
    },
    create: async () => {
      calls++;
      if (errors.length > 0) throw errors.shift();
      return "container";
    },
  };
}

describe("creating a container with retries", () => {
  it("tries again after transient Docker failures, waiting longer each time", async () => {
    const waits: number[] = [];
    const f = flaky([new SwerigError("docker_unavailable", "daemon restarting"), new SwerigError("container_gone", "died while starting")]);
    const policy = { attempts: 3, delayMs: 10, sleep: async (ms: number) => void waits.push(ms) };
    const made = await createWithRetry("grading container for t1", f.create, policy);
    expect(made).toBe("container");
    expect(f.calls).toBe(3);
    expect(waits).toEqual([10, 20]);
  });

  it("gives up after the last attempt with the failure's code, what was being made and how often it was tried", async () => {
    const missing = () => new SwerigError("image_missing", "image swerig/task.x is not present locally");
    const f = flaky([missing(), missing(), missing()]);
    const failure = createWithRetry("the agent's container for t1", f.create, { attempts: 3, delayMs: 1, sleep: async () => undefined });
    await expect(failure).rejects.toMatchObject({
      code: "image_missing",
      message: "the agent's container for t1: image swerig/task.x is not present locally (gave up after 3 attempts)",
    });
    expect(f.calls).toBe(3);
  });

  it("does not retry what retrying cannot fix", async () => {
    const f = flaky([new SwerigError("image_build_failed", "setup failed"), new Error("a bug")]);
    const failure = createWithRetry("x", f.create, { attempts: 3, delayMs: 1, sleep: async () => undefined });
    await expect(failure).rejects.toMatchObject({ code: "image_build_failed" });
    expect(f.calls).toBe(1);
  });
});
