// The rank stage: scores a plan's slots into per-doc accumulators (owned here and reused across queries),
// prunes with MaxScore once the top k is settled, and picks the best k allowed docs.
import { U32List } from './arrays.js';
import type { DocFilter } from './filters.js';
import { venueText } from './filters.js';
import { BestFirst, TopK } from './heap.js';
import type { InvertedIndex } from './inverted.js';
import type { PaperTable } from './paper-table.js';
import type { RankingParams } from './params.js';
import type { GroupSlot, Plan, Slot, TermSlot, Variant } from './plan.js';
import type { Postings } from './postings.js';
import type { Filters } from './query.js';
import type { Ranked } from './ranked.js';
import { fold } from './text.js';

/** Phrase queries re-read at most this many candidates (best first) to check word order... */
const PHRASE_CANDIDATES = 2000;
/** ...and at least this many before estimating the total from them. */
const PHRASE_MIN_CHECKED = 250;

/** What rank scores in one go: a slot, or one variant of a word (sharing the word's `part` scores). */
interface Unit {
  slot: Slot;
  variants: Variant[];
  part?: Float32Array;
  bound: number;
  size: number;
}

export type { Ranked } from './ranked.js';

/** Ranks plans over one index; its scratch buffers make it single-threaded (one query at a time). */
export class Ranker {
  private acc: Float32Array = new Float32Array(0);
  private slotAcc: Float32Array = new Float32Array(0);
  private counts: Uint8Array = new Uint8Array(0);
  private req: Uint8Array = new Uint8Array(0);
  private groupCount: Uint8Array = new Uint8Array(0);
  private groupAcc: Float32Array = new Float32Array(0);
  private groupTouched = new U32List(1024);
  private touched = new U32List(1024);
  private slotTouched = new U32List(1024);
  /** Bitmap of the docs matched by slots that pruning gated (for the total; they are not scored). */
  private bits: Int32Array = new Int32Array(0);
  private bitsUsed = false;
  private cand: Uint32Array = new Uint32Array(1024);
  /** Per-doc scores of split words (see units), reused across queries. */
  private parts: Float32Array[] = [];
  private partsUsed = 0;

  constructor(
    readonly index: InvertedIndex,
    readonly paperTable: PaperTable,
    readonly postings: Postings,
    readonly filter: DocFilter,
    readonly params: RankingParams,
  ) {}

  /** Sizes the buffers for the index as it is now and refreshes the BM25F multipliers after changes. */
  prepare(): void {
    if (this.postings.fresh()) return;
    const n = this.index.docCount;
    if (this.acc.length < n) {
      const cap = Math.max(n, Math.ceil(this.acc.length * 1.5), 1024);
      this.acc = new Float32Array(cap);
      this.slotAcc = new Float32Array(cap);
      this.counts = new Uint8Array(cap);
      this.req = new Uint8Array(cap);
      this.groupCount = new Uint8Array(cap);
      this.groupAcc = new Float32Array(cap);
      this.filter.reserve(cap);
      this.bits = new Int32Array((cap >> 5) + 1);
      this.parts = [];
    }
    this.postings.prepare();
  }

  /** Keeps, per doc, the larger of target and the average weighted score of `terms` where all occur. */
  private maxGroup(
    terms: number[],
    weight: number,
    target: Float32Array,
    touched: U32List,
    gated: boolean,
  ): void {
    const acc = this.groupAcc;
    const counts = this.groupCount;
    const gt = this.groupTouched;
    gt.length = 0;
    this.postings.countTerms(terms, weight / terms.length, acc, counts, gt, gated ? this.acc : undefined);
    const gate = this.acc;
    const list = gt.view();
    for (let i = 0; i < list.length; i++) {
      const d = list[i]!;
      if (counts[d] === terms.length) {
        if (!gated || gate[d] !== 0) {
          const prev = target[d]!;
          if (prev === 0) touched.push(d);
          if (acc[d]! > prev) target[d] = acc[d]!;
        }
      }
      acc[d] = 0;
      counts[d] = 0;
    }
  }

  /**
   * Scores the slots into the accumulator, then picks the best `k` allowed docs. Dynamic pruning
   * (term-at-a-time MaxScore): slots go in order of the most they can add to a score; once the k-th best
   * allowed score so far exceeds what all remaining slots together could add, a doc not yet in the
   * accumulator can no longer reach the top k, so the remaining slots only add to docs already there (and
   * the docs they match are only counted, which keeps the total exact). With required words (phrases),
   * only docs with the rarest required word can match, so every other slot is gated on it.
   */
  rank(plan: Plan, filters: Filters, maskLevel: number, k: number): Ranked {
    const acc = this.acc;
    const touched = this.touched;
    touched.length = 0;
    const filtered =
      maskLevel > 0 ||
      filters.code !== undefined ||
      filters.after !== undefined ||
      filters.before !== undefined;
    const deleted = this.index.deleted;
    let required = 0;
    for (const slot of plan.slots) if (slot.kind === 'term' && slot.required) required++;
    const prune = plan.excluded.length === 0;
    const units = this.units(plan.slots, prune && required === 0);
    if (prune && required > 0) {
      let first = -1;
      units.forEach((u, i) => {
        if (u.slot.kind !== 'term' || !u.slot.required) return;
        if (first < 0 || u.size < units[first]!.size) first = i;
      });
      units.unshift(...units.splice(first, 1));
    } else if (prune) {
      units.sort((a, b) => b.bound - a.bound || a.size - b.size);
    }
    let remaining = 0;
    for (const u of units) remaining += u.bound;
    let gated = false;
    /** Once pruning starts: the docs (sorted) that can still reach the top k, which alone get scored. */
    let alive: Uint32Array | undefined;
    for (let i = 0; i < units.length; i++) {
      const unit = units[i]!;
      const { bound, size } = unit;
      if (prune && !gated && i > 0) {
        if (required > 0) gated = true;
        else if (size >= 1024 && touched.length >= k) {
          const theta = this.kthScore(k, filters, maskLevel, filtered);
          // The margin covers float32 rounding of the accumulated scores.
          if (remaining * (1 + 1e-5) < theta) {
            gated = true;
            alive = this.survivors(theta - remaining * (1 + 1e-5), filters, maskLevel, filtered);
          }
        }
      }
      remaining -= bound;
      if (alive) {
        // Looking docs up pays while they are few next to the postings; else walking is cheaper.
        if (alive.length * 3 < size) this.scoreAlive(unit, alive);
        else this.scoreWalking(unit, true);
        this.markUnit(unit);
        alive = this.narrow(alive, k, remaining);
      } else this.scoreWalking(unit, gated);
    }
    if (this.partsUsed > 0) {
      const list = touched.view();
      for (let p = 0; p < this.partsUsed; p++) {
        const part = this.parts[p]!;
        for (let i = 0; i < list.length; i++) part[list[i]!] = 0;
      }
      this.partsUsed = 0;
    }
    // Exclusions and phrase words that cannot match are marked in `counts` (255 = out).
    for (const term of plan.excluded) {
      this.postings.eachDoc(term, (d) => {
        if (acc[d] !== 0) this.counts[d] = 255;
      });
    }
    const docs = touched.view();
    const n = docs.length;
    const req = this.req;
    const counts = this.counts;
    const phrases = plan.phrases.length > 0 || plan.excludedPhrases.length > 0;
    const heap = new TopK(k);
    const candidates = phrases
      ? { docs: new Uint32Array(n), scores: new Float64Array(n), size: 0 }
      : undefined;
    let total = 0;
    let floor = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const d = docs[i]!;
      const score = acc[d]!;
      const ok =
        counts[d] !== 255 &&
        req[d] === required &&
        deleted[d] !== 1 &&
        (!filtered || this.filter.allowed(d, filters, maskLevel));
      acc[d] = 0;
      req[d] = 0;
      counts[d] = 0;
      if (!ok) continue;
      if (candidates) {
        candidates.docs[candidates.size] = d;
        candidates.scores[candidates.size++] = score;
      } else {
        total++;
        if (score >= floor) {
          heap.push(d, score);
          floor = heap.floor();
        }
      }
    }
    if (this.bitsUsed) total += this.countMarked(docs, filters, maskLevel, filtered);
    if (!candidates) {
      const { docs: top, scores } = heap.sorted();
      return { docs: top, scores, total };
    }
    return this.verifyPhrases(plan, candidates, k);
  }

  /**
   * The units rank scores: whole slots, or (split) one unit per variant of a word, so that a common word's
   * rare completions (high idf) go early and its common form (low idf, long postings) can be gated. The
   * variants of one word share a `part` array holding the word's score per doc so far (a doc scores its
   * best variant, never their sum).
   */
  private units(slots: Slot[], split: boolean): Unit[] {
    const units: Unit[] = [];
    for (const slot of slots) {
      if (slot.kind === 'term' && split && slot.variants.length > 1) {
        const part = this.part();
        for (const v of slot.variants) {
          const one: TermSlot = { ...slot, variants: [v] };
          units.push({
            slot,
            variants: [v],
            part,
            bound: this.upperBound(one),
            size: this.postingCount(one),
          });
        }
      } else {
        const variants = slot.kind === 'term' ? slot.variants : [];
        units.push({ slot, variants, bound: this.upperBound(slot), size: this.postingCount(slot) });
      }
    }
    return units;
  }

  private part(): Float32Array {
    const i = this.partsUsed++;
    if (this.parts.length <= i) this.parts.push(new Float32Array(this.acc.length));
    return this.parts[i]!;
  }

  /** One variant of a split word: raises the doc's score for the word to this variant's where better. */
  private scorePiece(slot: TermSlot, variants: Variant[], part: Float32Array, gated: boolean): void {
    const slotAcc = this.slotAcc;
    const list = this.bestOfVariants(slot, variants, gated);
    const acc = this.acc;
    const touched = this.touched;
    for (let i = 0; i < list.length; i++) {
      const d = list[i]!;
      const s = slotAcc[d]!;
      slotAcc[d] = 0;
      const old = part[d]!;
      if (s <= old) continue;
      const prev = acc[d]!;
      if (prev === 0) touched.push(d);
      acc[d] = prev + (s - old);
      part[d] = s;
    }
  }

  /** Scores a unit by walking its postings (gated: only docs already in the accumulator). */
  private scoreWalking(unit: Unit, gated: boolean): void {
    const { slot, variants, part } = unit;
    if (slot.kind === 'group') this.scoreGroupSlot(slot, gated);
    else if (part) this.scorePiece(slot, variants, part, gated);
    else if (variants.length === 1 && !slot.required && !variants[0]!.group) {
      const v = variants[0]!;
      this.postings.scoreTerm(
        v.term,
        slot.weight * v.weight,
        this.acc,
        this.touched,
        gated ? this.acc : undefined,
        false,
      );
    } else this.scoreMaxSlot(slot, gated);
  }

  /**
   * The surviving docs that can still reach the top k once `remaining` more is added at most. The k best
   * of all are among them (scores only grow), so their k-th best score is a floor for the final one.
   */
  private narrow(alive: Uint32Array, k: number, remaining: number): Uint32Array {
    if (alive.length <= k) return alive;
    const acc = this.acc;
    const heap = new TopK(k);
    let floor = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < alive.length; i++) {
      const score = acc[alive[i]!]!;
      if (score <= floor) continue;
      heap.push(alive[i]!, score);
      floor = heap.floor();
    }
    const min = floor - remaining * (1 + 1e-5);
    let m = 0;
    for (let i = 0; i < alive.length; i++) {
      const d = alive[i]!;
      if (acc[d]! >= min) alive[m++] = d;
    }
    return alive.subarray(0, m);
  }

  /** The allowed docs in the accumulator scoring at least `min` so far, in doc order. */
  private survivors(min: number, filters: Filters, maskLevel: number, filtered: boolean): Uint32Array {
    const docs = this.touched.view();
    const acc = this.acc;
    const deleted = this.index.deleted;
    const out = new Uint32Array(docs.length);
    let m = 0;
    for (let i = 0; i < docs.length; i++) {
      const d = docs[i]!;
      if (acc[d]! < min || deleted[d] === 1) continue;
      if (filtered && !this.filter.allowed(d, filters, maskLevel)) continue;
      out[m++] = d;
    }
    return out.subarray(0, m).sort();
  }

  /** Scores a gated unit for the surviving docs only, looking each up in the postings. */
  private scoreAlive(unit: Unit, docs: Uint32Array): void {
    const m = docs.length;
    const acc = this.acc;
    const slot = unit.slot;
    if (slot.kind === 'group') {
      const score = new Float32Array(m);
      const have = new Uint8Array(m);
      for (const t of slot.terms) this.postings.gather(t, slot.weight / slot.terms.length, docs, score, have);
      const unless = new Uint8Array(m);
      for (const t of slot.unless) this.postings.gather(t, 0, docs, undefined, unless);
      const need = slot.terms.length;
      const all = slot.unless.length > 0 ? slot.unless.length : 256;
      for (let j = 0; j < m; j++) {
        if (have[j] === need && unless[j]! < all) acc[docs[j]!] = acc[docs[j]!]! + score[j]!;
      }
      return;
    }
    const best = new Float32Array(m);
    const score = new Float32Array(m);
    const have = new Uint8Array(m);
    for (const v of unit.variants) {
      const terms = v.group ?? [v.term];
      score.fill(0);
      have.fill(0);
      for (const t of terms)
        this.postings.gather(t, (slot.weight * v.weight) / terms.length, docs, score, have);
      for (let j = 0; j < m; j++) if (have[j] === terms.length && score[j]! > best[j]!) best[j] = score[j]!;
    }
    const part = unit.part;
    for (let j = 0; j < m; j++) {
      const s = best[j]!;
      if (s === 0) continue;
      const d = docs[j]!;
      if (part) {
        const old = part[d]!;
        if (s <= old) continue;
        acc[d] = acc[d]! + (s - old);
        part[d] = s;
      } else acc[d] = acc[d]! + s;
    }
  }

  /**
   * Marks in `bits` the docs a gated unit matches, for the total. An acronym found for a typed expansion
   * counts its docs whole: those that also have every typed word match those words' own slots anyway.
   */
  private markUnit(unit: Unit): void {
    this.bitsUsed = true;
    const slot = unit.slot;
    if (slot.kind === 'group') this.markAll(slot.terms);
    else for (const v of unit.variants) this.markAll(v.group ?? [v.term]);
  }

  /** Sets in `bits` the docs that contain every one of `terms`. */
  private markAll(terms: number[]): void {
    const bits = this.bits;
    if (terms.length === 1) {
      this.postings.markTerm(terms[0]!, bits);
      return;
    }
    const words = (this.index.docCount >> 5) + 1;
    const both = new Int32Array(words);
    const one = new Int32Array(words);
    this.postings.markTerm(terms[0]!, both);
    for (let t = 1; t < terms.length; t++) {
      one.fill(0);
      this.postings.markTerm(terms[t]!, one);
      for (let i = 0; i < words; i++) both[i] = both[i]! & one[i]!;
    }
    for (let i = 0; i < words; i++) bits[i] = bits[i]! | both[i]!;
  }

  /** How many allowed docs the gated units matched beyond those in the accumulator; clears the bitmap. */
  private countMarked(inAcc: Uint32Array, filters: Filters, maskLevel: number, filtered: boolean): number {
    const bits = this.bits;
    for (let i = 0; i < inAcc.length; i++) {
      const d = inAcc[i]!;
      bits[d >> 5] = bits[d >> 5]! & ~(1 << (d & 31));
    }
    const words = (this.index.docCount >> 5) + 1;
    const deleted = this.index.deleted;
    const exact = !filtered && this.index.liveCount === this.index.docCount;
    let n = 0;
    for (let i = 0; i < words; i++) {
      let x = bits[i]!;
      if (x === 0) continue;
      bits[i] = 0;
      if (exact) {
        x -= (x >>> 1) & 0x55555555;
        x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
        n += (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
        continue;
      }
      while (x !== 0) {
        const low = x & -x;
        const d = (i << 5) + (31 - Math.clz32(low));
        x ^= low;
        if (deleted[d] !== 1 && (!filtered || this.filter.allowed(d, filters, maskLevel))) n++;
      }
    }
    this.bitsUsed = false;
    return n;
  }

  /** The k-th best score among allowed docs in the accumulator (scores only grow, so a lower bound). */
  private kthScore(k: number, filters: Filters, maskLevel: number, filtered: boolean): number {
    const docs = this.touched.view();
    const acc = this.acc;
    const deleted = this.index.deleted;
    const heap = new TopK(k);
    let floor = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < docs.length; i++) {
      const d = docs[i]!;
      const score = acc[d]!;
      if (score <= floor || deleted[d] === 1) continue;
      if (filtered && !this.filter.allowed(d, filters, maskLevel)) continue;
      heap.push(d, score);
      floor = heap.floor();
    }
    return floor;
  }

  /** The most a slot can add to a doc's score: BM25F saturates below weight·idf·(k1 + 1). */
  private upperBound(slot: Slot): number {
    const k1 = this.params.k1;
    if (slot.kind === 'group') {
      let idf = 0;
      for (const t of slot.terms) idf += this.postings.idf(t);
      return (slot.weight * idf * (k1 + 1)) / Math.max(1, slot.terms.length);
    }
    let best = 0;
    for (const v of slot.variants) best = Math.max(best, v.weight * this.postings.variantIdf(v));
    return slot.weight * best * (k1 + 1);
  }

  /** How many postings scoring the slot reads. */
  private postingCount(slot: Slot): number {
    const df = this.index.df;
    let n = 0;
    if (slot.kind === 'group') for (const t of slot.terms) n += df[t] ?? 0;
    else for (const v of slot.variants) for (const t of v.group ?? [v.term]) n += df[t] ?? 0;
    return n;
  }

  /** Per doc, the best score of any of the slot's variants, in slotAcc; returns the docs scored. */
  private bestOfVariants(slot: TermSlot, variants: Variant[], gated: boolean): Uint32Array {
    const slotAcc = this.slotAcc;
    const st = this.slotTouched;
    st.length = 0;
    for (const v of variants) {
      if (v.group) this.maxGroup(v.group, slot.weight * v.weight, slotAcc, st, gated);
      else
        this.postings.scoreTerm(
          v.term,
          slot.weight * v.weight,
          slotAcc,
          st,
          gated ? this.acc : undefined,
          true,
        );
    }
    return st.view();
  }

  private scoreMaxSlot(slot: TermSlot, gated: boolean): void {
    const slotAcc = this.slotAcc;
    const list = this.bestOfVariants(slot, slot.variants, gated);
    const acc = this.acc;
    const touched = this.touched;
    for (let i = 0; i < list.length; i++) {
      const d = list[i]!;
      const prev = acc[d]!;
      if (prev === 0) touched.push(d);
      acc[d] = prev + slotAcc[d]!;
      slotAcc[d] = 0;
      if (slot.required) this.req[d]!++;
    }
  }

  private scoreGroupSlot(slot: GroupSlot, gated: boolean): void {
    const slotAcc = this.slotAcc;
    const st = this.slotTouched;
    st.length = 0;
    const counts = this.groupCount;
    // The average over the expansion's words: three words of an expansion must not outweigh the one typed.
    this.postings.countTerms(
      slot.terms,
      slot.weight / slot.terms.length,
      slotAcc,
      counts,
      st,
      gated ? this.acc : undefined,
    );
    const need = slot.terms.length;
    // Papers that have every `unless` term already matched what was typed: marked 16 per term.
    if (slot.unless.length > 0) {
      const list = st.view();
      const cand = this.candidateBuffer(list.length);
      let m = 0;
      let sorted = true;
      for (let i = 0; i < list.length; i++) {
        const d = list[i]!;
        if ((counts[d]! & 15) !== need) continue;
        if (m > 0 && cand[m - 1]! > d) sorted = false;
        cand[m++] = d;
      }
      const some = cand.subarray(0, m);
      if (!sorted) some.sort();
      for (const term of slot.unless) this.postings.addWherePresent(term, some, counts, 16);
    }
    const unlessAll = slot.unless.length > 0 ? slot.unless.length * 16 : 256;
    const acc = this.acc;
    const touched = this.touched;
    const list = st.view();
    for (let i = 0; i < list.length; i++) {
      const d = list[i]!;
      const c = counts[d]!;
      if ((c & 15) === need && (c & ~15) < unlessAll) {
        const prev = acc[d]!;
        if (prev !== 0) acc[d] = prev + slotAcc[d]!;
        else if (!gated) {
          touched.push(d);
          acc[d] = slotAcc[d]!;
        }
      }
      slotAcc[d] = 0;
      counts[d] = 0;
    }
  }

  private candidateBuffer(n: number): Uint32Array {
    if (this.cand.length < n) this.cand = new Uint32Array(Math.max(n, this.cand.length * 2));
    return this.cand;
  }

  /**
   * Keeps candidates whose text has each quoted phrase (and no excluded phrase), checked best first. A
   * common phrase can have tens of thousands of candidates: once the page is full and enough have been
   * checked, the total is estimated from the share that passed.
   */
  private verifyPhrases(
    plan: Plan,
    candidates: { docs: Uint32Array; scores: Float64Array; size: number },
    k: number,
  ): Ranked {
    const queue = new BestFirst(candidates.docs, candidates.scores, candidates.size);
    const count = candidates.size;
    const outDocs: number[] = [];
    const outScores: number[] = [];
    let checked = 0;
    while (queue.size > 0 && checked < PHRASE_CANDIDATES) {
      if (outDocs.length >= k && checked >= PHRASE_MIN_CHECKED) break;
      const score = queue.topScore();
      const doc = queue.pop();
      checked++;
      const paper = this.paperTable.get(doc);
      if (!paper) continue;
      const text = fold(
        `${paper.title}\n${paper.abstract}\n${(paper.keywords ?? []).join(', ')}\n${venueText(paper)}`,
      );
      if (!plan.phrases.every((re) => re.test(text))) continue;
      if (plan.excludedPhrases.some((re) => re.test(text))) continue;
      outDocs.push(doc);
      outScores.push(score);
    }
    const exact = checked === count;
    const total = exact ? outDocs.length : Math.round((outDocs.length / Math.max(1, checked)) * count);
    return { docs: outDocs.slice(0, k), scores: outScores.slice(0, k), total, approximate: !exact };
  }

  maxScore(slots: Slot[]): number {
    const k1 = this.params.k1;
    let total = 0;
    for (const s of slots) {
      if (s.kind === 'term') {
        if (s.label === '') continue;
        const best = Math.max(0, ...s.variants.map((v) => v.weight * this.postings.variantIdf(v)));
        total += s.weight * best * (k1 + 1);
      }
    }
    return total;
  }

  /** The words (as typed, or the correction, completion or expansion used) that this doc matched. */
  matched(doc: number, plan: Plan): string[] {
    const out: string[] = [];
    for (const s of plan.slots) {
      if (s.kind === 'term') {
        if (s.label === '') continue;
        const v = s.variants.find((x) =>
          x.group
            ? x.group.every((t) => this.postings.contains(t, doc))
            : this.postings.contains(x.term, doc),
        );
        if (v) out.push(v.label);
      } else if (
        s.terms.every((t) => this.postings.contains(t, doc)) &&
        !(s.unless.length > 0 && s.unless.every((t) => this.postings.contains(t, doc)))
      ) {
        out.push(s.label);
      }
    }
    out.push(...plan.phraseLabels);
    return [...new Set(out)];
  }
}
