import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { arxivQuery, createArxivSource, parseArxivFeed } from '../../src/sources/arxiv.js';
import { type FixtureServer, fastDeps, fixture, type Reply, startServer } from './helpers.js';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const now = new Date('2025-05-12T12:00:00Z');

function feedOf(ids: string[], total: number): string {
  const entries = ids
    .map(
      (id) => `<entry><id>http://arxiv.org/abs/${id}v1</id><published>2025-05-09T00:00:00Z</published>
      <title>Paper ${id}</title><summary>About ${id}.</summary><author><name>X</name></author>
      <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="cs.LG"/></entry>`,
    )
    .join('\n');
  return `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">${total}</opensearch:totalResults>
  ${entries}</feed>`;
}

async function arxivAgainst(route: (url: URL, nth: number) => Reply, maxResults = 100, pageSize = 100) {
  server = await startServer(route);
  const fast = fastDeps();
  const source = createArxivSource({
    apiUrl: `${server.url}/api/query`,
    categories: ['cs.LG', 'cs.CL'],
    maxResults,
    pageSize,
    deps: fast.deps,
    policy: { attempts: 3, timeoutMs: 500 },
    logger: silentLogger(),
  });
  return { source, fast };
}

describe('parseArxivFeed', () => {
  it('reads entries with hard wraps, odd whitespace, entities and old-style ids', () => {
    const feed = parseArxivFeed(fixture('arxiv-feed.xml'));
    if ('error' in feed) throw new Error(feed.error);
    expect(feed.totalResults).toBe(4);
    expect(feed.truncated).toBe(false);
    expect(feed.papers.map((p) => p.id)).toEqual(['2505.01234', 'hep-th/9901001', 'math/0501001']);
    const [sparse, strings, curves] = feed.papers;
    expect(sparse).toMatchObject({
      arxivId: '2505.01234',
      title: 'Sparse Attention Is All You Need Sometimes',
      authors: ['Grace Hopper', 'Edsger W. Dijkstra'],
      categories: ['cs.LG', 'cs.CL'],
      published: '2025-05-09',
      updated: '2025-05-11',
      comment: '12 pages, 4 figures; code at https://github.com/example/sparse',
      source: 'arxiv',
      links: {
        abs: 'https://arxiv.org/abs/2505.01234',
        pdf: 'https://arxiv.org/pdf/2505.01234',
        code: 'https://github.com/example/sparse',
      },
    });
    expect(sparse?.abstract).toBe(
      'Sparse attention trades a little accuracy for a lot of speed. We show when it pays off, with a tab and ' +
        'double spaces, on long-context benchmarks up to 128k tokens, and where it does not (e.g. retrieval ' +
        'with needle-in-a-haystack <16k> prompts).',
    );
    expect(strings).toMatchObject({
      id: 'hep-th/9901001',
      title: 'Strings, Branes & Dualities: a Review',
      abstract: 'We review string dualities. The review is self-contained.',
      authors: ['José García'],
      categories: ['hep-th', 'gr-qc'],
      published: '1999-01-04',
      links: { abs: 'https://arxiv.org/abs/hep-th/9901001' },
    });
    expect(curves?.title).toBe('On “Curves” — Old Style With a Subject Class');
    expect(feed.skipped).toEqual([{ index: 3, reason: expect.stringMatching(/not an arXiv id/) }]);
  });

  it('reads the API error entry as a refusal, not as a paper', () => {
    const feed = parseArxivFeed(fixture('arxiv-error.xml'));
    expect(feed).toMatchObject({ papers: [], apiError: 'incorrect id format for 1234.12345' });
  });

  it('keeps the complete entries of a cut-off feed', () => {
    const xml = fixture('arxiv-feed.xml');
    const cut = xml.slice(0, xml.indexOf('<entry>', xml.indexOf('hep-th/9901001')) + 40);
    const feed = parseArxivFeed(cut);
    if ('error' in feed) throw new Error(feed.error);
    expect(feed.truncated).toBe(true);
    expect(feed.papers.map((p) => p.id)).toEqual(['2505.01234', 'hep-th/9901001']);
  });

  it('refuses an answer that is not a feed', () => {
    expect(parseArxivFeed('<html><body>Rate exceeded</body></html>')).toMatchObject({
      error: expect.stringMatching(/not an Atom feed/),
    });
    expect(parseArxivFeed('')).toHaveProperty('error');
  });
});

describe('arXiv source', () => {
  it('asks for the configured categories, newest submissions first', async () => {
    const { source } = await arxivAgainst(() => ({ body: fixture('arxiv-feed.xml') }));
    const got = await source.fetch({ now });
    const q = server?.requests[0]?.searchParams;
    expect(q?.get('search_query')).toBe('(cat:cs.LG OR cat:cs.CL)');
    expect(q?.get('sortBy')).toBe('submittedDate');
    expect(q?.get('sortOrder')).toBe('descending');
    expect(got.papers).toHaveLength(3);
    expect(got.skipped).toBe(1);
    expect(got.problems).toEqual([]);
  });

  it('narrows to one submission day when a date is given', () => {
    expect(arxivQuery(['cs.LG'], { first: '2025-05-09', last: '2025-05-09' })).toBe(
      'cat:cs.LG AND submittedDate:[202505090000 TO 202505092359]',
    );
  });

  it('narrows a month to its submission days', async () => {
    const { source } = await arxivAgainst(() => ({ body: feedOf([], 0) }));
    await source.fetch({ now, date: '2024-02' });
    expect(server?.requests[0]?.searchParams.get('search_query')).toBe(
      '(cat:cs.LG OR cat:cs.CL) AND submittedDate:[202402010000 TO 202402292359]',
    );
  });

  it('pages through results at least 3 seconds apart', async () => {
    const { source, fast } = await arxivAgainst(
      (url) => {
        const start = Number(url.searchParams.get('start'));
        const ids = [0, 1].map((i) => `2505.0${start + i}000`).slice(0, start >= 4 ? 1 : 2);
        return { body: feedOf(ids, 5) };
      },
      10,
      2,
    );
    const got = await source.fetch({ now });
    expect(server?.requests.map((u) => u.searchParams.get('start'))).toEqual(['0', '2', '4']);
    expect(got.papers).toHaveLength(5);
    expect(fast.sleeps.filter((ms) => ms > 0)).toHaveLength(2);
    expect(Math.min(...fast.sleeps)).toBeGreaterThanOrEqual(3000);
  });

  it('backs off on 503 with Retry-After, then reads the feed', async () => {
    const { source, fast } = await arxivAgainst((_url, nth) =>
      nth === 0 ? { status: 503, headers: { 'retry-after': '10' } } : { body: fixture('arxiv-feed.xml') },
    );
    const got = await source.fetch({ now });
    expect(got.papers).toHaveLength(3);
    expect(Math.max(...fast.sleeps)).toBeGreaterThanOrEqual(10_000);
  });

  it('reports an API error entry as a problem', async () => {
    const { source } = await arxivAgainst(() => ({ body: fixture('arxiv-error.xml') }));
    const got = await source.fetch({ now });
    expect(got.papers).toEqual([]);
    expect(got.problems[0]?.message).toMatch(/arXiv refused the query: incorrect id format/);
  });

  it('reports an empty page for a query that counts results', async () => {
    const { source } = await arxivAgainst(() => ({ body: feedOf([], 120) }));
    const got = await source.fetch({ now });
    expect(got.problems[0]?.message).toMatch(/empty page/);
  });
});
