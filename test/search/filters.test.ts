import { describe, expect, it } from 'vitest';
import { intersect } from '../../src/search/filters.js';

describe('intersecting the docs of an author name’s words', () => {
  it('keeps the docs both lists hold, in order, when both come in doc order', () => {
    expect(intersect([1, 3, 5, 8, 13], [2, 3, 4, 8, 9, 13, 21])).toEqual([3, 8, 13]);
  });

  it('is empty when either list is', () => {
    expect(intersect([], [1, 2])).toEqual([]);
    expect(intersect([1, 2], [])).toEqual([]);
  });

  it('gives what a set lookup gives for lists out of doc order', () => {
    const a = [9, 2, 7, 2, 4];
    const b = [4, 2, 10];
    expect(intersect(a, b)).toEqual(a.filter((d) => new Set(b).has(d)));
  });

  it('agrees with a set lookup on random sorted lists', () => {
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let round = 0; round < 50; round++) {
      const list = () =>
        [...new Set(Array.from({ length: next() % 40 }, () => next() % 60))].sort((x, y) => x - y);
      const [a, b] = [list(), list()];
      expect(intersect(a, b)).toEqual(a.filter((d) => new Set(b).has(d)));
    }
  });
});
