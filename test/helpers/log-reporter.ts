// The vitest reporter of `npm test`'s log: one plain line per test file (seconds, tests, skips, failures,
// path) and, at the end, every failure in full. It prints no banner, no check marks and no tally of its
// own, so the only count a reader of the log finds is test.sh's closing line.
import type { Reporter, SerializedError, TestCase, TestModule } from "vitest/node";

const write = (text: string) => process.stdout.write(`${text}\n`);

function describeError(error: SerializedError): string {
  const stack = error.stack ?? `${error.name ?? "Error"}: ${error.message}`;
  // Frames inside vitest and node say nothing about the test; the test's own frames stay.
  const lines = [
    stack
      .split("\n")
      .filter((line) => !/node_modules\/|\(<anonymous>\)/.test(line))
      .join("\n"),
  ];
  const diff = error["diff"];
  if (typeof diff === "string") lines.push(diff);
  return lines.join("\n");
}

export default class LogReporter implements Reporter {
  private readonly failures: { name: string; errors: readonly SerializedError[] }[] = [];

  onTestModuleEnd(module: TestModule): void {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    for (const test of module.children.allTests()) {
      const state = test.result().state;
      if (state === "passed") counts.passed++;
      else if (state === "failed") this.recordFailure(test, counts);
      else counts.skipped++;
    }
    const moduleErrors = module.errors();
    if (moduleErrors.length > 0) this.failures.push({ name: `${module.relativeModuleId} (the file itself)`, errors: moduleErrors });
    const seconds = (module.diagnostic().duration / 1000).toFixed(1).padStart(6);
    const extra = [counts.skipped ? `${counts.skipped} skipped` : "", counts.failed ? `${counts.failed} FAILING` : ""].filter(Boolean);
    const project = module.project.name ? `[${module.project.name}] ` : "";
    const tests = String(counts.passed + counts.failed).padStart(3);
    const notes = extra.length > 0 ? `  (${extra.join(", ")})` : "";
    write(`${seconds} s  ${tests} tests  ${project}${module.relativeModuleId}${notes}`);
  }

  onTestRunEnd(_modules: readonly TestModule[], unhandledErrors: readonly SerializedError[]): void {
    if (unhandledErrors.length > 0) this.failures.push({ name: "errors outside any test", errors: unhandledErrors });
    for (const { name, errors } of this.failures) {
      write(`\nFAILING: ${name}`);
      for (const error of errors) write(describeError(error));
    }
  }

  private recordFailure(test: TestCase, counts: { failed: number }): void {
    counts.failed++;
    this.failures.push({ name: `${test.module.relativeModuleId} > ${test.fullName}`, errors: test.result().errors ?? [] });
  }
}
