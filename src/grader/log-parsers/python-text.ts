// Python `str` semantics the official parsers rely on (`split()`, `strip()`, `\s`), so that
// test ids come out byte for byte as the harness computes them.

/** Characters Python's `str.isspace()` accepts; JS `\s` differs (\x1c-\x1f, \x85 vs \ufeff). */
export const PY_WHITESPACE = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";

const RUN = new RegExp(`[${PY_WHITESPACE}]+`);
const LEADING = new RegExp(`^[${PY_WHITESPACE}]+`);
const TRAILING = new RegExp(`[${PY_WHITESPACE}]+$`);

/** Python `s.split()` with no separator: split on whitespace runs, drop empty ends. */
export function pySplit(text: string): string[] {
  const stripped = pyStrip(text);
  return stripped === "" ? [] : stripped.split(RUN);
}

/** Python `s.strip()`. */
export function pyStrip(text: string): string {
  return text.replace(LEADING, "").replace(TRAILING, "");
}

/** Python `s.lstrip()`. */
export function pyLstrip(text: string): string {
  return text.replace(LEADING, "");
}

/** Python `log.split("\n")`: only LF separates lines; a CR stays part of its line. */
export function pyLines(log: string): string[] {
  return log.split("\n");
}
