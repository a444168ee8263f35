// The network policy of every swerig container: nothing leaves it, yet it behaves like a machine
// whose uplink silently drops packets. Connection attempts to outside addresses time out (as the
// official harness's tests expect of unroutable addresses), and name lookups fail at once with the
// "temporary failure in name resolution" an offline machine gives.
//
// How: the container starts with `--network none` (loopback only). A short-lived sidecar sharing its
// network namespace, with NET_ADMIN, adds a veth pair whose both ends stay inside that namespace, a
// default route through one end and a permanent neighbour entry for the gateway, so packets are sent
// into the pair and dropped there: no interface reaches the host or any network. /etc/resolv.conf is
// bind-mounted to name 127.0.0.1 as the only nameserver, where nothing listens.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type Docker from "dockerode";
import { cacheDir, SwerigError } from "../core/index.js";
import { ownerLabels } from "./docker-client.js";

export const OFFLINE_RESOLV_CONF = "# swerig: offline, name lookups fail at once\nnameserver 127.0.0.1\noptions timeout:1 attempts:1\n";

const SETUP_SCRIPT = [
  "set -e",
  "ip link add swerig0 type veth peer name swerig1",
  "ip addr add 10.254.254.2/30 dev swerig0",
  "ip link set swerig1 up",
  "ip link set swerig0 up",
  "ip neigh replace 10.254.254.1 lladdr 02:00:00:00:00:01 dev swerig0 nud permanent",
  "ip route add default via 10.254.254.1 dev swerig0",
].join("\n");

/** Host file bind-mounted read-only as the container's /etc/resolv.conf. */
export async function offlineResolvConf(): Promise<string> {
  const dir = join(cacheDir(), "runtime");
  await mkdir(dir, { recursive: true });
  const path = join(dir, "resolv.offline.conf");
  await writeFile(path, OFFLINE_RESOLV_CONF);
  return path;
}

/**
 * Installs the drop-everything route in the network namespace of `containerId`, using `helperImage`
 * (which has iproute2). Throws SwerigError("internal") with the sidecar's output when it fails.
 */
export async function installDropRoute(docker: Docker, containerId: string, helperImage: string): Promise<void> {
  const sidecar = await docker.createContainer({
    Image: helperImage,
    Cmd: ["sh", "-c", SETUP_SCRIPT],
    Labels: ownerLabels("network-sidecar"),
    HostConfig: { NetworkMode: `container:${containerId}`, CapAdd: ["NET_ADMIN"], CapDrop: ["ALL"] },
  });
  try {
    await sidecar.start();
    const { StatusCode } = (await sidecar.wait()) as { StatusCode: number };
    if (StatusCode !== 0) {
      const logs = await sidecar.logs({ stdout: true, stderr: true });
      throw new SwerigError(
        "internal",
        `could not set up the offline network of container ${containerId.slice(0, 12)} (exit ${StatusCode}): ` +
          `${logs.toString("utf8").slice(-500)}`,
      );
    }
  } finally {
    await sidecar.remove({ force: true }).catch(() => undefined);
  }
}
