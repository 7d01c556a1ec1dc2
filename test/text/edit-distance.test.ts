import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/text/edit-distance.js';

/** Short words over a small alphabet, so that near-misses (and swaps) are common. */
const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 8 });

/** The textbook Levenshtein distance with adjacent swaps (OSA), written plainly to check the fast one against. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const above = d[i - 1] as number[];
      row[j] = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

describe('editDistance', () => {
  it('counts a swap of adjacent letters as one edit', () => {
    expect(editDistance('modles', 'models')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('stops at max + 1 once the words are further apart than max', () => {
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
    expect(editDistance('a', 'abcdefgh', 2)).toBe(3);
    expect(editDistance('modles', 'models', 1)).toBe(1);
  });

  it('agrees with the plain dynamic programme', () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        expect(editDistance(a, b)).toBe(reference(a, b));
      }),
    );
  });

  it('is zero exactly for equal words, and symmetric', () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        expect(editDistance(a, b)).toBe(editDistance(b, a));
        expect(editDistance(a, b) === 0).toBe(a === b);
      }),
    );
  });

  it('is at least the difference in length and at most the longer length', () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        const d = editDistance(a, b);
        expect(d).toBeGreaterThanOrEqual(Math.abs(a.length - b.length));
        expect(d).toBeLessThanOrEqual(Math.max(a.length, b.length));
      }),
    );
  });

  it('keeps the triangle inequality except through a swap', () => {
    // Swaps make this distance no metric: ca → ac → abc takes 1 + 1 edits, ca → abc takes 3.
    expect(editDistance('ca', 'abc')).toBe(3);
    // Over two letters it holds: checked for every triple of words up to five letters long.
    const words = [''];
    for (let length = 1; length <= 5; length++) {
      for (let bits = 0; bits < 1 << length; bits++) {
        words.push(Array.from({ length }, (_, i) => ((bits >> i) & 1 ? 'b' : 'a')).join(''));
      }
    }
    const d = words.map((a) => words.map((b) => editDistance(a, b)));
    let broken = 0;
    for (const row of d) {
      for (const [j, viaJ] of row.entries()) {
        for (const [k, direct] of row.entries()) {
          if (direct > viaJ + (d[j]?.[k] ?? 0)) broken++;
        }
      }
    }
    expect(broken).toBe(0);
  });

  it('answers within max exactly as without it, and max + 1 beyond', () => {
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 4 }), (a, b, max) => {
        const full = editDistance(a, b);
        expect(editDistance(a, b, max)).toBe(full <= max ? full : max + 1);
      }),
    );
  });
});
