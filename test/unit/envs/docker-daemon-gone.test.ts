// A Docker daemon that is not there (its socket missing, as when the daemon stopped): creating a
// container says so with its own code, and the runner's bounded retry gives up naming the attempts.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Docker from "dockerode";
import { afterAll, describe, expect, it } from "vitest";
import { DockerEnvironment } from "../../../src/envs/docker-environment.js";
import { createWithRetry } from "../../../src/runner/create-with-retry.js";

const dir = await mkdtemp(join(tmpdir(), "swerig-no-daemon-"));
afterAll(() => rm(dir, { recursive: true, force: true }));
const gone = new Docker({ socketPath: join(dir, "docker.sock") });

describe("creating a container when the daemon is gone", () => {
  it("fails with docker_unavailable naming the image and the socket error", async () => {
    const create = DockerEnvironment.create({ image: "swerig/task.any:1", network: "none", docker: gone });
    await expect(create).rejects.toMatchObject({
      code: "docker_unavailable",
      message: expect.stringMatching(/^could not create a container from swerig\/task\.any:1: .*ENOENT/),
    });
  });

  it("is retried a bounded number of times, then reported with the cause", async () => {
    let attempts = 0;
    const waits: number[] = [];
    const create = createWithRetry(
      "the grading container for t1",
      () => {
        attempts++;
        return DockerEnvironment.create({ image: "swerig/task.any:1", network: "none", docker: gone });
      },
      { attempts: 3, delayMs: 5, sleep: async (ms) => void waits.push(ms) },
    );
    await expect(create).rejects.toMatchObject({
      code: "docker_unavailable",
      message: expect.stringMatching(/^the grading container for t1: .*\(gave up after 3 attempts\)$/),
    });
    expect(attempts).toBe(3);
    expect(waits).toEqual([5, 10]);
  });
});
