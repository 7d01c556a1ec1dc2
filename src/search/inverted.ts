// The inverted index: a term vocabulary and postings in immutable typed-array segments, so adding papers
// builds one small segment (no full rebuild) and a saved index loads as plain buffers.
import { ensure, U32List } from './arrays.js';
import { StringTable } from './interner.js';
import { type Analyzer, scanTokens } from './text.js';

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
  terms: string[] = [];
  termIds = new Map<string, number>();
  /** Document frequency per term over all segments (deleted documents count until their segment merges). */
  df: Uint32Array = new Uint32Array(1024);

  /** Surface words as they appear (folded), for typo tolerance and prefix completion. */
  surfaceIds = new StringTable();
  /** Surface word → term id, or -1 for a stop word. */
  surfaceTerm: Int32Array = new Int32Array(1024);
  surfaceDf: Uint32Array = new Uint32Array(1024);
  private surfaceLastDoc: Int32Array = new Int32Array(1024).fill(-1);
  private sortedOrder: Uint32Array = new Uint32Array(0);

  segments: Segment[] = [];
  /** Number of document slots (deleted ones included); doc ids are slot numbers and never move. */
  docCount = 0;
  liveCount = 0;
  /** Token count per document and field: lens[doc * 4 + field]. */
  lens: Uint16Array = new Uint16Array(4 * 1024);
  deleted: Uint8Array = new Uint8Array(1024);
  fieldTotals: Float64Array = new Float64Array(FIELD_COUNT);

  // Scratch used while indexing one document.
  private termLastDoc: Int32Array = new Int32Array(1024).fill(-1);
  private tfScratch: Uint16Array = new Uint16Array(4 * 1024);

  constructor(private readonly analyzer: Analyzer) {}

  get termCount(): number {
    return this.terms.length;
  }

  termId(term: string): number | undefined {
    return this.termIds.get(term);
  }

  private addTerm(term: string): number {
    const id = this.terms.length;
    this.terms.push(term);
    this.termIds.set(term, id);
    if (id >= this.df.length) {
      this.df = ensure(this.df, id + 1, Uint32Array);
      const old = this.termLastDoc;
      this.termLastDoc = ensure(old, id + 1, Int32Array);
      this.termLastDoc.fill(-1, old.length);
      this.tfScratch = ensure(this.tfScratch, 4 * this.termLastDoc.length, Uint16Array);
    }
    return id;
  }

  /** Surface words by id. */
  get surfaces(): string[] {
    return this.surfaceIds.keys;
  }

  private addSurface(surface: string, hash: number): number {
    const id = this.surfaceIds.add(surface, hash);
    if (id >= this.surfaceTerm.length) {
      this.surfaceTerm = ensure(this.surfaceTerm, id + 1, Int32Array);
      this.surfaceDf = ensure(this.surfaceDf, id + 1, Uint32Array);
      const old = this.surfaceLastDoc;
      this.surfaceLastDoc = ensure(old, id + 1, Int32Array);
      this.surfaceLastDoc.fill(-1, old.length);
    }
    const term = this.analyzer.term(surface);
    let termId = -1;
    if (term !== null) termId = this.termIds.get(term) ?? this.addTerm(term);
    this.surfaceTerm[id] = termId;
    return id;
  }

  /** Adds documents as new doc ids (returned first id) in one or more new segments. */
  add(docs: readonly DocText[]): number {
    const first = this.docCount;
    for (let start = 0; start < docs.length; start += CHUNK) {
      this.addChunk(docs.slice(start, start + CHUNK));
    }
    return first;
  }

  /** Indexes documents produced lazily (a million synthetic papers need not all exist at once). */
  addChunk(docs: readonly DocText[]): void {
    if (docs.length === 0) return;
    const firstDoc = this.docCount;
    const needed = firstDoc + docs.length;
    this.lens = ensure(this.lens, needed * FIELD_COUNT, Uint16Array);
    this.deleted = ensure(this.deleted, needed, Uint8Array);
    const postTerms = new U32List(docs.length * 64);
    const postDocs = new U32List(docs.length * 64);
    const postTfs = new U32List(docs.length * 64);
    const touched: number[] = [];
    let doc = firstDoc;
    let field = 0;
    const onToken = (source: string, start: number, end: number, hash: number): void => {
      let sid = this.surfaceIds.find(source, start, end, hash);
      if (sid < 0)
        sid = this.addSurface(start === 0 && end === source.length ? source : source.slice(start, end), hash);
      if (this.surfaceLastDoc[sid] !== doc) {
        this.surfaceLastDoc[sid] = doc;
        this.surfaceDf[sid]!++;
      }
      let t = this.surfaceTerm[sid]!;
      // Stop words are dropped, except in author names ("Kaiming He", "Yang An").
      if (t < 0) {
        if (field !== 2) return;
        const token = this.surfaces[sid]!;
        t = this.termIds.get(token) ?? this.addTerm(token);
      }
      this.lens[doc * FIELD_COUNT + field]!++;
      if (this.termLastDoc[t] !== doc) {
        this.termLastDoc[t] = doc;
        const base = t * 4;
        this.tfScratch[base] = 0;
        this.tfScratch[base + 1] = 0;
        this.tfScratch[base + 2] = 0;
        this.tfScratch[base + 3] = 0;
        touched.push(t);
      }
      this.tfScratch[t * 4 + field]!++;
    };
    for (const text of docs) {
      field = 0;
      scanTokens(text.title, onToken);
      field = 1;
      scanTokens(text.abstract, onToken);
      field = 2;
      scanTokens(text.authors, onToken);
      field = 3;
      scanTokens(text.keywords, onToken);
      for (const t of touched) {
        const base = t * 4;
        postTerms.push(t);
        postDocs.push(doc);
        postTfs.push(
          packTf(
            this.tfScratch[base]!,
            this.tfScratch[base + 1]!,
            this.tfScratch[base + 2]!,
            this.tfScratch[base + 3]!,
          ),
        );
        this.df[t]!++;
      }
      touched.length = 0;
      for (let f = 0; f < FIELD_COUNT; f++) this.fieldTotals[f]! += this.lens[doc * FIELD_COUNT + f]!;
      doc++;
    }
    this.docCount = doc;
    this.liveCount += docs.length;
    this.segments.push(buildSegment(this.terms.length, postTerms.view(), postDocs.view(), postTfs.view()));
    this.mergeSmallSegments();
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
    this.terms = state.terms;
    this.termIds = new Map();
    for (let i = 0; i < state.terms.length; i++) this.termIds.set(state.terms[i]!, i);
    this.surfaceIds = StringTable.from(state.surfaces);
    this.surfaceTerm = state.surfaceTerm;
    this.surfaceDf = state.surfaceDf;
    this.surfaceLastDoc = new Int32Array(state.surfaces.length).fill(-1);
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
    this.termLastDoc = new Int32Array(Math.max(16, this.terms.length)).fill(-1);
    this.tfScratch = new Uint16Array(4 * this.termLastDoc.length);
    this.recountDf();
  }

  state(): IndexState {
    return {
      terms: this.terms,
      surfaces: this.surfaces,
      surfaceTerm: this.surfaceTerm.subarray(0, this.surfaces.length),
      surfaceDf: this.surfaceDf.subarray(0, this.surfaces.length),
      sortedOrder: this.sortedSurfaces(),
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
