// Selection with the real search engine on the bundled trending page: what a fresh install picks.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import type { Paper } from '../../src/catalog/paper.js';
import { createDigestPlanner } from '../../src/digest/planner.js';
import type { DigestPlanner } from '../../src/digest/types.js';
import { createSearchEngine } from '../../src/search/index.js';

let papers: Paper[];
let planner: DigestPlanner;
const DATE = '2026-01-01';

beforeAll(async () => {
  papers = (await loadCatalog([])).papers;
  planner = createDigestPlanner(createSearchEngine(papers));
});

const text = (p: Paper) => `${p.title} ${p.abstract}`.toLowerCase();

describe('selection on the bundled catalog', () => {
  it('gives "diffusion; RLHF" some of each, every pick about its topic', () => {
    const picks = planner.select({
      topics: ['diffusion', 'RLHF'],
      exclude: [],
      count: 5,
      sent: new Set(),
      date: DATE,
    });
    expect(picks).toHaveLength(5);
    const diffusion = picks.filter((p) => p.matchedTopics.includes('diffusion'));
    const rlhf = picks.filter((p) => p.matchedTopics.includes('RLHF'));
    expect(diffusion.length).toBeGreaterThanOrEqual(2);
    expect(rlhf.length).toBeGreaterThanOrEqual(2);
    for (const p of diffusion) expect(text(p.paper)).toContain('diffusion');
    for (const p of picks) expect(p.reason).toMatch(/^matches: (diffusion|RLHF)(, RLHF)?$/);
  });

  it('does not count a paper that has only one word of a two-word topic', () => {
    const picks = planner.select({
      topics: ['video generation'],
      exclude: [],
      count: 10,
      sent: new Set(),
      date: DATE,
    });
    expect(picks.length).toBeGreaterThan(0);
    for (const p of picks) expect(text(p.paper)).toMatch(/video/);
  });

  it('never returns an excluded or already-sent paper, and runs dry rather than repeat', () => {
    const sent = new Set<string>();
    for (let day = 0; day < 10; day++) {
      const picks = planner.select({
        topics: ['agents'],
        exclude: ['benchmark'],
        count: 3,
        sent,
        date: DATE,
      });
      for (const p of picks) {
        expect(sent.has(p.paper.id)).toBe(false);
        expect(text(p.paper)).not.toMatch(/\bbenchmarks?\b/);
        sent.add(p.paper.id);
      }
      if (picks.length === 0) break;
    }
    expect(sent.size).toBeGreaterThan(3);
    expect(
      planner.select({ topics: ['agents'], exclude: ['benchmark'], count: 3, sent, date: DATE }),
    ).toEqual([]);
  });
});
