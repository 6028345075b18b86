/** The closest of `candidates` to `word` when it is close enough to be a likely typo, else undefined. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  const allowed = Math.max(1, Math.floor(word.length / 3));
  for (const candidate of candidates) {
    // Lengths further apart than the allowed edits cannot be close: skip them without measuring, so that a file with
    // thousands of ids and thousands of mistakes is still checked at once.
    if (Math.abs(candidate.length - word.length) > allowed) continue;
    const d = editDistance(word, candidate);
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  return bestDistance <= allowed ? best : undefined;
}

/** A suffix for a message: ` Did you mean "x"?` or nothing. */
export function suggestion(word: string, candidates: Iterable<string>): string {
  const match = didYouMean(word, candidates);
  return match ? ` Did you mean "${match}"?` : "";
}

/** Edits (insert, delete, substitute, swap two neighbours) from `a` to `b`: a swap is the commonest typo. */
function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let twoBack: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, twoBack[j - 2] + 1);
      current.push(d);
    }
    twoBack = previous;
    previous = current;
  }
  return previous[b.length];
}
