// Walks over the sorted vocabulary of surface words: prefix completion for the word being typed, and
// typo correction within a small edit distance (a trie walk over the sorted array, no extra index).

export interface VocabularyView {
  /** Surface words by id. */
  words: readonly string[];
  /** Ids sorted by word. */
  order: Uint32Array;
  /** Documents containing each surface word. */
  df: Uint32Array;
}

/** [lo, hi) in `order` of the words starting with `prefix`. */
export function prefixRange(v: VocabularyView, prefix: string): [number, number] {
  const { words, order } = v;
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (words[order[mid]!]! < prefix) lo = mid + 1;
    else hi = mid;
  }
  const start = lo;
  hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (words[order[mid]!]!.startsWith(prefix)) lo = mid + 1;
    else hi = mid;
  }
  return [start, lo];
}

/** The most frequent words starting with `prefix` (the prefix itself excluded), most frequent first. */
export function completions(v: VocabularyView, prefix: string, limit: number): number[] {
  const [lo, hi] = prefixRange(v, prefix);
  const best: number[] = [];
  for (let i = lo; i < hi; i++) {
    const id = v.order[i]!;
    if (v.words[id]!.length === prefix.length) continue;
    const df = v.df[id]!;
    if (df === 0) continue;
    if (best.length < limit) {
      best.push(id);
      if (best.length === limit) best.sort((a, b) => v.df[b]! - v.df[a]!);
    } else if (df > v.df[best[limit - 1]!]!) {
      let k = limit - 1;
      while (k > 0 && v.df[best[k - 1]!]! < df) {
        best[k] = best[k - 1]!;
        k--;
      }
      best[k] = id;
    }
  }
  if (best.length < limit) best.sort((a, b) => v.df[b]! - v.df[a]!);
  return best;
}

export interface Correction {
  id: number;
  distance: number;
}

/**
 * Words within `maxDistance` edits of `word` (insertions, deletions, substitutions and swaps of two
 * neighbours: "modles" → "models" is one edit), with the same first letter. Walks the sorted words as a
 * trie, pruning every branch whose best possible distance is already too large.
 */
export function corrections(v: VocabularyView, word: string, maxDistance: number, limit = 64): Correction[] {
  const n = word.length;
  const q = new Int32Array(n);
  for (let j = 0; j < n; j++) q[j] = word.charCodeAt(j);
  const maxDepth = n + maxDistance + 1;
  const rows: Int32Array[] = [];
  for (let d = 0; d <= maxDepth; d++) rows.push(new Int32Array(n + 1));
  const first = rows[0]!;
  for (let j = 0; j <= n; j++) first[j] = j;
  const out: Correction[] = [];
  const { words, order } = v;
  const wordAt = (i: number): string => words[order[i]!]!;

  const walk = (lo: number, hi: number, depth: number, prevChar: number): void => {
    const row = rows[depth]!;
    while (lo < hi && wordAt(lo).length === depth) {
      if (row[n]! <= maxDistance && out.length < limit) out.push({ id: order[lo]!, distance: row[n]! });
      lo++;
    }
    if (depth >= maxDepth - 1) return;
    const prevRow = depth > 0 ? rows[depth - 1]! : undefined;
    const next = rows[depth + 1]!;
    while (lo < hi) {
      const c = wordAt(lo).charCodeAt(depth);
      // End of the run of words with character c at this depth.
      let a = lo + 1;
      let b = hi;
      while (a < b) {
        const mid = (a + b) >>> 1;
        if (wordAt(mid).charCodeAt(depth) === c) a = mid + 1;
        else b = mid;
      }
      const end = a;
      next[0] = depth + 1;
      let best = next[0]!;
      for (let j = 1; j <= n; j++) {
        const cost = q[j - 1] === c ? 0 : 1;
        let value = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + cost);
        if (prevRow && j > 1 && q[j - 1] === prevChar && q[j - 2] === c)
          value = Math.min(value, prevRow[j - 2]! + 1);
        next[j] = value;
        if (value < best) best = value;
      }
      // Typos rarely hit the first letter: keeping it fixed makes the walk many times cheaper.
      if (best <= maxDistance && (depth > 0 || c === q[0])) walk(lo, end, depth + 1, c);
      lo = end;
    }
  };
  walk(0, order.length, 0, -1);
  return out;
}
