// Where the engine keeps papers and their per-paper facts (date, code link, categories, ids) by doc number.
import type { Paper } from '../catalog/paper.js';
import { ensure, U32List } from './arrays.js';

/** Papers by doc number: live objects, or packed JSON from a saved index, parsed when asked for. */
export interface PaperStore {
  get(doc: number): Paper | undefined;
  set(doc: number, paper: Paper | undefined): void;
}

export class ObjectStore implements PaperStore {
  private papers: (Paper | undefined)[] = [];
  get(doc: number): Paper | undefined {
    return this.papers[doc];
  }
  set(doc: number, paper: Paper | undefined): void {
    this.papers[doc] = paper;
  }
}

/**
 * Papers as UTF-8 JSON in one buffer (a saved index), parsed on demand: a saved index is ready without
 * parsing every paper, and a large catalog costs bytes instead of JS objects.
 */
export class PackedStore implements PaperStore {
  private parsed = new Map<number, Paper>();
  private added = new Map<number, Paper | undefined>();
  private readonly decoder = new TextDecoder();
  constructor(
    private readonly bytes: Uint8Array,
    private readonly offsets: Float64Array,
    private readonly cacheLimit = 100_000,
  ) {}

  get(doc: number): Paper | undefined {
    if (this.added.has(doc)) return this.added.get(doc);
    const hit = this.parsed.get(doc);
    if (hit) return hit;
    if (doc + 1 >= this.offsets.length) return undefined;
    const start = this.offsets[doc]!;
    const end = this.offsets[doc + 1]!;
    if (end <= start) return undefined;
    const paper = JSON.parse(this.decoder.decode(this.bytes.subarray(start, end))) as Paper;
    if (this.parsed.size >= this.cacheLimit) this.parsed.clear();
    this.parsed.set(doc, paper);
    return paper;
  }

  set(doc: number, paper: Paper | undefined): void {
    this.added.set(doc, paper);
  }
}

/** Packs papers (undefined for deleted slots) as the bytes and offsets a PackedStore reads. */
export function packPapers(count: number, paperAt: (doc: number) => Paper | undefined) {
  const encoder = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const offsets = new Float64Array(count + 1);
  let total = 0;
  for (let d = 0; d < count; d++) {
    offsets[d] = total;
    const paper = paperAt(d);
    if (!paper) continue;
    const bytes = encoder.encode(JSON.stringify(paper));
    chunks.push(bytes);
    total += bytes.length;
  }
  offsets[count] = total;
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return { bytes, offsets };
}

const HAS_CODE = 1;

/** The facts filters need, per doc, in flat arrays; plus id and category lookups. */
export class DocFacts {
  /** Publication (else listing) date as YYYYMMDD, 0 when unknown. */
  dates: Uint32Array = new Uint32Array(1024);
  flags: Uint8Array = new Uint8Array(1024);
  /** Trending rank (0 = none): breaks ties and orders filter-only results. */
  ranks: Uint32Array = new Uint32Array(1024);
  ids = new Map<string, number>();
  categories = new Map<string, U32List>();

  add(doc: number, paper: Paper): void {
    this.dates = ensure(this.dates, doc + 1, Uint32Array);
    this.flags = ensure(this.flags, doc + 1, Uint8Array);
    this.ranks = ensure(this.ranks, doc + 1, Uint32Array);
    this.dates[doc] = dateNumber(paper.published ?? paper.listed ?? paper.updated);
    this.flags[doc] = paper.links?.code ? HAS_CODE : 0;
    this.ranks[doc] = paper.trending?.rank ?? 0;
    this.ids.set(paper.id.toLowerCase(), doc);
    if (paper.arxivId) this.ids.set(paper.arxivId.toLowerCase(), doc);
    for (const c of new Set((paper.categories ?? []).map((x) => x.toLowerCase()))) {
      let list = this.categories.get(c);
      if (!list) {
        list = new U32List(16);
        this.categories.set(c, list);
      }
      list.push(doc);
    }
  }

  /** Forgets the ids of a replaced or removed paper (its category entries are filtered as deleted). */
  forget(paper: Paper, doc: number): void {
    for (const key of [paper.id, paper.arxivId]) {
      if (key && this.ids.get(key.toLowerCase()) === doc) this.ids.delete(key.toLowerCase());
    }
  }

  hasCode(doc: number): boolean {
    return (this.flags[doc]! & HAS_CODE) !== 0;
  }
}

export function dateNumber(date: string | undefined): number {
  if (!date) return 0;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  return m ? Number(m[1]) * 10000 + Number(m[2]) * 100 + Number(m[3]) : 0;
}
