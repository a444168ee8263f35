// Reads a witness back from an eval log: the one `<nonce> witness: ...` line after the test block,
// base64 of the result file, whose last line is an HMAC-SHA256 (key known only to this grading)
// over the rest (go and cargo: no MAC, the eval script collects the file itself). A missing,
// unreadable, forged or mislabelled file is an explanation, never a map.
import { createHmac, timingSafeEqual } from "node:crypto";
import { PROGRAM_WITNESS_KINDS, type WitnessSecret } from "./witness-script.js";

export interface WitnessContent {
  /** Result lines in the runner's own format, for the task's log parser. */
  results: string;
  /** `! ...` lines: runner code found replaced at the end of the run. */
  tampering: string[];
  /** `? <what> <path>` lines: code inside the repository that runs inside the runner. */
  runnerFiles: { what: string; path: string }[];
  /** `~ ...` lines: a test binary whose results the witness could not take (go, cargo), and why. */
  notes?: string[];
}

export type WitnessRead = { kind: "read"; content: WitnessContent } | { kind: "bad"; reason: string };

const NOT_FINISHED = "the test runner did not finish (no result file written by the runner)";
const MAC_LINE = /^swerig-witness-mac ([0-9a-f]{64})$/;

function bad(reason: string): WitnessRead {
  return { kind: "bad", reason };
}

function macMatches(body: string, mac: string, key: string): boolean {
  const expected = createHmac("sha256", Buffer.from(key, "ascii")).update(body, "utf8").digest();
  const given = Buffer.from(mac, "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function readWitness(log: string, nonce: string, secret: WitnessSecret): WitnessRead {
  const prefix = `${nonce} witness: `;
  const lines = log.split("\n").filter((line) => line.startsWith(prefix));
  if (lines.length === 0) return bad(`${NOT_FINISHED}; the log has no witness line`);
  if (lines.length > 1) return bad(`the witness line appears ${lines.length} times in the log; expected once`);
  const value = lines[0]!.slice(prefix.length).trim();
  if (value === "missing") return bad(NOT_FINISHED);
  if (!/^[A-Za-z0-9+/]+=*$/.test(value)) return bad(`${NOT_FINISHED}; the witness line is not base64`);
  const text = Buffer.from(value, "base64").toString("utf8");
  const trimmed = text.endsWith("\n") ? text.slice(0, -1) : text;
  // go and cargo: the eval script itself wrote the line (its nonce says so); there is no MAC to check.
  const unsigned = PROGRAM_WITNESS_KINDS.has(secret.kind);
  const macAt = unsigned ? trimmed.length : trimmed.lastIndexOf("\n") + 1;
  const mac = MAC_LINE.exec(trimmed.slice(macAt));
  if (!unsigned && (!mac || !macMatches(trimmed.slice(0, macAt), mac[1]!, secret.key))) {
    return bad("the result file was not written by the test runner's witness (its MAC does not match)");
  }
  const [header, ...rest] = trimmed.slice(0, macAt).replace(/\n$/, "").split("\n");
  if (header !== `swerig-witness 1 ${secret.kind}`) {
    return bad(`the result file is of another kind (${JSON.stringify(header)}; expected a ${secret.kind} witness)`);
  }
  const results: string[] = [];
  const tampering: string[] = [];
  const runnerFiles: { what: string; path: string }[] = [];
  const notes: string[] = [];
  for (const line of rest) {
    if (line.startsWith("! ")) tampering.push(line.slice(2));
    else if (unsigned && line.startsWith("~ ")) notes.push(line.slice(2));
    else if (line.startsWith("? ")) {
      const words = line.slice(2).split(" ");
      const path = words.pop() ?? "";
      runnerFiles.push({ what: words.join(" "), path });
    } else results.push(line);
  }
  return { kind: "read", content: { results: results.join("\n"), tampering, runnerFiles, ...(unsigned ? { notes } : {}) } };
}
