import { describe, expect, it } from 'vitest';
import { fingerprint, fold, scanTokens, tokens, tokenText } from '../../src/search/text.js';

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
    const seen: [string, number, number][] = [];
    scanTokens('Diffusion-based models', (s, a, b, h1, h2, joined) => {
      seen.push([tokenText(s, a, b, joined), h1, h2]);
    });
    expect(seen.map((x) => x[0])).toEqual(['diffusion', 'based', 'diffusionbased', 'models']);
    for (const [word, h1, h2] of seen) expect([h1, h2]).toEqual(fingerprint(word));
  });
});
