// The learned preferences keep no process-wide feature table: results are those the shared table gave, bit for bit.
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import type { Paper } from '../../src/catalog/paper.js';
import { trainPreferences } from '../../src/feedback/preferences.js';
import type { Vote } from '../../src/store/types.js';

function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Votes on every `step`-th paper: 👍 when its first category is `liked`, else 👎, one in ten flipped. */
function votesOn(papers: readonly Paper[], liked: string, step: number, seed: number): Vote[] {
  const random = prng(seed);
  return papers
    .filter((_, i) => i % step === 0)
    .map((p, i) => {
      const inside = p.categories[0] === liked;
      const value = (inside ? 1 : -1) * (random() < 0.1 ? -1 : 1);
      return {
        paperId: p.id,
        user: `u${i % 3}`,
        value: value as 1 | -1,
        admin: false,
        votedAt: '2025-05-01',
      };
    });
}

async function seed(): Promise<Paper[]> {
  return (await loadCatalog([])).papers;
}

/** Everything a model says about the seed catalog, exactly (scores as the doubles they are). */
function described(papers: readonly Paper[], liked: string, step: number, seedNo: number) {
  const byId = new Map(papers.map((p) => [p.id, p]));
  const model = trainPreferences(votesOn(papers, liked, step, seedNo), (id) => byId.get(id));
  return {
    papers: model.papers,
    scores: papers.map((p) => model.score(p)),
    explain: model.explain(5),
    liked: model.liked(8),
  };
}

describe('learned preferences without a shared feature table', () => {
  it('score, explain and like exactly as the shared-table models did (golden from that code)', async () => {
    const papers = await seed();
    const runs = [
      described(papers, 'cs.LG', 3, 1),
      described(papers, 'cs.CV', 5, 2),
      described(papers, 'cs.CL', 2, 3),
    ];
    expect(runs[0]?.papers).toBeGreaterThan(10);
    await expect(JSON.stringify(runs, null, 1)).toMatchFileSnapshot('golden/preferences-seed.json');
  });

  it('gives a model the same results whatever models were trained before it', async () => {
    const first = await seed();
    const alone = described(first, 'cs.CV', 4, 7);
    // Fresh paper objects (as after a catalog refresh), many models trained first on other votes.
    const again = (await loadCatalog([])).papers.map((p) => ({ ...p }));
    for (let k = 0; k < 5; k++) described(again, k % 2 ? 'cs.LG' : 'cs.CL', 2 + k, 100 + k);
    expect(described(again, 'cs.CV', 4, 7)).toEqual(alone);
  });
});
