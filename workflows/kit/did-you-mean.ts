/** Optimal string alignment distance (Levenshtein with adjacent transpositions), ignoring case. */
export const editDistance = (left: string, right: string): number => {
  const a = left.toLowerCase();
  const b = right.toLowerCase();
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i += 1) {
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1]![j]! + 1, rows[i]![j - 1]! + 1, rows[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2]![j - 2]! + 1);
      rows[i]![j] = best;
    }
  }
  return rows[a.length]![b.length]!;
};

/** `did you mean "x"?` when one candidate is within two edits of the word (one for short words), else undefined. */
export const didYouMean = (word: unknown, candidates: readonly unknown[]): string | undefined => {
  if (typeof word !== 'string' || word.length === 0 || word.length > 64) return undefined;
  const limit = word.length <= 3 ? 1 : 2;
  const scored = candidates
    .filter((c): c is string => typeof c === 'string' && c !== word && Math.abs(c.length - word.length) <= limit)
    .map((c) => ({ c, d: editDistance(word, c) }))
    .filter(({ d }) => d <= limit)
    .sort((x, y) => x.d - y.d);
  return scored[0] ? `did you mean "${scored[0].c}"?` : undefined;
};
