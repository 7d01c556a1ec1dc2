import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSearchEngine, loadSearchIndex, saveSearchIndex } from '../../src/search/index.js';
import { CATALOG, paper } from './papers.js';

const dir = mkdtempSync(join(tmpdir(), 'paperboy-search-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const QUERIES = [
  'diffusion models',
  'MoE',
  'difusion modles',
  'reinforc',
  '"language model"',
  'models code:yes after:2025-02',
  'author:hopper',
  'category:cs.LG experts',
  '2506.00006',
];

function summary(e: ReturnType<typeof createSearchEngine>, q: string) {
  const r = e.search(q, { limit: 20 });
  return r.ok ? { total: r.total, hits: r.hits.map((h) => [h.paper.id, h.score, h.matched]) } : r;
}

describe('saved index', () => {
  it('answers every query exactly as the engine it was saved from', () => {
    const built = createSearchEngine(CATALOG);
    const path = join(dir, 'index.pbs');
    const { bytes } = saveSearchIndex(built, path);
    expect(bytes).toBeGreaterThan(1000);
    const loaded = loadSearchIndex(path);
    if (!loaded.ok) throw new Error(loaded.message);
    expect(loaded.engine.size).toBe(built.size);
    for (const q of QUERIES) expect(summary(loaded.engine, q), q).toEqual(summary(built, q));
    expect(loaded.engine.get('2503.00003')).toEqual(built.get('2503.00003'));
    expect([...loaded.engine.all()].map((p) => p.id)).toEqual([...built.all()].map((p) => p.id));
  });

  it('keeps deletions, and accepts new papers after loading', () => {
    const built = createSearchEngine(CATALOG);
    built.upsert([paper({ id: '2503.00003', arxivId: '2503.00003', title: 'Consistency Models' })]);
    const path = join(dir, 'updated.pbs');
    saveSearchIndex(built, path);
    const loaded = loadSearchIndex(path);
    if (!loaded.ok) throw new Error(loaded.message);
    const e = loaded.engine;
    expect(e.size).toBe(CATALOG.length);
    expect(e.get('2503.00003')?.title).toBe('Consistency Models');
    e.upsert([paper({ id: 'fresh', title: 'Quantum Error Correction', abstract: 'Surface codes.' })]);
    expect(e.search('quantum')).toMatchObject({ ok: true, total: 1 });
    expect(e.search('diffusion denoising')).toMatchObject({ ok: true, total: 0 });
    const idsOf = (x: typeof e, q: string) => {
      const r = x.search(q);
      return r.ok ? r.hits.map((h) => h.paper.id) : [];
    };
    expect(idsOf(e, 'MoE')).toEqual(idsOf(built, 'MoE'));
  });

  it('refuses a missing, foreign or truncated file with a message naming it', () => {
    const missing = loadSearchIndex(join(dir, 'nope.pbs'));
    expect(missing).toEqual({
      ok: false,
      message: expect.stringMatching(/cannot read search index .*nope\.pbs: no such file/),
    });
    const foreign = join(dir, 'foreign.pbs');
    writeFileSync(foreign, 'not an index at all');
    expect(loadSearchIndex(foreign)).toEqual({
      ok: false,
      message: expect.stringMatching(/damaged .*rebuild it/),
    });
    const path = join(dir, 'whole.pbs');
    saveSearchIndex(createSearchEngine(CATALOG), path);
    const cut = join(dir, 'cut.pbs');
    writeFileSync(cut, readFileSync(path).subarray(0, 900));
    expect(loadSearchIndex(cut)).toMatchObject({ ok: false });
  });
});
