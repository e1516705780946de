/**
 * "Did you mean …" for mistyped commands and options: the closest known name by edit distance, if one is close
 * enough to be a likely typo (and not just another short word).
 */

/**
 * Edit distance with adjacent transpositions counted as one edit (optimal string alignment), so `exprot` is one
 * typo away from `export`, as a person would count it.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The candidate closest to `word`, or `undefined` when none is a plausible typo of it: at most one edit for
 * words of up to 4 letters, two for longer ones, or a candidate that starts with what was typed (`--page` →
 * `--page-size`). Ties go to the first candidate, so callers list the likelier ones first.
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const typed = word.toLowerCase();
  if (typed.length === 0) return undefined;
  const allowed = typed.length <= 4 ? 1 : 2;
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const distance = editDistance(typed, name.toLowerCase());
    if (distance <= allowed && (!best || distance < best.distance)) best = { name, distance };
  }
  if (best) return best.name;
  if (typed.length >= 3) for (const name of candidates) if (name.startsWith(typed)) return name;
  return undefined;
}
