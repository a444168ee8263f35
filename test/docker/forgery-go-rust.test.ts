// Forged test output on the bundled Go and Rust tasks, graded in real containers: patches to the code
// under test that print fake results and closings, write past the harness's capture, write into the
// parent runner's stdout and kill it, or keep the FAIL_TO_PASS tests from running. None may resolve.
// A complete imitation of a test binary's own output printed before the test framework starts cannot
// be told from the real thing in the log; the runner's witness (go's -exec program, cargo's target
// runner) finds the framework never ran and the log is refused (the last test of each language).
import { beforeAll, describe, expect, it } from "vitest";
import { gradeInstance } from "../../src/grader/grade-instance.js";
import type { InstanceOutcome } from "../../src/grader/instance-outcome.js";
import type { Prediction } from "../../src/grader/predictions.js";
import { dockerGradingEnvironments } from "../../src/runner/docker-grading.js";
import { loadSweTasksDir, type Task } from "../../src/tasks/index.js";
import { dockerAvailable } from "../helpers/docker.js";
import { makePatch } from "../helpers/patches.js";
import { NEW_SERVER_CALLS_HOOK, goForgery, rustForgery } from "./forgery-sources.js";

const SWE_TASKS = new URL("../../swe-tasks/", import.meta.url).pathname;
const { tasks } = await loadSweTasksDir(SWE_TASKS);
const go = tasks.find((t) => t.id === "go-emberkv-set-options")!;
const rs = tasks.find((t) => t.id === "rs-mdlite-ordered-list-start")!;
const SERVER = "example.com/emberkv/internal/server/";
/** Every top-level test of the Go package the FAIL_TO_PASS tests live in. */
const serverTests = [...go.failToPass, ...go.passToPass].filter((id) => id.startsWith(SERVER)).map((id) => id.slice(SERVER.length));
/** The tests of the Rust binary (tests/lists.rs) the FAIL_TO_PASS tests live in, as libtest lists them. */
const LISTS_TESTS = [
  "a_list_ends_at_a_blank_line_and_unindented_text",
  "blank_lines_between_items_make_a_loose_list",
  "bullet_lists",
  "items_with_code_and_quotes",
  "nested_lists",
  "nested_ordered_lists_keep_their_first_number",
  "numbering_continues_after_a_paragraph",
  "only_a_first_item_interrupts_a_paragraph",
  "ordered_lists",
  "ordered_lists_keep_their_first_number",
];

describe.runIf(dockerAvailable)("forged go test and cargo output in containers", () => {
  let createEnvironment: (task: Task) => Promise<import("../../src/envs/environment.js").Environment>;
  /** The test output of each graded outcome, shown when an expectation on it fails. */
  const outputs = new WeakMap<InstanceOutcome, string>();
  const grade = async (task: Task, patch: string): Promise<InstanceOutcome> => {
    const prediction: Prediction = { instanceId: task.id, model: "forgery", patch, origin: "test" };
    let output = "";
    const writeArtifact = async (name: string, content: string) => {
      if (name === "test_output.txt") output = content;
    };
    const outcome = await gradeInstance(task, prediction, { createEnvironment, writeArtifact });
    outputs.set(outcome, output);
    return outcome;
  };
  const shown = (outcome: InstanceOutcome) => `${outcome.status}: ${outcome.reason ?? ""}\n${(outputs.get(outcome) ?? "").slice(-4000)}`;
  /** Not resolved: graded with the F2P tests failing, or refused (log_rejected) for a reason matching `reason`. */
  const expectNotResolved = (outcome: InstanceOutcome, reason?: RegExp) => {
    expect(outcome.status, shown(outcome)).not.toBe("resolved");
    if (reason === undefined) {
      expect(outcome.status, shown(outcome)).toBe("unresolved");
      expect(outcome.report?.tests_status?.FAIL_TO_PASS.success).toEqual([]);
    } else {
      expect(outcome.status, shown(outcome)).toBe("log_rejected");
      const why = [outcome.logRejection?.swerig, outcome.logRejection?.harness].filter((text) => text !== undefined).join(" | ");
      expect(why, shown(outcome)).toMatch(reason);
    }
  };
  beforeAll(async () => {
    createEnvironment = await dockerGradingEnvironments("test-forgery-go-rust");
  });

  it("the reference patches still resolve both tasks, with the runner's witness", async () => {
    for (const task of [go, rs]) {
      const outcome = await grade(task, task.goldPatch);
      expect(outcome.status, shown(outcome)).toBe("resolved");
      expect(outcome.witness).toEqual({ kind: task === go ? "go" : "cargo" });
    }
  });

  describe("Go (go test -json, Go 1.19)", () => {
    const server = (name: string, source: string, hooked = false) =>
      makePatch(go, { [`internal/server/${name}`]: source, ...(hooked ? { "internal/server/server.go": NEW_SERVER_CALLS_HOOK } : {}) });

    it("fake JSON results and a fake package closing printed by the code, then os.Exit(0): wrapped as output, tests absent", async () => {
      expectNotResolved(await grade(go, await server("zz_forge.go", goForgery.printJsonThenExit(serverTests))));
    });

    it("fake results written straight to fd 1 from inside a test, then syscall.Exit(0): wrapped as output, refused", async () => {
      // test2json credits the interrupted test with the package's `ok`: a pass no test earned, refused.
      const outcome = await grade(go, await server("zz_forge.go", goForgery.writeFd1ThenExitDuringTest(serverTests), true));
      expectNotResolved(outcome, /the test binary of \S+\/internal\/server exited 0 inside test Test\w+/);
    });

    it("fake events written into the parent's stdout (/proc/$PPID/fd/1), then the parent killed: refused", async () => {
      // The parent is the witness's -exec program (its stdout is go test's pipe): go test goes on and
      // fails the package, with no test failed in the log.
      const outcome = await grade(go, await server("zz_forge.go", goForgery.writeParentStdoutThenKill(serverTests)));
      expectNotResolved(outcome, /the test command exited 1 but no test is FAILED or ERROR/);
    });

    it("a TestMain that runs no test: the FAIL_TO_PASS tests are absent", async () => {
      expectNotResolved(await grade(go, await server("zz_skip_test.go", goForgery.testMainRunsNothing())));
    });

    it("framing lines for every test of the package printed from init(), then os.Exit(0): the witness has no run, refused", async () => {
      // test2json turns the printed `--- PASS` lines into events exactly as it does for real ones; the
      // testing package never started, so it never created its -test.testlogfile.
      const outcome = await grade(go, await server("zz_forge.go", goForgery.imitateFromInit(serverTests)));
      const noRun = String.raw`the test binary of example\.com/emberkv/internal/server exited 0 before the testing package started`;
      const absent = String.raw`the log says \S+/internal/server/Test\w+ is PASSED but the test runner recorded it as absent`;
      expectNotResolved(outcome, new RegExp(`${absent} \\(${noRun}\\)`));
    });
  });

  describe("Rust (cargo test, 1.63)", () => {
    const forge = (source: string, extra: Record<string, (old: string) => string> = {}) =>
      makePatch(rs, {
        "src/forge.rs": source,
        "src/lib.rs": (old) =>
          old.replace("pub mod ast;", "$&\nmod forge;").replace("pub fn to_html(source: &str) -> String {", "$&\n    forge::run();"),
        ...extra,
      });

    it("fake lines and a fake closing printed from a test, then process::exit(0): captured and lost, no closing: refused", async () => {
      const outcome = await grade(rs, await forge(rustForgery.printThenExit(LISTS_TESTS)));
      expectNotResolved(outcome, /the test binary opened at line \d+ has no 'test result:' line/);
    });

    it("fake lines and a fake closing written to fd 1 past the capture, the real run going on: refused", async () => {
      const outcome = await grade(rs, await forge(rustForgery.writeFd1(LISTS_TESTS)));
      expectNotResolved(outcome, /the test binary opened at line \d+ has no 'test result:' line before another opens/);
    });

    it("a fake binary written into the parent's stdout (/proc/$PPID/fd/1), then the parent killed: refused", async () => {
      // The parent is the witness's target runner (its stdout is cargo's): cargo reports the binary
      // failed and exits 101, with no test failed in the log.
      const outcome = await grade(rs, await forge(rustForgery.writeParentStdoutThenKill(LISTS_TESTS)));
      expectNotResolved(outcome, /the test command exited 101 but no test is FAILED or ERROR/);
    });

    it("the test binary of the FAIL_TO_PASS tests switched off in Cargo.toml: the tests are absent", async () => {
      const off = `\n[[test]]\nname = "lists"\npath = "tests/lists.rs"\ntest = false\n`;
      const patch = await makePatch(rs, { "Cargo.toml": (old) => `${old}${off}` });
      expectNotResolved(await grade(rs, patch));
    });

    it("a binary's whole output imitated before libtest starts (a static constructor), then exit(0): no logfile, refused", async () => {
      const outcome = await grade(rs, await forge(rustForgery.imitateBeforeMain(LISTS_TESTS)));
      const noRun = String.raw`the test binary lists-[0-9a-f]+ exited 0 before libtest started \(libtest wrote no result file\)`;
      expectNotResolved(outcome, new RegExp(String.raw`the log says \w+ is PASSED but the test runner recorded it as absent \(${noRun}\)`));
    });
  });
});
