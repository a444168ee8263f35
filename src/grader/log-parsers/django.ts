// `parse_log_django` of the SWE-bench harness: Django's unittest runner at verbosity 2
// (`test_x (module.Class) ... ok`), including the harness's multi-line special cases.

import type { StatusMap } from "../../core/test-status.js";
import type { LogParser } from "./log-parser.js";
import { PY_WHITESPACE, pyLines, pyLstrip, pySplit, pyStrip } from "./python-text.js";

const PASS_SUFFIXES = [" ... ok", " ... OK", " ...  OK"] as const;
const VERSION_TEST = "--version is equivalent to version";
const DJANGO_7188_PREFIX = "Applying sites.0002_alter_domain_unique...test_no_migrations";

// Python `re.MULTILINE` anchors on "\n" only, `.` excludes only "\n", `\s` is Python whitespace.
const WS = `[${PY_WHITESPACE}]`;
const LINE_START = "(?<![^\\n])";
const LINE_END = "(?=\\n|$)";
/** Test output interrupted by a known multi-line print, with the `ok` on the next line. */
const INTERRUPTED_PASS_PATTERNS = [
  new RegExp(
    `${LINE_START}([^\\n]*?)${WS}\\.\\.\\.${WS}Testing against Django installed in ([\\s\\S]*?) silenced\\)\\.\\nok${LINE_END}`,
    "g",
  ),
  new RegExp(`${LINE_START}([^\\n]*?)${WS}\\.\\.\\.${WS}Internal Server Error: \\/([^\\n]*)\\/\\nok${LINE_END}`, "g"),
  new RegExp(`${LINE_START}([^\\n]*?)${WS}\\.\\.\\.${WS}System check identified no issues \\(0 silenced\\)\\nok${LINE_END}`, "g"),
];

function rsplitFirst(text: string, separator: string): string {
  const at = text.lastIndexOf(separator);
  return at === -1 ? text : text.slice(0, at);
}

export const parseDjango: LogParser = (log) => {
  const statusMap: StatusMap = new Map();
  let previousTest: string | undefined;
  for (const rawLine of pyLines(log)) {
    let line = pyStrip(rawLine);
    if (line.includes(VERSION_TEST)) statusMap.set(VERSION_TEST, "PASSED");
    if (line.includes(" ... ")) previousTest = line.split(" ... ")[0];

    for (const suffix of PASS_SUFFIXES) {
      if (!line.endsWith(suffix)) continue;
      // django__django-7188: a migration message precedes the test name on the same line.
      if (pyStrip(line).startsWith(DJANGO_7188_PREFIX)) {
        const at = line.indexOf("...");
        line = pyStrip(line.slice(at + 3));
      }
      statusMap.set(rsplitFirst(line, suffix), "PASSED");
      break;
    }
    if (line.includes(" ... skipped")) statusMap.set(line.split(" ... skipped")[0] ?? "", "SKIPPED");
    if (line.endsWith(" ... FAIL")) statusMap.set(line.split(" ... FAIL")[0] ?? "", "FAILED");
    if (line.startsWith("FAIL:")) {
      const name = pySplit(line)[1];
      if (name !== undefined) statusMap.set(name, "FAILED");
    }
    if (line.endsWith(" ... ERROR")) statusMap.set(line.split(" ... ERROR")[0] ?? "", "ERROR");
    if (line.startsWith("ERROR:")) {
      const name = pySplit(line)[1];
      if (name !== undefined) statusMap.set(name, "ERROR");
    }
    // The test passed but printed output between its "..." and the "ok".
    if (pyLstrip(line).startsWith("ok") && previousTest !== undefined) statusMap.set(previousTest, "PASSED");
  }

  for (const pattern of INTERRUPTED_PASS_PATTERNS) {
    for (const match of log.matchAll(pattern)) statusMap.set(match[1] ?? "", "PASSED");
  }
  return statusMap;
};

/** Evidence that Django's runner started, for an otherwise empty status map. */
export function djangoSuiteRan(text: string): boolean {
  return /^(Ran \d+ tests? in |Testing against Django installed in |Found \d+ test\(s\)\.)/m.test(text);
}
