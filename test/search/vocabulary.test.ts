import { describe, expect, it } from 'vitest';
import { completions, prefixRange, TypoIndex, type VocabularyView } from '../../src/search/vocabulary.js';

function vocab(entries: Record<string, number>): VocabularyView {
  const words = Object.keys(entries);
  const order = Uint32Array.from(words.map((_, i) => i).sort((a, b) => (words[a]! < words[b]! ? -1 : 1)));
  return { words, order, df: Uint32Array.from(Object.values(entries)) };
}

const V = vocab({
  models: 90,
  modes: 5,
  modules: 20,
  model: 50,
  diffusion: 40,
  diffuse: 3,
  differ: 8,
  dog: 2,
});

describe('vocabulary walks', () => {
  it('finds the words starting with a prefix', () => {
    const [lo, hi] = prefixRange(V, 'mod');
    expect(hi - lo).toBe(4);
    expect(prefixRange(V, 'zzz')).toEqual([prefixRange(V, 'zzz')[0], prefixRange(V, 'zzz')[0]]);
  });

  it('completes with the most frequent words first, never the prefix itself', () => {
    const ids = completions(V, 'model', 5);
    expect(ids.map((i) => V.words[i])).toEqual(['models']);
    expect(completions(V, 'mod', 2).map((i) => V.words[i])).toEqual(['models', 'model']);
  });

  it('counts a swap of neighbouring letters as one edit', () => {
    const found = new TypoIndex(V.words).corrections('modles', 1);
    const byWord = new Map(found.map((c) => [V.words[c.id], c.distance]));
    expect(byWord.get('models')).toBe(1);
    expect(byWord.get('modules')).toBe(1);
    expect(byWord.get('modes')).toBe(1);
    expect(byWord.has('diffusion')).toBe(false);
  });

  it('allows two edits when asked, wherever they are', () => {
    const typos = new TypoIndex(V.words);
    expect(typos.corrections('difusoin', 2).map((c) => V.words[c.id])).toContain('diffusion');
    expect(typos.corrections('xodels', 1).map((c) => V.words[c.id])).toEqual(['models']);
    expect(typos.corrections('zzzzzz', 2)).toEqual([]);
  });

  it('finds words added after it was built', () => {
    const words = ['models', 'diffusion'];
    const typos = new TypoIndex(words);
    words.push('transformer');
    expect(typos.corrections('transfromer', 1).map((c) => words[c.id])).toEqual(['transformer']);
  });
});
