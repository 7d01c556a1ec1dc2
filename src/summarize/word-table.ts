// A read-only table from the TL;DR model's words to their rows: what analyze() looks up for every abstract word.
import { hashOnward, wordHash } from './text.js';

/**
 * A Map of the model's ~19k words took about three cache misses per lookup (its bucket, its entry, the key string,
 * over a megabyte in all), and analyze() made one per distinct abstract word: a third of its time. This table is
 * a quarter of that size, in typed arrays: a slot holds the key's hash and row, and the keys' characters are
 * packed one after another.
 */
export class WordTable {
  readonly size: number;
  /** Per slot: the key's hash and its row + 1 (0: empty). */
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** Where each row's characters start in `chars`; one more entry marks the end of the last. */
  private readonly starts: Int32Array;
  private readonly chars: Uint16Array;

  constructor(keys: readonly string[]) {
    this.size = keys.length;
    let capacity = 16;
    while (capacity < keys.length * 1.6) capacity *= 2;
    this.mask = capacity - 1;
    this.slots = new Int32Array(capacity * 2);
    this.starts = new Int32Array(keys.length + 1);
    let total = 0;
    for (const k of keys) total += k.length;
    this.chars = new Uint16Array(total);
    let start = 0;
    keys.forEach((key, row) => {
      this.starts[row] = start;
      for (let j = 0; j < key.length; j++) this.chars[start + j] = key.charCodeAt(j);
      start += key.length;
      const h = wordHash(key);
      let s = h & this.mask;
      while (this.slots[2 * s + 1] !== 0) s = (s + 1) & this.mask;
      this.slots[2 * s] = h;
      this.slots[2 * s + 1] = row + 1;
    });
    this.starts[keys.length] = start;
  }

  /** The word's row (its position among the keys given), -1 when it is not a key. */
  find(word: string): number {
    return this.lookup(word, '', wordHash(word));
  }

  /** find() given the word's wordHash already (casedWords gives it). */
  findHashed(word: string, hash: number): number {
    return this.lookup(word, '', hash);
  }

  /** The same for the key `first + ' ' + second`, without building that string. */
  findPair(first: string, second: string): number {
    return this.lookup(first, second, hashOnward(second, hashOnward(' ', wordHash(first))));
  }

  private lookup(first: string, second: string, h: number): number {
    const { slots, starts, chars, mask } = this;
    const n1 = first.length;
    const n = second.length === 0 ? n1 : n1 + 1 + second.length;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const row = (slots[2 * s + 1] as number) - 1;
      if (row < 0) return -1;
      if (slots[2 * s] !== h) continue;
      const start = starts[row] as number;
      if ((starts[row + 1] as number) - start !== n) continue;
      let j = 0;
      while (j < n1 && chars[start + j] === String.prototype.charCodeAt.call(first, j)) j++;
      if (j < n1) continue;
      if (n > n1) {
        if (chars[start + j] !== 32) continue;
        let i = 0;
        j++;
        while (j < n && chars[start + j] === String.prototype.charCodeAt.call(second, i)) {
          i++;
          j++;
        }
        if (j < n) continue;
      }
      return row;
    }
  }
}
