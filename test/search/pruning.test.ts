// Dynamic pruning must not change what a search returns: same best papers, same order, exact totals.
import { describe, expect, it } from 'vitest';
import { createSearchEngine } from '../../src/search/index.js';
import { paper } from './papers.js';

// A catalog large enough for pruning to start: common words in most papers, rare ones in a few.
const WORDS = [
  'quark',
  'gluon',
  'boson',
  'lepton',
  'meson',
  'photon',
  'hadron',
  'fermion',
  'neutrino',
  'muon',
];
const SHARE = [0.85, 0.05, 0.5, 0.3, 0.2, 0.1, 0.6, 0.02, 0.4, 0.15];
const FILLER = ['study', 'measure', 'detector', 'collision', 'energy', 'spectrum', 'decay', 'beam'];

function catalog(n: number) {
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const papers = [];
  const docs: Set<string>[] = [];
  for (let i = 0; i < n; i++) {
    const words: string[] = [];
    WORDS.forEach((w, j) => {
      if (random() < SHARE[j]!) for (let r = 1 + Math.floor(random() * 3); r > 0; r--) words.push(w);
    });
    for (let r = 0; r < 10 + Math.floor(random() * 30); r++)
      words.push(FILLER[Math.floor(random() * FILLER.length)]!);
    words.sort(() => random() - 0.5);
    const cut = Math.min(words.length, 2 + Math.floor(random() * 5));
    const title = `Paper ${i} ${words.slice(0, cut).join(' ')}`;
    papers.push(paper({ id: `p${i}`, title, abstract: words.slice(cut).join(' ') }));
    docs.push(new Set(words));
  }
  return { papers, docs };
}

const { papers, docs } = catalog(3000);
const engine = createSearchEngine(papers);
const QUERIES = [
  'gluon quark',
  'fermion quark boson',
  'muon hadron quark lepton',
  'photon neutrino quark boson',
];

describe('pruned ranking', () => {
  it('returns the same best papers and scores as ranking every match', () => {
    for (const q of QUERIES) {
      const full = engine.search(q, { limit: 1000, prefix: false });
      for (const limit of [1, 5, 10]) {
        const top = engine.search(q, { limit, prefix: false });
        if (!top.ok || !full.ok) throw new Error('search failed');
        expect(
          top.hits.map((h) => h.paper.id),
          q,
        ).toEqual(full.hits.slice(0, limit).map((h) => h.paper.id));
        for (const [i, h] of top.hits.entries()) expect(h.score).toBeCloseTo(full.hits[i]!.score, 3);
      }
    }
  });

  it('pages through the same order', () => {
    const full = engine.search('gluon quark', { limit: 30, prefix: false });
    const page = engine.search('gluon quark', { limit: 10, offset: 20, prefix: false });
    if (!full.ok || !page.ok) throw new Error('search failed');
    expect(page.hits.map((h) => h.paper.id)).toEqual(full.hits.slice(20).map((h) => h.paper.id));
  });

  it('still counts every paper that has any of the words', () => {
    for (const q of QUERIES) {
      const words = q.split(' ');
      const expected = docs.filter((d) => words.some((w) => d.has(w))).length;
      const r = engine.search(q, { limit: 10, prefix: false });
      expect(r.ok && r.total, q).toBe(expected);
      expect(r.ok && r.approximate, q).toBeFalsy();
    }
  });

  it("leaves a replaced paper's old text out of the best papers and the total", () => {
    const local = createSearchEngine(papers);
    const before = local.search('gluon quark', { limit: 5, prefix: false });
    if (!before.ok) throw new Error('search failed');
    const gone = before.hits[0]!.paper;
    // Re-adding a paper under the same id without its words removes the old version from the index.
    local.upsert([paper({ id: gone.id, title: 'Paper withdrawn' })]);
    const after = local.search('gluon quark', { limit: 5, prefix: false });
    const full = local.search('gluon quark', { limit: 1000, prefix: false });
    if (!after.ok || !full.ok) throw new Error('search failed');
    expect(after.hits.map((h) => h.paper.id)).not.toContain(gone.id);
    expect(after.hits.map((h) => h.paper.id)).toEqual(full.hits.slice(0, 5).map((h) => h.paper.id));
    expect(after.total).toBe(before.total - 1);
  });
});
