import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 900_000,
    // Most test time is waiting (processes, containers, timeouts), not computing: more files than cores.
    maxWorkers: 4,
    projects: [
      // Pure and host-only tests: files in parallel.
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts", "test/integration/**/*.test.ts"] } },
      // Docker tests share the daemon and its image cache: one file at a time, beside the unit files.
      { extends: true, test: { name: "docker", include: ["test/docker/**/*.test.ts", "test/e2e/**/*.test.ts"], fileParallelism: false } },
    ],
  },
});
