// The grader's use of a witness: read it back from the log, parse its result lines with the task's own
// log parser, and cross-check them with the status map parsed from the log.
import type { StatusMap } from "../../core/test-status.js";
import type { EvalType } from "../../tasks/index.js";
import { getLogParserSpec } from "../log-parsers/index.js";
import type { GradingSemantics } from "../resolution.js";
import { checkWitness } from "./check-witness.js";
import { readWitness } from "./read-witness.js";
import type { WitnessSecret } from "./witness-script.js";

export interface JudgeWitnessInput {
  log: string;
  nonce: string;
  secret: WitnessSecret;
  parser: string;
  workdir: string;
  logMap: StatusMap;
  failToPass: readonly string[];
  passToPass: readonly string[];
  semantics: GradingSemantics;
  evalType?: EvalType;
  patchedFiles: readonly string[];
}

/** Why the log must be rejected in the light of the runner's witness, or undefined. */
export function judgeWitness(input: JudgeWitnessInput): string | undefined {
  const spec = getLogParserSpec(input.parser);
  if (spec === undefined) return `unknown log parser "${input.parser}"`;
  const read = readWitness(input.log, input.nonce, input.secret);
  if (read.kind === "bad") return read.reason;
  const witnessMap = spec.parse(read.content.results, { workdir: input.workdir });
  return checkWitness({ ...input, kind: input.secret.kind, witnessMap, witness: read.content });
}
