import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CATALOG } from '../search/papers.js';
import { runCli } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'paperboy-cli-search-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const catalog = join(dir, 'catalog.jsonl');
writeFileSync(catalog, CATALOG.map((p) => JSON.stringify(p)).join('\n'));

const paperboy = (...args: string[]) => runCli(args);

describe('paperboy search', () => {
  it('prints {"query","results":[{"id","title","score"}]} with --json', async () => {
    const r = await paperboy('search', 'difusion modles', '--catalog', catalog, '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['query', 'results']);
    expect(out.query).toBe('difusion modles');
    expect(Object.keys(out.results[0])).toEqual(['id', 'title', 'score']);
    expect(out.results[0]).toMatchObject({
      id: '2503.00003',
      title: 'Denoising Diffusion Models for Image Synthesis',
    });
  });

  it('lists results for people, with the matched words', async () => {
    const r = await paperboy('search', 'MoE language models', '--catalog', catalog, '--limit', '1');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\d papers match; showing 1–1/);
    expect(r.stdout).toMatch(/1\. Scaling Sparse Mixture-of-Experts Language Models/);
    expect(r.stdout).toMatch(/matched: MoE/);
  });

  it('answers a batch file line by line, in order, up to --limit results each', async () => {
    const batch = join(dir, 'queries.jsonl');
    writeFileSync(
      batch,
      [
        JSON.stringify({ id: 'q1', query: 'K-FAC curvature' }),
        JSON.stringify({ query: 'test time training' }),
        '',
        'not json',
        JSON.stringify({ id: 7, query: 'year:2024' }),
        JSON.stringify({ _id: 'beir', text: 'graph neural networks molecules' }),
      ].join('\n'),
    );
    const r = await paperboy('search', '--batch', batch, '--catalog', catalog, '--limit', '2');
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatchObject({ id: 'q1', query: 'K-FAC curvature' });
    expect(lines[0].results[0].id).toBe('2506.00006');
    expect(lines[0].results.length).toBeLessThanOrEqual(2);
    expect(lines[1]).toMatchObject({ id: null, query: 'test time training' });
    expect(lines[2]).toEqual({ id: null, query: null, results: [], error: 'not a JSON object' });
    expect(lines[3]).toMatchObject({
      id: 7,
      results: [],
      error: expect.stringMatching(/unknown filter year/),
    });
    expect(lines[4].results[0].id).toBe('graph-neural-networks-for-molecules');
    expect(r.stderr).toMatch(/queries\.jsonl:4: not a JSON object/);
  });

  it('saves an index and answers from it', async () => {
    const index = join(dir, 'saved.pbs');
    const saved = await paperboy('search', '--catalog', catalog, '--save-index', index);
    expect(saved.code).toBe(0);
    expect(saved.stderr).toMatch(/saved the index of 10 papers/);
    const r = await paperboy('search', 'rlhf', '--index', index, '--json');
    expect(JSON.parse(r.stdout).results[0].id).toBe('2505.00005');
  });

  it('says what went wrong, with exit 2, for bad usage and bad queries', async () => {
    const none = await paperboy('search', '--catalog', catalog);
    expect(none).toMatchObject({ code: 2, stderr: expect.stringMatching(/what should I search for/) });
    const filter = await paperboy('search', 'x', 'foo:bar', '--catalog', catalog);
    expect(filter.code).toBe(2);
    expect(filter.stderr).toBe(
      'paperboy search: unknown filter foo: try code:, after:, before:, author:, category:, venue:\n',
    );
    const limit = await paperboy('search', 'x', '--limit', '5000', '--catalog', catalog);
    expect(limit).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/--limit must be a whole number from 1 to 1000/),
    });
    const missing = await paperboy('search', '--batch', join(dir, 'nope.jsonl'), '--catalog', catalog);
    expect(missing).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/cannot read batch file .*nope\.jsonl/),
    });
    const badIndex = await paperboy('search', 'x', '--index', join(dir, 'nope.pbs'));
    expect(badIndex).toMatchObject({ code: 2, stderr: expect.stringMatching(/cannot read search index/) });
  });

  it('prints the "no papers match" answer when nothing matches', async () => {
    const r = await paperboy('search', '🚀🚀', '--catalog', catalog);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/no papers match "🚀🚀"/);
    const json = await paperboy('search', 'zzzqqq', '--catalog', catalog, '--json');
    expect(JSON.parse(json.stdout)).toEqual({ query: 'zzzqqq', results: [] });
  });

  it('searches the bundled seed by default', async () => {
    const r = await paperboy('search', 'difusion modles', '--json');
    expect(r.code).toBe(0);
    const titles = JSON.parse(r.stdout).results.map((x: { title: string }) => x.title);
    expect(titles[0]).toMatch(/Diffusion Models/);
  });
});
