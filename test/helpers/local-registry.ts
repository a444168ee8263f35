// A Docker Registry (HTTP API v2) on 127.0.0.1 for tests: serves images taken with `docker save`, so
// that `docker pull 127.0.0.1:PORT/name:tag` really pulls (Docker treats loopback registries as
// insecure, so plain HTTP works). Faults can be injected per repository: 500s, a dropped connection,
// a slow blob.
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { getDocker } from "../../src/envs/docker-client.js";

const MANIFEST_TYPE = "application/vnd.docker.distribution.manifest.v2+json";
const CONFIG_TYPE = "application/vnd.docker.container.image.v1+json";
const LAYER_TYPE = "application/vnd.docker.image.rootfs.diff.tar";

export interface RegistryFaults {
  /** Answer this many manifest requests with 500 before serving normally (Infinity: always). */
  manifestErrors?: number;
  /** Drop the connection halfway through this many layer downloads. */
  dropBlobs?: number;
  /** Serve layer blobs at this rate. */
  blobBytesPerSec?: number;
}

interface Repository {
  manifest: Buffer;
  digest: string;
  faults: RegistryFaults;
}

export interface RegistryRequest {
  method: string;
  path: string;
  status: number;
}

/** Reads the regular files of an uncompressed tar (ustar names; `docker save` needs nothing more). */
export function readTar(tar: Buffer): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const text = (from: number, to: number) => header.subarray(from, to).toString("utf8").replace(/\0.*$/s, "");
    const size = parseInt(text(124, 136).trim() || "0", 8);
    const prefix = text(345, 500);
    const name = prefix ? `${prefix}/${text(0, 100)}` : text(0, 100);
    const type = text(156, 157);
    if (type === "0" || type === "") files.set(name, tar.subarray(at + 512, at + 512 + size));
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

const sha = (data: Buffer) => `sha256:${createHash("sha256").update(data).digest("hex")}`;

async function saveImage(image: string): Promise<Buffer> {
  const stream = await getDocker().getImage(image).get();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export class LocalRegistry {
  readonly requests: RegistryRequest[] = [];
  private readonly repos = new Map<string, Repository>();
  private readonly blobs = new Map<string, Buffer>();
  private readonly layers = new Set<string>();

  private constructor(private readonly server: Server) {}

  static async start(): Promise<LocalRegistry> {
    const server = createServer();
    const registry = new LocalRegistry(server);
    server.on("request", (req, res) => registry.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return registry;
  }

  /** `127.0.0.1:PORT`, the registry part of image names. */
  get host(): string {
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Serves `sourceImage` (present locally) as `<host>/<name>:<tag>`; returns that full name. */
  async add(sourceImage: string, name: string, tag: string, faults: RegistryFaults = {}): Promise<string> {
    const files = readTar(await saveImage(sourceImage));
    const index = JSON.parse(files.get("manifest.json")!.toString("utf8")) as { Config: string; Layers: string[] }[];
    const entry = index[0]!;
    const config = files.get(entry.Config)!;
    const layers = entry.Layers.map((path) => files.get(path)!);
    for (const blob of [config, ...layers]) this.blobs.set(sha(blob), blob);
    for (const layer of layers) this.layers.add(sha(layer));
    const manifest = Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: MANIFEST_TYPE,
        config: { mediaType: CONFIG_TYPE, size: config.length, digest: sha(config) },
        layers: layers.map((l) => ({ mediaType: LAYER_TYPE, size: l.length, digest: sha(l) })),
      }),
    );
    this.repos.set(`${name}:${tag}`, { manifest, digest: sha(manifest), faults: { ...faults } });
    return `${this.host}/${name}:${tag}`;
  }

  /** Changes the faults of a served image. */
  setFaults(name: string, tag: string, faults: RegistryFaults): void {
    const repo = this.repos.get(`${name}:${tag}`);
    if (repo) repo.faults = { ...faults };
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private reply(
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    headers: Record<string, string | number> = {},
    body?: Buffer,
  ): void {
    this.requests.push({ method: req.method ?? "GET", path: req.url ?? "", status });
    res.writeHead(status, { "Docker-Distribution-API-Version": "registry/2.0", ...headers });
    res.end(req.method === "HEAD" ? undefined : body);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? "").split("?")[0]!;
    if (path === "/v2/" || path === "/v2") {
      this.reply(req, res, 200, { "Content-Type": "application/json" }, Buffer.from("{}"));
      return;
    }
    const manifest = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(path);
    if (manifest) {
      this.serveManifest(req, res, manifest[1]!, manifest[2]!);
      return;
    }
    const blob = /^\/v2\/(.+)\/blobs\/(sha256:[0-9a-f]{64})$/.exec(path);
    if (blob) {
      this.serveBlob(req, res, blob[1]!, blob[2]!);
      return;
    }
    this.reply(req, res, 404, { "Content-Type": "application/json" }, Buffer.from('{"errors":[{"code":"UNSUPPORTED"}]}'));
  }

  private serveManifest(req: IncomingMessage, res: ServerResponse, name: string, reference: string): void {
    const matches = ([key, r]: [string, Repository]) =>
      key === `${name}:${reference}` || (key.startsWith(`${name}:`) && r.digest === reference);
    const repo = [...this.repos.entries()].find(matches)?.[1];
    if (!repo) {
      const body = Buffer.from(JSON.stringify({ errors: [{ code: "MANIFEST_UNKNOWN", message: "manifest unknown" }] }));
      this.reply(req, res, 404, { "Content-Type": "application/json" }, body);
      return;
    }
    if ((repo.faults.manifestErrors ?? 0) > 0) {
      repo.faults.manifestErrors = (repo.faults.manifestErrors ?? 0) - 1;
      this.reply(req, res, 500, { "Content-Type": "text/plain" }, Buffer.from("injected fault"));
      return;
    }
    const headers = { "Content-Type": MANIFEST_TYPE, "Content-Length": repo.manifest.length, "Docker-Content-Digest": repo.digest };
    this.reply(req, res, 200, headers, repo.manifest);
  }

  private serveBlob(req: IncomingMessage, res: ServerResponse, name: string, digest: string): void {
    const data = this.blobs.get(digest);
    const unknown = Buffer.from('{"errors":[{"code":"BLOB_UNKNOWN"}]}');
    if (!data) {
      this.reply(req, res, 404, { "Content-Type": "application/json" }, unknown);
      return;
    }
    const faults = [...this.repos.entries()].find(([key]) => key.startsWith(`${name}:`))?.[1].faults ?? {};
    const isLayer = this.layers.has(digest);
    const range = /^bytes=(\d+)-/.exec(req.headers.range ?? "");
    const start = range ? Number(range[1]) : 0;
    const body = data.subarray(start);
    const headers = { "Content-Type": "application/octet-stream", "Content-Length": body.length, "Docker-Content-Digest": digest };
    this.requests.push({ method: req.method ?? "GET", path: req.url ?? "", status: range ? 206 : 200 });
    res.writeHead(range ? 206 : 200, range ? { ...headers, "Content-Range": `bytes ${start}-${data.length - 1}/${data.length}` } : headers);
    if (req.method === "HEAD") return void res.end();
    if (isLayer && (faults.dropBlobs ?? 0) > 0) {
      faults.dropBlobs = (faults.dropBlobs ?? 0) - 1;
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
      return;
    }
    const rate = isLayer ? faults.blobBytesPerSec : undefined;
    if (!rate) return void res.end(body);
    const chunk = Math.max(1, Math.floor(rate / 10));
    let at = 0;
    const timer = setInterval(() => {
      if (res.destroyed) return clearInterval(timer);
      res.write(body.subarray(at, at + chunk));
      at += chunk;
      if (at >= body.length) {
        clearInterval(timer);
        res.end();
      }
    }, 100);
  }
}

/**
 * Serves a one-layer image of `bytes` random bytes as `<host>/<name>:<tag>`: imported locally with
 * `docker import`, taken into the registry, then removed locally, so that using it needs a real pull.
 */
export async function serveRandomImage(
  registry: LocalRegistry,
  name: string,
  tag: string,
  bytes: number,
  faults: RegistryFaults = {},
): Promise<string> {
  const run = promisify(execFile);
  const dir = await mkdtemp(join(tmpdir(), "swerig-random-image-"));
  try {
    await writeFile(join(dir, "data.bin"), randomBytes(bytes));
    await run("tar", ["-C", dir, "-cf", join(dir, "layer.tar"), "data.bin"]);
    const local = `${name}-src:${tag}`;
    await run("docker", ["import", join(dir, "layer.tar"), local]);
    const served = await registry.add(local, name, tag, faults);
    await run("docker", ["rmi", local]);
    return served;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
