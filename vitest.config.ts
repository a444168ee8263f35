import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 900_000,
    // Most test time is waiting (processes, containers, timeouts), not computing: more files than cores.
    maxWorkers: 4,
    projects: [
      // Pure and host-only tests: files in parallel, sharing each worker's module cache (isolate: false
      // halves the project's CPU time, most of which was importing the same modules again per file). A
      // file that changes process-wide state (env, timers) restores it in its own after-hooks.
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts", "test/integration/**/*.test.ts"],
          isolate: false,
          sequence: { groupOrder: 0 },
        },
      },
      // Docker tests mostly wait on containers: three files at a time. Each file keeps to its own run ids,
      // labels and temporary folders, so two never touch each other's containers. Without per-file
      // isolation, as the unit project: a worker imports swerig once, and its warm pyright serves the
      // files that follow (a file that changes process-wide state restores it). Run together with the
      // unit project they come after it (vitest runs projects of different worker counts in separate
      // groups); scripts/test.sh runs the two projects as two processes side by side instead.
      {
        extends: true,
        test: {
          name: "docker",
          include: ["test/docker/**/*.test.ts", "test/e2e/**/*.test.ts"],
          maxWorkers: 3,
          isolate: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
