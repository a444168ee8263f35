// The verdict on the tests an agent wrote, from two status maps: its tests run on the base code and
// on the reference solution (see runner/agent-tests.ts). A good test fails before and passes after.
import { touchedPaths, type StatusMap } from "../core/index.js";

export interface AgentTestsJudged {
  /** Test files the agent's diff adds or changes. */
  testFiles: string[];
  /** Tests run whose name (last part) appears on a line the diff adds: the tests it added or changed. */
  testsChanged: string[];
  testsRun: number;
  /** Tests that fail (or are missing) on the base code and pass on the reference solution. */
  failBeforePassAfter: string[];
  /** Tests that do not pass on the reference solution (a wrong test, or one the solution does not satisfy). */
  failAfter: string[];
  catchesBug: boolean;
  timings: { beforeMs: number; afterMs: number };
}

export type AgentTestsBlock = AgentTestsJudged | { missing: string };

/** The pure verdict from the two status maps. */
export function judgeAgentTests(
  testPatch: string,
  before: StatusMap,
  after: StatusMap,
  timings: AgentTestsJudged["timings"],
): AgentTestsJudged {
  const added = testPatch
    .split("\n")
    .filter((l) => l.startsWith("+") && !l.startsWith("+++"))
    .join("\n");
  const names = [...after.keys()].sort();
  const leaf = (name: string) => (name.split(/::|\s>\s|\//).at(-1) ?? name).replace(/\[.*\]$/, "").replace(/^.*\./, "");
  const failBeforePassAfter = names.filter((n) => after.get(n) === "PASSED" && before.get(n) !== "PASSED");
  return {
    testFiles: touchedPaths(testPatch),
    testsChanged: names.filter((n) => leaf(n).length > 0 && added.includes(leaf(n))),
    testsRun: names.length,
    failBeforePassAfter,
    failAfter: names.filter((n) => after.get(n) === "FAILED" || after.get(n) === "ERROR"),
    catchesBug: failBeforePassAfter.length > 0,
    timings,
  };
}
