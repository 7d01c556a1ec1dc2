// The filters stage: which docs author:, venue:, category:, code: and date filters allow, and the
// filter-only listing (newest first).
import type { Paper } from '../catalog/paper.js';
import { TopK } from './heap.js';
import type { InvertedIndex } from './inverted.js';
import type { DocFacts, PaperTable } from './paper-table.js';
import type { Postings } from './postings.js';
import type { Filters } from './query.js';
import type { Ranked } from './ranked.js';
import { type Analyzer, fold, tokens } from './text.js';

/** Checks docs against a query's filters; the postings-based ones (authors, venues, categories) via a mask. */
export class DocFilter {
  /** Per doc, how many of the postings-based filters it passed so far (reset after each query). */
  private mask: Uint8Array = new Uint8Array(0);

  constructor(
    readonly index: InvertedIndex,
    readonly postings: Postings,
    readonly paperTable: PaperTable,
    readonly facts: DocFacts,
    readonly analyzer: Analyzer,
  ) {}

  /** Makes room for `capacity` docs (the mask starts all clear). */
  reserve(capacity: number): void {
    this.mask = new Uint8Array(capacity);
  }

  /** Clears the mask buildMask set, ready for the next query. */
  clear(): void {
    this.mask.fill(0, 0, this.index.docCount);
  }

  /** 1 where the filters that need postings (authors, categories) allow the doc; returns the level to match. */
  buildMask(filters: Filters): number {
    let level = 0;
    const mask = this.mask;
    for (const author of filters.authors) {
      const docs = this.authorDocs(author);
      for (const d of docs) if (mask[d] === level) mask[d] = level + 1;
      level++;
    }
    for (const venue of filters.venues ?? []) {
      for (const d of this.venueDocs(venue)) if (mask[d] === level) mask[d] = level + 1;
      level++;
    }
    if (filters.categories.length > 0) {
      for (const [name, list] of this.facts.categories) {
        if (!filters.categories.some((c) => name === c || name.startsWith(`${c}.`))) continue;
        const docs = list.view();
        for (let i = 0; i < docs.length; i++) {
          const d = docs[i]!;
          if (mask[d] === level) mask[d] = level + 1;
        }
      }
      level++;
    }
    return level;
  }

  /** Docs whose author list contains every word of the name (surname alone is enough). */
  private authorDocs(name: string): number[] {
    let result: number[] | null = null;
    for (const token of tokens(name)) {
      const id = this.index.termId(this.analyzer.term(token) ?? token);
      if (id === undefined) return [];
      const docs = this.postings.docsWithField(id, inAuthors);
      result = result === null ? docs : intersect(result, docs);
    }
    return result ?? [];
  }

  /**
   * Docs whose venue (journal reference or comment) has every word of `venue`. The venue is indexed with the
   * abstract, so the postings narrow it down and only those papers are read to check the words are the venue's.
   */
  private venueDocs(venue: string): number[] {
    const words = tokens(venue).map(fold);
    let result: number[] | null = null;
    for (const token of words) {
      const id = this.index.termId(this.analyzer.term(token) ?? token);
      if (id === undefined) return [];
      const docs = this.postings.docsWithField(id, inAbstract);
      result = result === null ? docs : intersect(result, docs);
    }
    return (result ?? []).filter((d) => {
      const paper = this.paperTable.get(d);
      if (!paper) return false;
      const own = new Set(tokens(venueText(paper)).map(fold));
      return words.every((w) => own.has(w));
    });
  }

  allowed(d: number, filters: Filters, maskLevel: number): boolean {
    if (this.index.deleted[d] === 1) return false;
    if (maskLevel > 0 && this.mask[d] !== maskLevel) return false;
    if (filters.code !== undefined && this.facts.hasCode(d) !== filters.code) return false;
    if (filters.after !== undefined || filters.before !== undefined) {
      const date = this.facts.dates[d]!;
      if (date === 0) return false;
      if (filters.after !== undefined && date < filters.after) return false;
      if (filters.before !== undefined && date >= filters.before) return false;
    }
    return true;
  }

  /** Filter-only queries: the matching papers, newest first. */
  listFiltered(filters: Filters, maskLevel: number, k: number): Ranked {
    const n = this.index.docCount;
    const dates = this.facts.dates;
    const ranks = this.facts.ranks;
    const rankOf = (d: number) => ranks[d] || 9_999_999;
    // Newest first straight into a bounded heap: a broad filter (cat:cs) allows most of a million docs, and
    // collecting them all before picking k cost more than the scan itself.
    const heap = new TopK(k);
    let total = 0;
    for (let d = 0; d < n; d++) {
      if (!this.allowed(d, filters, maskLevel)) continue;
      total++;
      const key = dates[d]! * 1e7 - rankOf(d);
      if (key >= heap.floor()) heap.push(d, key);
    }
    const top = heap.sorted().docs;
    top.sort((a, b) => dates[b]! - dates[a]! || rankOf(a) - rankOf(b) || a - b);
    return { docs: top.slice(0, k), scores: top.slice(0, k).map(() => 0), total };
  }
}

/** A packed posting's count of the term in the authors field. */
const inAuthors = (packed: number): number => (packed >> 9) & 3;
/** ...and in the abstract (where the venue is indexed). */
const inAbstract = (packed: number): number => (packed >> 3) & 63;

/** Where a paper appeared, as its source says: the journal reference and the authors' comment. */
export function venueText(p: Paper): string {
  return [p.journalRef, p.comment].filter(Boolean).join('\n');
}

export function filtersActive(f: Filters): boolean {
  return (
    f.code !== undefined ||
    f.after !== undefined ||
    f.before !== undefined ||
    f.authors.length > 0 ||
    f.categories.length > 0 ||
    (f.venues?.length ?? 0) > 0
  );
}

/**
 * The docs of `a` also in `b`, in `a`'s order. Postings come in doc order, so a merge walk does it without
 * hashing: at a million papers a common surname matches ~170,000 docs, and building a Set of them made
 * `author:"Wei Wang"` cost 3× its two words alone. Unsorted input falls back to the Set.
 */
export function intersect(a: readonly number[], b: readonly number[]): number[] {
  if (!increasing(a) || !increasing(b)) {
    const have = new Set(b);
    return a.filter((d) => have.has(d));
  }
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < a.length && j < b.length; i++) {
    const d = a[i]!;
    while (j < b.length && b[j]! < d) j++;
    if (b[j] === d) out.push(d);
  }
  return out;
}

function increasing(xs: readonly number[]): boolean {
  for (let i = 1; i < xs.length; i++) if (xs[i]! <= xs[i - 1]!) return false;
  return true;
}
