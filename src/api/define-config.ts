// swerig.config.ts, typed: `export default defineConfig({ tasks, agents, workers, limits, ... })`. The
// schema and the loading are the CLI's (cli/config.ts); this only gives the file its types.
import type { SwerigConfig } from "../cli/config.js";

export type { SwerigConfig };

export function defineConfig(config: SwerigConfig): SwerigConfig {
  return config;
}
