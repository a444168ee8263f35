// Which runner's own evidence ("witness") a test command can give: decided from the command lines
// between the test output markers. Runners we cannot instrument get none, with the reason.

export const WITNESS_KINDS = ["pytest", "unittest", "sympy", "vitest", "go", "cargo"] as const;
export type WitnessKind = (typeof WITNESS_KINDS)[number];

export type WitnessPlan = { kind: WitnessKind; line: number } | { kind: "none"; why: string };

/** Leading `NAME=value` assignments (quoted or not) before the command word. */
const ASSIGNMENTS = String.raw`(?:[A-Za-z_][A-Za-z0-9_]*=(?:'[^']*'|"[^"]*"|\S*)\s+)*`;
const PYTHON = String.raw`(?:\S*/)?python(?:3(?:\.\d+)?)?\s+`;

const RUNNERS: readonly (readonly [WitnessKind, RegExp])[] = [
  ["pytest", new RegExp(String.raw`^${ASSIGNMENTS}(?:(?:\S*/)?(?:pytest|py\.test)|${PYTHON}-m\s+pytest)(?:\s|$)`)],
  ["unittest", new RegExp(String.raw`^${ASSIGNMENTS}(?:${PYTHON})?(?:\./)?tests/runtests\.py(?:\s|$)`)],
  ["unittest", new RegExp(String.raw`^${ASSIGNMENTS}${PYTHON}-m\s+unittest(?:\s|$)`)],
  ["sympy", new RegExp(String.raw`^${ASSIGNMENTS}(?:${PYTHON})?(?:\./)?bin/test(?:\s|$)`)],
  ["vitest", new RegExp(String.raw`^${ASSIGNMENTS}(?:npx\s+)?(?:\S*/)?vitest(?:\s|$)`)],
  ["go", new RegExp(String.raw`^${ASSIGNMENTS}(?:\S*/)?go\s+test(?:\s|$)`)],
  ["cargo", new RegExp(String.raw`^${ASSIGNMENTS}(?:\S*/)?cargo\s+test(?:\s|$)`)],
];

const XDIST = /(?:^|\s)(?:-n\s*\S+|--numprocesses\b|--dist\b|-p\s+xdist\b)/;
/** Shell syntax that would put the runner behind a pipe, list or redirection we cannot follow. */
const COMPOUND = /[|;&<>`$()]/;

/** Why a go or cargo test command cannot take its witness, or undefined. */
function unfitCommand(kind: WitnessKind, command: string): string | undefined {
  if (kind === "go") {
    if (!/\s-?-json(?:=true)?(?:\s|$)/.test(command)) {
      return "go test without -json: the witness gives test2json events, read only from a -json log";
    }
    if (/\s-?-exec[=\s]/.test(command)) return "the go test command already has an -exec program";
    if (/\s-?-c(?:\s|$)/.test(command)) return "go test -c builds the test binaries without running them";
    const memprofile = /\s-?-(?:test\.)?memprofile[=\s]/.test(command);
    if (memprofile) return "the go test command takes the -memprofile the witness gives the test binaries";
  }
  if (kind === "cargo") {
    if (/\s--logfile(?:[=\s]|$)/.test(command)) return "the cargo test command already gives libtest a --logfile";
    if (/\s--doc(?:\s|$)/.test(command)) return "cargo test --doc runs only doc-tests, which rustdoc starts without cargo's runner";
  }
  return undefined;
}

/**
 * The plan for the command lines of a test block: exactly one line must start a known runner and be a
 * simple command (no pipe, list, redirection or substitution), else no witness is expected.
 */
export function planWitness(testLines: readonly string[]): WitnessPlan {
  const found: { kind: WitnessKind; line: number }[] = [];
  testLines.forEach((raw, line) => {
    const text = raw.trim();
    const match = RUNNERS.find(([, pattern]) => pattern.test(text));
    if (match) found.push({ kind: match[0], line });
  });
  const commands = testLines.filter((line) => line.trim() !== "" && !line.trim().startsWith("#"));
  const [only] = found;
  if (only === undefined) {
    const first = commands[0]?.trim().split(/\s+/)[0] ?? "(empty)";
    return { kind: "none", why: `no runner swerig can instrument in the test command (it starts with ${first})` };
  }
  if (found.length > 1) return { kind: "none", why: `${found.length} test runner commands in the test block; expected one` };
  const text = testLines[only.line]!;
  const withoutAssignments = text.trim().replace(new RegExp(`^${ASSIGNMENTS}`), "");
  if (COMPOUND.test(withoutAssignments)) {
    return { kind: "none", why: "the test command is not a simple command (pipe, list, redirection or substitution)" };
  }
  if (only.kind === "pytest" && XDIST.test(withoutAssignments)) {
    return { kind: "none", why: "pytest-xdist runs the tests in worker processes the witness does not follow" };
  }
  const unfit = unfitCommand(only.kind, withoutAssignments);
  return unfit === undefined ? only : { kind: "none", why: unfit };
}
