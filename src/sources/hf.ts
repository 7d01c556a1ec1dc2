// Hugging Face daily papers: fetches a day's list page by page, validates each item and maps it to a Paper.
import type { Logger } from 'pino';
import { z } from 'zod';
import { normalizeArxivId } from '../catalog/ids.js';
import { linksFromUrls, normalizeText } from '../catalog/normalize.js';
import { type Paper, PaperSchema } from '../catalog/paper.js';
import { clipClean, clipLine, LIMITS } from './clip.js';
import { dayInZone, isoDayOf, type Period, parsePeriod, recentDays } from './dates.js';
import type { HubLookup } from './hf-repos.js';
import { getText, type HttpDeps, type HttpPolicy } from './http.js';
import { parseJsonArrayLenient } from './lenient-json.js';
import { cutOff, type FetchProblem, type FetchRequest, type PaperSource, type SourceFetch } from './types.js';

const optionalText = z
  .string()
  .nullish()
  .transform((v) => (v?.trim() ? v.trim() : undefined));

const count = z
  .number()
  .nullish()
  .transform((v) => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.round(v) : undefined));

/** One item of `/api/daily_papers`; unknown fields are ignored, odd optional ones are dropped, not fatal. */
export const HfDailyItemSchema = z.object({
  paper: z.object({
    id: z.string().trim().min(1, 'paper.id is empty'),
    title: z.string().trim().min(1, 'paper.title is empty'),
    summary: z.string().nullish(),
    authors: z.array(z.unknown()).nullish(),
    publishedAt: z.string().nullish(),
    upvotes: count,
    ai_summary: optionalText,
    ai_keywords: z.array(z.unknown()).nullish(),
    githubRepo: optionalText,
    githubStars: count,
    projectPage: optionalText,
    /** The current shape's list day; the older shape has only the item's own publishedAt. */
    submittedOnDailyAt: z.string().nullish(),
    submittedOnDailyBy: z.unknown().optional(),
    mediaUrls: z.array(z.unknown()).nullish(),
    organization: z.unknown().optional(),
  }),
  /** Older shape: when the paper was put on the list; current shape: the arXiv time again. */
  publishedAt: z.string().nullish(),
  title: z.string().nullish(),
  numComments: count,
  submittedBy: z.unknown().optional(),
  thumbnail: z.string().nullish(),
  mediaUrls: z.array(z.unknown()).nullish(),
  organization: z.unknown().optional(),
});
export type HfDailyItem = z.infer<typeof HfDailyItemSchema>;

function httpUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const candidate = /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`;
  try {
    const u = new URL(candidate);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString().replace(/\/$/, '') : undefined;
  } catch {
    return undefined;
  }
}

function names(authors: unknown[] | null | undefined): string[] {
  const out: string[] = [];
  for (const a of (authors ?? []).slice(0, LIMITS.authors)) {
    const name = typeof a === 'string' ? a : (a as { name?: unknown } | null)?.name;
    if (typeof name === 'string' && name.trim()) out.push(clipLine(name, LIMITS.name));
  }
  return out;
}

/** A person or organisation as Hugging Face gives them: {fullname, name | user}; the full name first. */
function displayName(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const o = value as Record<string, unknown>;
  for (const key of ['fullname', 'name', 'user']) {
    const v = o[key];
    if (typeof v === 'string' && v.trim()) return normalizeText(v).slice(0, 200);
  }
  return undefined;
}

function mediaUrls(...lists: (unknown[] | null | undefined)[]): string[] {
  const out: string[] = [];
  for (const list of lists)
    for (const v of list ?? []) {
      const u = typeof v === 'string' ? httpUrl(v.trim()) : undefined;
      if (u && !out.includes(u) && out.length < 100) out.push(u);
    }
  return out;
}

/**
 * Maps a validated item to a Paper. The list day is `paper.submittedOnDailyAt` (current shape), else the day
 * asked for, else the item's own publishedAt (older shape, where it was the listing time). Rank is filled in
 * once the whole day is known.
 */
export function hfItemToPaper(item: HfDailyItem, listed: string | undefined): Paper {
  const p = item.paper;
  const arxivId = normalizeArxivId(p.id);
  const id = arxivId ?? p.id.trim();
  // Fields are clipped to the catalog's limits before cleaning, as catalog files are.
  const abstract = clipClean(p.summary ?? '', LIMITS.abstract);
  // Links HF gives win; a repository or project page named only in the abstract still counts.
  const found = linksFromUrls(abstract.urls);
  const code = httpUrl(p.githubRepo) ?? found.code;
  const project = httpUrl(p.projectPage) ?? found.project;
  const keywords = (p.ai_keywords ?? [])
    .slice(0, LIMITS.list)
    .filter((k): k is string => typeof k === 'string' && k.trim() !== '');
  const trending = {
    ...(p.upvotes !== undefined ? { upvotes: p.upvotes } : {}),
    ...(p.githubStars !== undefined ? { stars: p.githubStars } : {}),
    ...(item.numComments !== undefined ? { comments: item.numComments } : {}),
  };
  const published = isoDayOf(p.publishedAt);
  const listedDay =
    isoDayOf(p.submittedOnDailyAt) ??
    listed ??
    (p.submittedOnDailyAt ? undefined : isoDayOf(item.publishedAt));
  const thumbnail = httpUrl(item.thumbnail?.trim() || undefined);
  const media = mediaUrls(item.mediaUrls, p.mediaUrls);
  const organization = displayName(item.organization) ?? displayName(p.organization);
  const submittedBy = displayName(item.submittedBy) ?? displayName(p.submittedOnDailyBy);
  return PaperSchema.parse({
    id,
    ...(arxivId ? { arxivId } : {}),
    title: clipLine(p.title, LIMITS.title),
    abstract: abstract.text,
    authors: names(p.authors),
    keywords: [...new Set(keywords.map((k) => clipLine(k, LIMITS.token)))],
    ...(published ? { published } : {}),
    ...(listedDay ? { listed: listedDay } : {}),
    links: {
      ...(arxivId
        ? { abs: `https://arxiv.org/abs/${arxivId}`, pdf: `https://arxiv.org/pdf/${arxivId}` }
        : {}),
      hf: `https://huggingface.co/papers/${encodeURIComponent(id).replace(/%2F/g, '/')}`,
      ...(code ? { code } : {}),
      ...(project ? { project } : {}),
    },
    trending,
    source: 'hf',
    ...(p.ai_summary ? { sourceSummary: clipLine(p.ai_summary, LIMITS.summary) } : {}),
    ...(thumbnail ? { thumbnail } : {}),
    ...(media.length > 0 ? { mediaUrls: media } : {}),
    ...(organization ? { organization } : {}),
    ...(submittedBy ? { submittedBy } : {}),
  });
}

/** Rank = position in its day's list by upvotes (ties keep the list's own order); a week or month holds many days. */
export function rankByUpvotes(papers: Paper[]): Paper[] {
  const next = new Map<string, number>();
  const ranked = papers
    .map((paper, index) => ({ paper, index }))
    .sort((a, b) => (b.paper.trending.upvotes ?? 0) - (a.paper.trending.upvotes ?? 0) || a.index - b.index)
    .map(({ paper }) => {
      const day = paper.listed ?? '';
      const rank = (next.get(day) ?? 0) + 1;
      next.set(day, rank);
      return { ...paper, trending: { ...paper.trending, rank } };
    });
  return ranked;
}

export interface HfSourceOptions {
  apiUrl: string;
  /** Days fetched when no date is asked for (today in `timeZone` and the days before it). */
  days: number;
  timeZone: string;
  pageSize?: number;
  maxPages?: number;
  deps: HttpDeps;
  policy?: Partial<HttpPolicy>;
  logger: Logger;
  /** Looks up the Hub repositories citing each paper (src/sources/hf-repos.ts); without it, papers have no `hub`. */
  hub?: HubLookup;
}

export function createHfSource(options: HfSourceOptions): PaperSource {
  const pageSize = options.pageSize ?? 100;
  const maxPages = options.maxPages ?? 20;
  const base = options.apiUrl.replace(/\/+$/, '');
  const log = options.logger.child({ source: 'hf' });

  /** One list: a day (`date`), or a whole `week` / `month` (the API's own periods, for backfills). */
  async function fetchList(period: Period, request: FetchRequest, into: SourceFetch): Promise<Paper[]> {
    const papers: Paper[] = [];
    const seen = new Set<string>();
    const day = period.kind === 'date' ? period.value : undefined;
    for (let page = 0; page < maxPages; page++) {
      const url = `${base}/daily_papers?${period.kind}=${period.value}&limit=${pageSize}&p=${page}`;
      into.requests++;
      const res = await getText(url, {
        deps: options.deps,
        policy: options.policy,
        signal: request.signal,
        headers: { accept: 'application/json' },
      });
      if (!res.ok) {
        const { body: _body, ...failure } = res.failure;
        into.problems.push({ ...failure, url });
        log.warn({ url, failure }, 'hf: request failed');
        break;
      }
      const parsed = parseJsonArrayLenient(res.text);
      if (!parsed.ok) {
        const problem: FetchProblem = { kind: 'invalid', message: `garbage answer: ${parsed.reason}`, url };
        into.problems.push(problem);
        log.warn({ url, reason: parsed.reason }, 'hf: answer is not a JSON array');
        break;
      }
      let fresh = 0;
      parsed.items.forEach((raw, index) => {
        const item = HfDailyItemSchema.safeParse(raw);
        if (!item.success) {
          into.skipped++;
          const reason = item.error.issues
            .map((i) => `${i.path.join('.') || 'item'}: ${i.message}`)
            .join('; ');
          log.warn({ url, index, reason }, 'hf: skipped an item that does not validate');
          return;
        }
        try {
          const paper = hfItemToPaper(item.data, day);
          if (seen.has(paper.id)) return;
          seen.add(paper.id);
          papers.push(paper);
          fresh++;
        } catch (error) {
          into.skipped++;
          log.warn({ url, index, reason: String(error) }, 'hf: skipped an item that does not map to a paper');
        }
      });
      into.skipped += parsed.badItems;
      if (parsed.truncated) {
        into.problems.push(cutOff(url, parsed.items.length, 'items'));
        log.warn({ url, kept: parsed.items.length }, 'hf: truncated answer, kept the complete items');
        break;
      }
      // A short page is the last one; a page with nothing new means the server ignores `p`.
      if (parsed.items.length < pageSize || fresh === 0) break;
    }
    return rankByUpvotes(papers);
  }

  return {
    name: 'hf',
    async fetch(request) {
      const result: SourceFetch = { source: 'hf', papers: [], skipped: 0, problems: [], requests: 0 };
      const asked = request.date ? parsePeriod(request.date) : undefined;
      if (request.date && !asked) {
        result.problems.push({
          kind: 'invalid',
          message: `"${request.date}" is not a day, week or month`,
          url: base,
        });
        return result;
      }
      const lists = asked
        ? [asked]
        : recentDays(dayInZone(request.now, options.timeZone), options.days).map(
            (d) => parsePeriod(d) as Period,
          );
      const byId = new Map<string, Paper>();
      for (const list of lists) {
        if (request.signal?.aborted) {
          result.problems.push({ kind: 'aborted', message: 'cancelled', url: base });
          break;
        }
        for (const paper of await fetchList(list, request, result)) {
          if (!byId.has(paper.id)) byId.set(paper.id, paper);
        }
        // No network for one day's list is no network for the next: say it once.
        if (result.problems.some((p) => p.kind === 'offline')) break;
      }
      result.papers = [...byId.values()];
      // The Hub's models, datasets and Spaces come with the paper; a failed lookup only leaves them out.
      if (options.hub && result.papers.length > 0 && !request.signal?.aborted) {
        const enriched = await options.hub.enrich(result.papers, request.now, request.signal);
        result.papers = enriched.papers;
        if (enriched.failed > 0)
          log.warn({ failed: enriched.failed }, 'hf: some Hub lookups failed; kept the papers');
      }
      return result;
    },
  };
}
