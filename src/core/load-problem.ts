// A problem found while reading an input file: where (file and line, or directory) and what.

export interface LoadProblem {
  /** `file:line`, or a path. */
  where: string;
  message: string;
  /** Instance the problem concerns, when known. */
  instanceId?: string;
}

export function formatProblem(p: LoadProblem): string {
  return `${p.where}: ${p.instanceId ? `${p.instanceId}: ` : ""}${p.message}`;
}

/** One line of zod issues: `path: message; path: message`. */
export function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `${i.path.length > 0 ? i.path.map(String).join(".") : "(root)"}: ${i.message}`).join("; ");
}
