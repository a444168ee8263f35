// "Did you mean" candidates: the known names closest to a wanted one, ignoring case, by containment or
// edit distance.

/** Up to `limit` distinct names from `known` that are close to `wanted`, closest first. */
export function similarNames(wanted: string, known: Iterable<string>, limit = 5): string[] {
  const target = wanted.toLowerCase();
  const scored: { name: string; score: number }[] = [];
  for (const name of new Set(known)) {
    const lower = name.toLowerCase();
    if (name === wanted) continue;
    // Score: differing characters; a containment ("load" in "load_config") counts its extra length.
    let score: number;
    if (lower === target) score = 0;
    else if (Math.min(lower.length, target.length) >= 3 && (lower.includes(target) || target.includes(lower)))
      score = Math.abs(lower.length - target.length);
    else {
      score = editDistance(lower, target);
      if (score > Math.max(2, Math.floor(target.length / 3))) continue;
    }
    scored.push({ name, score });
  }
  scored.sort((a, b) => a.score - b.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return scored.slice(0, limit).map((s) => s.name);
}

/** Levenshtein distance, one row at a time. */
function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > Math.max(a.length, b.length) / 2 + 2) return Math.max(a.length, b.length);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}
