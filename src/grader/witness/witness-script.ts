// The shell text that sets a witness up inside the eval script's test block and reads it back after
// it: a fresh directory with the helper files, the one-time secret (result path, HMAC key, kind) the
// runner takes and deletes when it starts (go and cargo: only the result path, read by our program at
// each test binary), the runner's environment, and one nonce line carrying the result file (base64)
// into the log after the end marker. None of it is traced by `set -x`.
import { randomBytes } from "node:crypto";
import { CARGO_RUNNER_FILE, GO_EXEC_FILE, VITEST_REPORTER_FILE, witnessHelperFiles } from "./helper-files.js";
import type { WitnessKind } from "./witness-kind.js";

/**
 * Kinds whose witness is a program the runner starts each test binary through (go's -exec, cargo's
 * target runner). Their result file is collected by the eval script itself, without a MAC: the nonce
 * of its log line is what tells it from printed text (see the threat model: the program's path is in
 * the runner's argv or environment, so code under test can find the result file it appends to).
 */
export const PROGRAM_WITNESS_KINDS: ReadonlySet<WitnessKind> = new Set(["go", "cargo"]);
const PYTHON_KINDS: ReadonlySet<WitnessKind> = new Set(["pytest", "unittest", "sympy"]);
/** Set by the setup lines: the name of cargo's runner variable for the host target. */
const CARGO_RUNNER_VAR = "__swerig_cargo_runner";

/** What the grader needs to check a witness: its kind and the key its MAC is made with. */
export interface WitnessSecret {
  kind: WitnessKind;
  /** Hex string; its ASCII bytes are the HMAC-SHA256 key. */
  key: string;
  /** Name of the result file inside the witness directory. */
  resultName: string;
}

export function newWitnessSecret(kind: WitnessKind): WitnessSecret {
  return { kind, key: randomBytes(32).toString("hex"), resultName: `result-${randomBytes(12).toString("hex")}` };
}

const DIR = '"$__swerig_w"';
const QUIET = "{ __swerig_xt=${-//[^x]/}; set +x; } 2>/dev/null";
const LOUD = 'if [ -n "$__swerig_xt" ]; then set -x; fi';

/** Lines placed first inside the test block. */
export function witnessSetupLines(secret: WitnessSecret, nonce: string): string[] {
  const lines = [QUIET, "__swerig_w=$(mktemp -d /tmp/swerig-witness.XXXXXXXXXX)"];
  for (const [name, content] of witnessHelperFiles(secret.kind)) {
    const delimiter = `__SWERIG_WITNESS_${nonce}__`;
    lines.push(`cat > ${DIR}/${name} <<'${delimiter}'`, content.endsWith("\n") ? content.slice(0, -1) : content, delimiter);
  }
  if (PROGRAM_WITNESS_KINDS.has(secret.kind)) {
    lines.push(`chmod 755 ${[...witnessHelperFiles(secret.kind).keys()].map((name) => `${DIR}/${name}`).join(" ")}`);
    lines.push(`printf '%s\\n' ${DIR}/${secret.resultName} > ${DIR}/secret`, `: > ${DIR}/${secret.resultName}`);
  } else {
    lines.push(`printf '%s\\n' ${DIR}/${secret.resultName} '${secret.key}' '${secret.kind}' > ${DIR}/secret`);
  }
  if (secret.kind === "cargo") {
    // cargo's variable names the target: CARGO_TARGET_<triple, upper case, - and . as _>_RUNNER.
    const triple = "$(rustc -vV 2>/dev/null | sed -n 's/^host: //p' | tr 'a-z.-' 'A-Z__')";
    lines.push(`${CARGO_RUNNER_VAR}="CARGO_TARGET_${triple}_RUNNER=$__swerig_w/${CARGO_RUNNER_FILE}"`);
  }
  if (PYTHON_KINDS.has(secret.kind)) lines.push(`export PYTHONPATH=${DIR}\${PYTHONPATH:+:$PYTHONPATH}`);
  if (secret.kind === "pytest") lines.push("export PYTEST_PLUGINS=swerig_witness_pytest${PYTEST_PLUGINS:+,$PYTEST_PLUGINS}");
  lines.push(LOUD);
  return lines;
}

/**
 * The test command line with what the runner needs: vitest our reporter, go test our -exec program
 * (right after `go test`), cargo its runner variable for this one command (through env).
 */
export function witnessCommandLine(secret: WitnessSecret, line: string): string {
  if (secret.kind === "vitest") return `${line.trimEnd()} --reporter=${DIR}/${VITEST_REPORTER_FILE}`;
  if (secret.kind === "go") return line.replace(/\bgo(\s+)test\b/, `go$1test -exec ${DIR}/${GO_EXEC_FILE}`);
  if (secret.kind === "cargo") return `env "$${CARGO_RUNNER_VAR}" ${line.trimStart()}`;
  return line;
}

/** Lines placed after the exit-status line: one `<nonce> witness: <base64 | missing>` line. */
export function witnessReadLines(secret: WitnessSecret, nonce: string): string[] {
  const file = `${DIR}/${secret.resultName}`;
  if (PROGRAM_WITNESS_KINDS.has(secret.kind)) {
    const content = `{ printf '%s\\n' 'swerig-witness 1 ${secret.kind}'; cat ${file} 2>/dev/null; }`;
    return [QUIET, `printf '%s %s\\n' '${nonce} witness:' "$(${content} | base64 -w 0)"`, LOUD];
  }
  return [
    QUIET,
    `if [ -s ${file} ]; then printf '%s %s\\n' '${nonce} witness:' "$(base64 -w 0 < ${file})"; ` +
      `else printf '%s %s\\n' '${nonce} witness:' missing; fi`,
    LOUD,
  ];
}
