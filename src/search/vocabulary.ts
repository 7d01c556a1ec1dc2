// The vocabulary of surface words: prefix completion for the word being typed (ranges of the sorted
// words) and typo correction within one or two edits (a trigram index).

import { editDistance } from '../text/edit-distance.js';

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

const PAD = 0;
const GRAMS = 27 * 27 * 27;

/** Trigram codes of a word padded with two blanks each side: "cat" → __c _ca cat at_ t__. */
function gramsOf(word: string, out: number[]): void {
  out.length = 0;
  let a = PAD;
  let b = PAD;
  for (let i = 0; i <= word.length + 1; i++) {
    const c = i < word.length ? word.charCodeAt(i) - 96 : PAD;
    out.push((a * 27 + b) * 27 + c);
    a = b;
    b = c;
  }
}

const LETTERS = /^[a-z]{3,}$/;

/**
 * Typo tolerance over the vocabulary: words within one or two edits (insertions, deletions, substitutions
 * and swaps of two neighbours: "modles" → "models" is one edit). A word within d edits of another shares
 * all but at most 4·d of its letter triples, so candidates come from a trigram index and only those few are
 * compared letter by letter. Words added later are checked directly until the next rebuild.
 */
export class TypoIndex {
  private offsets = new Uint32Array(GRAMS + 1);
  private ids = new Uint32Array(0);
  private lengths = new Uint8Array(0);
  private counts = new Uint8Array(0);
  private indexed = 0;
  /** Words considered so far (indexed, pending or not letters). */
  private seen = 0;
  private pending: number[] = [];
  private readonly grams: number[] = [];

  constructor(private readonly words: readonly string[]) {
    this.rebuild();
  }

  /** Takes in words appended to the vocabulary since the last call. */
  update(): void {
    for (let id = this.seen; id < this.words.length; id++)
      if (LETTERS.test(this.words[id]!)) this.pending.push(id);
    this.seen = this.words.length;
    if (this.pending.length > Math.max(20_000, this.indexed / 20)) this.rebuild();
  }

  private rebuild(): void {
    const words = this.words;
    const n = words.length;
    const grams = this.grams;
    const counts = new Uint32Array(GRAMS + 1);
    this.lengths = new Uint8Array(n);
    for (let id = 0; id < n; id++) {
      const w = words[id]!;
      if (!LETTERS.test(w)) continue;
      this.lengths[id] = Math.min(w.length, 255);
      gramsOf(w, grams);
      for (const g of grams) counts[g + 1]!++;
    }
    for (let g = 0; g < GRAMS; g++) counts[g + 1]! += counts[g]!;
    this.offsets = counts.slice();
    const cursor = counts.slice(0, GRAMS);
    this.ids = new Uint32Array(this.offsets[GRAMS]!);
    for (let id = 0; id < n; id++) {
      if (this.lengths[id] === 0) continue;
      gramsOf(words[id]!, grams);
      for (const g of grams) this.ids[cursor[g]!++] = id;
    }
    this.counts = new Uint8Array(n);
    this.indexed = n;
    this.pending = [];
    this.seen = n;
  }

  /** Words within `maxDistance` edits of `word` (lowercase a–z), at most `limit`, in no particular order. */
  corrections(word: string, maxDistance: number, limit = 64): Correction[] {
    if (!LETTERS.test(word)) return [];
    this.update();
    const out: Correction[] = [];
    const n = word.length;
    const need = n + 2 - 4 * maxDistance;
    const grams = this.grams;
    gramsOf(word, grams);
    // Pigeonhole: at least `need` of the word's gram positions survive in any match, so scanning the
    // rarest grams until the others cover fewer than `need` positions finds every match.
    const size = (g: number) => this.offsets[g + 1]! - this.offsets[g]!;
    const times = new Map<number, number>();
    for (const g of grams) times.set(g, (times.get(g) ?? 0) + 1);
    const byRarity = [...times.keys()].sort((a, b) => size(a) - size(b));
    let rest = grams.length;
    let scan: number[] = [];
    for (const g of byRarity) {
      if (rest < need) break;
      scan.push(g);
      rest -= times.get(g)!;
    }
    // Short words and two edits leave too few grams to prune by (and too many words to compare): then
    // count the grams each word shares instead.
    const filter = maxDistance > 1 || scan.length * 2 > byRarity.length;
    if (filter) scan = byRarity;
    const counts = this.counts;
    const touched: number[] = [];
    for (const g of scan) {
      const end = this.offsets[g + 1]!;
      for (let i = this.offsets[g]!; i < end; i++) {
        const id = this.ids[i]!;
        const len = this.lengths[id]!;
        if (len < n - maxDistance || len > n + maxDistance) continue;
        if (counts[id] === 0) touched.push(id);
        counts[id]!++;
      }
    }
    const bag = BAG;
    bag.fill(0);
    for (let i = 0; i < n; i++) bag[word.charCodeAt(i) - 96]!++;
    for (const id of touched) {
      if (
        out.length < limit &&
        (!filter || counts[id]! >= need) &&
        bagClose(bag, this.words[id]!, maxDistance)
      ) {
        const d = editDistance(word, this.words[id]!, maxDistance);
        if (d <= maxDistance) out.push({ id, distance: d });
      }
      counts[id] = 0;
    }
    for (const id of this.pending) {
      const w = this.words[id]!;
      if (Math.abs(w.length - n) > maxDistance || out.length >= limit) continue;
      const d = editDistance(word, w, maxDistance);
      if (d <= maxDistance) out.push({ id, distance: d });
    }
    return out;
  }
}

const BAG = new Int32Array(32);
const SEEN = new Int32Array(32);

/**
 * A cheap bound before the edit distance: each edit changes the letter counts by at most 2 in all
 * (a swap by none), so words whose letter counts differ by more than 2·max cannot be within max edits.
 */
function bagClose(bag: Int32Array, w: string, max: number): boolean {
  SEEN.set(bag);
  for (let i = 0; i < w.length; i++) SEEN[w.charCodeAt(i) - 96]!--;
  let diff = 0;
  for (let c = 1; c < 27; c++) diff += Math.abs(SEEN[c]!);
  return diff <= 2 * max;
}
