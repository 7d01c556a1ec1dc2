// The search engine's public entry point: keeps the catalog's papers and hands each query through the
// stages: plan (query → slots), filters, rank (postings → best k), then builds the hits.
import type { Paper } from '../catalog/paper.js';
import { truncate } from '../text/truncate.js';
import type { AcronymTable } from './acronyms.js';
import { DocFilter, filtersActive, venueText } from './filters.js';
import type { InvertedIndex } from './inverted.js';
import type { DocFacts, PaperTable } from './paper-table.js';
import type { RankingParams } from './params.js';
import { Planner } from './plan.js';
import { Postings } from './postings.js';
import { parseQuery } from './query.js';
import { type Ranked, Ranker } from './rank.js';
import { type Analyzer, fold } from './text.js';
import type { SearchEngine, SearchHit, SearchOptions, SearchOutcome } from './types.js';

export const MAX_LIMIT = 1000;

export class Engine implements SearchEngine {
  private readonly planner: Planner;
  private readonly postings: Postings;
  private readonly filter: DocFilter;
  private readonly ranker: Ranker;

  constructor(
    readonly index: InvertedIndex,
    readonly paperTable: PaperTable,
    readonly facts: DocFacts,
    readonly acronyms: AcronymTable,
    readonly params: RankingParams,
    readonly analyzer: Analyzer,
  ) {
    this.planner = new Planner(index, analyzer, acronyms, params);
    this.postings = new Postings(index, params);
    this.filter = new DocFilter(index, this.postings, paperTable, facts, analyzer);
    this.ranker = new Ranker(index, paperTable, this.postings, this.filter, params);
  }

  warm(): void {
    this.ranker.prepare();
    this.planner.warm();
  }

  get size(): number {
    return this.index.liveCount;
  }

  /** Releases the saved-index file a loaded engine reads papers from (no-op for a built engine). */
  close(): void {
    this.paperTable.close?.();
  }

  /** The same index ranked with other parameters (experiments; shares all the data). */
  withParams(params: RankingParams): Engine {
    return new Engine(this.index, this.paperTable, this.facts, this.acronyms, params, this.analyzer);
  }

  *all(): Iterable<Paper> {
    for (let d = 0; d < this.index.docCount; d++) {
      if (this.index.deleted[d] === 1) continue;
      const p = this.paperTable.get(d);
      if (p) yield p;
    }
  }

  get(id: string): Paper | undefined {
    const doc = this.facts.ids.get(id.trim().toLowerCase());
    return doc === undefined ? undefined : this.paperTable.get(doc);
  }

  upsert(papers: readonly Paper[]): void {
    const latest = new Map<string, Paper>();
    for (const p of papers) latest.set(p.id.toLowerCase(), p);
    const fresh = [...latest.values()];
    for (const p of fresh) {
      for (const key of [p.id, p.arxivId]) {
        if (!key) continue;
        const old = this.facts.ids.get(key.toLowerCase());
        if (old === undefined) continue;
        const oldPaper = this.paperTable.get(old);
        this.index.remove(old);
        if (oldPaper) this.facts.forget(oldPaper, old);
        this.paperTable.set(old, undefined);
      }
    }
    const first = this.index.docCount;
    this.index.add(fresh.map(docText));
    fresh.forEach((p, i) => {
      this.paperTable.set(first + i, p);
      this.facts.add(first + i, p);
      this.acronyms.mine(p.title);
      this.acronyms.mine(p.abstract);
    });
    this.postings.invalidate();
  }

  resolve(reference: string): Paper | undefined {
    const ref = (reference ?? '').trim();
    if (!ref) return undefined;
    const direct = this.get(ref);
    if (direct) return direct;
    const parsed = parseQuery(ref);
    if (!parsed.ok) return undefined;
    if (parsed.query.references.length > 0) return this.get(parsed.query.references[0]!);
    const result = this.search(ref, { limit: 1, prefix: false });
    if (!result.ok) return undefined;
    const top = result.hits[0];
    if (!top) return undefined;
    if (fold(top.paper.title).replace(/\W+/g, ' ').trim() === fold(ref).replace(/\W+/g, ' ').trim())
      return top.paper;
    return (top.relevance ?? 0) >= 0.35 ? top.paper : undefined;
  }

  suggest(prefix: string, limit = 10): SearchHit[] {
    const text = (prefix ?? '').slice(0, 500);
    const n = Math.max(1, Math.min(limit, 25));
    if (text.trim() === '') return this.newest(n);
    const result = this.search(text, { limit: n, prefix: true });
    return result.ok ? result.hits : [];
  }

  search(query: string, options: SearchOptions = {}): SearchOutcome {
    try {
      return this.run(typeof query === 'string' ? query : String(query ?? ''), options);
    } catch (error) {
      return {
        ok: false,
        message: `search failed: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }

  private run(text: string, options: SearchOptions): SearchOutcome {
    if (text.trim() === '') {
      return {
        ok: false,
        message:
          'empty query: type a few words ("diffusion models"), an arXiv id or URL, or a filter (author:hinton)',
      };
    }
    const parsed = parseQuery(text);
    if (!parsed.ok) return parsed;
    const q = parsed.query;
    const limit = Math.max(1, Math.min(Math.floor(options.limit ?? 10), MAX_LIMIT));
    const page = q.filters.page;
    const offset = Math.max(0, Math.floor(options.offset ?? (page ? (page - 1) * limit : 0)));
    const notices = [...q.notices];
    const shown = shorten(text);

    if (q.references.length > 0) return this.lookup(q.references, notices);

    this.ranker.prepare();
    const expand = options.expand !== false;
    const prefixLast = options.prefix ?? q.lastIsPrefix;
    const plan = this.planner.plan(q, expand, prefixLast);
    notices.push(...plan.notices);
    const hasFilters = filtersActive(q.filters);
    if (plan.slots.length === 0 && !hasFilters) {
      const why =
        q.words.length + q.phrases.length === 0
          ? 'it has no words to search for'
          : 'none of its words are in the catalog';
      return {
        ok: true,
        hits: [],
        total: 0,
        notice: joinNotices([`no papers match "${shown}": ${why}`, ...notices]),
      };
    }

    const maskLevel = this.filter.buildMask(q.filters);
    let ranked: Ranked;
    if (plan.slots.length === 0) {
      ranked = this.filter.listFiltered(q.filters, maskLevel, offset + limit);
      notices.push('newest first');
    } else {
      ranked = this.ranker.rank(plan, q.filters, maskLevel, offset + limit);
    }
    this.filter.clear();

    if (ranked.total === 0) {
      const message = hasFilters
        ? `no papers match "${shown}" with these filters`
        : `no papers match "${shown}"`;
      return { ok: true, hits: [], total: 0, notice: joinNotices([message, ...notices]) };
    }
    const maxScore = this.ranker.maxScore(plan.slots);
    const hits: SearchHit[] = [];
    for (let i = offset; i < Math.min(ranked.docs.length, offset + limit); i++) {
      const doc = ranked.docs[i]!;
      const paper = this.paperTable.get(doc);
      if (!paper) continue;
      const score = ranked.scores[i]!;
      hits.push({
        paper,
        score: round(score),
        matched: this.ranker.matched(doc, plan),
        relevance: maxScore > 0 ? round(Math.min(1, score / maxScore)) : undefined,
      });
    }
    const outcome: SearchOutcome = { ok: true, hits, total: ranked.total };
    if (ranked.approximate) {
      outcome.approximate = true;
      notices.push(`about ${ranked.total.toLocaleString('en-US')} papers have the phrase`);
    }
    const notice = joinNotices(notices);
    if (notice) outcome.notice = notice;
    return outcome;
  }

  private lookup(references: string[], notices: string[]): SearchOutcome {
    const hits: SearchHit[] = [];
    const missing: string[] = [];
    for (const ref of [...new Set(references)]) {
      const paper = this.get(ref);
      if (paper) hits.push({ paper, score: 1, matched: [ref], relevance: 1 });
      else missing.push(ref);
    }
    if (missing.length > 0) {
      notices.push(`${missing.length === 1 ? 'paper' : 'papers'} ${missing.join(', ')} not in the catalog`);
    }
    const outcome: SearchOutcome = { ok: true, hits, total: hits.length };
    const notice = joinNotices(
      hits.length === 0 ? [`no papers match ${missing.join(', ')}`, ...notices] : notices,
    );
    if (notice) outcome.notice = notice;
    return outcome;
  }

  private newest(limit: number): SearchHit[] {
    const ranked = this.filter.listFiltered({ authors: [], categories: [] }, 0, limit);
    const hits: SearchHit[] = [];
    for (const doc of ranked.docs) {
      const paper = this.paperTable.get(doc);
      if (paper) hits.push({ paper, score: 0, matched: [] });
    }
    return hits;
  }
}

export function docText(p: Paper) {
  const venue = venueText(p);
  return {
    title: p.title,
    // The venue is searched with the abstract ("ISSTA", "NeurIPS 2025 spotlight").
    abstract: venue ? `${p.abstract}\n${venue}` : p.abstract,
    authors: (p.authors ?? []).join(', '),
    keywords: (p.keywords ?? []).join(', '),
  };
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? truncate(flat, 58, 'utf16') : flat;
}

function joinNotices(notices: string[]): string | undefined {
  const unique = [...new Set(notices.filter(Boolean))];
  return unique.length > 0 ? unique.join('; ') : undefined;
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}
