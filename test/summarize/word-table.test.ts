import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import modelJson from '../../src/summarize/model.json' with { type: 'json' };
import { wordHash } from '../../src/summarize/text.js';
import { WordTable } from '../../src/summarize/word-table.js';

describe('the model word table', () => {
  const vocab = (modelJson as { vocab: string[] }).vocab;
  const table = new WordTable(vocab);

  it('finds every word of the shipped vocabulary at its row, and nothing else', () => {
    vocab.forEach((w, row) => {
      expect(table.find(w)).toBe(row);
    });
    for (const w of ['', 'zzzqqq', 'the ', `${vocab[0]}x`, 'é', '\u{1d400}']) {
      expect(table.find(w)).toBe(vocab.indexOf(w));
    }
  });

  it('finds a word from the hash casedWords gives (wordHash) as find() does', () => {
    vocab.forEach((w, row) => {
      expect(table.findHashed(w, wordHash(w))).toBe(row);
    });
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 12 }), (w) => {
        expect(table.findHashed(w, wordHash(w))).toBe(table.find(w));
      }),
      { numRuns: 400 },
    );
  });

  it('answers as a Map of the same keys would, for any words, single or paired', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ unit: 'binary', maxLength: 6 }), { maxLength: 60 }),
        fc.array(fc.string({ unit: 'binary', maxLength: 6 }), { maxLength: 20 }),
        (keys, probes) => {
          const t = new WordTable(keys);
          const rows = new Map(keys.map((k, i) => [k, i]));
          for (const p of [...probes, ...keys]) expect(t.find(p)).toBe(rows.get(p) ?? -1);
          for (let i = 0; i + 1 < probes.length; i++) {
            const a = probes[i] as string;
            const b = probes[i + 1] as string;
            expect(t.findPair(a, b)).toBe(rows.get(`${a} ${b}`) ?? -1);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds "first second" keys by their two parts', () => {
    const t = new WordTable(['we', 'we propose', 'in this', 'this']);
    expect(t.findPair('we', 'propose')).toBe(1);
    expect(t.findPair('in', 'this')).toBe(2);
    expect(t.findPair('we', 'propos')).toBe(-1);
    expect(t.findPair('w', 'e propose')).toBe(-1);
    expect(t.find('we propose')).toBe(1);
  });

  it('tells apart words whose hashes collide: a lookup compares the characters', () => {
    // Two distinct words with one FNV-1a hash, found by a birthday search (short ones, one-byte and longer).
    const collision = (prefix: string): [string, string] => {
      const seen = new Map<number, string>();
      for (let i = 0; ; i++) {
        const w = `${prefix}${i.toString(36)}`;
        const other = seen.get(wordHash(w));
        if (other !== undefined) return [other, w];
        seen.set(wordHash(w), w);
      }
    };
    for (const prefix of ['', '\u00e9', 'abcdefg']) {
      const [a, b] = collision(prefix);
      expect(a).not.toBe(b);
      expect(wordHash(a)).toBe(wordHash(b));
      expect(new WordTable([a]).find(b)).toBe(-1);
      const both = new WordTable(['x', b, a]);
      expect(both.find(a)).toBe(2);
      expect(both.find(b)).toBe(1);
      expect(both.findHashed(b, wordHash(b))).toBe(1);
    }
  });
});
