// The go -exec program and the cargo target runner run by bash, around stand-in test binaries (shell
// scripts that behave as libtest and Go's testing package do with the files they are given) and, for
// go, a stand-in `go tool test2json`; the real toolchains are exercised by the Docker forgery tests.
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CARGO_RUNNER_FILE, GO_EXEC_FILE, witnessHelperFiles } from "../../../../src/grader/witness/index.js";

let root: string;
let witness: string;
let results: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "swerig-witness-programs-"));
  witness = join(root, "w");
  mkdirSync(witness);
  results = join(witness, "result-x");
  writeFileSync(join(witness, "secret"), `${results}\n`);
  writeFileSync(results, "");
  for (const kind of ["go", "cargo"] as const) {
    for (const [name, content] of witnessHelperFiles(kind)) writeFileSync(join(witness, name), content, { mode: 0o755 });
  }
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function script(path: string, body: string): string {
  writeFileSync(path, `#!/bin/bash\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

function run(program: string, args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
  const env = { ...process.env, ...options.env };
  const result = spawnSync(join(witness, program), args, { cwd: options.cwd ?? root, encoding: "utf8", env });
  return { status: result.status, stdout: result.stdout, results: readFileSync(results, "utf8") };
}

describe("the cargo target runner", () => {
  /** A libtest binary: records its argv and runner variable, writes the logfile named last, exits 101. */
  const libtest = (logfile: string) =>
    script(
      join(root, "lists-0123abcd"),
      `echo "argv: $*"; echo "runner var: \${CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUNNER-unset}"\n` +
        `[ "$2" = --logfile ] && printf '${logfile}' > "$3"\nexit 101`,
    );

  it("runs the binary with libtest's --logfile and appends its results in the console format cargo's parser reads", () => {
    const binary = libtest(String.raw`ok a::b\nfailed c\nignored d\nignored: not today e\nbench f 1 ns/iter\n`);
    const env = { CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUNNER: "runner" };
    const out = run(CARGO_RUNNER_FILE, [binary, "--quiet"], { env });
    expect(out.status).toBe(101);
    expect(out.stdout).toMatch(new RegExp(`^argv: --quiet --logfile ${witness}/libtest\\.\\w+\\nrunner var: unset\\n$`));
    expect(out.results).toBe("test a::b ... ok\ntest c ... FAILED\ntest d ... ignored\ntest e ... ignored\n");
    expect(readdirSync(witness).filter((name) => name.startsWith("libtest."))).toEqual([]);
  });

  it("notes a binary that exits before libtest ran (no logfile), with its exit status, and adds no result", () => {
    const binary = script(join(root, "lists-0123abcd"), "echo 'test a ... ok'; exit 0");
    const out = run(CARGO_RUNNER_FILE, [binary]);
    expect(out).toEqual({
      status: 0,
      stdout: "test a ... ok\n",
      results: "~ the test binary lists-0123abcd exited 0 before libtest started (libtest wrote no result file)\n",
    });
  });
});

describe("the go -exec program", () => {
  let pkgDir: string;
  beforeEach(() => {
    writeFileSync(join(root, "go.mod"), 'module "example.com/m" // the module\n\ngo 1.19\n');
    pkgDir = join(root, "internal", "x");
    mkdirSync(pkgDir, { recursive: true });
    // `go tool test2json -p PKG`: each input line, prefixed with the package it was given.
    const bin = join(root, "bin");
    mkdirSync(bin);
    script(join(bin, "go"), '[ "$1 $2 $3" = "tool test2json -p" ] || exit 9\nwhile IFS= read -r l; do echo "$4: $l"; done');
  });
  const env = () => ({ PATH: `${join(root, "bin")}:${process.env["PATH"]}` });

  /** A test binary: `start` and `end` say whether the testing package creates its start and end files. */
  const testBinary = (start: boolean, end: boolean, status: number) =>
    script(
      join(root, "x.test"),
      [
        'for a in "$@"; do case $a in -test.testlogfile=*) s=${a#*=};; -test.memprofile=*) m=${a#*=};; esac; done',
        start ? ': > "$s"' : "",
        'echo "=== RUN   TestA"; echo "--- PASS: TestA (0.00s)"; echo "args: $*" >&2',
        end ? ': > "$m"' : "",
        `exit ${status}`,
      ].join("\n"),
    );

  it("passes the output through, and converts it for the package of the working directory when the run ended", () => {
    const out = run(GO_EXEC_FILE, [testBinary(true, true, 0), "-test.v=true"], { cwd: pkgDir, env: env() });
    expect(out.status).toBe(0);
    const args = `args: -test.testlogfile=${witness}/go.\\w+/started -test.memprofile=${witness}/go.\\w+/finished -test.v=true`;
    expect(out.stdout).toMatch(new RegExp(`^=== RUN   TestA\\n--- PASS: TestA \\(0.00s\\)\\n${args}\\n$`));
    const converted = ["example.com/m/internal/x: === RUN   TestA", "example.com/m/internal/x: --- PASS: TestA (0.00s)"];
    expect(out.results.split("\n").slice(0, 2)).toEqual(converted);
    expect(readdirSync(witness).filter((name) => name.startsWith("go."))).toEqual([]);
  });

  it("keeps the results of a run that failed before its end (a panic), with the binary's status", () => {
    const out = run(GO_EXEC_FILE, [testBinary(true, false, 2)], { cwd: root, env: env() });
    expect(out.status).toBe(2);
    expect(out.results).toContain("example.com/m: --- PASS: TestA (0.00s)");
  });

  it.each([
    [false, false, 0, "~ the test binary of example.com/m/internal/x exited 0 before the testing package started\n"],
    [false, false, 1, "~ the test binary of example.com/m/internal/x exited 1 before the testing package started\n"],
    [true, false, 0, "~ the test binary of example.com/m/internal/x exited 0 before the testing package finished its run\n"],
  ])("takes no result from a binary with start file %s, end file %s, exiting %i: a note", (start, end, status, note) => {
    const out = run(GO_EXEC_FILE, [testBinary(start, end, status)], { cwd: pkgDir, env: env() });
    expect(out.status).toBe(status);
    expect(out.stdout).toContain("--- PASS: TestA");
    expect(out.results).toBe(note);
    expect(existsSync(join(witness, "secret"))).toBe(true);
  });
});
