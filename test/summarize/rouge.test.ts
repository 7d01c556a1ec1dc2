import { describe, expect, it } from 'vitest';
import { meanRouge, rouge, rougeMultiMax, rougeTokens } from '../../src/summarize/rouge.js';

describe('ROUGE as SciTLDR scores it', () => {
  it('tokenises into lower-cased [a-z0-9] runs without stemming', () => {
    expect(rougeTokens("We propose GPT-4's models, 3.5x faster!")).toEqual([
      'we',
      'propose',
      'gpt',
      '4',
      's',
      'models',
      '3',
      '5x',
      'faster',
    ]);
  });

  it('scores identical texts 1 and disjoint texts 0', () => {
    expect(rouge('a fast model', 'A fast model.')).toEqual({ r1: 1, r2: 1, rl: 1 });
    expect(rouge('a fast model', 'slow graphs')).toEqual({ r1: 0, r2: 0, rl: 0 });
  });

  it('computes unigram, bigram and LCS F1 by hand-checked counts', () => {
    // prediction 4 tokens, reference 5; unigram hits 3, bigram hits 1 ("the cat"), LCS 3.
    const s = rouge('the cat sat down', 'the cat was sitting down');
    expect(s.r1).toBeCloseTo((2 * (3 / 4) * (3 / 5)) / (3 / 4 + 3 / 5), 10);
    expect(s.r2).toBeCloseTo((2 * (1 / 3) * (1 / 4)) / (1 / 3 + 1 / 4), 10);
    expect(s.rl).toBeCloseTo(s.r1, 10);
  });

  it('clips repeated words to their count in the reference', () => {
    expect(rouge('the the the', 'the cat').r1).toBeCloseTo((2 * (1 / 3) * (1 / 2)) / (1 / 3 + 1 / 2), 10);
  });

  it('keeps the scores of the target with the best ROUGE-1, not the best of each', () => {
    const s = rougeMultiMax('a b c d', ['a b x y', 'd c b a']);
    expect(s.r1).toBe(1);
    // The second target wins on R1 even though the first shares the bigram "a b".
    expect(s.r2).toBe(0);
  });

  it('averages and scales by 100', () => {
    const m = meanRouge([
      { r1: 0.5, r2: 0.25, rl: 0.5 },
      { r1: 0.3, r2: 0.15, rl: 0.1 },
    ]);
    expect(m.r1).toBeCloseTo(40, 10);
    expect(m.r2).toBeCloseTo(20, 10);
    expect(m.rl).toBeCloseTo(30, 10);
  });
});
