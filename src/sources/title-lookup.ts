// Finds arXiv ids for papers that have none (the bundled trending page), by exact title in the arXiv API.
// Answers are cached in the Store: a title found stays found, a title not found is not asked again for a week.
import type { Logger } from 'pino';
import { titleKey } from '../catalog/ids.js';
import { mergeInto } from '../catalog/merge.js';
import type { Paper } from '../catalog/paper.js';
import type { Clock } from '../clock.js';
import type { KeyValueStore, PaperStore } from '../store/types.js';
import { parseArxivFeed } from './arxiv.js';
import { type FetchFailure, getText, type HttpDeps, type HttpPolicy, type Pacer } from './http.js';

const NS = 'arxiv.titles';
/** A title arXiv did not know is asked again after this long, not sooner. */
export const RETRY_MISSING_MS = 7 * 24 * 3_600_000;

export type TitleAnswer = { found: Paper } | { missing: true } | { failed: FetchFailure };

export interface TitleLookupOptions {
  apiUrl: string;
  deps: HttpDeps;
  /** arXiv asks for 3 s between requests; the same pacer as the arXiv source keeps it across both. */
  pacer: Pacer;
  policy?: Partial<HttpPolicy>;
  signal?: AbortSignal;
}

/** The words of a title as an arXiv title phrase: `ti:"stop regressing training value functions …"`. */
export function titleQuery(title: string): string {
  return `ti:"${titleKey(title).split(' ').slice(0, 30).join(' ')}"`;
}

/** Asks arXiv for a title; only an entry with the very same title (case, accents, punctuation aside) counts. */
export async function lookupTitle(title: string, options: TitleLookupOptions): Promise<TitleAnswer> {
  const params = new URLSearchParams({ search_query: titleQuery(title), start: '0', max_results: '5' });
  const res = await getText(`${options.apiUrl}?${params}`, {
    deps: options.deps,
    pacer: options.pacer,
    ...(options.policy ? { policy: options.policy } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    headers: { accept: 'application/atom+xml' },
  });
  if (!res.ok) {
    const { body: _body, ...failure } = res.failure;
    return { failed: failure };
  }
  const feed = parseArxivFeed(res.text);
  if ('error' in feed) return { failed: { kind: 'invalid', message: feed.error } };
  if (feed.apiError) return { failed: { kind: 'invalid', message: feed.apiError } };
  const key = titleKey(title);
  const found = feed.papers.find((p) => titleKey(p.title) === key);
  return found ? { found } : { missing: true };
}

interface Cached {
  /** The arXiv id, when arXiv knew the title. */
  id?: string;
  at: string;
}

export interface ResolveTitlesOptions {
  papers: Iterable<Paper>;
  kv: KeyValueStore;
  clock: Clock;
  lookup: (title: string) => Promise<TitleAnswer>;
  logger?: Logger;
  /** Titles asked per run (default 100): the bundled page has 57. */
  limit?: number;
  signal?: AbortSignal;
}

export interface ResolveTitlesResult {
  /** The arXiv records found (fresh from arXiv), one per paper resolved. */
  found: Paper[];
  /** Papers given an id: each paper merged with its arXiv record, keeping its own id so it replaces itself. */
  resolved: Paper[];
  asked: number;
  cached: number;
  /** Set when a request failed (offline, slow, refused): the rest waits for the next run. */
  stoppedBy?: FetchFailure;
}

function readCached(raw: string | undefined): Cached | undefined {
  if (!raw) return undefined;
  try {
    const v = JSON.parse(raw) as Cached;
    return typeof v.at === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Gives arXiv ids to papers without one. Cached answers cost no request; a title arXiv did not know waits a
 * week; the first failed request (no network, a slow or refusing server) ends the run without caching
 * anything for that title, so it is asked again next time.
 */
export async function resolveTitles(options: ResolveTitlesOptions): Promise<ResolveTitlesResult> {
  const result: ResolveTitlesResult = { found: [], resolved: [], asked: 0, cached: 0 };
  const limit = options.limit ?? 100;
  const seen = new Set<string>();
  for (const paper of options.papers) {
    if (paper.arxivId || options.signal?.aborted) continue;
    const key = titleKey(paper.title);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    const cached = readCached(await options.kv.getValue(NS, key));
    // Found before: its arXiv record is in the Store, and the serving catalog merges it in by title.
    if (cached?.id) {
      result.cached++;
      continue;
    }
    if (cached && options.clock.now().getTime() - Date.parse(cached.at) < RETRY_MISSING_MS) {
      result.cached++;
      continue;
    }
    if (result.asked >= limit) break;
    result.asked++;
    const answer = await options.lookup(paper.title);
    if ('failed' in answer) {
      result.stoppedBy = answer.failed;
      options.logger?.info({ title: paper.title, failure: answer.failed }, 'titles: lookup stopped');
      break;
    }
    const at = options.clock.now().toISOString();
    if ('missing' in answer) {
      await options.kv.setValue(NS, key, JSON.stringify({ at } satisfies Cached));
      continue;
    }
    await options.kv.setValue(NS, key, JSON.stringify({ id: answer.found.id, at } satisfies Cached));
    result.found.push(answer.found);
    result.resolved.push({ ...mergeInto(paper, answer.found), id: paper.id });
  }
  return result;
}

export interface TitleResolutionDeps {
  papers: () => Iterable<Paper>;
  kv: KeyValueStore;
  store: Pick<PaperStore, 'upsertPapers'>;
  search: { upsert(papers: readonly Paper[]): void };
  clock: Clock;
  lookup: (title: string) => Promise<TitleAnswer>;
  logger: Logger;
  signal?: AbortSignal;
}

/**
 * One resolution run for the serving catalog: found records go to the Store (the next start merges them into
 * the bundled papers by title), and the papers being served get their ids and links at once.
 */
export async function runTitleResolution(deps: TitleResolutionDeps): Promise<ResolveTitlesResult> {
  const result = await resolveTitles({
    papers: [...deps.papers()],
    kv: deps.kv,
    clock: deps.clock,
    lookup: deps.lookup,
    logger: deps.logger,
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
  if (result.found.length > 0) {
    await deps.store.upsertPapers(result.found);
    deps.search.upsert(result.resolved);
  }
  deps.logger.info(
    { asked: result.asked, resolved: result.resolved.length, stopped: result.stoppedBy?.kind },
    'titles: arXiv ids looked up',
  );
  return result;
}
