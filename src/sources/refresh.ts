// The refresh service: fetch a source, merge into the catalog, persist to the Store, make searchable at once.
import type { Logger } from 'pino';
import { titleKey } from '../catalog/ids.js';
import { hasOwnId } from '../catalog/merge.js';
import type { Paper } from '../catalog/paper.js';
import type { Clock } from '../clock.js';
import type { SearchEngine } from '../search/types.js';
import type { KeyValueStore, PaperStore } from '../store/types.js';
import { refreshInto } from './merge.js';
import { readStatus, type SourceStatus, updateStatus } from './status.js';
import { applyTrending } from './trending.js';
import type { FetchProblem, PaperSource, SourceFetch, SourceName } from './types.js';

export type RefreshOutcome = 'ok' | 'partial' | 'failed';

export interface RefreshReport {
  source: SourceName;
  outcome: RefreshOutcome;
  /** Papers the source returned (after validation). */
  fetched: number;
  /** Papers nobody knew before this run. */
  added: number;
  /** Known papers refreshed (upvotes, stars, richer fields). */
  updated: number;
  skipped: number;
  requests: number;
  problems: FetchProblem[];
  durationMs: number;
  /** The longest wait a server asked for, to schedule the retry after it. */
  retryAfterMs?: number;
}

export interface RefreshOptions {
  date?: string;
  signal?: AbortSignal;
}

export interface RefreshServiceDeps {
  sources: readonly PaperSource[];
  store: PaperStore & KeyValueStore;
  /** The serving index; without it (the CLI) known papers are looked up in the Store. */
  search?: Pick<SearchEngine, 'get' | 'upsert' | 'all'>;
  clock: Clock;
  logger: Logger;
  /** Counts refreshes by source and outcome (prom-client counter in the bot). */
  metrics?: { sourceRefreshes: { inc(labels: { source: string; outcome: string }): void } };
}

export interface RefreshService {
  readonly sources: SourceName[];
  /** Runs one source now; a run already in flight for it is joined, not duplicated. */
  refresh(source: SourceName, options?: RefreshOptions): Promise<RefreshReport>;
  status(source: SourceName): Promise<SourceStatus>;
  /**
   * Brings the serving index up to date with the Store without fetching: what another replica fetched
   * becomes searchable here too. Returns how many papers were new or changed.
   */
  syncFromStore(): Promise<number>;
}

/** What changes when a source refreshes a paper: enough to tell a stored copy from the served one. */
function signature(p: Paper): string {
  const t = p.trending;
  return `${t.scoredAt ?? ''}|${t.upvotes ?? ''}|${t.stars ?? ''}|${t.rank ?? ''}|${p.updated ?? ''}|${p.abstract.length}`;
}

function summarize(problems: readonly FetchProblem[]): string {
  const first = problems[0];
  if (!first) return '';
  const more = problems.length > 1 ? ` (+${problems.length - 1} more)` : '';
  return `${first.message} — ${first.url}${more}`;
}

export function createRefreshService(deps: RefreshServiceDeps): RefreshService {
  const byName = new Map(deps.sources.map((s) => [s.name, s]));
  const inFlight = new Map<SourceName, Promise<RefreshReport>>();
  let stored: Promise<Map<string, Paper>> | undefined;

  /** Without a serving index, what the Store already has is what is "known". */
  function storedPapers(): Promise<Map<string, Paper>> {
    stored ??= deps.store.loadPapers().then((ps) => new Map(ps.map((p) => [p.id, p])));
    return stored;
  }

  let slugTitles: Map<string, string> | undefined;
  /** Served papers known only by a title slug (the seed page has no arXiv ids), by title key; built once. */
  function titleIndex(search: Pick<SearchEngine, 'all'>): Map<string, string> {
    if (!slugTitles) {
      slugTitles = new Map();
      for (const p of search.all()) if (!hasOwnId(p)) slugTitles.set(titleKey(p.title), p.id);
    }
    return slugTitles;
  }

  /** The paper this sighting is about, if anyone knows it: by id, else (served catalog) by the same title. */
  async function known(fresh: Paper): Promise<Paper | undefined> {
    const search = deps.search;
    if (!search) return (await storedPapers()).get(fresh.id);
    const byId = search.get(fresh.id);
    if (byId) return byId;
    const slug = titleIndex(search).get(titleKey(fresh.title));
    const byTitle = slug === undefined ? undefined : search.get(slug);
    return byTitle && !byTitle.arxivId ? byTitle : undefined;
  }

  async function run(source: PaperSource, options: RefreshOptions): Promise<RefreshReport> {
    const started = deps.clock.now();
    const log = deps.logger.child({ source: source.name });
    const fetched = await source
      .fetch({ now: started, date: options.date, signal: options.signal })
      .catch((error: unknown): SourceFetch => {
        log.error({ err: error }, 'sources: fetcher crashed');
        const message = `fetcher crashed: ${error instanceof Error ? error.message : String(error)}`;
        return {
          source: source.name,
          papers: [],
          skipped: 0,
          requests: 0,
          problems: [{ kind: 'network', message, url: '' }],
        };
      });
    const problems = [...fetched.problems];
    let papers = fetched.papers;
    let added = 0;
    let updated = 0;
    if (papers.length > 0) {
      try {
        papers = await applyTrending(papers, deps.store, started);
      } catch (error) {
        log.warn(
          { err: error },
          'sources: could not update the upvote history; scores wait for the next run',
        );
      }
      const merged: Paper[] = [];
      const served: Paper[] = [];
      for (const fresh of papers) {
        const before = await known(fresh);
        if (before) updated++;
        else added++;
        const paper = before ? refreshInto(before, fresh) : fresh;
        merged.push(paper);
        // The index keeps the id it serves the paper under until the next start (replies and ledgers use it).
        served.push(before && before.id !== paper.id ? { ...paper, id: before.id } : paper);
      }
      try {
        await deps.store.upsertPapers(merged);
        if (!deps.search) {
          const map = await storedPapers();
          for (const p of merged) map.set(p.id, p);
        }
      } catch (error) {
        const message = `could not save fetched papers to the store: ${error instanceof Error ? error.message : String(error)}`;
        problems.push({ kind: 'network', message, url: 'store' });
        log.error({ err: error }, 'sources: store upsert failed; papers are served but not persisted');
      }
      deps.search?.upsert(served);
    }
    const outcome: RefreshOutcome = problems.length === 0 ? 'ok' : papers.length > 0 ? 'partial' : 'failed';
    const finished = deps.clock.now();
    const retryAfterMs = Math.max(0, ...problems.map((p) => p.retryAfterMs ?? 0)) || undefined;
    const report: RefreshReport = {
      source: source.name,
      outcome,
      fetched: papers.length,
      added,
      updated,
      skipped: fetched.skipped,
      requests: fetched.requests,
      problems,
      durationMs: finished.getTime() - started.getTime(),
      ...(retryAfterMs ? { retryAfterMs } : {}),
    };
    if (options.signal?.aborted) {
      // Shutting down is not the source's fault: nothing to count, the next start refreshes again.
      log.info({ fetched: report.fetched }, 'sources: refresh cancelled');
      return report;
    }
    await updateStatus(deps.store, source.name, (s) => ({
      ...s,
      lastRunAt: finished.toISOString(),
      lastOutcome: outcome,
      ...(outcome === 'ok' ? { lastSuccessAt: finished.toISOString() } : {}),
      ...(problems.length > 0
        ? { lastError: { at: finished.toISOString(), message: summarize(problems) } }
        : {}),
      consecutiveFailures: outcome === 'ok' ? 0 : s.consecutiveFailures + 1,
      runs: s.runs + 1,
      failures: s.failures + (outcome === 'ok' ? 0 : 1),
      lastFetched: report.fetched,
      lastAdded: added,
      lastUpdated: updated,
      lastSkipped: report.skipped,
      totalAdded: s.totalAdded + added,
    })).catch((error: unknown) => log.warn({ err: error }, 'sources: could not save the refresh status'));
    deps.metrics?.sourceRefreshes.inc({ source: source.name, outcome });
    const line = { outcome, fetched: report.fetched, added, updated, skipped: report.skipped };
    if (outcome === 'ok') log.info(line, 'sources: refresh done');
    else log.warn({ ...line, problems: problems.map((p) => p.message) }, 'sources: refresh incomplete');
    return report;
  }

  return {
    sources: [...byName.keys()],
    refresh(name, options = {}) {
      const source = byName.get(name);
      if (!source) return Promise.reject(new Error(`source "${name}" is not configured`));
      const running = inFlight.get(name);
      if (running) return running;
      const job = run(source, options).finally(() => inFlight.delete(name));
      inFlight.set(name, job);
      return job;
    },
    status: (name) => readStatus(deps.store, name),
    async syncFromStore() {
      const search = deps.search;
      if (!search) return 0;
      const changed: Paper[] = [];
      for (const stored of await deps.store.loadPapers()) {
        const served = search.get(stored.id);
        if (served && signature(served) === signature(stored)) continue;
        const paper = served ? refreshInto(served, stored) : stored;
        changed.push(served && served.id !== paper.id ? { ...paper, id: served.id } : paper);
      }
      if (changed.length > 0) search.upsert(changed);
      deps.logger.info({ changed: changed.length }, 'sources: synced the serving index from the store');
      return changed.length;
    },
  };
}
