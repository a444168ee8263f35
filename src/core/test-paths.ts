// Which repository paths are test files, by the conventions of the languages we grade, and the split
// of a patch into its test part and the rest (for judging the tests an agent wrote).
import { patchFiles } from "./patch-files.js";

const TEST_PATTERNS = [
  /(^|\/)tests?\//, // tests/ or test/ folders (python, rust integration tests, many JS projects)
  /(^|\/)__tests__\//,
  /(^|\/)test_[^/]*\.py$/,
  /_test\.py$/,
  /(^|\/)conftest\.py$/,
  /_test\.go$/,
  /\.(test|spec)\.[cm]?[jt]sx?$/,
];

export function isTestPath(path: string): boolean {
  return TEST_PATTERNS.some((re) => re.test(path));
}

/**
 * The file sections of a git patch that touch test files (`tests`) and the others (`code`), each a
 * patch of its own; a patch without `diff --git` headers is all `code`.
 */
export function splitTestChanges(patch: string): { tests: string; code: string } {
  if (!/^diff --git /m.test(patch)) return { tests: "", code: patch };
  const tests: string[] = [];
  const code: string[] = [];
  for (const section of patch.split(/^(?=diff --git )/m)) {
    if (section.trim() === "") continue;
    const file = patchFiles(section)[0];
    const path = file?.newPath ?? file?.oldPath;
    (path !== undefined && isTestPath(path) ? tests : code).push(section);
  }
  return { tests: tests.join(""), code: code.join("") };
}
