// Which repository paths are test files, by the conventions of the languages we grade.

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
