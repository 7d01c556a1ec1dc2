import { describe, expect, it } from 'vitest';
import { fold, hashString, scanTokens, tokens } from '../../src/search/text.js';

describe('tokens', () => {
  it('folds case and accents', () => {
    expect(fold('Naïve Bayes ÉCOLE')).toBe('naive bayes ecole');
    expect(tokens('Naïve Bayes')).toEqual(['naive', 'bayes']);
  });

  it('also joins short hyphenated compounds so either spelling matches', () => {
    expect(tokens('pre-trained K-FAC')).toEqual(['pre', 'trained', 'pretrained', 'fac', 'kfac']);
    expect(tokens('state-of-the-art')).toEqual(['state', 'of', 'the', 'art']);
  });

  it('drops single characters, emoji and punctuation, and keeps other scripts', () => {
    expect(tokens('a 🚀 (x) — GPT 4 模型')).toEqual(['gpt', '模型']);
    expect(tokens('🙂🙂🙂')).toEqual([]);
  });

  it('hashes slices exactly as whole strings, so the index finds words without copying them', () => {
    const seen: [string, number][] = [];
    scanTokens('Diffusion-based models', (s, a, b, h) => seen.push([s.slice(a, b), h]));
    for (const [word, hash] of seen) expect(hash).toBe(hashString(word));
  });
});
