// arXiv Atom API: reads the feed's entries into Papers, and fetches recent submissions politely (≥ 3 s apart).
import type { Logger } from 'pino';
import { arxivLinks, normalizeArxivId } from '../catalog/ids.js';
import { linksFromUrls } from '../catalog/normalize.js';
import { type Paper, PaperSchema } from '../catalog/paper.js';
import { doiOf } from '../catalog/record.js';
import { clipClean, clipLine, LIMITS } from './clip.js';
import { isoDayOf, type Period, parsePeriod } from './dates.js';
import { createPacer, getText, type HttpDeps, type HttpPolicy, type Pacer } from './http.js';
import { cutOff, type FetchRequest, type PaperSource, type SourceFetch } from './types.js';
import { child, childrenNamed, parseXml, type XmlElement } from './xml.js';

export interface AtomFeed {
  papers: Paper[];
  /** opensearch:totalResults, when the feed says. */
  totalResults?: number;
  /** Entries in the feed, good or bad (for paging). */
  entries: number;
  /** Entries skipped, each with the reason. */
  skipped: Array<{ index: number; reason: string }>;
  /** The API's own error entry (`http://arxiv.org/api/errors#…`), if it sent one. */
  apiError?: string;
  /** The document ended before </feed>. */
  truncated: boolean;
}

/** An element's clean text, clipped first: a feed's fields get the catalog's limits before any cleaning. */
function text(el: XmlElement | undefined, max = 1_000): string {
  return el ? clipLine(el.text, max) : '';
}

function entryToPaper(entry: XmlElement): Paper | string {
  if (!entry.closed) return 'entry cut off';
  const rawId = text(child(entry, 'id'));
  const arxivId = normalizeArxivId(rawId);
  if (!arxivId) return `id "${rawId.slice(0, 80)}" is not an arXiv id`;
  const title = text(child(entry, 'title'), LIMITS.title);
  if (!title) return `${arxivId}: no title`;
  const categories = [
    child(entry, 'primary_category')?.attrs.term,
    ...childrenNamed(entry, 'category').map((c) => c.attrs.term),
  ]
    .map((c) => c?.trim())
    .filter((c): c is string => Boolean(c));
  const authorEls = childrenNamed(entry, 'author').slice(0, LIMITS.authors);
  const authors = authorEls.map((a) => text(child(a, 'name'), LIMITS.name)).filter(Boolean);
  const affiliations = [
    ...new Set(
      authorEls.flatMap((a) =>
        childrenNamed(a, 'affiliation')
          .map((f) => text(f))
          .filter(Boolean),
      ),
    ),
  ];
  const version = /v(\d{1,4})$/.exec(rawId)?.[1];
  const doi = doiOf(text(child(entry, 'doi')));
  const journalRef = text(child(entry, 'journal_ref'));
  const published = isoDayOf(text(child(entry, 'published')));
  const updated = isoDayOf(text(child(entry, 'updated')));
  const comment = clipClean(child(entry, 'comment')?.text ?? '', LIMITS.comment);
  const abstract = clipClean(child(entry, 'summary')?.text ?? '', LIMITS.abstract);
  // "Code: https://github.com/…" in the abstract or the comment becomes a link; a .ps.gz, a PDF or a DOI does not.
  const found = linksFromUrls([...abstract.urls, ...comment.urls]);
  const parsed = PaperSchema.safeParse({
    id: arxivId,
    arxivId,
    title,
    abstract: abstract.text,
    authors,
    categories: [...new Set(categories)],
    ...(published ? { published } : {}),
    ...(updated ? { updated } : {}),
    links: { ...arxivLinks(arxivId), ...found },
    source: 'arxiv',
    ...(comment.text ? { comment: comment.text } : {}),
    ...(journalRef ? { journalRef } : {}),
    ...(doi ? { doi } : {}),
    ...(version ? { version: Number(version) } : {}),
    ...(affiliations.length > 0 ? { affiliations } : {}),
  });
  return parsed.success ? parsed.data : `${arxivId}: ${parsed.error.issues[0]?.message ?? 'invalid'}`;
}

/** Reads an arXiv API answer. Bad entries are skipped with a reason; a cut-off feed keeps its complete entries. */
export function parseArxivFeed(xml: string): AtomFeed | { error: string } {
  const root = parseXml(xml);
  const feed = child(root, 'feed');
  if (!feed)
    return { error: `not an Atom feed (starts with "${xml.trim().slice(0, 40).replace(/\s+/g, ' ')}")` };
  const total = Number(text(child(feed, 'totalResults')));
  const out: AtomFeed = {
    papers: [],
    entries: 0,
    skipped: [],
    truncated: !feed.closed,
    ...(Number.isInteger(total) && text(child(feed, 'totalResults')) !== '' ? { totalResults: total } : {}),
  };
  childrenNamed(feed, 'entry').forEach((entry, index) => {
    out.entries++;
    const id = text(child(entry, 'id'));
    if (/\/api\/errors/.test(id)) {
      out.apiError = text(child(entry, 'summary')) || text(child(entry, 'title')) || id;
      return;
    }
    const paper = entryToPaper(entry);
    if (typeof paper === 'string') out.skipped.push({ index, reason: paper });
    else out.papers.push(paper);
  });
  return out;
}

/** `cat:cs.LG OR cat:cs.CL`, narrowed to the submission days of a period when asked. */
export function arxivQuery(categories: readonly string[], period?: Pick<Period, 'first' | 'last'>): string {
  const cats = categories.map((c) => `cat:${c}`).join(' OR ');
  const scoped = categories.length > 1 ? `(${cats})` : cats;
  if (!period) return scoped;
  const from = period.first.replaceAll('-', '');
  const to = period.last.replaceAll('-', '');
  return `${scoped} AND submittedDate:[${from}0000 TO ${to}2359]`;
}

export interface ArxivSourceOptions {
  apiUrl: string;
  categories: string[];
  /** Entries taken per refresh (newest first). */
  maxResults: number;
  pageSize?: number;
  /** arXiv's terms ask for 3 s between requests. */
  minIntervalMs?: number;
  deps: HttpDeps;
  policy?: Partial<HttpPolicy>;
  logger: Logger;
}

export function createArxivSource(options: ArxivSourceOptions): PaperSource {
  const pageSize = Math.min(options.pageSize ?? 100, options.maxResults);
  // One pacer per source object: every request it makes (retries included) keeps the interval.
  const pacer: Pacer = createPacer(options.minIntervalMs ?? 3_000, options.deps);
  const log = options.logger.child({ source: 'arxiv' });
  // arXiv's own back-off advice is generous; start retries at the pacing interval.
  const policy: Partial<HttpPolicy> = { baseDelayMs: options.minIntervalMs ?? 3_000, ...options.policy };

  return {
    name: 'arxiv',
    async fetch(request: FetchRequest) {
      const result: SourceFetch = { source: 'arxiv', papers: [], skipped: 0, problems: [], requests: 0 };
      const period = request.date ? parsePeriod(request.date) : undefined;
      if (request.date && !period) {
        const message = `"${request.date}" is not a day, week or month`;
        result.problems.push({ kind: 'invalid', message, url: options.apiUrl });
        return result;
      }
      const query = arxivQuery(options.categories, period);
      const byId = new Map<string, Paper>();
      for (let start = 0; start < options.maxResults; start += pageSize) {
        if (request.signal?.aborted) {
          result.problems.push({ kind: 'aborted', message: 'cancelled', url: options.apiUrl });
          break;
        }
        const params = new URLSearchParams({
          search_query: query,
          sortBy: 'submittedDate',
          sortOrder: 'descending',
          start: String(start),
          max_results: String(Math.min(pageSize, options.maxResults - start)),
        });
        const url = `${options.apiUrl}?${params}`;
        result.requests++;
        const res = await getText(url, {
          deps: options.deps,
          policy,
          pacer,
          signal: request.signal,
          headers: { accept: 'application/atom+xml' },
        });
        if (!res.ok) {
          // arXiv answers a bad query with HTTP 400 and an error entry that says what is wrong.
          const said = res.failure.body ? parseArxivFeed(res.failure.body) : undefined;
          const { body: _body, ...failure } = res.failure;
          if (said && !('error' in said) && said.apiError) {
            failure.message = `arXiv refused the query: ${said.apiError} (${failure.message})`;
          }
          result.problems.push({ ...failure, url });
          log.warn({ url, failure }, 'arxiv: request failed');
          break;
        }
        const feed = parseArxivFeed(res.text);
        if ('error' in feed) {
          result.problems.push({ kind: 'invalid', message: `garbage answer: ${feed.error}`, url });
          log.warn({ url, reason: feed.error }, 'arxiv: answer is not an Atom feed');
          break;
        }
        if (feed.apiError) {
          result.problems.push({
            kind: 'invalid',
            message: `arXiv refused the query: ${feed.apiError}`,
            url,
          });
          log.warn({ url, reason: feed.apiError }, 'arxiv: API error entry');
          break;
        }
        for (const s of feed.skipped) log.warn({ url, ...s }, 'arxiv: skipped an entry');
        result.skipped += feed.skipped.length;
        for (const p of feed.papers) if (!byId.has(p.id)) byId.set(p.id, p);
        if (feed.truncated) {
          result.problems.push(cutOff(url, feed.papers.length, 'entries'));
          log.warn({ url, kept: feed.papers.length }, 'arxiv: truncated feed, kept the complete entries');
          break;
        }
        if (feed.entries === 0 && feed.totalResults !== undefined && feed.totalResults > start) {
          // arXiv sometimes answers an empty page for a query it counts results for; try again next run.
          const message = `arXiv sent an empty page at start=${start} of ${feed.totalResults} results`;
          result.problems.push({ kind: 'invalid', message, url });
          log.warn({ url }, message);
          break;
        }
        const end = start + feed.entries;
        if (feed.entries < pageSize || (feed.totalResults !== undefined && end >= feed.totalResults)) break;
      }
      result.papers = [...byId.values()];
      return result;
    },
  };
}
