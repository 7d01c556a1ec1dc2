import { afterEach, describe, expect, it } from 'vitest';
import { titleSlug } from '../../src/catalog/ids.js';
import { PaperSchema } from '../../src/catalog/paper.js';
import { readConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { createSources } from '../../src/sources/index.js';
import { createRefreshService, type RefreshServiceDeps } from '../../src/sources/refresh.js';
import type { PaperSource, SourceFetch } from '../../src/sources/types.js';
import {
  clockAt,
  type FixtureServer,
  fastDeps,
  fixture,
  MapSearch,
  MemoryStore,
  startServer,
} from './helpers.js';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

type Route = (url: URL, nth: number) => { status?: number; body?: string; headers?: Record<string, string> };

/** Both sources pointed at one local server through the same variables an operator would set. */
async function liveSetup(route: Route, env: Record<string, string> = {}) {
  server = await startServer(route);
  const config = readConfig({
    HF_API_URL: `${server.url}/hf/api`,
    ARXIV_API_URL: `${server.url}/arxiv/api/query`,
    PAPERBOY_SOURCES: 'hf,arxiv',
    HF_REFRESH_DAYS: '1',
    ...env,
  });
  const { deps } = fastDeps();
  const sources = createSources(config.sources, { logger: silentLogger(), deps }).map((s) => s);
  return { config, sources };
}

/** The refresh service as the nightly run leaves it (02:30 UTC on 13 May), logging nothing. */
function afterNightly(deps: Pick<RefreshServiceDeps, 'sources' | 'store' | 'search'>) {
  return createRefreshService({ ...deps, clock: clockAt('2025-05-13T02:30:00Z'), logger: silentLogger() });
}

const dayRoute: Route = (url) =>
  url.pathname.startsWith('/hf/')
    ? { body: url.searchParams.get('date') === '2025-05-12' ? fixture('hf-day-2025-05-12.json') : '[]' }
    : { body: fixture('arxiv-feed.xml') };

describe('refresh service', () => {
  it('merges the same paper from Hugging Face and arXiv into one, keeping the richer fields', async () => {
    const { sources } = await liveSetup(dayRoute);
    const store = new MemoryStore();
    const search = new MapSearch();
    const clock = clockAt('2025-05-13T02:30:00Z');
    const service = createRefreshService({ sources, store, search, clock, logger: silentLogger() });

    const hf = await service.refresh('hf');
    expect(hf).toMatchObject({ outcome: 'ok', fetched: 3, added: 3, updated: 0 });
    const ax = await service.refresh('arxiv');
    expect(ax).toMatchObject({ outcome: 'ok', fetched: 3, added: 2, updated: 1 });

    const both = [...search.papers.values()].filter((p) => p.id === '2505.01234');
    expect(both).toHaveLength(1);
    const merged = both[0]!;
    expect(merged.authors).toEqual(['Grace Hopper', 'Edsger W. Dijkstra']);
    expect(merged.abstract).toMatch(/needle-in-a-haystack/);
    expect(merged.categories).toEqual(['cs.LG', 'cs.CL']);
    expect(merged.links.hf).toBe('https://huggingface.co/papers/2505.01234');
    expect(merged.links.code).toBe('https://github.com/example/sparse');
    expect(merged.source).toBe('hf');
    expect(merged.trending).toMatchObject({ upvotes: 97, rank: 1, comments: 11 });
    expect(merged.comment).toMatch(/12 pages/);
    expect(store.papers.get('2505.01234')).toEqual(merged);
    expect(search.papers.size).toBe(5);
  });

  it('refreshes upvotes and measures their growth on the next run', async () => {
    let upvotes = 97;
    const { sources } = await liveSetup((url) => {
      if (!url.pathname.startsWith('/hf/')) return { body: fixture('arxiv-feed.xml') };
      const day = JSON.parse(fixture('hf-day-2025-05-12.json')) as Array<{ paper: { upvotes: number } }>;
      day[1]!.paper.upvotes = upvotes;
      return { body: url.searchParams.get('date') === '2025-05-12' ? JSON.stringify(day) : '[]' };
    });
    const store = new MemoryStore();
    const search = new MapSearch();
    const clock = clockAt('2025-05-12T14:00:00Z');
    const service = createRefreshService({ sources, store, search, clock, logger: silentLogger() });
    await service.refresh('hf', { date: '2025-05-12' });
    const before = search.get('2505.01234')!.trending;
    upvotes = 397;
    clock.set('2025-05-13T14:00:00Z');
    await service.refresh('hf', { date: '2025-05-12' });
    const after = search.get('2505.01234')!.trending;
    expect(after.upvotes).toBe(397);
    expect(after.velocity).toBe(300);
    expect(after.score!).toBeGreaterThan(before.score!);
    expect(store.papers.get('2505.01234')?.trending.upvotes).toBe(397);
  });

  it('keeps every known paper when the source is down, and counts the failure', async () => {
    let down = false;
    const { sources } = await liveSetup((url, nth) =>
      down ? { status: 500, body: 'oops' } : dayRoute(url, nth),
    );
    const store = new MemoryStore();
    const search = new MapSearch();
    const clock = clockAt('2025-05-13T02:30:00Z');
    const service = createRefreshService({ sources, store, search, clock, logger: silentLogger() });
    await service.refresh('hf');
    down = true;
    const failed = await service.refresh('hf');
    expect(failed).toMatchObject({ outcome: 'failed', fetched: 0 });
    expect(search.papers.size).toBe(3);
    expect(store.papers.size).toBe(3);
    const status = await service.status('hf');
    expect(status).toMatchObject({ runs: 2, failures: 1, consecutiveFailures: 1, lastOutcome: 'failed' });
    expect(status.lastError?.message).toMatch(/HTTP 500/);
    expect(status.lastSuccessAt).toBe('2025-05-13T02:30:00.000Z');

    down = false;
    clock.set('2025-05-13T03:30:00Z');
    await service.refresh('hf');
    expect(await service.status('hf')).toMatchObject({
      consecutiveFailures: 0,
      lastOutcome: 'ok',
      failures: 1,
    });
  });

  it('adds what a partial answer brings and marks the run partial', async () => {
    const { sources } = await liveSetup(() => ({ body: fixture('hf-truncated.json') }));
    const store = new MemoryStore();
    const search = new MapSearch();
    const service = afterNightly({ sources, store, search });
    const report = await service.refresh('hf');
    expect(report).toMatchObject({ outcome: 'partial', fetched: 2 });
    expect(search.papers.size).toBe(2);
    expect((await service.status('hf')).lastError?.message).toMatch(/cut off/);
  });

  it('still serves fetched papers when the store cannot save them', async () => {
    const { sources } = await liveSetup(dayRoute);
    const store = new MemoryStore();
    store.failUpserts = true;
    const search = new MapSearch();
    const service = afterNightly({ sources, store, search });
    const report = await service.refresh('hf');
    expect(report.outcome).toBe('partial');
    expect(report.problems[0]?.message).toMatch(/database is locked/);
    expect(search.papers.size).toBe(3);
  });

  it('keeps a catalog paper’s own fields when a source adds signals to it', async () => {
    const { sources } = await liveSetup(dayRoute);
    const curated = PaperSchema.parse({
      id: '2505.07062',
      title: 'Seed1.5-VL: A Vision-Language Foundation Model',
      abstract: 'x'.repeat(2000),
      source: 'json',
      keywords: ['curated'],
    });
    const search = new MapSearch([curated]);
    const service = afterNightly({ sources, store: new MemoryStore(), search });
    await service.refresh('hf');
    const got = search.get('2505.07062')!;
    expect(got.abstract).toBe('x'.repeat(2000));
    expect(got.keywords).toContain('curated');
    expect(got.keywords).toContain('Mixture-of-Experts');
    expect(got.trending.upvotes).toBe(42);
  });

  it('recognises a seed paper known only by its title, and serves it once', async () => {
    const { sources } = await liveSetup(dayRoute);
    const title = 'Sparse Attention Is All You Need Sometimes';
    const seed = PaperSchema.parse({
      id: titleSlug(title),
      title,
      abstract: 'Short.',
      source: 'seed',
      trending: { rank: 4 },
    });
    const search = new MapSearch([seed]);
    const store = new MemoryStore();
    const service = afterNightly({ sources, store, search });
    expect(await service.refresh('hf')).toMatchObject({ added: 2, updated: 1 });
    const copies = [...search.papers.values()].filter((p) => p.title === title);
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatchObject({ id: seed.id, arxivId: '2505.01234', trending: { upvotes: 97 } });
    expect(search.get('2505.01234')?.id).toBe(seed.id);
    // Stored under its arXiv id: after a restart the catalog merge joins it to the seed entry by title.
    expect(store.papers.get('2505.01234')?.title).toBe(title);
  });

  it('without a serving index, knows papers from the Store (the CLI case)', async () => {
    const { sources } = await liveSetup(dayRoute);
    const store = new MemoryStore();
    const make = () => afterNightly({ sources, store });
    expect(await make().refresh('hf')).toMatchObject({ added: 3 });
    expect(await make().refresh('hf')).toMatchObject({ added: 0, updated: 3 });
  });

  it('makes what another replica fetched searchable here, without fetching', async () => {
    const { sources } = await liveSetup(dayRoute);
    const shared = new MemoryStore();
    const clock = clockAt('2025-05-13T02:30:00Z');
    const fetcher = createRefreshService({
      sources,
      store: shared,
      search: new MapSearch(),
      clock,
      logger: silentLogger(),
    });
    const replicaSearch = new MapSearch();
    const replica = createRefreshService({
      sources,
      store: shared,
      search: replicaSearch,
      clock,
      logger: silentLogger(),
    });
    await fetcher.refresh('hf');
    const requests = server?.requests.length;
    expect(await replica.syncFromStore()).toBe(3);
    expect(replicaSearch.get('2505.01234')?.trending.upvotes).toBe(97);
    expect(server?.requests.length).toBe(requests);
    expect(await replica.syncFromStore()).toBe(0);
  });

  it('joins a refresh already running instead of fetching twice', async () => {
    let calls = 0;
    let release: () => void = () => undefined;
    const slow: PaperSource = {
      name: 'hf',
      fetch: async (): Promise<SourceFetch> => {
        calls++;
        await new Promise<void>((ok) => {
          release = ok;
        });
        return { source: 'hf', papers: [], skipped: 0, problems: [], requests: 1 };
      },
    };
    const service = afterNightly({ sources: [slow], store: new MemoryStore() });
    const a = service.refresh('hf');
    const b = service.refresh('hf');
    await Promise.resolve();
    release();
    expect(await a).toBe(await b);
    expect(calls).toBe(1);
  });

  it('does not count a refresh cancelled by shutdown as a failure', async () => {
    const { sources } = await liveSetup(() => ({ status: 503 }));
    const store = new MemoryStore();
    const service = afterNightly({ sources, store });
    const abort = new AbortController();
    abort.abort();
    expect(await service.refresh('hf', { signal: abort.signal })).toMatchObject({ outcome: 'failed' });
    expect(await service.status('hf')).toMatchObject({ runs: 0, failures: 0 });
  });

  it('turns a crashing fetcher into a failed run', async () => {
    const broken: PaperSource = {
      name: 'arxiv',
      fetch: async () => {
        throw new Error('kaboom');
      },
    };
    const store = new MemoryStore();
    const service = afterNightly({ sources: [broken], store });
    expect(await service.refresh('arxiv')).toMatchObject({ outcome: 'failed' });
    expect((await service.status('arxiv')).lastError?.message).toMatch(/kaboom/);
  });
});
