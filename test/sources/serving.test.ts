// The served catalog = catalog files + what the sources fetched, on a real SQLite store; and the CLI end to end.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/kit.js';
import { main } from '../../src/cli.js';
import { readConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { createSearchEngine } from '../../src/search/index.js';
import { createSources } from '../../src/sources/index.js';
import { createRefreshService } from '../../src/sources/refresh.js';
import { loadServingCatalog, openStoreIfPresent } from '../../src/sources/serving.js';
import { openStore } from '../../src/store/index.js';
import { clockAt, type FixtureServer, fastDeps, fixture, MapSearch, startServer } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'paperboy-sources-'));
let n = 0;
const dbUrl = () => `sqlite:${join(dir, `sources-${++n}.db`)}`;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const route = (url: URL) =>
  url.pathname.startsWith('/hf/')
    ? { body: url.searchParams.get('date') === '2025-05-12' ? fixture('hf-day-2025-05-12.json') : '[]' }
    : { body: fixture('arxiv-feed.xml') };

function catalogFile(): string {
  const path = join(dir, `catalog-${++n}.jsonl`);
  const lines = [
    { id: '2505.07062', title: 'Seed1.5-VL: A Vision-Language Foundation Model', abstract: 'From a file.' },
    { title: 'Sparse Attention Is All You Need Sometimes', abstract: 'A curated note without an id.' },
    { id: '1812.06145', title: 'Hand Gestures', abstract: 'Only in the file.' },
  ];
  writeFileSync(path, lines.map((l) => JSON.stringify(l)).join('\n'));
  return path;
}

describe('loadServingCatalog', () => {
  it('serves the files plus the fetched papers from the store, each paper once, with live signals', async () => {
    server = await startServer(route);
    const url = dbUrl();
    const store = await openStore(url);
    const config = readConfig({ HF_API_URL: `${server.url}/hf/api`, HF_REFRESH_DAYS: '1' });
    const service = createRefreshService({
      sources: createSources(config.sources, { logger: silentLogger(), deps: fastDeps().deps }),
      store,
      search: new MapSearch(),
      clock: clockAt('2025-05-13T02:30:00Z'),
      logger: silentLogger(),
    });
    expect(await service.refresh('hf')).toMatchObject({ outcome: 'ok', added: 3 });
    await store.close();

    // A restart: no network, the store alone brings the fetched papers back.
    await server.close();
    server = undefined;
    const reopened = await openStore(url);
    const served = await loadServingCatalog({ catalogPaths: [catalogFile()], store: reopened });
    await reopened.close();
    expect(served.fetched).toBe(3);
    const ids = served.papers.map((p) => p.id).sort();
    expect(ids).toEqual(['1812.06145', '2505.01234', '2505.05555', '2505.07062']);
    const sparse = served.papers.find((p) => p.id === '2505.01234')!;
    expect(sparse.trending).toMatchObject({ upvotes: 97, rank: 1 });
    expect(sparse.trending.velocity).toBeGreaterThan(0);
    expect(sparse.trending.score).toBeGreaterThan(0);
    const seedVl = served.papers.find((p) => p.id === '2505.07062')!;
    expect(seedVl.abstract).toMatch(/^We present Seed1\.5-VL/);
    expect(seedVl.links.code).toBe('https://github.com/example/seed-vl');
  });

  it('serves the files alone when the store cannot be read', async () => {
    const broken = {
      loadPapers: async () => {
        throw new Error('no such table: papers');
      },
    };
    const served = await loadServingCatalog({ catalogPaths: [catalogFile()], store: broken });
    expect(served.papers).toHaveLength(3);
    expect(served.warnings.at(-1)?.reason).toMatch(/no such table/);
  });

  it('does not create a database just to read one', async () => {
    const path = join(dir, 'absent', 'paperboy.db');
    expect(await openStoreIfPresent(`sqlite:${path}`)).toBeUndefined();
  });
});

describe('live refresh into the real search engine', () => {
  it('makes fetched papers searchable at once and joins a seed paper by its title', async () => {
    const seedTitle =
      'Derivative-Free Guidance in Continuous and Discrete Diffusion Models with Soft Value-Based Decoding';
    const day = JSON.parse(fixture('hf-day-2025-05-12.json')) as Array<Record<string, unknown>>;
    day.push({
      paper: {
        id: '2408.08252',
        title: seedTitle,
        summary:
          'Diffusion models excel at capturing the natural design spaces of images, molecules and DNA.',
        authors: [{ name: 'Xiner Li' }],
        upvotes: 12,
      },
      numComments: 0,
    });
    server = await startServer((url) => ({
      body: url.searchParams.get('date') === '2025-05-12' ? JSON.stringify(day) : '[]',
    }));
    const served = await loadServingCatalog({ catalogPaths: [] });
    const search = createSearchEngine(served.papers);
    const before = search.size;
    const store = await openStore(dbUrl());
    const config = readConfig({ HF_API_URL: `${server.url}/hf/api`, HF_REFRESH_DAYS: '1' });
    const service = createRefreshService({
      sources: createSources(config.sources, { logger: silentLogger(), deps: fastDeps().deps }),
      store,
      search,
      clock: clockAt('2025-05-13T02:30:00Z'),
      logger: silentLogger(),
    });
    expect(await service.refresh('hf')).toMatchObject({ outcome: 'ok', added: 3, updated: 1 });
    await store.close();
    expect(search.size).toBe(before + 3);
    const hit = search.search('sparse attention', { limit: 1 });
    expect(hit.ok && hit.hits[0]?.paper.id).toBe('2505.01234');
    const seed = search.get('2408.08252');
    expect(seed?.title).toBe(seedTitle);
    expect(seed?.trending.upvotes).toBe(12);
    const copies = [...search.all()].filter((p) => p.title === seedTitle);
    expect(copies).toHaveLength(1);
  });
});

describe('paperboy sources (CLI, real SQLite)', () => {
  it('refreshes into the store named by DATABASE_URL and reports it in the status', async () => {
    server = await startServer(route);
    const env = {
      HF_API_URL: `${server.url}/hf/api`,
      ARXIV_API_URL: `${server.url}/arxiv/api/query`,
      PAPERBOY_SOURCES: 'hf,arxiv',
      DATABASE_URL: dbUrl(),
    };
    const out: string[] = [];
    const err: string[] = [];
    const io = { out: (t: string) => out.push(t), err: (t: string) => err.push(t), env };
    // arXiv asks for 3 s between requests: one page here, so no wait.
    expect(await main(['sources', 'refresh', '--date', '2025-05-12'], io)).toBe(EXIT.ok);
    expect(out.join('')).toMatch(/hf: ok — 3 papers fetched \(3 new, 0 updated\)/);
    expect(out.join('')).toMatch(/arxiv: ok — 3 papers fetched \(2 new, 1 updated\)/);
    out.length = 0;
    expect(await main(['sources', 'status', '--json'], io)).toBe(EXIT.ok);
    const status = JSON.parse(out.join('')) as {
      storedPapers: number;
      sources: Array<{ lastOutcome: string }>;
    };
    expect(status.storedPapers).toBe(5);
    expect(status.sources.map((s) => s.lastOutcome)).toEqual(['ok', 'ok']);
    expect(err.join('')).toBe('');

    // `paperboy catalog` (and search) serve the files plus what was fetched, like the bot.
    out.length = 0;
    expect(await main(['catalog', '--json', '--catalog', catalogFile()], io)).toBe(EXIT.ok);
    const served = JSON.parse(out.join('')) as {
      papers: Array<{ id: string; trending: { upvotes?: number } }>;
    };
    expect(served.papers.map((p) => p.id).sort()).toEqual([
      '1812.06145',
      '2505.01234',
      '2505.05555',
      '2505.07062',
      'hep-th/9901001',
      'math/0501001',
    ]);
    expect(served.papers.find((p) => p.id === '2505.01234')?.trending.upvotes).toBe(97);
  });

  it('names DATABASE_URL when the store cannot be opened', async () => {
    const err: string[] = [];
    const io = { out: () => undefined, err: (t: string) => err.push(t), env: { DATABASE_URL: 'sqlite:' } };
    expect(await main(['sources', 'status'], io)).toBe(EXIT.usage);
    expect(err.join('')).toMatch(/DATABASE_URL/);
  });

  it('is listed by `paperboy --help`', async () => {
    const out: string[] = [];
    await main(['--help'], { out: (t) => out.push(t), err: () => undefined, env: {} });
    expect(out.join('')).toMatch(/sources +refresh the live paper sources/);
  });
});
