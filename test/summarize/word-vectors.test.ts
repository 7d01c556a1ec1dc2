// Distributional word vectors (bench/word-vectors.ts): words used alike end up near each other, reproducibly.
import { describe, expect, it } from 'vitest';
import { buildVectors, cosine } from '../../bench/word-vectors.js';

/** Two topics whose words share contexts only within their topic. */
function corpus(): string[][][] {
  const docs: string[][][] = [];
  const pets = ['cat', 'dog'];
  const cars = ['car', 'truck'];
  for (let i = 0; i < 40; i++) {
    const pet = pets[i % 2] as string;
    const car = cars[i % 2] as string;
    docs.push([['the', pet, 'eats', 'food', 'and', 'sleeps', 'on', 'the', 'sofa']]);
    docs.push([['a', car, 'needs', 'fuel', 'and', 'drives', 'on', 'the', 'road']]);
  }
  return docs;
}

describe('word vectors', () => {
  it('puts words that share contexts nearer than words that do not', () => {
    const v = buildVectors(corpus(), { dim: 4, window: 2, oversample: 4 });
    const at = (w: string) => v.words.indexOf(w);
    expect(cosine(v, at('cat'), at('dog'))).toBeGreaterThan(cosine(v, at('cat'), at('truck')) + 0.3);
    expect(cosine(v, at('car'), at('truck'))).toBeGreaterThan(cosine(v, at('car'), at('dog')) + 0.3);
  });

  it('gives the same vectors from the same texts', () => {
    const a = buildVectors(corpus(), { dim: 4, window: 2, oversample: 4 });
    const b = buildVectors(corpus(), { dim: 4, window: 2, oversample: 4 });
    expect(b.words).toEqual(a.words);
    expect(Buffer.from(b.vectors.buffer).equals(Buffer.from(a.vectors.buffer))).toBe(true);
  });

  it('keeps only the most frequent words, most frequent first', () => {
    const v = buildVectors(corpus(), { vocab: 3, dim: 2, oversample: 1 });
    expect(v.words).toEqual(['the', 'and', 'on']);
  });
});
