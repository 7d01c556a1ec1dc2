// The engine's paper table: papers and their per-paper facts (date, code link, categories, ids) by doc number.

import { closeSync, readSync } from 'node:fs';
import type { Paper } from '../catalog/paper.js';
import { ensure, U32List } from './arrays.js';

/** Papers by doc number: live objects, or JSON in a saved index's file, read when asked for. */
export interface PaperTable {
  get(doc: number): Paper | undefined;
  set(doc: number, paper: Paper | undefined): void;
  close?(): void;
}

export class MemoryPaperTable implements PaperTable {
  private papers: (Paper | undefined)[] = [];
  get(doc: number): Paper | undefined {
    return this.papers[doc];
  }
  set(doc: number, paper: Paper | undefined): void {
    this.papers[doc] = paper;
  }
}

/** Closes the file of a FilePaperTable that was dropped without close(). */
const openFiles = new FinalizationRegistry<number>((fd) => {
  try {
    closeSync(fd);
  } catch {
    // Already closed.
  }
});

/**
 * Papers of a saved index, left in its file as UTF-8 JSON and read when asked for (a few recent ones kept
 * parsed): a saved index is ready without reading or parsing every paper, and a million papers cost disk
 * rather than memory. Papers added after loading live in memory.
 */
export class FilePaperTable implements PaperTable {
  private parsed = new Map<number, Paper>();
  private added = new Map<number, Paper | undefined>();
  private buffer = Buffer.alloc(64 * 1024);
  private fd: number | undefined;

  constructor(
    fd: number,
    private readonly base: number,
    private readonly offsets: Float64Array,
    private readonly cacheLimit = 10_000,
  ) {
    this.fd = fd;
    openFiles.register(this, fd, this);
  }

  get(doc: number): Paper | undefined {
    if (this.added.has(doc)) return this.added.get(doc);
    const hit = this.parsed.get(doc);
    if (hit) return hit;
    if (doc + 1 >= this.offsets.length || this.fd === undefined) return undefined;
    const start = this.offsets[doc]!;
    const length = this.offsets[doc + 1]! - start;
    if (length <= 0) return undefined;
    if (length > this.buffer.length) this.buffer = Buffer.alloc(length);
    const read = readSync(this.fd, this.buffer, 0, length, this.base + start);
    const paper = JSON.parse(this.buffer.toString('utf8', 0, read)) as Paper;
    if (this.parsed.size >= this.cacheLimit) this.parsed.delete(this.parsed.keys().next().value!);
    this.parsed.set(doc, paper);
    return paper;
  }

  set(doc: number, paper: Paper | undefined): void {
    this.added.set(doc, paper);
    this.parsed.delete(doc);
  }

  close(): void {
    if (this.fd === undefined) return;
    openFiles.unregister(this);
    closeSync(this.fd);
    this.fd = undefined;
  }
}

const HAS_CODE = 1;

/** The facts filters need, per doc, in flat arrays; plus id and category lookups. */
export class DocFacts {
  /** Publication (else listing) date as YYYYMMDD, 0 when unknown. */
  dates: Uint32Array = new Uint32Array(1024);
  flags: Uint8Array = new Uint8Array(1024);
  /** Trending rank (0 = none): breaks ties and orders filter-only results. */
  ranks: Uint32Array = new Uint32Array(1024);
  private idMap: Map<string, number> | undefined = new Map();
  private idLoader: (() => Map<string, number>) | undefined;
  categories = new Map<string, U32List>();

  /** Paper id or arXiv id (lowercase) → doc. */
  get ids(): Map<string, number> {
    if (!this.idMap) {
      this.idMap = this.idLoader ? this.idLoader() : new Map();
      this.idLoader = undefined;
    }
    return this.idMap;
  }

  /** Builds the id lookup only when first needed (a loaded index does not pay for it up front). */
  deferIds(loader: () => Map<string, number>): void {
    this.idMap = undefined;
    this.idLoader = loader;
  }

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
