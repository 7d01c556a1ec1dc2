// editDistance: how many typing mistakes apart two words are, for typo correction and "did you mean".

/** Rows reused between calls, so the typo search allocates nothing per candidate; grown for longer words. */
const ROWS = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * The fewest insertions, deletions, substitutions and swaps of two adjacent units that turn `a` into `b`
 * (optimal string alignment: "modles" → "models" is one edit), counted in UTF-16 units. With `max`, any
 * distance beyond it is answered as max + 1, stopping as soon as that is certain: what makes typo search cheap.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  if (m + 1 > ROWS[0]!.length) for (let r = 0; r < 3; r++) ROWS[r] = new Int32Array(m + 1);
  let prev2 = ROWS[0]!;
  let prev = ROWS[1]!;
  let row = ROWS[2]!;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    row[0] = i;
    let best = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const cb = b.charCodeAt(j - 1);
      let v = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (ca === cb ? 0 : 1));
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb)
        v = Math.min(v, prev2[j - 2]! + 1);
      row[j] = v;
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = row;
    row = t;
  }
  return Math.min(prev[m]!, max + 1);
}
