// Benchmark entry: `npm run bench -- <name> [options]`. Each benchmark prints its table to stdout.
const BENCHES: Record<string, () => Promise<{ run: (argv: string[]) => Promise<void> }>> = {
  "dev-loop": () => import("./dev-loop.js"),
  "agent-tests": () => import("./agent-tests.js"),
  "grade-overhead": () => import("./grade-overhead.js"),
  "import-fidelity": () => import("./import-fidelity.js"),
  quality: () => import("./quality.js"),
  "report-ui": () => import("./report-ui.js"),
  "rust-linker": () => import("./rust-linker.js"),
  scale: () => import("./scale.js"),
  "tool-latency": () => import("./tool-latency.js"),
};

const [name, ...rest] = process.argv.slice(2);
const load = name ? BENCHES[name] : undefined;
if (!load) {
  process.stderr.write(`usage: npm run bench -- <${Object.keys(BENCHES).join("|")}> [options]\n`);
  process.exitCode = 2;
} else {
  await (await load()).run(rest);
}
