// The report's flaky section: the task runs whose reruns disagreed (`--reruns`), and the tests of the
// run's instances that flipped in any run of the task set, from the traces folder's flake record.
import type { FlippedTest } from "../flake-record.js";
import type { InstanceRun } from "../run-folder.js";
import { escapeHtml as esc } from "./escape.js";

/** The rows the flaky-test table shows, most flips first (data, so it is tested without a browser). */
export function flakyTestRows(tests: readonly FlippedTest[]): string[][] {
  return tests.map(({ instanceId, test, entry: e }) => [
    instanceId,
    test,
    `${e.flipped}/${e.checked}`,
    `${e.failed}/${e.runs}`,
    e.last_flip_run ?? "",
    (e.last_flip_statuses ?? []).map((s) => s ?? "absent").join(", "),
  ]);
}

export function flakySection(runs: readonly InstanceRun[], tests: readonly FlippedTest[]): string {
  const flaky = runs.filter((r) => r.flaky);
  if (flaky.length === 0 && tests.length === 0) return "";
  const which = flaky.map((r) => `${esc(r.taskId)}${r.sample > 0 ? ` #${r.sample}` : ""} (${esc(r.status)})`).join(", ");
  const why = "reruns of the eval disagreed; the first run's verdict counts";
  const head = `<h2>Flaky</h2><p>${flaky.length} task run(s) of this run flaky (${why})${flaky.length ? `: ${which}` : ""}</p>`;
  if (tests.length === 0) return head;
  const cols = ["instance", "test", "flipped / checked", "failed / runs", "last flip in run", "its statuses then"];
  const body = flakyTestRows(tests)
    .map((row) => `<tr>${row.map((c, i) => `<td${i === 2 || i === 3 ? ' class="n"' : ""}>${esc(c)}</td>`).join("")}</tr>`)
    .join("");
  return (
    `${head}<table class="t flaky-tests">` +
    "<caption>tests that flipped over runs of this task set (traces folder's flaky-tests.json)</caption>" +
    `<tr>${cols.map((c) => `<th>${esc(c)}</th>`).join("")}</tr>${body}</table>`
  );
}
