// Debian's chromium driven by playwright-core (no browser download): the binary at SWERIG_CHROMIUM or
// on the PATH. Used by the report's browser test and the report UI bench.
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export function chromiumPath(): string | undefined {
  const candidates = [process.env["SWERIG_CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  return candidates.find((p): p is string => p !== undefined && p !== "" && existsSync(p));
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error("no chromium binary: apt-get install -y chromium, or set SWERIG_CHROMIUM");
  // The sandbox needs user namespaces, which containers and root sessions often lack.
  return chromium.launch({ executablePath, headless: true, args: ["--no-sandbox", "--disable-gpu"] });
}
