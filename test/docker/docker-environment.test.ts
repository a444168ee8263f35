// The docker backend against the shared conformance suite, plus what only containers promise:
// the offline network policy, limits, labels and no Docker socket inside.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDocker, SWERIG_LABEL } from "../../src/envs/docker-client.js";
import { removeOrphanContainers } from "../../src/envs/cleanup.js";
import { DockerEnvironment } from "../../src/envs/docker-environment.js";
import { helperImage } from "../../src/envs/images/index.js";
import { environmentConformance } from "../conformance/environment.conformance.js";
import { dockerAvailable } from "../helpers/docker.js";

const image = dockerAvailable ? await helperImage() : "";

describe.runIf(dockerAvailable)("docker environment", () => {
  environmentConformance("docker", () =>
    DockerEnvironment.create({ image, helperImage: image, workdir: "/work", runId: "test-conformance" }),
  );

  describe("network policy while grading", () => {
    let env: DockerEnvironment;
    beforeAll(async () => {
      env = await DockerEnvironment.create({ image, helperImage: image, workdir: "/tmp", runId: "test-network" });
    });
    afterAll(async () => env?.dispose());

    it("drops packets to outside addresses, so a connection attempt times out instead of being refused", async () => {
      const r = await env.exec("timeout 3 bash -c 'exec 3<>/dev/tcp/10.255.255.1/80'; echo rc=$?", { timeoutMs: 20_000 });
      expect(r.output).toContain("rc=124");
      expect(r.output).not.toMatch(/refused|unreachable/i);
    });

    it("fails name lookups at once, as on a machine without a network", async () => {
      const r = await env.exec("time -p getent hosts deb.debian.org; echo rc=$?", { timeoutMs: 20_000 });
      expect(r.output).toContain("rc=2");
      const real = /real ([\d.]+)/.exec(r.output);
      expect(Number(real?.[1])).toBeLessThan(2);
    });

    it("has no interface that leaves the container's own namespace", async () => {
      const r = await env.exec("ip -o link show | awk -F': ' '{print $2}' | sort");
      expect(r.output.trim().split("\n")).toEqual(["lo", "swerig0@swerig1", "swerig1@swerig0"]);
    });

    it("has no Docker socket and no privileges", async () => {
      expect((await env.exec("test -e /var/run/docker.sock; echo $?")).output.trim()).toBe("1");
      expect((await env.exec("ip link add x type dummy 2>&1; echo rc=$?")).output).toMatch(/rc=[12]/);
    });
  });

  describe("limits and bookkeeping", () => {
    it("kills a process that exceeds the memory limit and says so through the cgroup counter", async () => {
      const env = await DockerEnvironment.create({
        image,
        helperImage: image,
        workdir: "/tmp",
        memoryBytes: 64 * 1024 * 1024,
        runId: "test-oom",
      });
      try {
        const r = await env.exec("bash -c 's=$(head -c 300000000 /dev/zero | tr \"\\0\" a); echo ${#s}'; echo rc=$?", {
          timeoutMs: 60_000,
        });
        expect(r.output).toContain("rc=137");
        const oom = await env.exec(
          "cat /sys/fs/cgroup/memory/memory.oom_control /sys/fs/cgroup/memory.events 2>/dev/null | sed -n 's/^oom_kill //p'",
        );
        expect(Number(oom.output.trim())).toBeGreaterThan(0);
        expect((await env.exec("echo still here")).output).toBe("still here\n");
      } finally {
        await env.dispose();
      }
    });

    it("stops a fork bomb at the pid limit", async () => {
      const env = await DockerEnvironment.create({ image, helperImage: image, workdir: "/tmp", pidsLimit: 64, runId: "test-pids" });
      try {
        const r = await env.exec("for i in $(seq 1 200); do sleep 5 & done 2>&1 | grep -c 'fork' ; true", { timeoutMs: 30_000 });
        expect(Number(r.output.trim().split("\n").pop())).toBeGreaterThan(0);
      } finally {
        await env.dispose();
      }
    });

    it("labels its containers and removes them on dispose; orphans of dead processes are cleaned", async () => {
      const docker = getDocker();
      const env = await DockerEnvironment.create({ image, helperImage: image, workdir: "/tmp", runId: "test-labels" });
      const info = await env.container.inspect();
      expect(info.Config.Labels[SWERIG_LABEL]).toBe("test-labels");
      expect(info.HostConfig.NetworkMode).toBe("none");
      expect(info.HostConfig.Privileged).toBe(false);
      await env.dispose();
      await expect(env.container.inspect()).rejects.toBeTruthy();

      const orphan = await docker.createContainer({
        Image: image,
        Cmd: ["sleep", "60"],
        Labels: { [SWERIG_LABEL]: "test-orphan", "dev.swerig.pid": "999999999", "dev.swerig.host": (await import("node:os")).hostname() },
      });
      const removed = await removeOrphanContainers(docker);
      expect(removed).toContain(orphan.id);
    });

    it("reports a missing image as image_missing", async () => {
      const error = await DockerEnvironment.create({ image: "swerig/does-not-exist:never", helperImage: image }).catch((e: unknown) => e);
      expect((error as { code?: string }).code).toBe("image_missing");
    });
  });
});
