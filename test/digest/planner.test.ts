import { describe, expect, it } from 'vitest';
import { createDigestPlanner } from '../../src/digest/planner.js';
import type { DigestRequest } from '../../src/digest/types.js';
import { paper, WordSearch } from './fakes.js';

const DATE = '2025-05-08';

function request(over: Partial<DigestRequest>): DigestRequest {
  return { topics: ['diffusion'], exclude: [], count: 5, sent: new Set(), date: DATE, ...over };
}

function diffusionPapers(n: number, offset = 0) {
  const subjects = [
    'images',
    'video',
    'molecules',
    'audio',
    'proteins',
    'text',
    'robots',
    'weather',
    'music',
    'maps',
  ];
  return Array.from({ length: n }, (_, i) =>
    paper({
      id: `2505.${String(10000 + offset + i)}`,
      title: `Diffusion models for ${subjects[i % subjects.length]} part ${offset + i}`,
      abstract: 'We study diffusion. Diffusion sampling and diffusion training.',
      listed: DATE,
      trending: { rank: i + 1, upvotes: 100 - i },
    }),
  );
}

describe('digest selection', () => {
  it('picks the requested number of matching papers, each with its reason', () => {
    const planner = createDigestPlanner(new WordSearch(diffusionPapers(8)));
    const picks = planner.select(request({ count: 3 }));
    expect(picks).toHaveLength(3);
    for (const p of picks) expect(p.reason).toBe('matches: diffusion');
  });

  it('never picks a paper the channel was already sent, nor another version of it', () => {
    const papers = [
      ...diffusionPapers(3),
      paper({ id: '2505.10000v2', title: 'Diffusion models for images (revised)', abstract: 'diffusion' }),
    ];
    const planner = createDigestPlanner(new WordSearch(papers));
    const picks = planner.select(request({ sent: new Set(['2505.10000', '2505.10001']) }));
    expect(picks.map((p) => p.paper.id)).toEqual(['2505.10002']);
  });

  it('recognises a sent paper that came back under another id with the same title', () => {
    const papers = [
      paper({
        id: 'fast-diffusion-sampling',
        title: 'Fast Diffusion Sampling',
        abstract: 'diffusion',
        listed: DATE,
      }),
      paper({ id: '2505.77777', title: 'Fast diffusion sampling.', abstract: 'diffusion', listed: DATE }),
      paper({ id: '2505.77778', title: 'Slow diffusion sampling', abstract: 'diffusion', listed: DATE }),
    ];
    const planner = createDigestPlanner(new WordSearch(papers));
    const picks = planner.select(request({ sent: new Set(['fast-diffusion-sampling']) }));
    expect(picks.map((p) => p.paper.id)).toEqual(['2505.77778']);
  });

  it('drops papers matching an exclude word on word boundaries, whatever the case or plural', () => {
    const papers = [
      paper({ id: 'a', title: 'Diffusion for Medical imaging', abstract: 'diffusion', listed: DATE }),
      paper({ id: 'b', title: 'Diffusion in biomedical graphs', abstract: 'diffusion', listed: DATE }),
      paper({
        id: 'c',
        title: 'Diffusion models',
        abstract: 'A diffusion SURVEYS of the field.',
        listed: DATE,
      }),
      paper({ id: 'd', title: 'Diffusion samplers', abstract: 'diffusion with fewer steps', listed: DATE }),
      paper({ id: 'e', title: 'Diffusion for self-driving cars', abstract: 'diffusion', listed: DATE }),
    ];
    const planner = createDigestPlanner(new WordSearch(papers));
    const ids = planner
      .select(request({ exclude: ['medical', 'survey', 'self driving'] }))
      .map((p) => p.paper.id)
      .sort();
    expect(ids).toEqual(['b', 'd']);
  });

  it('gives each topic a share instead of filling the digest with the strongest one', () => {
    const rlhf = Array.from({ length: 3 }, (_, i) =>
      paper({
        id: `rlhf-${i}`,
        title: `RLHF reward modelling ${['at scale', 'for agents', 'without labels'][i]}`,
        abstract: 'rlhf',
        listed: '2025-04-01',
        trending: { rank: 40 + i, upvotes: 2 },
      }),
    );
    const planner = createDigestPlanner(new WordSearch([...diffusionPapers(10), ...rlhf]));
    const picks = planner.select(request({ topics: ['diffusion', 'RLHF'], count: 5 }));
    expect(picks).toHaveLength(5);
    const rl = picks.filter((p) => p.matchedTopics.includes('RLHF'));
    const diff = picks.filter((p) => p.matchedTopics.includes('diffusion'));
    expect(rl.length).toBeGreaterThanOrEqual(2);
    expect(diff.length).toBeGreaterThanOrEqual(2);
    expect(rl[0]?.reason).toBe('matches: RLHF');
  });

  it('names every matched topic in the reason of a paper on several', () => {
    const both = paper({
      id: 'both',
      title: 'RLHF for diffusion models',
      abstract: 'diffusion and rlhf',
      listed: DATE,
    });
    const planner = createDigestPlanner(new WordSearch([both, ...diffusionPapers(3)]));
    const pick = planner
      .select(request({ topics: ['diffusion', 'RLHF'] }))
      .find((p) => p.paper.id === 'both');
    expect(pick?.reason).toBe('matches: diffusion, RLHF');
  });

  it('keeps one of two near-identical titles and one of two versions of an arXiv paper', () => {
    const papers = [
      paper({
        id: '2505.00001',
        title: 'Scaling Diffusion Transformers to Trillions of Tokens',
        abstract: 'diffusion',
        trending: { rank: 1, upvotes: 50 },
        listed: DATE,
      }),
      paper({
        id: 'scaling-diffusion-transformers',
        title: 'Scaling diffusion transformers to trillions of tokens!',
        abstract: 'diffusion',
        listed: DATE,
      }),
      paper({
        id: 'x-v1',
        arxivId: '2505.00001v1',
        title: 'Something else about diffusion',
        abstract: 'diffusion',
        listed: DATE,
      }),
      paper({
        id: '2505.00002',
        title: 'Consistency models for diffusion',
        abstract: 'diffusion',
        listed: DATE,
      }),
    ];
    const planner = createDigestPlanner(new WordSearch(papers));
    const ids = planner.select(request({})).map((p) => p.paper.id);
    expect(ids.sort()).toEqual(['2505.00001', '2505.00002']);
  });

  it('ranks equally relevant papers by trending: list rank, upvotes and a recent listing', () => {
    const base = { abstract: 'diffusion', title: '' };
    const papers = [
      paper({
        ...base,
        id: 'old',
        title: 'Diffusion old idea',
        listed: '2024-01-01',
        trending: { rank: 30 },
      }),
      paper({
        ...base,
        id: 'hot',
        title: 'Diffusion hot idea',
        listed: DATE,
        trending: { rank: 1, upvotes: 300 },
      }),
      paper({
        ...base,
        id: 'warm',
        title: 'Diffusion warm idea',
        listed: '2025-05-06',
        trending: { rank: 8, upvotes: 20 },
      }),
    ];
    const planner = createDigestPlanner(new WordSearch(papers));
    expect(planner.select(request({})).map((p) => p.paper.id)).toEqual(['hot', 'warm', 'old']);
  });

  it('prefers, all else equal, the paper whose upvotes grow faster', () => {
    const base = { abstract: 'diffusion', listed: DATE };
    const papers = [
      paper({
        ...base,
        id: 'steady',
        title: 'Diffusion steady',
        trending: { rank: 3, upvotes: 40, velocity: 1 },
      }),
      paper({
        ...base,
        id: 'rising',
        title: 'Diffusion rising',
        trending: { rank: 3, upvotes: 40, velocity: 25 },
      }),
    ];
    const planner = createDigestPlanner(new WordSearch(papers));
    expect(planner.select(request({})).map((p) => p.paper.id)).toEqual(['rising', 'steady']);
  });

  it('leaves out papers listed after the digest date', () => {
    const papers = [
      paper({ id: 'then', title: 'Diffusion then', abstract: 'diffusion', listed: '2025-05-01' }),
      paper({ id: 'later', title: 'Diffusion later', abstract: 'diffusion', listed: '2025-06-01' }),
    ];
    const planner = createDigestPlanner(new WordSearch(papers));
    expect(planner.select(request({})).map((p) => p.paper.id)).toEqual(['then']);
  });

  it('returns nothing (not an error) when nothing is new or no topic is set', () => {
    const planner = createDigestPlanner(new WordSearch(diffusionPapers(2)));
    expect(planner.select(request({ topics: [] }))).toEqual([]);
    expect(planner.select(request({ topics: ['quantum'] }))).toEqual([]);
    expect(planner.select(request({ sent: new Set(['2505.10000', '2505.10001']) }))).toEqual([]);
  });

  it('reuses a topic search across channels, and searches again when the catalog grows', () => {
    const search = new WordSearch(diffusionPapers(4));
    const planner = createDigestPlanner(search);
    planner.select(request({}));
    planner.select(request({ sent: new Set(['2505.10000']) }));
    expect(search.searches).toBe(1);
    search.upsert(diffusionPapers(1, 50));
    expect(planner.select(request({ count: 10 })).map((p) => p.paper.id)).toContain('2505.10050');
    expect(search.searches).toBe(2);
  });
});

describe('weekly round-up selection', () => {
  const dated = (id: string, listed: string | undefined, trending: Record<string, number> = {}) =>
    paper({
      id,
      title: `Diffusion study ${id}`,
      abstract: 'diffusion',
      ...(listed ? { listed } : {}),
      trending,
    });

  it('keeps the seven days ending on the round-up date, never later ones, undated ones or older ones', () => {
    const planner = createDigestPlanner(
      new WordSearch([
        dated('fri', '2025-05-09'),
        dated('sat', '2025-05-10'),
        dated('thu-before', '2025-05-08'),
        dated('sat-before', '2025-05-03'),
        dated('fri-before', '2025-05-02', { upvotes: 900, velocity: 300, rank: 1 }),
        dated('undated', undefined, { upvotes: 900 }),
      ]),
    );
    const ids = planner
      .select(request({ date: '2025-05-09', count: 10, cadence: 'weekly' }))
      .map((p) => p.paper.id);
    expect(ids.sort()).toEqual(['fri', 'sat-before', 'thu-before']);
    // The daily digest of the same date still considers every paper already out.
    const daily = planner.select(request({ date: '2025-05-09', count: 10 })).map((p) => p.paper.id);
    expect(daily).toContain('fri-before');
    expect(daily).toContain('undated');
  });

  it('ranks the week by momentum: upvote growth first, whatever the day it was listed', () => {
    const planner = createDigestPlanner(
      new WordSearch([
        dated('monday-rocket', '2025-05-05', { upvotes: 80, velocity: 30 }),
        dated('thursday-new', '2025-05-08', { upvotes: 10, velocity: 2 }),
        dated('tuesday-steady', '2025-05-06', { upvotes: 60, velocity: 5 }),
      ]),
    );
    const ids = planner
      .select(request({ date: '2025-05-09', count: 3, cadence: 'weekly' }))
      .map((p) => p.paper.id);
    expect(ids).toEqual(['monday-rocket', 'tuesday-steady', 'thursday-new']);
  });
});
