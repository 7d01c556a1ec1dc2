// Posting lists and the scoring kernels that read them: BM25F per term, counts of terms per doc, and lookups.
import { sortedHas, type U32List } from './arrays.js';
import { FIELD_COUNT, fieldTf, type InvertedIndex, type Segment } from './inverted.js';
import type { RankingParams } from './params.js';

/** One way a query word can match: a term, or (for an acronym) all the terms of its expansion. */
export interface Variant {
  term: number;
  /** An expansion's terms: the variant scores their average where all of them occur. */
  group?: number[];
  weight: number;
  label: string;
}

/**
 * A cursor over one term's postings, segment by segment: `docs[at..end)` (sorted doc numbers) with their
 * packed field counts in `tfs`. Every walk over a posting list goes through it.
 */
export class PostingCursor {
  docs: Uint32Array = EMPTY_DOCS;
  tfs: Uint16Array = EMPTY_TFS;
  at = 0;
  end = 0;
  private seg = 0;
  private term = 0;
  private segments: readonly Segment[] = [];

  /** Starts over on `term`'s postings; call next() to reach the first segment that has any. */
  reset(segments: readonly Segment[], term: number): this {
    this.segments = segments;
    this.term = term;
    this.seg = 0;
    this.at = 0;
    this.end = 0;
    return this;
  }

  /** Moves to the next segment holding the term; false once there is none. */
  next(): boolean {
    const term = this.term;
    while (this.seg < this.segments.length) {
      const seg = this.segments[this.seg++]!;
      if (term + 1 >= seg.offsets.length) continue;
      this.docs = seg.docs;
      this.tfs = seg.tfs;
      this.at = seg.offsets[term]!;
      this.end = seg.offsets[term + 1]!;
      return true;
    }
    return false;
  }
}

const EMPTY_DOCS = new Uint32Array(0);
const EMPTY_TFS = new Uint16Array(0);
const NO_GATE = new Float32Array(0);

/** The scoring kernels: BM25F over the index's postings, with the per-doc field multipliers they need. */
export class Postings {
  /** Per-doc BM25F multipliers w_f / (1 - b_f + b_f * len_f / avglen_f), refreshed after changes. */
  mult: Float32Array = new Float32Array(0);
  private multDocs = -1;
  private readonly cursor = new PostingCursor();

  constructor(
    readonly index: InvertedIndex,
    readonly params: RankingParams,
  ) {}

  /** Whether the multipliers match the index as it is now. */
  fresh(): boolean {
    return this.multDocs === this.index.docCount && this.mult.length >= this.index.docCount * FIELD_COUNT;
  }

  /** Papers were added or removed: the multipliers are recomputed at the next prepare(). */
  invalidate(): void {
    this.multDocs = -1;
  }

  prepare(): void {
    const idx = this.index;
    const n = idx.docCount;
    const mult = new Float32Array(n * FIELD_COUNT);
    const fields = [
      this.params.fields.title,
      this.params.fields.abstract,
      this.params.fields.authors,
      this.params.fields.keywords,
    ];
    const live = Math.max(1, idx.liveCount);
    for (let f = 0; f < FIELD_COUNT; f++) {
      const { weight, b } = fields[f]!;
      const avg = Math.max(1, idx.fieldTotals[f]! / live);
      for (let d = 0; d < n; d++) {
        mult[d * FIELD_COUNT + f] = weight / (1 - b + (b * idx.lens[d * FIELD_COUNT + f]!) / avg);
      }
    }
    this.mult = mult;
    this.multDocs = n;
  }

  /** A cursor over the term's postings (shared: finish one walk before starting the next). */
  walk(term: number): PostingCursor {
    return this.cursor.reset(this.index.segments, term);
  }

  idf(term: number): number {
    return idf(this.index, term);
  }

  variantIdf(v: Variant): number {
    return variantIdf(this.index, v);
  }

  /**
   * Adds weight·BM25F(term, doc) to target for every doc containing the term, or with `keepMax` keeps the larger
   * of the two (variants of one word). Gated (pruning), only docs with gate[d] !== 0 are scored; the
   * others are only noted for the total.
   */
  scoreTerm(
    term: number,
    weight: number,
    target: Float32Array,
    touched: U32List,
    gate: Float32Array | undefined,
    keepMax: boolean,
  ): void {
    const k1 = this.params.k1;
    const w = weight * this.idf(term) * (k1 + 1);
    const mult = this.mult;
    // A boolean and an always-typed array keep the hot loop as simple for the JIT as it was inline.
    const gated = gate !== undefined;
    const g = gate ?? NO_GATE;
    const c = this.walk(term);
    while (c.next()) {
      const docs = c.docs;
      const tfs = c.tfs;
      const end = c.end;
      for (let i = c.at; i < end; i++) {
        const d = docs[i]!;
        if (gated && g[d] === 0) continue;
        // fieldTf, written out: this is search's hottest loop, and the call cost 2–3 % of query time here.
        const p = tfs[i]!;
        const base = d * FIELD_COUNT;
        const tf =
          (p & 7) * mult[base]! +
          ((p >> 3) & 63) * mult[base + 1]! +
          ((p >> 9) & 3) * mult[base + 2]! +
          (p >> 11) * mult[base + 3]!;
        const s = (w * tf) / (k1 + tf);
        const prev = target[d]!;
        if (prev === 0) touched.push(d);
        if (!keepMax) target[d] = prev + s;
        else if (s > prev) target[d] = s;
      }
    }
  }

  /**
   * One pass over the postings of all `terms`: counts[d] += 1 per term (first touch listed in `list`) and
   * target[d] += weight·BM25F (gated: only for docs with gate[d] !== 0).
   */
  countTerms(
    terms: number[],
    weight: number,
    target: Float32Array,
    counts: Uint8Array,
    list: U32List,
    gate: Float32Array | undefined,
  ): void {
    const k1 = this.params.k1;
    const mult = this.mult;
    const gated = gate !== undefined;
    const g = gate ?? NO_GATE;
    for (const term of terms) {
      const w = weight * this.idf(term) * (k1 + 1);
      const c = this.walk(term);
      while (c.next()) {
        const docs = c.docs;
        const tfs = c.tfs;
        const end = c.end;
        for (let i = c.at; i < end; i++) {
          const d = docs[i]!;
          const n = counts[d]!;
          if (n === 0) list.push(d);
          counts[d] = n + 1;
          if (gated && g[d] === 0) continue;
          const tf = fieldTf(tfs[i]!, mult, d);
          target[d] = target[d]! + (w * tf) / (k1 + tf);
        }
      }
    }
  }

  /** For each of the sorted docs in the term's postings: have[j] += 1 and score[j] += weight·BM25F. */
  gather(
    term: number,
    weight: number,
    docs: Uint32Array,
    score: Float32Array | undefined,
    have: Uint8Array,
  ): void {
    const k1 = this.params.k1;
    const w = weight * this.idf(term) * (k1 + 1);
    const mult = this.mult;
    const c = this.walk(term);
    while (c.next()) {
      const postings = c.docs;
      const tfs = c.tfs;
      const hi = c.end;
      let p = c.at;
      for (let j = 0; j < docs.length && p < hi; j++) {
        const d = docs[j]!;
        if (postings[p]! < d) p = seek(postings, p, hi, d);
        if (p >= hi) break;
        if (postings[p] !== d) continue;
        have[j] = have[j]! + 1;
        if (!score) continue;
        const tf = fieldTf(tfs[p]!, mult, d);
        score[j] = score[j]! + (w * tf) / (k1 + tf);
      }
    }
  }

  /** counts[d] += add for each of the sorted `docs` that the term's postings hold. */
  addWherePresent(term: number, docs: Uint32Array, counts: Uint8Array, add: number): void {
    const c = this.walk(term);
    while (c.next()) addWherePresent(docs, c.docs, c.at, c.end, counts, add);
  }

  /** Calls fn(doc) for each (live or not) doc containing the term. */
  eachDoc(term: number, fn: (doc: number) => void): void {
    const c = this.walk(term);
    while (c.next()) for (let i = c.at; i < c.end; i++) fn(c.docs[i]!);
  }

  /** The docs containing the term in the field whose count `field` extracts from a packed posting. */
  docsWithField(term: number, field: (packed: number) => number): number[] {
    const out: number[] = [];
    const c = this.walk(term);
    while (c.next()) for (let i = c.at; i < c.end; i++) if (field(c.tfs[i]!) > 0) out.push(c.docs[i]!);
    return out;
  }

  contains(term: number, doc: number): boolean {
    const c = this.walk(term);
    while (c.next()) if (sortedHas(c.docs, c.at, c.end, doc)) return true;
    return false;
  }

  /** Sets in `bits` the docs containing the term. */
  markTerm(term: number, bits: Int32Array): void {
    const c = this.walk(term);
    while (c.next()) {
      const docs = c.docs;
      const end = c.end;
      for (let i = c.at; i < end; i++) {
        const d = docs[i]!;
        bits[d >> 5] = bits[d >> 5]! | (1 << (d & 31));
      }
    }
  }
}

export function idf(index: InvertedIndex, term: number): number {
  const df = index.df[term] ?? 0;
  const n = Math.max(1, index.liveCount);
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

/** An expansion's idf is the average of its terms'. */
export function variantIdf(index: InvertedIndex, v: Variant): number {
  if (!v.group) return idf(index, v.term);
  let sum = 0;
  for (const t of v.group) sum += idf(index, t);
  return sum / v.group.length;
}

/** The first index in the sorted postings [p, hi) holding a doc >= d, given postings[p] < d (galloping). */
function seek(postings: Uint32Array, from: number, hi: number, d: number): number {
  let p = from;
  let step = 1;
  let q = p + 1;
  while (q < hi && postings[q]! < d) {
    p = q;
    step *= 2;
    q = p + step;
  }
  let a = p + 1;
  let b = Math.min(q, hi);
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (postings[mid]! < d) a = mid + 1;
    else b = mid;
  }
  return a;
}

/** counts[d] += add for each doc of the sorted `docs` that also occurs in the sorted postings [lo, hi). */
function addWherePresent(
  docs: Uint32Array,
  postings: Uint32Array,
  lo: number,
  hi: number,
  counts: Uint8Array,
  add: number,
): void {
  let p = lo;
  for (let i = 0; i < docs.length && p < hi; i++) {
    const d = docs[i]!;
    if (postings[p]! < d) p = seek(postings, p, hi, d);
    if (p >= hi) break;
    if (postings[p] === d) counts[d] = counts[d]! + add;
  }
}
