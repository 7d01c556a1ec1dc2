import { describe, expect, it } from 'vitest';
import { createSearchEngine, type SearchOutcome } from '../../src/search/index.js';
import { CATALOG, paper } from './papers.js';

const engine = createSearchEngine(CATALOG);

function ids(outcome: SearchOutcome): string[] {
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.hits.map((h) => h.paper.id);
}

function top(query: string): string | undefined {
  return ids(engine.search(query))[0];
}

describe('ranking', () => {
  it('ranks a title match above a paper that only mentions the words in passing', () => {
    expect(top('language model evaluation')).toBe('2508.00008');
    expect(top('diffusion models')).toBe('2503.00003');
  });

  it('matches inflections through stemming', () => {
    expect(top('denoise diffusion modelling')).toBe('2503.00003');
    expect(top('evaluating language models')).toBe('2508.00008');
  });

  it('ignores stop words but still answers a query made only of them', () => {
    expect(top('the diffusion of models')).toBe('2503.00003');
    const only = engine.search('the of and');
    expect(only).toMatchObject({ ok: true, total: 0 });
    if (only.ok) expect(only.notice).toMatch(/no papers match "the of and"/);
  });

  it('finds a half-remembered title', () => {
    expect(top('offline RL multi step reasoning')).toBe('2504.00004');
    expect(top('test time training inference')).toBe('2507.00007');
  });

  it('finds papers by author', () => {
    expect(top('Liskov')).toBe('2505.00005');
    expect(ids(engine.search('hopper'))).toEqual(expect.arrayContaining(['2502.00002', '2504.00004']));
  });

  it('finds papers by keyword', () => {
    expect(top('molecular property prediction')).toBe('graph-neural-networks-for-molecules');
  });

  it('reports the words that matched, for highlighting', () => {
    const r = engine.search('sparse experts routing');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.hits[0]!.matched).toEqual(expect.arrayContaining(['sparse', 'experts']));
  });

  it('gives a relevance between 0 and 1 that is higher for a better match', () => {
    const r = engine.search('denoising diffusion models image synthesis');
    if (!r.ok) throw new Error(r.message);
    const [first, second] = r.hits;
    expect(first!.relevance).toBeGreaterThan(0.4);
    expect(first!.relevance).toBeLessThanOrEqual(1);
    expect(second!.relevance!).toBeLessThan(first!.relevance!);
  });
});

describe('typos', () => {
  it('finds "diffusion models" from "difusion modles"', () => {
    expect(top('difusion modles')).toBe('2503.00003');
  });

  it('corrects long words with two edits', () => {
    expect(top('reinforcment lerning')).toBe('2504.00004');
  });

  it('never lets a correction outrank a paper with the exact word typed', () => {
    const withTypo = [
      ...CATALOG,
      paper({
        id: 'modes-paper',
        title: 'Failure modes of image classifiers',
        abstract: 'Modes of failure.',
      }),
    ];
    const e = createSearchEngine(withTypo);
    const r = e.search('modes');
    expect(ids(r)[0]).toBe('modes-paper');
  });

  it('fixes the spelling of the first dozen unknown words of a long paste and says so, searching the rest as typed', () => {
    const junk = Array.from({ length: 400 }, (_, i) => `zq${i.toString(36).padStart(4, 'x')}`).join(' ');
    const r = engine.search(`difusion modles ${junk}`);
    expect(ids(r)[0]).toBe('2503.00003');
    expect(r.ok && r.notice).toMatch(/spelling checked for the first 12 unknown words only/);
    expect(engine.search('difusion modles')).not.toMatchObject({ notice: expect.stringMatching(/spelling/) });
  });
});

describe('acronyms', () => {
  it('finds the paper that spells out what the acronym stands for', () => {
    // "MoE" appears in 2501 and 2502; "mixture of experts" only in 2501, whose title also says it.
    expect(ids(engine.search('MoE'))).toEqual(expect.arrayContaining(['2501.00001', '2502.00002']));
    expect(top('mixture of experts')).toBe('2501.00001');
    expect(ids(engine.search('mixture of experts'))).toContain('2502.00002');
  });

  it('finds acronyms that only the catalog defines', () => {
    // TTT is on no hand list: "Test-time training (TTT)" in an abstract teaches it.
    const e = createSearchEngine([
      ...CATALOG,
      paper({
        id: 'ttt-2',
        title: 'Linear-time sequence layers',
        abstract: 'Our TTT layer scales linearly.',
      }),
    ]);
    expect(ids(e.search('test time training'))).toContain('ttt-2');
    expect(ids(e.search('TTT'))).toEqual(expect.arrayContaining(['2507.00007', 'ttt-2']));
  });

  it('reads K-FAC and kfac alike', () => {
    expect(top('K-FAC')).toBe('2506.00006');
    expect(top('kfac')).toBe('2506.00006');
  });

  it('expands well-known acronyms typed in lower case', () => {
    expect(top('rlhf')).toBe('2505.00005');
    expect(ids(engine.search('rl reasoning'))[0]).toBe('2504.00004');
    const r = engine.search('reinforcement learning from human feedback');
    expect(ids(r)).toContain('2505.00005');
  });

  it('says which expansion matched', () => {
    const e = createSearchEngine([
      paper({ id: 'x', title: 'Routing in a mixture of experts', abstract: 'Experts compete.' }),
      paper({ id: 'y', title: 'Unrelated', abstract: 'Nothing here.' }),
    ]);
    const r = e.search('MoE');
    if (!r.ok) throw new Error(r.message);
    expect(r.hits[0]!.paper.id).toBe('x');
    expect(r.hits[0]!.matched).toContain('mixture of experts');
  });
});

describe('prefix matching and suggestions', () => {
  it('completes the word being typed', () => {
    expect(top('diffusion synth')).toBe('2503.00003');
    expect(top('reinforc')).toBe('2504.00004');
  });

  it('does not complete a word followed by a space', () => {
    expect(top('synth')).toBe('2503.00003');
    expect(engine.search('synth ')).toMatchObject({ ok: true, total: 0 });
  });

  it('suggests papers while typing, and the newest when nothing is typed', () => {
    expect(engine.suggest('mixture of exp').map((h) => h.paper.id)[0]).toBe('2501.00001');
    expect(engine.suggest('', 3).map((h) => h.paper.id)).toEqual(['2508.00008', '2507.00007', '2506.00006']);
    expect(engine.suggest('zzzz unknown')).toEqual([]);
  });
});

describe('phrases and exclusions', () => {
  it('keeps only papers with the quoted words in that order', () => {
    expect(ids(engine.search('"language model"')).sort()).toEqual(['2501.00001', '2504.00004', '2508.00008']);
    expect(ids(engine.search('"models of language"'))).toEqual(['2509.00009']);
  });

  it('leaves out papers with an excluded word', () => {
    const all = ids(engine.search('language models'));
    expect(all).toContain('2509.00009');
    expect(ids(engine.search('language models -children'))).not.toContain('2509.00009');
  });
});

describe('filters', () => {
  it('filters by code, dates, author and category', () => {
    expect(ids(engine.search('models code:yes')).sort()).toEqual(['2501.00001', '2503.00003']);
    expect(ids(engine.search('models code:no'))).not.toContain('2503.00003');
    expect(ids(engine.search('language after:2025-08'))).toEqual(['2508.00008']);
    expect(ids(engine.search('language before:2025'))).toEqual(['2509.00009']);
    expect(ids(engine.search('language author:chomsky'))).toEqual(['2509.00009']);
    expect(ids(engine.search('experts author:"Kaiming He"'))).toEqual(['2501.00001']);
    expect(ids(engine.search('models category:cs.CV'))).toEqual(['2503.00003']);
    expect(ids(engine.search('molecules category:q-bio'))).toEqual(['graph-neural-networks-for-molecules']);
  });

  it('lists filter-only queries newest first', () => {
    const r = engine.search('author:hopper');
    expect(ids(r)).toEqual(['2504.00004', '2502.00002']);
    if (r.ok) expect(r.notice).toMatch(/newest first/);
  });

  it('lists only the newest of a filter that allows more papers than asked for, and counts them all', () => {
    // Inserted in no date order, so the listing cannot lean on the order papers arrived in.
    const days = Array.from({ length: 40 }, (_, i) => (i * 17) % 40);
    const many = createSearchEngine(
      days.map((d) =>
        paper({
          id: `p-${d}`,
          title: `Paper number ${d}`,
          abstract: 'A paper.',
          categories: [d % 2 === 0 ? 'cs.LG' : 'cs.CV'],
          published: new Date(Date.UTC(2025, 0, 1 + d)).toISOString().slice(0, 10),
        }),
      ),
    );
    const all = many.search('cat:cs', { limit: 5 });
    expect(ids(all)).toEqual(['p-39', 'p-38', 'p-37', 'p-36', 'p-35']);
    expect(all).toMatchObject({ total: 40 });
    const one = many.search('cat:cs.LG', { limit: 3 });
    expect(ids(one)).toEqual(['p-38', 'p-36', 'p-34']);
    expect(one).toMatchObject({ total: 20 });
  });

  it('says so when the filters leave nothing', () => {
    const r = engine.search('diffusion author:chomsky');
    expect(r).toMatchObject({ ok: true, total: 0, hits: [] });
    if (r.ok) expect(r.notice).toMatch(/no papers match .* with these filters/);
  });

  it('answers an unknown filter with the filters it knows', () => {
    expect(engine.search('diffusion year:2024')).toEqual({
      ok: false,
      message: 'unknown filter year: try code:, after:, before:, author:, category:, venue:',
    });
  });
});

describe('lookup by id or URL', () => {
  it('finds a paper by arXiv id, abs/pdf URL or Hugging Face page', () => {
    for (const ref of [
      '2503.00003',
      'arxiv.org/abs/2503.00003',
      'https://arxiv.org/pdf/2503.00003v2',
      'https://huggingface.co/papers/2503.00003',
    ]) {
      expect(ids(engine.search(ref)), ref).toEqual(['2503.00003']);
    }
  });

  it('says when the paper is not in the catalog', () => {
    const r = engine.search('2601.99999');
    expect(r).toMatchObject({ ok: true, total: 0 });
    if (r.ok) expect(r.notice).toMatch(/2601\.99999 not in the catalog/);
  });

  it('resolves ids, URLs and title words, and nothing for unrelated words', () => {
    expect(engine.resolve('https://arxiv.org/abs/2506.00006v1')?.id).toBe('2506.00006');
    expect(engine.resolve('graph-neural-networks-for-molecules')?.id).toBe(
      'graph-neural-networks-for-molecules',
    );
    expect(engine.resolve('Faster Second-Order Optimisation')?.id).toBe('2506.00006');
    expect(engine.resolve('test-time training')?.id).toBe('2507.00007');
    expect(engine.resolve('quantum chromodynamics lattice')).toBeUndefined();
    expect(engine.resolve('')).toBeUndefined();
  });
});

describe('paging', () => {
  it('pages with offset and limit and reports the total', () => {
    const all = engine.search('models', { limit: 100 });
    if (!all.ok) throw new Error(all.message);
    const page2 = engine.search('models', { limit: 2, offset: 2 });
    if (!page2.ok) throw new Error(page2.message);
    expect(page2.total).toBe(all.total);
    expect(page2.hits.map((h) => h.paper.id)).toEqual(all.hits.slice(2, 4).map((h) => h.paper.id));
    const viaFilter = engine.search('models page:2', { limit: 2 });
    expect(ids(viaFilter)).toEqual(page2.hits.map((h) => h.paper.id));
  });

  it('caps the limit at 1000', () => {
    const r = engine.search('models', { limit: 5000 });
    expect(r.ok).toBe(true);
  });
});

describe('bad input', () => {
  it('answers an empty query with what to type', () => {
    const r = engine.search('   ');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/empty query/);
  });

  it('answers emoji-only and punctuation-only queries with no match', () => {
    for (const q of ['🚀🚀', '!!!', '(((']) {
      const r = engine.search(q);
      expect(r, q).toMatchObject({ ok: true, total: 0, hits: [] });
      if (r.ok) expect(r.notice).toMatch(/no papers match/);
    }
  });

  it('takes regular-expression characters literally', () => {
    for (const q of ['.*', '(a+)+$', 'diffusion[', '"(a|b)*"', '\\d+ models', '^$']) {
      const r = engine.search(q);
      expect(r.ok || r.message.length > 0, q).toBe(true);
    }
    expect(top('diffusion[')).toBe('2503.00003');
  });

  it('searches a 10 kB query by its most distinctive words', () => {
    const long = `${'lorem ipsum dolor '.repeat(600)} diffusion models image synthesis`;
    const r = engine.search(long);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.hits[0]?.paper.id).toBe('2503.00003');
  });

  it('searches words around an unbalanced quote', () => {
    expect(top('"diffusion models')).toBe('2503.00003');
  });
});

describe('upsert', () => {
  it('adds papers and replaces a paper with the same id', () => {
    const e = createSearchEngine(CATALOG);
    const before = e.size;
    e.upsert([
      paper({ id: 'new-1', title: 'Quantum Error Correction Codes', abstract: 'Surface codes.' }),
      paper({
        id: '2503.00003',
        arxivId: '2503.00003',
        title: 'Consistency Models',
        abstract: 'One-step sampling.',
      }),
    ]);
    expect(e.size).toBe(before + 1);
    expect(ids(e.search('quantum error correction'))).toEqual(['new-1']);
    expect(ids(e.search('consistency models'))[0]).toBe('2503.00003');
    expect(ids(e.search('denoising synthesis'))).not.toContain('2503.00003');
    expect(e.get('2503.00003')?.title).toBe('Consistency Models');
    expect([...e.all()].length).toBe(before + 1);
  });

  it('keeps ranking correctly across many small additions', () => {
    const e = createSearchEngine(CATALOG.slice(0, 3));
    for (const p of CATALOG.slice(3)) e.upsert([p]);
    const fresh = createSearchEngine(CATALOG);
    for (const q of ['language models', 'MoE', 'difusion', 'reinforcement learning', 'author:turing']) {
      expect(ids(e.search(q)), q).toEqual(ids(fresh.search(q)));
    }
  });
});
