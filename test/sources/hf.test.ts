import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { createHfSource, type HfSourceOptions } from '../../src/sources/hf.js';
import { parseJsonArrayLenient } from '../../src/sources/lenient-json.js';
import { type FixtureServer, fastDeps, fixture, type Reply, startServer } from './helpers.js';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function hfAgainst(route: (url: URL, nth: number) => Reply, extra: Partial<HfSourceOptions> = {}) {
  server = await startServer(route);
  const { deps } = fastDeps();
  return createHfSource({
    apiUrl: `${server.url}/api`,
    days: 1,
    timeZone: 'America/New_York',
    deps,
    policy: { attempts: 2, baseDelayMs: 10, timeoutMs: 500 },
    logger: silentLogger(),
    ...extra,
  });
}

const now = new Date('2025-05-13T02:30:00Z'); // 22:30 on 12 May in New York

describe('Hugging Face daily papers', () => {
  it('maps a normal day to papers with links, signals and a rank by upvotes', async () => {
    const hf = await hfAgainst(() => ({ body: fixture('hf-day-2025-05-12.json') }));
    const got = await hf.fetch({ now, date: '2025-05-12' });
    expect(got.problems).toEqual([]);
    expect(got.papers.map((p) => p.id)).toEqual(['2505.01234', '2505.07062', '2505.05555']);
    const seed = got.papers.find((p) => p.id === '2505.07062')!;
    expect(seed).toMatchObject({
      arxivId: '2505.07062',
      title: 'Seed1.5-VL: A Vision-Language Foundation Model',
      authors: ['Ada Lovelace', 'Alan Turing'],
      keywords: ['vision-language model', 'Mixture-of-Experts', 'multimodal reasoning'],
      published: '2025-05-11',
      listed: '2025-05-12',
      source: 'hf',
      sourceSummary: 'Seed1.5-VL pairs a 532M vision encoder with an MoE LLM for multimodal reasoning.',
      links: {
        abs: 'https://arxiv.org/abs/2505.07062',
        pdf: 'https://arxiv.org/pdf/2505.07062',
        hf: 'https://huggingface.co/papers/2505.07062',
        code: 'https://github.com/example/seed-vl',
        project: 'https://seed.example.org/vl',
      },
      trending: { rank: 2, upvotes: 42, stars: 1250, comments: 3 },
    });
    expect(seed.abstract).not.toMatch(/\n/);
    expect(seed.abstract).toMatch(
      /^We present Seed1\.5-VL, a vision-language foundation model designed to advance/,
    );
    const quiet = got.papers.find((p) => p.id === '2505.05555')!;
    expect(quiet.links.code).toBeUndefined();
    expect(quiet.links.project).toBeUndefined();
    expect(quiet.trending.rank).toBe(3);
    expect(server?.requests[0]?.searchParams.get('date')).toBe('2025-05-12');
  });

  it('treats an empty day (a weekend) as a success with nothing new', async () => {
    const hf = await hfAgainst(() => ({ body: fixture('hf-empty.json') }));
    const got = await hf.fetch({ now, date: '2025-05-10' });
    expect(got).toMatchObject({ papers: [], problems: [], skipped: 0, requests: 1 });
  });

  it('follows pages until a short one and ranks the whole day', async () => {
    const hf = await hfAgainst(
      (url) => ({ body: fixture(url.searchParams.get('p') === '0' ? 'hf-page-0.json' : 'hf-page-1.json') }),
      { pageSize: 3 },
    );
    const got = await hf.fetch({ now, date: '2025-05-13' });
    expect(server?.requests.map((u) => [u.searchParams.get('p'), u.searchParams.get('limit')])).toEqual([
      ['0', '3'],
      ['1', '3'],
    ]);
    expect(got.papers).toHaveLength(5);
    const ranks = Object.fromEntries(got.papers.map((p) => [p.id, p.trending.rank]));
    expect(ranks).toEqual({
      '2505.70004': 1,
      '2505.70002': 2,
      '2505.70003': 3,
      '2505.70001': 4,
      '2505.70005': 5,
    });
  });

  it('stops paging when the server ignores the page number', async () => {
    const hf = await hfAgainst(() => ({ body: fixture('hf-page-0.json') }), { pageSize: 3 });
    const got = await hf.fetch({ now, date: '2025-05-13' });
    expect(got.papers).toHaveLength(3);
    expect(server?.requests).toHaveLength(2);
  });

  it('skips items that do not validate, names them in the count, and keeps the good ones', async () => {
    const hf = await hfAgainst(() => ({ body: fixture('hf-day-with-bad-items.json') }));
    const got = await hf.fetch({ now, date: '2025-05-12' });
    expect(got.papers.map((p) => p.id).sort()).toEqual(['2505.11111', '2505.44444']);
    expect(got.skipped).toBe(4);
    expect(got.papers.find((p) => p.id === '2505.11111')?.links.code).toBe('https://github.com/good/paper');
    const other = got.papers.find((p) => p.id === '2505.44444')!;
    expect(other.authors).toEqual(['B. Author']);
    expect(other.links.code).toBeUndefined();
  });

  it('keeps the complete items of a truncated answer and reports the cut', async () => {
    const hf = await hfAgainst(() => ({ body: fixture('hf-truncated.json') }));
    const got = await hf.fetch({ now, date: '2025-05-12' });
    expect(got.papers.map((p) => p.id)).toEqual(['2505.60002', '2505.60001']);
    expect(got.problems).toHaveLength(1);
    expect(got.problems[0]?.message).toMatch(/cut off/);
  });

  it('recovers from a 429 and reports a 500 that does not go away', async () => {
    const hf = await hfAgainst((url, nth) => {
      if (url.searchParams.get('date') === '2025-05-12') {
        return nth === 0
          ? { status: 429, headers: { 'retry-after': '1' } }
          : { body: fixture('hf-empty.json') };
      }
      return { status: 500, body: 'Internal Error' };
    });
    const ok = await hf.fetch({ now, date: '2025-05-12' });
    expect(ok.problems).toEqual([]);
    const bad = await hf.fetch({ now, date: '2025-05-11' });
    expect(bad.papers).toEqual([]);
    expect(bad.problems[0]).toMatchObject({ kind: 'http', status: 500 });
  });

  it('reports an HTML error page as garbage, not as an empty day', async () => {
    const hf = await hfAgainst(() => ({ body: '<!doctype html><h1>Bad gateway</h1>' }));
    const got = await hf.fetch({ now, date: '2025-05-12' });
    expect(got.papers).toEqual([]);
    expect(got.problems[0]?.message).toMatch(/garbage answer: not JSON/);
  });

  it('backfills a whole week with the API’s own period, ranking each day on its own', async () => {
    const hf = await hfAgainst(() => ({
      body: JSON.stringify([
        ...JSON.parse(fixture('hf-page-0.json')),
        ...JSON.parse(fixture('hf-day-2025-05-12.json')),
      ]),
    }));
    const got = await hf.fetch({ now, date: '2025-W20' });
    expect(server?.requests[0]?.searchParams.get('week')).toBe('2025-W20');
    expect(server?.requests[0]?.searchParams.has('date')).toBe(false);
    const byId = Object.fromEntries(got.papers.map((p) => [p.id, [p.listed, p.trending.rank]]));
    expect(byId['2505.70002']).toEqual(['2025-05-13', 1]);
    expect(byId['2505.01234']).toEqual(['2025-05-12', 1]);
    expect(byId['2505.07062']).toEqual(['2025-05-12', 2]);
  });

  it('without a date takes the last days, counted in the configured time zone', async () => {
    const hf = await hfAgainst(() => ({ body: '[]' }), { days: 3 });
    await hf.fetch({ now });
    expect(server?.requests.map((u) => u.searchParams.get('date'))).toEqual([
      '2025-05-12',
      '2025-05-11',
      '2025-05-10',
    ]);
  });

  it('keeps the papers of the days that answered when another day fails', async () => {
    const hf = await hfAgainst(
      (url) =>
        url.searchParams.get('date') === '2025-05-12'
          ? { body: fixture('hf-day-2025-05-12.json') }
          : { status: 502, body: 'Bad Gateway' },
      { days: 2 },
    );
    const got = await hf.fetch({ now });
    expect(got.papers).toHaveLength(3);
    expect(got.problems).toHaveLength(1);
  });
});

describe('parseJsonArrayLenient', () => {
  it('refuses JSON that is not an array', () => {
    expect(parseJsonArrayLenient('{"error":"Invalid date"}')).toMatchObject({ ok: false });
    expect(parseJsonArrayLenient('')).toMatchObject({ ok: false, reason: 'empty answer' });
  });

  it('keeps complete elements even when brackets hide inside strings', () => {
    const got = parseJsonArrayLenient('[{"a":"]"},{"b":"\\"}"}, {"c":[1,');
    expect(got).toEqual({ ok: true, items: [{ a: ']' }, { b: '"}' }], truncated: true, badItems: 0 });
  });
});
