// swerig's witness for vitest: a reporter that runs in vitest's main process (tests run in workers)
// and, when the run ends, writes the same JSON report vitest's json reporter prints, into the result
// file named by the one-time secret beside this file, with an HMAC over it.
import { createHmac } from "node:crypto";
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const secretPath = fileURLToPath(new URL("./secret", import.meta.url));

function takeSecret() {
  try {
    const lines = readFileSync(secretPath, "utf8").split("\n");
    unlinkSync(secretPath);
    return lines[0] && lines[1] ? { path: lines[0], key: lines[1] } : undefined;
  } catch {
    return undefined;
  }
}

const secret = takeSecret();
const STATUS = { fail: "failed", only: "pending", pass: "passed", run: "pending", skip: "skipped", todo: "todo", queued: "pending" };

function testsOf(task) {
  if (task.type === "test") return [task];
  return (task.tasks ?? []).flatMap(testsOf);
}

/**
 * A test's state as the runner decided it. A pass that still carries the errors of its only attempt is
 * a failure rewritten after the runner recorded it (an afterEach hook setting ctx.task.result.state):
 * vitest clears the errors itself when it turns a result into a pass (`it.fails`), and a retried test
 * keeps the errors of its failed attempts with a retry count.
 */
function stateOf(test) {
  const result = test.result;
  if (result?.state === "pass" && (result.errors?.length ?? 0) > 0 && !result.retryCount) return "fail";
  return result?.state;
}

function ancestorTitles(test) {
  const titles = [];
  for (let suite = test.suite; suite; suite = suite.suite) titles.push(suite.name);
  return titles.reverse();
}

function report(files) {
  const testResults = files.map((file) => {
    const tests = testsOf(file);
    const assertionResults = tests.map((t) => ({
      ancestorTitles: ancestorTitles(t),
      title: t.name,
      status: STATUS[stateOf(t) || t.mode] || "skipped",
    }));
    const failed = file.result?.state === "fail" || tests.some((t) => stateOf(t) === "fail");
    const message = file.result?.errors?.[0]?.message ?? "";
    return { assertionResults, status: failed ? "failed" : "passed", message, name: file.filepath };
  });
  const tests = files.flatMap(testsOf);
  const count = (predicate) => tests.filter(predicate).length;
  return {
    numTotalTests: tests.length,
    numPassedTests: count((t) => stateOf(t) === "pass"),
    numFailedTests: count((t) => stateOf(t) === "fail"),
    numPendingTests: count((t) => ["run", "queued", "skip"].includes(t.result?.state) || t.mode === "skip"),
    numTodoTests: count((t) => t.mode === "todo"),
    success: files.length > 0 && !testResults.some((file) => file.status === "failed"),
    testResults,
  };
}

export default class SwerigWitnessReporter {
  ctx = undefined;
  written = false;

  onInit(ctx) {
    this.ctx = ctx;
  }

  /** vitest 3.2 and later: the run's modules; their `task` is the file task onFinished receives. */
  onTestRunEnd(testModules = []) {
    const files = testModules.map((module) => module.task).filter((task) => task !== undefined);
    if (files.length === testModules.length) this.onFinished(files);
  }

  onFinished(files = this.ctx?.state?.getFiles() ?? []) {
    if (!secret || this.written) return;
    this.written = true;
    const config = this.ctx?.config ?? {};
    const sources = [
      ["the vitest configuration", config.config],
      ...[config.globalSetup ?? []].flat().map((file) => ["a vitest globalSetup", file]),
    ];
    const notes = sources
      .filter(([, file]) => typeof file === "string" && file.length > 0)
      .map(([what, file]) => [what, relative(process.cwd(), file).split(sep).join("/")])
      .filter(([, file]) => !file.startsWith("..") && !file.includes("node_modules/"))
      .map(([what, file]) => `? ${what} ${file}`);
    const body = `swerig-witness 1 vitest\n${JSON.stringify(report(files))}\n${notes.map((line) => `${line}\n`).join("")}`;
    const mac = createHmac("sha256", Buffer.from(secret.key, "ascii")).update(body, "utf8").digest("hex");
    const fd = openSync(secret.path, "wx", 0o600);
    writeSync(fd, `${body}swerig-witness-mac ${mac}\n`);
    closeSync(fd);
  }
}
