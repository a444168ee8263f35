// npm run build: compiles src/ to dist/ (ESM, .d.ts types, source maps) and copies the files the code
// reads at run time (the report viewer's script and styles, the grading witness and debugger helpers)
// to the same place beside it.
import { spawnSync } from "node:child_process";
import { cpSync, readdirSync, rmSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "src");
const dist = join(root, "dist");

rmSync(dist, { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [join(root, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"], {
  cwd: root,
  stdio: "inherit",
});
if (tsc.status !== 0) {
  console.error("build: the TypeScript compiler failed");
  process.exit(1);
}

let copied = 0;
for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || entry.name.endsWith(".ts")) continue;
  const from = join(entry.parentPath, entry.name);
  cpSync(from, join(dist, relative(src, from)), { preserveTimestamps: true });
  copied++;
}
console.log(`build: dist/ written (${copied} run-time files copied beside the compiled code)`);
