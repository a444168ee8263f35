// The witness helper programs that run inside the container, shipped as plain files beside this
// module (helpers/) and read once per process.
import { readFileSync } from "node:fs";
import type { WitnessKind } from "./witness-kind.js";

const FILES: Record<WitnessKind, readonly string[]> = {
  pytest: ["swerig_witness_common.py", "sitecustomize.py", "swerig_witness_pytest.py"],
  unittest: ["swerig_witness_common.py", "sitecustomize.py", "swerig_witness_unittest.py"],
  sympy: ["swerig_witness_common.py", "sitecustomize.py", "swerig_witness_sympy.py"],
  vitest: ["swerig-witness-reporter.mjs"],
  go: ["swerig-witness-go-exec"],
  cargo: ["swerig-witness-cargo-runner"],
};

const cache = new Map<string, string>();

function helperText(name: string): string {
  let text = cache.get(name);
  if (text === undefined) {
    text = readFileSync(new URL(`./helpers/${name}`, import.meta.url), "utf8");
    cache.set(name, text);
  }
  return text;
}

/** The helper files a kind of witness needs: file name → content. */
export function witnessHelperFiles(kind: WitnessKind): ReadonlyMap<string, string> {
  return new Map(FILES[kind].map((name) => [name, helperText(name)]));
}

/** File name of the vitest reporter among the helpers. */
export const VITEST_REPORTER_FILE = "swerig-witness-reporter.mjs";
/** File names of the programs the go command and cargo start each test binary through. */
export const GO_EXEC_FILE = "swerig-witness-go-exec";
export const CARGO_RUNNER_FILE = "swerig-witness-cargo-runner";
