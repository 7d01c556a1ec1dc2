// Merges duplicate papers (same arXiv id, same id, or same normalised title) into one, keeping the richer fields.
import { titleKey, titleSlug } from './ids.js';
import type { Paper, PaperSource, Trending } from './paper.js';

/** Richer sources first: their fields describe a paper best when two catalogs disagree. */
const SOURCE_ORDER: readonly PaperSource[] = [
  'hf',
  'arxiv',
  'seed',
  'arxiv-listing',
  'json',
  'jsonl',
  'beir',
];

/** True when the id was given by a source (arXiv or another tool), not derived from the title. */
export function hasOwnId(p: Paper): boolean {
  return p.arxivId !== undefined || p.id !== titleSlug(p.title);
}

/** Two papers with the same title are one paper unless their ids say otherwise (SciFact has three "Summary"). */
function compatible(a: Paper, b: Paper): boolean {
  if (a.arxivId && b.arxivId) return a.arxivId === b.arxivId;
  if (a.id === b.id) return true;
  return !(hasOwnId(a) && hasOwnId(b));
}

function union(a: readonly string[], b: readonly string[]): string[] {
  if (b.length === 0) return [...a];
  const seen = new Set(a.map((s) => s.toLowerCase()));
  const out = [...a];
  for (const s of b) {
    const k = s.toLowerCase();
    if (!seen.has(k)) {
      seen.add(k);
      out.push(s);
    }
  }
  return out;
}

function longer(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return b.length > a.length ? b : a;
}

function minDate(a?: string, b?: string) {
  return a === undefined ? b : b === undefined ? a : a <= b ? a : b;
}

function maxDate(a?: string, b?: string) {
  return a === undefined ? b : b === undefined ? a : a >= b ? a : b;
}

function maxOf(a?: number, b?: number) {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}

/** Which side is fresher: by listing date, then update date; 0 when it cannot be told. */
function freshness(a: Paper, b: Paper): number {
  const la = a.listed ?? a.updated;
  const lb = b.listed ?? b.updated;
  if (la && lb && la !== lb) return la > lb ? -1 : 1;
  return 0;
}

function mergeTrending(a: Paper, b: Paper): Trending {
  const fresh = freshness(a, b);
  const pick = (x?: number, y?: number) => (fresh < 0 ? (x ?? y) : fresh > 0 ? (y ?? x) : maxOf(x, y));
  const t: Trending = {};
  const rank =
    a.trending.rank === undefined
      ? b.trending.rank
      : b.trending.rank === undefined
        ? a.trending.rank
        : Math.min(a.trending.rank, b.trending.rank);
  const upvotes = pick(a.trending.upvotes, b.trending.upvotes);
  const stars = pick(a.trending.stars, b.trending.stars);
  const comments = pick(a.trending.comments, b.trending.comments);
  if (rank !== undefined) t.rank = rank;
  if (upvotes !== undefined) t.upvotes = upvotes;
  if (stars !== undefined) t.stars = stars;
  if (comments !== undefined) t.comments = comments;
  // Velocity and score are one measurement taken at scoredAt: keep the later measurement whole, never mix two.
  const scored = laterScore(a.trending, b.trending);
  if (scored?.velocity !== undefined) t.velocity = scored.velocity;
  if (scored?.score !== undefined) t.score = scored.score;
  if (scored?.scoredAt !== undefined) t.scoredAt = scored.scoredAt;
  return t;
}

function laterScore(a: Trending, b: Trending): Trending | undefined {
  const has = (t: Trending) => t.velocity !== undefined || t.score !== undefined;
  if (!has(b)) return has(a) ? a : undefined;
  if (!has(a)) return b;
  return (b.scoredAt ?? '') > (a.scoredAt ?? '') ? b : a;
}

/**
 * One paper from two records of it: arXiv id over a source's own id over a title slug; longer abstract;
 * union of authors, categories, keywords and links; best rank; upvotes/stars from the fresher record
 * (the larger when freshness is unknown); earliest publication, latest listing.
 */
export function mergeInto(existing: Paper, incoming: Paper): Paper {
  const arxivId = existing.arxivId ?? incoming.arxivId;
  const id = arxivId ?? (hasOwnId(existing) ? existing.id : hasOwnId(incoming) ? incoming.id : existing.id);
  const title =
    existing.title.endsWith('…') && incoming.title.length > existing.title.length
      ? incoming.title
      : existing.title;
  const authors =
    incoming.authors.length > existing.authors.length
      ? union(incoming.authors, existing.authors)
      : union(existing.authors, incoming.authors);
  const source =
    SOURCE_ORDER.indexOf(incoming.source) < SOURCE_ORDER.indexOf(existing.source)
      ? incoming.source
      : existing.source;
  const merged: Paper = {
    id,
    title,
    abstract: longer(existing.abstract, incoming.abstract) ?? '',
    authors,
    categories: union(existing.categories, incoming.categories),
    keywords: union(existing.keywords, incoming.keywords),
    links: { ...incoming.links, ...existing.links },
    trending: mergeTrending(existing, incoming),
    source,
  };
  if (arxivId) merged.arxivId = arxivId;
  const published = minDate(existing.published, incoming.published);
  const listed = maxDate(existing.listed, incoming.listed);
  const updated = maxDate(existing.updated, incoming.updated);
  const comment = longer(existing.comment, incoming.comment);
  const sourceSummary = existing.sourceSummary ?? incoming.sourceSummary;
  if (published) merged.published = published;
  if (listed) merged.listed = listed;
  if (updated) merged.updated = updated;
  if (comment) merged.comment = comment;
  if (sourceSummary && sourceSummary !== merged.abstract) merged.sourceSummary = sourceSummary;
  const journalRef = longer(existing.journalRef, incoming.journalRef);
  const doi = existing.doi ?? incoming.doi;
  const version = maxOf(existing.version, incoming.version);
  const affiliations = union(existing.affiliations ?? [], incoming.affiliations ?? []);
  const mediaUrls = union(existing.mediaUrls ?? [], incoming.mediaUrls ?? []);
  const thumbnail = existing.thumbnail ?? incoming.thumbnail;
  const organization = existing.organization ?? incoming.organization;
  const submittedBy = existing.submittedBy ?? incoming.submittedBy;
  if (journalRef) merged.journalRef = journalRef;
  if (doi) merged.doi = doi;
  if (version !== undefined) merged.version = version;
  if (affiliations.length > 0) merged.affiliations = affiliations;
  if (thumbnail) merged.thumbnail = thumbnail;
  if (mediaUrls.length > 0) merged.mediaUrls = mediaUrls;
  if (organization) merged.organization = organization;
  if (submittedBy) merged.submittedBy = submittedBy;
  // The Hub lookup runs on every fetch: the incoming record's answer is the newer one.
  const hub = incoming.hub ?? existing.hub;
  if (hub) merged.hub = hub;
  return merged;
}

export interface MergeOutcome {
  paper: Paper;
  /** The paper it was merged into, when it was a duplicate. */
  duplicateOf?: Paper;
}

/** Incremental de-duplication: add papers one by one; order of first appearance is kept. */
export class PaperMerger {
  private readonly list: Paper[] = [];
  private readonly byId = new Map<string, number>();
  private readonly byArxiv = new Map<string, number>();
  private readonly byTitle = new Map<string, number[]>();

  get size(): number {
    return this.list.length;
  }

  papers(): Paper[] {
    return [...this.list];
  }

  get(id: string): Paper | undefined {
    const i = this.byId.get(id) ?? this.byArxiv.get(id);
    return i === undefined ? undefined : this.list[i];
  }

  private find(p: Paper, key: string): number | undefined {
    if (p.arxivId) {
      const i = this.byArxiv.get(p.arxivId);
      if (i !== undefined) return i;
    }
    const i = this.byId.get(p.id);
    if (i !== undefined && compatible(this.list[i]!, p)) return i;
    if (!key) return undefined;
    return this.byTitle.get(key)?.find((j) => compatible(this.list[j]!, p));
  }

  private index(p: Paper, i: number, key: string) {
    this.byId.set(p.id, i);
    if (p.arxivId) this.byArxiv.set(p.arxivId, i);
    if (!key) return;
    const slot = this.byTitle.get(key);
    if (!slot) this.byTitle.set(key, [i]);
    else if (!slot.includes(i)) slot.push(i);
  }

  add(paper: Paper): MergeOutcome {
    const key = titleKey(paper.title);
    const i = this.find(paper, key);
    if (i === undefined) {
      this.list.push(paper);
      this.index(paper, this.list.length - 1, key);
      return { paper };
    }
    const previous = this.list[i]!;
    const merged = mergeInto(previous, paper);
    this.list[i] = merged;
    this.index(merged, i, key);
    return { paper: merged, duplicateOf: previous };
  }
}

/** De-duplicates a list of papers (see mergeInto for which fields win). */
export function mergePapers(papers: Iterable<Paper>): Paper[] {
  const merger = new PaperMerger();
  for (const p of papers) merger.add(p);
  return merger.papers();
}
