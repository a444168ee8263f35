import { describe, expect, it } from "vitest";
import { planWitness } from "../../../../src/grader/witness/index.js";

describe("planWitness", () => {
  it.each([
    ["pytest -rA tests/test_x.py", "pytest"],
    ["pytest --no-header -rA -p no:cacheprovider", "pytest"],
    ["python -m pytest -rA", "pytest"],
    ["/opt/env/bin/python3.9 -m pytest -rA", "pytest"],
    ["PYTHONWARNINGS='ignore::UserWarning' pytest -rA", "pytest"],
    ["./tests/runtests.py --verbosity 2 --settings=test_sqlite --parallel 1 auth_tests.test_validators", "unittest"],
    ["python tests/runtests.py --verbosity 2", "unittest"],
    ["PYTHONWARNINGS='ignore::UserWarning,ignore::SyntaxWarning' bin/test -C --verbose sympy/core/tests/test_basic.py", "sympy"],
    ["vitest run --reporter=json", "vitest"],
    ["npx vitest run --reporter=json tests/a.test.ts", "vitest"],
    ["go test -json ./...", "go"],
    ["GOFLAGS=-mod=vendor go test -v -json -run TestX ./pkg/...", "go"],
    ["cargo test --offline --no-fail-fast", "cargo"],
    ["RUST_BACKTRACE=1 cargo test -p core -- --nocapture", "cargo"],
  ])("gives %s a %s witness", (command, kind) => {
    expect(planWitness([command])).toEqual({ kind, line: 0 });
  });

  it("finds the runner line among other lines of the block", () => {
    expect(planWitness(["", "# run the tests", "pytest -rA"])).toEqual({ kind: "pytest", line: 2 });
  });

  it.each([
    ["tox --current-env -epy39 -v -- tests/test_x.py", "no runner swerig can instrument in the test command (it starts with tox)"],
    ["go vet ./...", "no runner swerig can instrument in the test command (it starts with go)"],
    ["go test -v ./...", "go test without -json: the witness gives test2json events, read only from a -json log"],
    ["go test -json -exec sudo ./...", "the go test command already has an -exec program"],
    ["go test -json -c ./pkg", "go test -c builds the test binaries without running them"],
    ["go test -json -memprofile mem.out ./pkg", "the go test command takes the -memprofile the witness gives the test binaries"],
    ["go test -json ./... | tee out.json", "the test command is not a simple command (pipe, list, redirection or substitution)"],
    ["cargo test -- --logfile out.txt", "the cargo test command already gives libtest a --logfile"],
    ["cargo test --doc", "cargo test --doc runs only doc-tests, which rustdoc starts without cargo's runner"],
    ["cargo nextest run", "no runner swerig can instrument in the test command (it starts with cargo)"],
    ["pytest -rA | tee out.txt", "the test command is not a simple command (pipe, list, redirection or substitution)"],
    ["pytest -rA && echo done", "the test command is not a simple command (pipe, list, redirection or substitution)"],
    ["pytest -rA -n 4 tests", "pytest-xdist runs the tests in worker processes the witness does not follow"],
    ["pytest-benchmark run", "no runner swerig can instrument in the test command (it starts with pytest-benchmark)"],
  ])("gives %s none, saying why", (command, why) => {
    expect(planWitness([command])).toEqual({ kind: "none", why });
  });

  it("gives none to two runner commands in one block", () => {
    const why = "2 test runner commands in the test block; expected one";
    expect(planWitness(["pytest -rA a.py", "pytest -rA b.py"])).toEqual({ kind: "none", why });
  });
});
