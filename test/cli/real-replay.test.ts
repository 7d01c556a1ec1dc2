import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Paper } from '../../src/catalog/paper.js';
import { type FixtureServer, startServer } from '../sources/helpers.js';
import { runCli } from '../support/cli.js';
import { REAL_DIR, real } from '../support/real.js';

// The "done when" of issue 16: recorded answers of the real services, replayed through `paperboy sources
// refresh` from a local server, and a recorded Kaggle snapshot through `--catalog`, show every kept field in
// `catalog --json`, in search and on the summary card.
const dir = mkdtempSync(join(tmpdir(), 'paperboy-real-replay-'));
const KAGGLE = `${REAL_DIR}/kaggle/arxiv-metadata-oai-snapshot-lines.jsonl`;
let server: FixtureServer;
let env: Record<string, string>;

beforeAll(async () => {
  server = await startServer((url) =>
    url.pathname.startsWith('/arxiv')
      ? { body: real('arxiv/query-testing-trimmed.xml'), headers: { 'content-type': 'application/atom+xml' } }
      : { body: `[${real('hf/daily-papers-item-2602.23229-current-shape.json')}]` },
  );
  env = {
    DATABASE_URL: `sqlite:${join(dir, 'paperboy.db')}`,
    HF_API_URL: `${server.url}/api`,
    ARXIV_API_URL: `${server.url}/arxiv`,
    ARXIV_CATEGORIES: 'cs.SE',
    PAPERBOY_SOURCES: 'hf,arxiv',
  };
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

const paperboy = (...args: string[]) => runCli(args, env);

function find(papers: Paper[], id: string): Paper {
  const p = papers.find((x) => x.id === id);
  if (!p) throw new Error(`no ${id}`);
  return p;
}

describe('recorded payloads, end to end', () => {
  it('sources refresh stores them, and catalog --json shows every kept field', async () => {
    const hf = await paperboy('sources', 'refresh', '--source', 'hf', '--date', '2026-03-06');
    expect(hf.stdout).toMatch(/^hf: ok — 1 paper fetched \(1 new/);
    const arxiv = await paperboy('sources', 'refresh', '--source', 'arxiv');
    expect(arxiv.stdout).toMatch(/^arxiv: ok — 5 papers fetched \(5 new/);

    const listed = await paperboy('catalog', '--catalog', KAGGLE, '--json');
    expect(listed.code).toBe(0);
    expect(listed.stderr).toBe('');
    const { papers } = JSON.parse(listed.stdout) as { papers: Paper[] };
    expect(papers).toHaveLength(7 + 1 + 5);
    expect(find(papers, '2602.23229')).toMatchObject({
      listed: '2026-03-06',
      published: '2026-02-26',
      thumbnail: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2602.23229.png',
      mediaUrls: [expect.stringMatching(/^https:\/\/cdn-uploads\.huggingface\.co\//)],
      organization: 'Multimedia and Human Understanding Group',
      submittedBy: 'Marco Garosi',
      trending: { upvotes: 10, stars: 9, comments: 1 },
      sourceSummary: expect.stringMatching(/^Large Multimodal Models/),
      keywords: expect.arrayContaining(['CIRCLE']),
      links: { code: 'https://github.com/marco-garosi/CIRCLE', project: 'https://circle-lmm.github.io' },
    });
    expect(find(papers, '2005.14124')).toMatchObject({
      doi: '10.1145/3395363.3397376',
      journalRef: expect.stringMatching(/ISSTA 2020/),
      comment: expect.stringMatching(/ISSTA 2020/),
      version: 2,
    });
    expect(find(papers, '0804.0970').affiliations).toEqual(['LRI', 'IBISC']);
    expect(find(papers, '0704.0001')).toMatchObject({
      doi: '10.1103/PhysRevD.76.013009',
      journalRef: 'Phys.Rev.D76:013009,2007',
      comment: '37 pages, 15 figures; published version',
      published: '2007-04-02',
      version: 2,
    });

    // What catalog --json wrote loads back as it was.
    const file = join(dir, 'catalog.json');
    writeFileSync(file, listed.stdout);
    const back = await paperboy('catalog', '--catalog', file, '--json');
    expect(back.stderr).toBe('');
    expect((JSON.parse(back.stdout) as { papers: Paper[] }).papers).toEqual(papers);
  });

  it('search finds a venue named only in a comment, and venue: filters on it', async () => {
    const plain = await paperboy('search', 'ISSTA', '--json');
    const ids = (out: string) => (JSON.parse(out) as { results: { id: string }[] }).results.map((r) => r.id);
    expect(ids(plain.stdout).sort()).toEqual(['2005.06826', '2005.14124']);
    const filtered = await paperboy('search', 'fuzzing venue:"ISSTA 2020"', '--json');
    expect(ids(filtered.stdout).sort()).toEqual(['2005.14124']);
  });

  it('the summary card shows the venue and the DOI', async () => {
    const card = await paperboy('summarize', '2005.06826');
    expect(card.code).toBe(0);
    expect(card.stdout).toMatch(
      /Venue {4}Accepted to the ACM SIGSOFT International Symposium on Software Testing and Analysis \(ISSTA\), 2020/,
    );
    const withDoi = await paperboy('summarize', '2005.14124');
    expect(withDoi.stdout).toContain('doi          https://doi.org/10.1145/3395363.3397376');
  });
});
