import { afterEach, describe, expect, it } from 'vitest';
import type { Paper } from '../../src/catalog/paper.js';
import { silentLogger } from '../../src/logger.js';
import { createPacer } from '../../src/sources/http.js';
import {
  lookupTitle,
  resolveTitles,
  runTitleResolution,
  titleQuery,
} from '../../src/sources/title-lookup.js';
import { real } from '../support/real.js';
import { clockAt, type FixtureServer, fastDeps, MapSearch, MemoryStore, startServer } from './helpers.js';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

// The recorded answer of arxiv.py's test suite for this paper (test/fixtures/real/README.md).
const TITLE = 'From Stripe to Checkerboard Order on the Square Lattice in the Presence of Quenched Disorder';

function seedPaper(title: string, id: string): Paper {
  return {
    id,
    title,
    abstract: '',
    authors: [],
    categories: [],
    keywords: [],
    links: {},
    trending: { rank: 1 },
    source: 'seed',
  };
}

async function arxivServer() {
  server = await startServer(() => ({ body: real('arxiv/query-del-maestro-checkerboard.xml') }));
  const fast = fastDeps();
  const pacer = createPacer(3_000, fast.deps);
  const lookup = (title: string) =>
    lookupTitle(title, {
      apiUrl: `${server!.url}/api/query`,
      deps: fast.deps,
      pacer,
      policy: { attempts: 2, timeoutMs: 2_000 },
    });
  return { lookup, fast };
}

describe('arXiv ids for papers without one, by exact title', () => {
  it('asks arXiv for the title as a phrase, and takes only an entry with the same title', async () => {
    const { lookup } = await arxivServer();
    const answer = await lookup(TITLE);
    expect(server?.requests[0]?.searchParams.get('search_query')).toBe(titleQuery(TITLE));
    expect(titleQuery(TITLE)).toBe(
      'ti:"from stripe to checkerboard order on the square lattice in the presence of quenched disorder"',
    );
    expect(answer).toMatchObject({
      found: { arxivId: 'cond-mat/0603029', doi: '10.1103/PhysRevB.74.024520' },
    });
    // Same feed, another title: an entry that merely matches some words is not that paper.
    expect(await lookup('Checkerboard order in cuprates')).toEqual({ missing: true });
  });

  it('caches answers in the Store and does not ask again about a missing title within a week', async () => {
    const { lookup, fast } = await arxivServer();
    const kv = new MemoryStore();
    const clock = clockAt('2025-05-12T12:00:00Z');
    const papers = [seedPaper(TITLE, 'from-stripe'), seedPaper('A Paper arXiv Never Had', 'never')];
    const first = await resolveTitles({ papers, kv, clock, lookup });
    expect(first.asked).toBe(2);
    expect(first.resolved).toHaveLength(1);
    expect(first.resolved[0]).toMatchObject({
      id: 'from-stripe',
      arxivId: 'cond-mat/0603029',
      links: { abs: 'https://arxiv.org/abs/cond-mat/0603029', pdf: 'https://arxiv.org/pdf/cond-mat/0603029' },
      trending: { rank: 1 },
    });
    // arXiv's 3 s between requests, kept on the fake clock.
    expect(fast.sleeps).toEqual([3_000]);

    clock.set('2025-05-18T12:00:00Z');
    const withinWeek = await resolveTitles({ papers, kv, clock, lookup });
    expect(withinWeek).toMatchObject({ asked: 0, cached: 2, resolved: [] });

    clock.set('2025-05-20T12:00:00Z');
    const afterWeek = await resolveTitles({ papers, kv, clock, lookup });
    expect(afterWeek).toMatchObject({ asked: 1, cached: 1, resolved: [] });
    expect(server?.requests).toHaveLength(3);
  });

  it('stops at the first failed request without caching it, so the title is asked next time', async () => {
    const kv = new MemoryStore();
    const clock = clockAt('2025-05-12T12:00:00Z');
    let calls = 0;
    const result = await resolveTitles({
      papers: [seedPaper(TITLE, 'a'), seedPaper('Another Title', 'b')],
      kv,
      clock,
      lookup: async () => {
        calls++;
        return { failed: { kind: 'offline', message: 'no network: cannot reach export.arxiv.org' } };
      },
    });
    expect(calls).toBe(1);
    expect(result.stoppedBy?.kind).toBe('offline');
    expect(kv.kv.size).toBe(0);
  });

  it('stores the arXiv record and gives the served paper its id and links in place', async () => {
    const { lookup } = await arxivServer();
    const store = new MemoryStore();
    const search = new MapSearch([seedPaper(TITLE, 'from-stripe')]);
    const result = await runTitleResolution({
      papers: () => search.all(),
      kv: store,
      store,
      search,
      clock: clockAt('2025-05-12T12:00:00Z'),
      lookup,
      logger: silentLogger(),
    });
    expect(result.resolved).toHaveLength(1);
    expect([...store.papers.keys()]).toEqual(['cond-mat/0603029']);
    expect(search.get('from-stripe')).toMatchObject({ arxivId: 'cond-mat/0603029' });
    expect(search.get('cond-mat/0603029')?.id).toBe('from-stripe');
  });
});
