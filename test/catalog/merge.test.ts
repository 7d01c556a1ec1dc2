import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeInto, mergePapers, PaperMerger } from '../../src/catalog/merge.js';
import { type Paper, PaperSchema } from '../../src/catalog/paper.js';
import { paper as buildPaper } from '../support/paper.js';

/** Papers as a JSONL catalog gives them, the id a slug of the title unless given. */
function paper(over: Partial<Paper> & { title: string }): Paper {
  return buildPaper({ id: over.title.toLowerCase().replace(/\W+/g, '-'), source: 'jsonl', ...over });
}

describe('merging duplicates', () => {
  it('keeps the Hub artifacts, the newer record’s when both have them', () => {
    const hub = (models: number) => ({ models, datasets: 0, spaces: 0, top: { model: 'a/b' } });
    const base = { id: '2505.01234', arxivId: '2505.01234', title: 'A Paper' };
    expect(mergeInto(paper({ ...base, hub: hub(1) }), paper(base)).hub).toEqual(hub(1));
    expect(mergeInto(paper({ ...base, hub: hub(1) }), paper({ ...base, hub: hub(4) })).hub).toEqual(hub(4));
  });

  it('makes one paper of the same arXiv id, keeping the richer fields', () => {
    const seed = paper({
      id: '2505.01234',
      arxivId: '2505.01234',
      title: 'A Paper',
      abstract: 'Short.',
      authors: ['Ada'],
      categories: ['cs.LG'],
      keywords: ['rl'],
      links: { code: 'https://github.com/a/b' },
      trending: { rank: 4, upvotes: 10 },
      listed: '2025-05-01',
      published: '2025-04-30',
      source: 'seed',
    });
    const feed = paper({
      id: '2505.01234',
      arxivId: '2505.01234',
      title: 'A Paper',
      abstract: 'A much longer abstract.',
      authors: ['Ada', 'Grace'],
      categories: ['cs.AI'],
      links: { project: 'https://a.github.io/p' },
      trending: { rank: 9, upvotes: 3, stars: 50 },
      listed: '2025-05-08',
      published: '2025-05-02',
      source: 'arxiv-listing',
    });
    const m = mergeInto(seed, feed);
    expect(m.abstract).toBe('A much longer abstract.');
    expect(m.authors).toEqual(['Ada', 'Grace']);
    expect(m.categories).toEqual(['cs.LG', 'cs.AI']);
    expect(m.links).toEqual({ code: 'https://github.com/a/b', project: 'https://a.github.io/p' });
    expect(m.trending.rank).toBe(4);
    // The fresher listing's counts win: upvotes can go down when the newer data says so.
    expect(m.trending.upvotes).toBe(3);
    expect(m.trending.stars).toBe(50);
    expect(m.listed).toBe('2025-05-08');
    expect(m.published).toBe('2025-04-30');
    expect(m.source).toBe('seed');
  });

  it('takes the larger count when freshness cannot be told', () => {
    const a = paper({ title: 'Same', trending: { upvotes: 5, stars: 1 } });
    const b = paper({ title: 'Same', trending: { upvotes: 2, stars: 9 } });
    expect(mergeInto(a, b).trending).toEqual({ upvotes: 5, stars: 9 });
  });

  it('keeps the later trending measurement (velocity, score, when) whole instead of dropping it', () => {
    const older = { velocity: 40, score: 9, scoredAt: '2026-11-01T00:00:00Z' };
    const newer = { velocity: 3, score: 2, scoredAt: '2026-11-02T00:00:00Z' };
    const a = paper({ title: 'Same', trending: { upvotes: 5, ...older } });
    const b = paper({ title: 'Same', trending: { upvotes: 6, ...newer } });
    expect(mergeInto(a, b).trending).toMatchObject(newer);
    expect(mergeInto(b, a).trending).toMatchObject(newer);
    const unscored = paper({ title: 'Same', trending: { upvotes: 1 } });
    expect(mergeInto(unscored, a).trending).toMatchObject(older);
    expect(mergeInto(a, unscored).trending).toMatchObject(older);
  });

  it('merges the same normalised title and adopts the arXiv id', () => {
    const fromPage = paper({ title: 'Naïve Bayes, Revisited', id: 'naive-bayes-revisited', source: 'seed' });
    const fromArxiv = paper({ title: 'Naive Bayes Revisited', id: '2508.00002', arxivId: '2508.00002' });
    const [one, ...rest] = mergePapers([fromPage, fromArxiv]);
    expect(rest).toEqual([]);
    expect(one?.id).toBe('2508.00002');
    expect(one?.title).toBe('Naïve Bayes, Revisited');
  });

  it('keeps papers apart when their own ids disagree, even with the same title', () => {
    const a = paper({ title: 'Summary', id: '885056' });
    const b = paper({ title: 'Summary', id: '13492264' });
    const c = paper({ title: 'Same Title', id: '2501.00001', arxivId: '2501.00001' });
    const d = paper({ title: 'Same Title', id: '2502.00002', arxivId: '2502.00002' });
    expect(mergePapers([a, b, c, d]).map((p) => p.id)).toEqual([
      '885056',
      '13492264',
      '2501.00001',
      '2502.00002',
    ]);
  });

  it('reports which paper a duplicate was merged into and finds it by any of its ids', () => {
    const merger = new PaperMerger();
    merger.add(paper({ title: 'A Title', id: 'a-title' }));
    const outcome = merger.add(paper({ title: 'A title', id: '2501.00001', arxivId: '2501.00001' }));
    expect(outcome.duplicateOf?.id).toBe('a-title');
    expect(merger.size).toBe(1);
    expect(merger.get('a-title')?.id).toBe('2501.00001');
    expect(merger.get('2501.00001')?.id).toBe('2501.00001');
  });

  it('always yields valid, unique papers, and merging again changes nothing', () => {
    const titles = fc.constantFrom('Alpha', 'alpha!', 'Beta', 'Gamma Ray', 'gamma  ray');
    const arb = fc.record({
      title: titles,
      arxiv: fc.option(fc.constantFrom('2501.00001', '2501.00002'), { nil: undefined }),
      abstract: fc.string({ maxLength: 20 }),
      upvotes: fc.option(fc.nat(100), { nil: undefined }),
      listed: fc.option(fc.constantFrom('2025-01-01', '2025-02-01'), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(arb, { maxLength: 12 }), (recs) => {
        const papers = recs.map((r) =>
          paper({
            title: r.title,
            abstract: r.abstract,
            ...(r.arxiv
              ? { id: r.arxiv, arxivId: r.arxiv }
              : { id: r.title.toLowerCase().replace(/\W+/g, '-') }),
            trending: r.upvotes === undefined ? {} : { upvotes: r.upvotes },
            ...(r.listed ? { listed: r.listed } : {}),
          }),
        );
        const merged = mergePapers(papers);
        expect(merged.length).toBeLessThanOrEqual(papers.length);
        expect(new Set(merged.map((p) => p.id)).size).toBe(merged.length);
        for (const p of merged) expect(PaperSchema.safeParse(p).success).toBe(true);
        expect(mergePapers(merged).length).toBe(merged.length);
        const longest = Math.max(0, ...papers.map((p) => p.abstract.length));
        expect(Math.max(0, ...merged.map((p) => p.abstract.length))).toBe(longest);
      }),
      { numRuns: 300 },
    );
  });
});
