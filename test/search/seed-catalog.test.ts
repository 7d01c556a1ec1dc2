// Behaviour on the bundled seed catalog (57 trending papers): typos, acronyms and paraphrases.
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { createSearchEngine, type PaperboySearch } from '../../src/search/index.js';

let engine: PaperboySearch;

beforeAll(async () => {
  engine = createSearchEngine((await loadCatalog([])).papers);
});

function titles(query: string, n = 3): string[] {
  const r = engine.search(query, { limit: n, prefix: false });
  if (!r.ok) throw new Error(r.message);
  return r.hits.map((h) => h.paper.title);
}

function expectAmongTop(query: string, title: RegExp, n = 3): void {
  const top = titles(query, n);
  expect(
    top.some((t) => title.test(t)),
    `${query} → ${top.join(' | ')}`,
  ).toBe(true);
}

describe('the seed catalog', () => {
  it('forgives typos', () => {
    expect(titles('difusion modles')[0]).toMatch(/Diffusion/);
    expect(titles('kronecker factord curvature')[0]).toMatch(/Kronecker-Factored Approximate Curvature/);
    expect(titles('grokking numercal stability')[0]).toMatch(/Grokking at the Edge of Numerical Stability/);
    expect(titles('preferance optimisation')[0]).toMatch(/Preference Optimization/);
    expectAmongTop('reinforcment lerning portfolio', /Portfolio Optimization/, 2);
  });

  it('finds papers by acronym, whether they spell it out or not', () => {
    expect(titles('MoE', 2)).toEqual([
      expect.stringMatching(/Mixture-of-Experts|Mixture of Experts/),
      expect.stringMatching(/Mixture-of-Experts|Mixture of Experts/),
    ]);
    expect(titles('K-FAC')[0]).toMatch(/Kronecker-Factored/);
    expect(titles('KFAC')[0]).toMatch(/Kronecker-Factored/);
    expect(titles('DPO')[0]).toMatch(/Direct Preference Optimization/);
    expectAmongTop('RLHF', /RLHF/, 2);
    expect(titles('inverse RL')[0]).toMatch(/Inverse Reinforcement Learning/);
  });

  it('understands a description of what a paper does', () => {
    const cases: [string, RegExp][] = [
      ['train value functions with classification instead of regression', /Stop Regressing/],
      ['decide which training data points are most valuable', /Data Shapley/],
      ['stock price prediction with neural networks', /Stock Price Forecasting/],
      [
        'guide a pretrained diffusion model toward high reward without fine-tuning',
        /Derivative-Free Guidance/,
      ],
      ['learning reward functions from human preferences', /Models of human preference/],
      ['when to exercise a financial option', /optimal stopping/],
      ['explaining cooperation between agents in multi-agent RL', /Collective eXplainable AI/],
      ['simplify medical text for cancer patients', /Health Text Simplification/],
      ['one step image generation distillation', /One-step Diffusion/],
      ['online learning between stochastic and adversarial settings', /Optimistic Online Mirror Descent/],
      ['which training examples influence what a large language model generates', /Influence Functions/],
    ];
    for (const [query, title] of cases) expectAmongTop(query, title, 1);
  });

  it('completes the last word while it is typed', () => {
    const hits = engine.suggest('grokk', 3).map((h) => h.paper.title);
    expect(hits[0]).toMatch(/Grokking/);
    expect(
      engine
        .suggest('portfolio optim', 3)
        .map((h) => h.paper.title)
        .join(' '),
    ).toMatch(/Portfolio Optimization/);
  });
});
