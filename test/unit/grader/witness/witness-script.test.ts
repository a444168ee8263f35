import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { evalScriptCommand, instrumentEvalScript } from "../../../../src/grader/instrument-eval-script.js";
import { readWitness } from "../../../../src/grader/witness/index.js";

const NONCE = "0123456789abcdef01";
const script = (command: string) =>
  ["#!/bin/bash", "set -uxo pipefail", ": '>>>>> Start Test Output'", command, ": '>>>>> End Test Output'", "echo resetting", ""].join(
    "\n",
  );

/** A fake `pytest` on PATH that tries to read the rest of the eval script through its parent's open files. */
const bin = mkdtempSync(join(tmpdir(), "swerig-witness-bin-"));
writeFileSync(
  join(bin, "pytest"),
  '#!/bin/bash\nfor fd in /proc/$PPID/fd/*; do echo "peek: $(timeout 1 cat "$fd" 2>&1 | head -c 100000 | tr "\\n" " ")"; done\nexit 0\n',
);
chmodSync(join(bin, "pytest"), 0o755);
afterAll(() => rmSync(bin, { recursive: true, force: true }));

function runCommand(command: string): string {
  const env = { ...process.env, PATH: `${bin}:${process.env["PATH"]}` };
  const result = spawnSync("bash", ["-c", `exec 2>&1\n${command}`], { encoding: "utf8", env });
  return result.stdout;
}

describe("the witness in an instrumented script", () => {
  it("is set up inside the test block for a pytest command, with the plugin on PYTEST_PLUGINS", () => {
    const instrumented = instrumentEvalScript(script("pytest -rA tests/test_x.py"), NONCE)!;
    expect(instrumented.witness.kind).toBe("pytest");
    const lines = instrumented.script.split("\n");
    const start = lines.indexOf(`: '>>>>> Start Test Output ${NONCE}'`);
    const close = lines.indexOf("} </dev/null");
    const block = lines.slice(start + 1, close);
    expect(block[0]).toBe("{");
    expect(block).toContain("export PYTEST_PLUGINS=swerig_witness_pytest${PYTEST_PLUGINS:+,$PYTEST_PLUGINS}");
    expect(block).toContain('export PYTHONPATH="$__swerig_w"${PYTHONPATH:+:$PYTHONPATH}');
    expect(block.at(-1)).toBe("pytest -rA tests/test_x.py");
    expect(lines.slice(close).some((line) => line.includes(`'${NONCE} witness:'`))).toBe(true);
  });

  it("adds the reporter to a vitest command and keeps its json reporter", () => {
    const instrumented = instrumentEvalScript(script("vitest run --reporter=json tests/a.test.ts"), NONCE)!;
    expect(instrumented.witness.kind).toBe("vitest");
    const reporter = '--reporter="$__swerig_w"/swerig-witness-reporter.mjs';
    expect(instrumented.script).toContain(`vitest run --reporter=json tests/a.test.ts ${reporter}`);
  });

  it("records why a command gets no witness, and leaves its script as it was", () => {
    const instrumented = instrumentEvalScript(script("tox -epy39 -- tests"), NONCE)!;
    expect(instrumented.witness).toEqual({ kind: "none", why: "no runner swerig can instrument in the test command (it starts with tox)" });
    expect(instrumented.script).not.toContain("swerig-witness");
    expect(instrumentEvalScript(script("pytest -rA"), NONCE, { witness: false })!.witness.kind).toBe("none");
  });

  it("run by bash: the secret is never traced, the tests cannot read the script, and a missing file is reported", () => {
    const instrumented = instrumentEvalScript(script("pytest -rA"), NONCE)!;
    if (instrumented.witness.kind === "none") throw new Error("expected a witness");
    const log = runCommand(evalScriptCommand(instrumented));
    expect(log).toContain(`${NONCE} test exit code: 0`);
    expect(log).toContain(`${NONCE} witness: missing`);
    expect(log).toContain("resetting");
    expect(log).not.toContain(instrumented.witness.key);
    const peek = log
      .split("\n")
      .filter((line) => line.startsWith("peek:"))
      .join("\n");
    expect(peek).not.toContain(NONCE);
    expect(peek).not.toContain(instrumented.witness.key);
  });

  it("gives go test its -exec program right after `go test`, and a witness line without MAC", () => {
    const instrumented = instrumentEvalScript(script("go test -json ./..."), NONCE)!;
    expect(instrumented.witness.kind).toBe("go");
    expect(instrumented.script).toContain('\ngo test -exec "$__swerig_w"/swerig-witness-go-exec -json ./...\n');
    expect(instrumented.script).toContain('chmod 755 "$__swerig_w"/swerig-witness-go-exec');
    expect(instrumented.script).not.toContain("PYTHONPATH");
  });

  it("run by bash: cargo test starts each binary through the runner named for the host, and the witness reads back", () => {
    // Stand-ins: rustc names the host; cargo runs one libtest binary through its runner variable, if set.
    writeFileSync(join(bin, "rustc"), '#!/bin/bash\nprintf "rustc 1.63.0\\nhost: x86_64-unknown-linux-gnu\\n"\n', { mode: 0o755 });
    writeFileSync(join(bin, "lists-0a"), '#!/bin/bash\necho "test a ... ok"\n[ "$1" = --logfile ] && echo "failed a" > "$2"\nexit 101\n', {
      mode: 0o755,
    });
    const runner = "${CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUNNER:-}";
    writeFileSync(join(bin, "cargo"), `#!/bin/bash\n${runner} ${join(bin, "lists-0a")}\n`, { mode: 0o755 });
    const instrumented = instrumentEvalScript(script("RUST_BACKTRACE=1 cargo test --offline"), NONCE)!;
    if (instrumented.witness.kind !== "cargo") throw new Error(`expected a cargo witness, got ${instrumented.witness.kind}`);
    expect(instrumented.script).toContain('\nenv "$__swerig_cargo_runner" RUST_BACKTRACE=1 cargo test --offline\n');
    const log = runCommand(evalScriptCommand(instrumented));
    expect(log).toContain(`${NONCE} test exit code: 101`);
    expect(readWitness(log, NONCE, instrumented.witness)).toEqual({
      kind: "read",
      content: { results: "test a ... FAILED", tampering: [], runnerFiles: [], notes: [] },
    });
  });
});
