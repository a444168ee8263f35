// The shell text that sets a witness up inside the eval script's test block and reads it back after
// it: a fresh directory with the helper files, the one-time secret (result path, HMAC key, kind) the
// runner takes and deletes when it starts, the runner's environment, and one nonce line carrying the
// result file (base64) into the log after the end marker. None of it is traced by `set -x`.
import { randomBytes } from "node:crypto";
import { VITEST_REPORTER_FILE, witnessHelperFiles } from "./helper-files.js";
import type { WitnessKind } from "./witness-kind.js";

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
  lines.push(`printf '%s\\n' ${DIR}/${secret.resultName} '${secret.key}' '${secret.kind}' > ${DIR}/secret`);
  if (secret.kind !== "vitest") lines.push(`export PYTHONPATH=${DIR}\${PYTHONPATH:+:$PYTHONPATH}`);
  if (secret.kind === "pytest") lines.push("export PYTEST_PLUGINS=swerig_witness_pytest${PYTEST_PLUGINS:+,$PYTEST_PLUGINS}");
  lines.push(LOUD);
  return lines;
}

/** The test command line with what the runner needs on its command line (vitest: our reporter). */
export function witnessCommandLine(secret: WitnessSecret, line: string): string {
  return secret.kind === "vitest" ? `${line.trimEnd()} --reporter=${DIR}/${VITEST_REPORTER_FILE}` : line;
}

/** Lines placed after the exit-status line: one `<nonce> witness: <base64 | missing>` line. */
export function witnessReadLines(secret: WitnessSecret, nonce: string): string[] {
  const file = `${DIR}/${secret.resultName}`;
  return [
    QUIET,
    `if [ -s ${file} ]; then printf '%s %s\\n' '${nonce} witness:' "$(base64 -w 0 < ${file})"; ` +
      `else printf '%s %s\\n' '${nonce} witness:' missing; fi`,
    LOUD,
  ];
}
