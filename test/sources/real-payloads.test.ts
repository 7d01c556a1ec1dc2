import { afterEach, describe, expect, it } from 'vitest';
import type { Paper } from '../../src/catalog/paper.js';
import { silentLogger } from '../../src/logger.js';
import { createSearchEngine } from '../../src/search/index.js';
import { createArxivSource, parseArxivFeed } from '../../src/sources/arxiv.js';
import { createHfSource } from '../../src/sources/hf.js';
import { real } from '../support/real.js';
import { type FixtureServer, fastDeps, type Reply, startServer } from './helpers.js';

let server: FixtureServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function feed(name: string) {
  const parsed = parseArxivFeed(real(`arxiv/${name}`));
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed;
}

function byId(papers: Paper[], id: string): Paper {
  const p = papers.find((x) => x.id === id);
  if (!p) throw new Error(`no paper ${id} in ${papers.map((x) => x.id).join(', ')}`);
  return p;
}

describe('arXiv, recorded answers', () => {
  it('keeps the DOI, journal ref, comment and version of a 2016 answer with an old-style id', () => {
    const { papers, totalResults } = feed('query-del-maestro-checkerboard.xml');
    expect(totalResults).toBe(1);
    expect(papers[0]).toMatchObject({
      id: 'cond-mat/0603029',
      arxivId: 'cond-mat/0603029',
      version: 1,
      doi: '10.1103/PhysRevB.74.024520',
      journalRef: 'Phys. Rev. B 74, 024520 (2006)',
      comment: '10 pages, 11 figures; added reference',
      authors: ['Adrian Del Maestro', 'Bernd Rosenow', 'Subir Sachdev'],
      categories: ['cond-mat.str-el', 'cond-mat.supr-con'],
      published: '2006-03-02',
      links: { abs: 'https://arxiv.org/abs/cond-mat/0603029', pdf: 'https://arxiv.org/pdf/cond-mat/0603029' },
    });
  });

  it('keeps affiliations, and a .ps.gz named in the comment is no project link', () => {
    const [p] = feed('id-astro-ph-0601001.xml').papers;
    expect(p?.id).toBe('astro-ph/0601001');
    expect(p?.affiliations).toEqual(['Ohio State', 'CfA', 'Warsaw University Observatory']);
    expect(p?.comment).toContain('ogle_hot_jupiters.ps.gz');
    expect(p?.links.project).toBeUndefined();
  });

  it('reads the current answer: versions, DOIs, a GitHub link in a comment, an old-style id', () => {
    const { papers } = feed('query-testing-trimmed.xml');
    expect(papers.map((p) => p.id)).toEqual([
      '2005.14124',
      '2005.06826',
      '1706.00679',
      '0804.0970',
      'hep-ph/0301050',
    ]);
    expect(byId(papers, '2005.14124')).toMatchObject({
      version: 2,
      doi: '10.1145/3395363.3397376',
      comment:
        'Accepted by the ACM SIGSOFT International Symposium on Software Testing and Analysis (ISSTA 2020)',
    });
    expect(byId(papers, '2005.14124').journalRef).toMatch(/^In Proc\. ACM SIGSOFT .*ISSTA 2020/);
    expect(byId(papers, '1706.00679').links.code).toMatch(/^https:\/\/github\.com\/ydecastro\//);
    expect(byId(papers, '0804.0970').affiliations).toEqual(['LRI', 'IBISC']);
    expect(byId(papers, 'hep-ph/0301050').version).toBe(2);
  });

  it('makes the venue searchable: "ISSTA" and venue:ISSTA find the papers whose comment names it', () => {
    const engine = createSearchEngine(feed('query-testing-trimmed.xml').papers);
    const ids = (query: string) => {
      const outcome = engine.search(query, { limit: 10 });
      if (!outcome.ok) throw new Error(outcome.message);
      return outcome.hits.map((h) => h.paper.id).sort();
    };
    expect(ids('ISSTA')).toEqual(['2005.06826', '2005.14124']);
    expect(ids('venue:ISSTA')).toEqual(['2005.06826', '2005.14124']);
    expect(ids('fuzzing venue:ISSTA')).toEqual(['2005.14124']);
    expect(ids('venue:NeurIPS')).toEqual([]);
  });

  it('reads an empty feed as no papers and the error entry as the API error', () => {
    const empty = feed('empty-id-0000.0000.xml');
    expect(empty).toMatchObject({ papers: [], entries: 0, totalResults: 0, skipped: [] });
    const error = feed('error-incorrect-id-abc.xml');
    expect(error.papers).toEqual([]);
    expect(error.apiError).toBe('incorrect id format for abc');
  });

  async function arxivServing(route: (url: URL) => Reply) {
    server = await startServer(route);
    return createArxivSource({
      apiUrl: `${server.url}/api/query`,
      categories: ['cs.SE'],
      maxResults: 100,
      deps: fastDeps().deps,
      policy: { attempts: 2, timeoutMs: 2_000 },
      logger: silentLogger(),
    });
  }

  it('replays a recorded answer through the live source with every field', async () => {
    const source = await arxivServing(() => ({ body: real('arxiv/query-testing-trimmed.xml') }));
    const got = await source.fetch({ now: new Date('2026-04-13T00:00:00Z') });
    expect(got.problems).toEqual([]);
    expect(byId(got.papers, '2005.14124')).toMatchObject({ doi: '10.1145/3395363.3397376', version: 2 });
  });

  it('says what arXiv objected to when it answers HTTP 400 with an error entry, as recorded', async () => {
    const source = await arxivServing(() => ({
      status: 400,
      body: real('arxiv/error-incorrect-id-abc.xml'),
    }));
    const got = await source.fetch({ now: new Date('2026-04-13T00:00:00Z') });
    expect(got.papers).toEqual([]);
    expect(got.problems).toHaveLength(1);
    expect(got.problems[0]?.message).toBe(
      'arXiv refused the query: incorrect id format for abc (HTTP 400 Bad Request)',
    );
    expect(got.problems[0]).not.toHaveProperty('body');
  });

  it('takes a recorded empty feed as a quiet day, not a failure', async () => {
    const source = await arxivServing(() => ({ body: real('arxiv/empty-id-0000.0000.xml') }));
    const got = await source.fetch({ now: new Date('2026-04-13T00:00:00Z') });
    expect(got).toMatchObject({ papers: [], problems: [], skipped: 0, requests: 1 });
  });
});

const CURRENT = 'hf/daily-papers-item-2602.23229-current-shape.json';
const OLDER = 'hf/daily-papers-2024-10-25-older-shape.json';

async function hfServing(route: (url: URL) => Reply) {
  server = await startServer(route);
  return createHfSource({
    apiUrl: `${server.url}/api`,
    days: 1,
    timeZone: 'America/New_York',
    deps: fastDeps().deps,
    policy: { attempts: 2, timeoutMs: 2_000 },
    logger: silentLogger(),
  });
}

describe('Hugging Face daily papers, recorded answers', () => {
  it('current shape: listed on paper.submittedOnDailyAt, published at the arXiv time, every field kept', async () => {
    const hf = await hfServing(() => ({ body: `[${real(CURRENT)}]` }));
    const got = await hf.fetch({ now: new Date('2026-03-07T03:00:00Z'), date: '2026-03-06' });
    expect(got.problems).toEqual([]);
    expect(got.papers).toHaveLength(1);
    expect(got.papers[0]).toMatchObject({
      id: '2602.23229',
      title: 'Large Multimodal Models as General In-Context Classifiers',
      published: '2026-02-26',
      listed: '2026-03-06',
      authors: ['Marco Garosi', 'Matteo Farina', 'Alessandro Conti', 'Massimiliano Mancini', 'Elisa Ricci'],
      keywords: expect.arrayContaining(['Vision-Language Models', 'CIRCLE', 'pseudo-labeling']),
      links: {
        code: 'https://github.com/marco-garosi/CIRCLE',
        project: 'https://circle-lmm.github.io',
        hf: 'https://huggingface.co/papers/2602.23229',
      },
      trending: { upvotes: 10, stars: 9, comments: 1, rank: 1 },
      sourceSummary: expect.stringMatching(/^Large Multimodal Models demonstrate superior performance/),
      thumbnail: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2602.23229.png',
      mediaUrls: [
        'https://cdn-uploads.huggingface.co/production/uploads/65a103d5230f8846b1b99cfa/UUPae7qIumdx3m-4RDOkm.webp',
      ],
      organization: 'Multimedia and Human Understanding Group',
      submittedBy: 'Marco Garosi',
    });
  });

  it('older shape: the item publishedAt is the list time; thumbnail, media and submitter kept', async () => {
    const hf = await hfServing(() => ({ body: real(OLDER) }));
    const got = await hf.fetch({ now: new Date('2024-10-26T03:00:00Z'), date: '2024-W43' });
    expect(got.problems).toEqual([]);
    const contrastive = byId(got.papers, '2410.17243');
    expect(contrastive).toMatchObject({
      published: '2024-10-22',
      listed: '2024-10-25',
      title: 'Breaking the Memory Barrier: Near Infinite Batch Size Scaling for Contrastive Loss',
      trending: { upvotes: 64, comments: 3, rank: 1 },
      thumbnail: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2410.17243.png',
      submittedBy: 'Zesen Cheng',
    });
    expect(contrastive.mediaUrls).toHaveLength(3);
    expect(byId(got.papers, '2410.16251')).toMatchObject({ listed: '2024-10-25', submittedBy: 'Canyu Chen' });
  });

  it('a week backfill lists each paper on its own day, ranked within that day', async () => {
    const item = JSON.parse(real(CURRENT)) as { paper: Record<string, unknown> };
    // The recording has one current-shape item; a second day is the same item moved (an edge case built here).
    const other = structuredClone(item);
    other.paper.id = '2603.00001';
    other.paper.submittedOnDailyAt = '2026-03-04T09:00:00.000Z';
    other.paper.upvotes = 99;
    const hf = await hfServing(() => ({ body: JSON.stringify([item, other]) }));
    const got = await hf.fetch({ now: new Date('2026-03-08T03:00:00Z'), date: '2026-W10' });
    expect(got.problems).toEqual([]);
    expect(got.papers.map((p) => [p.id, p.listed, p.trending.rank])).toEqual([
      ['2603.00001', '2026-03-04', 1],
      ['2602.23229', '2026-03-06', 1],
    ]);
  });
});

describe('no network', () => {
  it('a refused connection ends a three-day refresh after one request, each source failing as offline', async () => {
    const dead = await startServer(() => ({ body: '' }));
    const url = dead.url;
    await dead.close();
    const fast = fastDeps();
    const hf = createHfSource({
      apiUrl: `${url}/api`,
      days: 3,
      timeZone: 'America/New_York',
      deps: fast.deps,
      logger: silentLogger(),
    });
    const got = await hf.fetch({ now: new Date('2026-03-07T03:00:00Z') });
    expect(got.requests).toBe(1);
    expect(got.problems.map((p) => p.kind)).toEqual(['offline']);
    const arxiv = createArxivSource({
      apiUrl: `${url}/api/query`,
      categories: ['cs.LG'],
      maxResults: 100,
      deps: fast.deps,
      logger: silentLogger(),
    });
    const a = await arxiv.fetch({ now: new Date('2026-03-07T03:00:00Z') });
    expect(a.problems.map((p) => p.kind)).toEqual(['offline']);
    // No back-off slept on the (fake) clock: the failure is reported at once, not after ~17 s of retries.
    expect(fast.sleeps).toEqual([]);
  });
});
