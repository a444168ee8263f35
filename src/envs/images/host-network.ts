// How build containers reach the network the way this machine does: the CA bundle to trust (a
// TLS-intercepting proxy may sit in between) and the npm registry, both read from the host at run time.
import { execFile } from "node:child_process";
import { access } from "node:fs/promises";

/** Where Debian keeps its CA bundle; used only when neither the environment nor npm names one. */
const STANDARD_DEBIAN_CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt";

function npmConfig(key: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile("npm", ["config", "get", key], { timeout: 15_000 }, (error, stdout) => {
      const value = String(stdout ?? "").trim();
      resolve(error || value === "" || value === "null" || value === "undefined" ? undefined : value);
    });
  });
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The CA bundle build containers should trust: `SWERIG_CA_BUNDLE`, else npm's `cafile` setting, else
 * the standard Debian path. Undefined when none of them exists (builds then trust the image's own CAs).
 */
export async function findCaBundle(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const candidates = [env["SWERIG_CA_BUNDLE"], await npmConfig("cafile"), STANDARD_DEBIAN_CA_BUNDLE];
  for (const candidate of candidates) {
    if (candidate && (await exists(candidate))) return candidate;
  }
  return undefined;
}

/** The npm registry URL: `SWERIG_NPM_REGISTRY`, else npm's `registry` setting; undefined means npm's default. */
export async function findNpmRegistry(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const explicit = env["SWERIG_NPM_REGISTRY"];
  if (explicit && explicit.trim().length > 0) return explicit.trim();
  return npmConfig("registry");
}

/**
 * The Docker network of build steps that need the internet (language bases): `SWERIG_BUILD_NETWORK`
 * (e.g. `host` where the daemon's default bridge is unusable), else undefined for the daemon's default.
 */
export function findBuildNetwork(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const network = env["SWERIG_BUILD_NETWORK"]?.trim();
  return network ? network : undefined;
}
