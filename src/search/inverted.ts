// The inverted index: a term vocabulary and postings in immutable typed-array segments, so adding papers
// builds one small segment (no full rebuild) and a saved index loads as plain buffers.
import { ensure, U32List } from './arrays.js';
import { AUTHOR_TERM, DF, FingerprintTable, LAST_DOC, SURFACE_STRIDE, TERM } from './interner.js';
import { type Analyzer, scanTokens, type TokenSink, tokenText } from './text.js';

/** Indexed fields, in the order of their per-doc lengths and packed term frequencies. */
export const FIELD_NAMES = ['title', 'abstract', 'authors', 'keywords'] as const;
export type FieldName = (typeof FIELD_NAMES)[number];
export const FIELD_COUNT = 4;

/** Term frequencies per field packed in 16 bits: title 3, abstract 6, authors 2, keywords 5 (saturated). */
export function packTf(title: number, abstract: number, authors: number, keywords: number): number {
  return (
    Math.min(title, 7) |
    (Math.min(abstract, 63) << 3) |
    (Math.min(authors, 3) << 9) |
    (Math.min(keywords, 31) << 11)
  );
}

/**
 * A doc's field-weighted term frequency from its packed posting (packTf): each field's count times the doc's
 * length-normalised weight for that field, `mult[d * FIELD_COUNT + field]`.
 */
export function fieldTf(packed: number, mult: Float32Array, d: number): number {
  const base = d * FIELD_COUNT;
  return (
    (packed & 7) * mult[base]! +
    ((packed >> 3) & 63) * mult[base + 1]! +
    ((packed >> 9) & 3) * mult[base + 2]! +
    (packed >> 11) * mult[base + 3]!
  );
}

export interface DocText {
  title: string;
  abstract: string;
  authors: string;
  keywords: string;
}

/** Postings of a run of documents, in CSR form: term t's docs are docs[offsets[t] .. offsets[t+1]). */
export interface Segment {
  offsets: Uint32Array;
  docs: Uint32Array;
  tfs: Uint16Array;
}

/** Documents per segment while building: bounds the temporary memory of a large build. */
const CHUNK = 65_536;
/** Segments larger than this are never merged again, so a merge never doubles the memory of a huge index. */
const MAX_MERGE_POSTINGS = 40_000_000;

export class InvertedIndex {
  private termTable = new FingerprintTable();
  /** Document frequency per term over all segments (deleted documents count until their segment merges). */
  df: Uint32Array = new Uint32Array(1024);

  /** Surface words as they appear (folded), for typo tolerance and prefix completion. */
  private table = new FingerprintTable(SURFACE_STRIDE);
  /** Surface word → term id, or -1 for a stop word. */
  surfaceTerm: Int32Array = new Int32Array(1024);
  /** Documents containing each surface word (kept in the table while indexing, copied here after). */
  surfaceDf: Uint32Array = new Uint32Array(1024);
  private sortedOrder: Uint32Array = new Uint32Array(0);

  segments: Segment[] = [];
  /** Number of document slots (deleted ones included); doc ids are slot numbers and never move. */
  docCount = 0;
  liveCount = 0;
  /** Token count per document and field: lens[doc * 4 + field]. */
  lens: Uint16Array = new Uint16Array(4 * 1024);
  deleted: Uint8Array = new Uint8Array(1024);
  fieldTotals: Float64Array = new Float64Array(FIELD_COUNT);

  constructor(private readonly analyzer: Analyzer) {}

  /** Index terms (stems) by id. */
  get terms(): string[] {
    return this.termTable.keys;
  }

  get termCount(): number {
    return this.terms.length;
  }

  termId(term: string): number | undefined {
    return this.termTable.get(term);
  }

  /** Surface words by id. */
  get surfaces(): string[] {
    return this.table.keys;
  }

  surfaceId(word: string): number | undefined {
    return this.table.get(word);
  }

  private termIdOrAdd(term: string): number {
    const known = this.termTable.get(term);
    if (known !== undefined) return known;
    const id = this.terms.length;
    this.termTable.add(term);
    if (id >= this.df.length) this.df = ensure(this.df, id + 1, Uint32Array);
    return id;
  }

  /** Adds a new surface word with its term; returns its slot in the table. */
  private addSurface(surface: string, h1?: number, h2?: number): number {
    const term = this.analyzer.termOnce(surface);
    const termId = term === null ? -1 : this.termIdOrAdd(term);
    const at = this.table.add(surface, h1, h2);
    const slots = this.table.slots;
    slots[at + TERM] = termId;
    slots[at + LAST_DOC] = -1;
    slots[at + AUTHOR_TERM] = termId >= 0 ? termId : -2;
    slots[at + DF] = 0;
    const id = this.table.size - 1;
    this.surfaceTerm = ensure(this.surfaceTerm, id + 1, Int32Array);
    this.surfaceTerm[id] = termId;
    return at;
  }

  /** Adds documents as new doc ids (returned first id) in one or more new segments. */
  add(docs: readonly DocText[]): number {
    const first = this.docCount;
    for (let start = 0; start < docs.length; start += CHUNK) {
      this.addChunk(docs.slice(start, start + CHUNK));
    }
    return first;
  }

  /** Indexes a run of documents into one new segment. */
  addChunk(docs: readonly DocText[]): void {
    if (docs.length === 0) return;
    const firstDoc = this.docCount;
    const needed = firstDoc + docs.length;
    this.lens = ensure(this.lens, needed * FIELD_COUNT, Uint16Array);
    this.deleted = ensure(this.deleted, needed, Uint8Array);
    const postTerms = new U32List(docs.length * 64);
    const postDocs = new U32List(docs.length * 64);
    const postTfs = new U32List(docs.length * 64);
    const local = new DocTerms();
    const lens = new Int32Array(FIELD_COUNT);
    let doc = firstDoc;
    let field = 0;
    let shift = 0;
    const onToken: TokenSink = (source, start, end, h1, h2, joined) => {
      const len = joined ? end - start - countHyphens(source, start, end) : end - start;
      let at = this.table.find(h1, h2, len);
      if (at < 0) at = this.addSurface(tokenText(source, start, end, joined), h1, h2);
      const slots = this.table.slots;
      if (slots[at + LAST_DOC] !== doc) {
        slots[at + LAST_DOC] = doc;
        slots[at + DF]!++;
      }
      let t = slots[at + (field === 2 ? AUTHOR_TERM : TERM)]!;
      if (t < 0) {
        if (t === -1) return;
        // Stop words are dropped, except in author names ("Kaiming He", "Yang An").
        const token = this.table.keys[slots[at]! - 1]!;
        t = this.termIdOrAdd(token);
        this.table.slots[at + AUTHOR_TERM] = t;
      }
      lens[field]!++;
      local.count(t, shift);
    };
    for (const text of docs) {
      lens.fill(0);
      field = 0;
      shift = 0;
      scanTokens(text.title, onToken);
      field = 1;
      shift = 8;
      scanTokens(text.abstract, onToken);
      field = 2;
      shift = 16;
      scanTokens(text.authors, onToken);
      field = 3;
      shift = 24;
      scanTokens(text.keywords, onToken);
      local.drain((t, c) => {
        postTerms.push(t);
        postDocs.push(doc);
        postTfs.push(packTf(c & 255, (c >>> 8) & 255, (c >>> 16) & 255, c >>> 24));
        this.df[t]!++;
      });
      for (let f = 0; f < FIELD_COUNT; f++) {
        const n = Math.min(lens[f]!, 65_535);
        this.lens[doc * FIELD_COUNT + f] = n;
        this.fieldTotals[f]! += n;
      }
      doc++;
    }
    this.docCount = doc;
    this.liveCount += docs.length;
    this.segments.push(buildSegment(this.terms.length, postTerms.view(), postDocs.view(), postTfs.view()));
    this.mergeSmallSegments();
    this.syncSurfaceDf();
  }

  private syncSurfaceDf(): void {
    const n = this.table.size;
    this.surfaceDf = ensure(this.surfaceDf, n, Uint32Array);
    const slots = this.table.slots;
    const slotOf = this.table.slotOf;
    for (let id = 0; id < n; id++) this.surfaceDf[id] = slots[slotOf[id]! + DF]!;
  }

  /** Marks a document deleted: it stops matching at once; its postings go at the next merge. */
  remove(doc: number): void {
    if (doc >= this.docCount || this.deleted[doc] === 1) return;
    this.deleted[doc] = 1;
    this.liveCount--;
    for (let f = 0; f < FIELD_COUNT; f++) this.fieldTotals[f]! -= this.lens[doc * FIELD_COUNT + f]!;
  }

  /** Log-structured merging: a segment at least half the size of the one before it merges into it. */
  private mergeSmallSegments(): void {
    for (;;) {
      const n = this.segments.length;
      if (n < 2) return;
      const a = this.segments[n - 2]!;
      const b = this.segments[n - 1]!;
      if (b.docs.length * 2 < a.docs.length || a.docs.length + b.docs.length > MAX_MERGE_POSTINGS) return;
      this.segments.splice(n - 2, 2, this.merge(a, b));
      this.recountDf();
    }
  }

  private merge(a: Segment, b: Segment): Segment {
    const termCount = this.terms.length;
    const offsets = new Uint32Array(termCount + 1);
    let total = 0;
    for (let t = 0; t < termCount; t++) {
      offsets[t] = total;
      total += this.liveIn(a, t) + this.liveIn(b, t);
    }
    offsets[termCount] = total;
    const docs = new Uint32Array(total);
    const tfs = new Uint16Array(total);
    let k = 0;
    for (let t = 0; t < termCount; t++) {
      for (const s of [a, b]) {
        if (t + 1 >= s.offsets.length) continue;
        const end = s.offsets[t + 1]!;
        for (let i = s.offsets[t]!; i < end; i++) {
          const d = s.docs[i]!;
          if (this.deleted[d] === 1) continue;
          docs[k] = d;
          tfs[k] = s.tfs[i]!;
          k++;
        }
      }
    }
    return { offsets, docs, tfs };
  }

  private liveIn(s: Segment, t: number): number {
    if (t + 1 >= s.offsets.length) return 0;
    let n = 0;
    const end = s.offsets[t + 1]!;
    for (let i = s.offsets[t]!; i < end; i++) if (this.deleted[s.docs[i]!] !== 1) n++;
    return n;
  }

  private recountDf(): void {
    this.df.fill(0);
    for (const s of this.segments) {
      const n = s.offsets.length - 1;
      for (let t = 0; t < n; t++) this.df[t]! += s.offsets[t + 1]! - s.offsets[t]!;
    }
  }

  /** Surface ids sorted by their string, for prefix ranges and the typo-tolerant vocabulary walk. */
  sortedSurfaces(): Uint32Array {
    const have = this.sortedOrder.length;
    const total = this.surfaces.length;
    if (have === total) return this.sortedOrder;
    const words = this.surfaces;
    const fresh = Array.from({ length: total - have }, (_, i) => have + i).sort((x, y) =>
      words[x]! < words[y]! ? -1 : 1,
    );
    const merged = new Uint32Array(total);
    let i = 0;
    let j = 0;
    let k = 0;
    const old = this.sortedOrder;
    while (i < old.length && j < fresh.length) {
      merged[k++] = words[old[i]!]! < words[fresh[j]!]! ? old[i++]! : fresh[j++]!;
    }
    while (i < old.length) merged[k++] = old[i++]!;
    while (j < fresh.length) merged[k++] = fresh[j++]!;
    this.sortedOrder = merged;
    return merged;
  }

  /** Restores state saved by a snapshot (see snapshot.ts). */
  restore(state: IndexState): void {
    this.termTable = FingerprintTable.restore(4, state.terms, state.termSlots, state.termSlotOf);
    this.table = FingerprintTable.restore(
      SURFACE_STRIDE,
      state.surfaces,
      state.surfaceSlots,
      state.surfaceSlotOf,
    );
    this.surfaceTerm = state.surfaceTerm;
    this.surfaceDf = state.surfaceDf;
    this.sortedOrder = state.sortedOrder;
    this.segments = state.segments;
    this.docCount = state.docCount;
    this.lens = state.lens;
    this.deleted = state.deleted;
    this.liveCount = 0;
    this.fieldTotals.fill(0);
    for (let d = 0; d < this.docCount; d++) {
      if (this.deleted[d] === 1) continue;
      this.liveCount++;
      for (let f = 0; f < FIELD_COUNT; f++) this.fieldTotals[f]! += this.lens[d * FIELD_COUNT + f]!;
    }
    this.df = new Uint32Array(Math.max(16, this.terms.length));
    this.recountDf();
  }

  state(): IndexState {
    return {
      terms: this.terms,
      surfaces: this.surfaces,
      surfaceTerm: this.surfaceTerm.subarray(0, this.surfaces.length),
      surfaceDf: this.surfaceDf.subarray(0, this.surfaces.length),
      sortedOrder: this.sortedSurfaces(),
      termSlots: this.termTable.slots,
      termSlotOf: this.termTable.slotOf.subarray(0, this.terms.length),
      surfaceSlots: this.table.slots,
      surfaceSlotOf: this.table.slotOf.subarray(0, this.surfaces.length),
      segments: this.segments,
      docCount: this.docCount,
      lens: this.lens.subarray(0, this.docCount * FIELD_COUNT),
      deleted: this.deleted.subarray(0, this.docCount),
    };
  }
}

export interface IndexState {
  terms: string[];
  surfaces: string[];
  surfaceTerm: Int32Array;
  surfaceDf: Uint32Array;
  sortedOrder: Uint32Array;
  /** The tables' own arrays (see interner.ts). */
  termSlots: Int32Array;
  termSlotOf: Int32Array;
  surfaceSlots: Int32Array;
  surfaceSlotOf: Int32Array;
  segments: Segment[];
  docCount: number;
  lens: Uint16Array;
  deleted: Uint8Array;
}

/** Counting sort of (term, doc, tf) triples, already in doc order, into CSR postings. */
function buildSegment(termCount: number, terms: Uint32Array, docs: Uint32Array, tfs: Uint32Array): Segment {
  const offsets = new Uint32Array(termCount + 1);
  for (let i = 0; i < terms.length; i++) offsets[terms[i]! + 1]!++;
  for (let t = 0; t < termCount; t++) offsets[t + 1]! += offsets[t]!;
  const cursor = offsets.slice(0, termCount);
  const outDocs = new Uint32Array(terms.length);
  const outTfs = new Uint16Array(terms.length);
  for (let i = 0; i < terms.length; i++) {
    const k = cursor[terms[i]!]!++;
    outDocs[k] = docs[i]!;
    outTfs[k] = tfs[i]!;
  }
  return { offsets, docs: outDocs, tfs: outTfs };
}

function countHyphens(s: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === 45 || c === 0x2010 || c === 0x2011) n++;
  }
  return n;
}

/**
 * The terms of the document being indexed and their per-field counts (one byte per field, saturating):
 * a small open-addressing table that stays in the CPU cache, unlike per-term arrays over the vocabulary.
 */
class DocTerms {
  private keys = new Int32Array(4096).fill(-1);
  private counts = new Int32Array(4096);
  private used: number[] = [];
  private mask = 4095;

  count(term: number, shift: number): void {
    let i = Math.imul(term, 0x9e3779b1) & this.mask;
    for (;;) {
      const k = this.keys[i]!;
      if (k === term) break;
      if (k === -1) {
        this.keys[i] = term;
        this.counts[i] = 0;
        this.used.push(i);
        if (this.used.length * 2 > this.mask) {
          this.grow();
          this.count(term, shift);
          return;
        }
        break;
      }
      i = (i + 1) & this.mask;
    }
    const c = this.counts[i]!;
    if (((c >>> shift) & 255) < 255) this.counts[i] = c + (1 << shift);
  }

  /** Calls fn(term, counts) for each term of the document, then clears the table. */
  drain(fn: (term: number, counts: number) => void): void {
    for (const i of this.used) {
      fn(this.keys[i]!, this.counts[i]!);
      this.keys[i] = -1;
    }
    this.used.length = 0;
  }

  private grow(): void {
    const keys = this.keys;
    const counts = this.counts;
    const used = this.used;
    this.mask = keys.length * 2 - 1;
    this.keys = new Int32Array(keys.length * 2).fill(-1);
    this.counts = new Int32Array(keys.length * 2);
    this.used = [];
    for (const old of used) {
      let i = Math.imul(keys[old]!, 0x9e3779b1) & this.mask;
      while (this.keys[i] !== -1) i = (i + 1) & this.mask;
      this.keys[i] = keys[old]!;
      this.counts[i] = counts[old]!;
      this.used.push(i);
    }
  }
}
