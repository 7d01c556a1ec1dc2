// A string → id table that looks words up by a slice of the text and its hash, without making a string:
// indexing spends most of its time looking up words it has already seen.
import { hashString } from './text.js';

export class StringTable {
  readonly keys: string[] = [];
  private hashes = new Int32Array(1024);
  private slots = new Int32Array(2048).fill(-1);
  private mask = 2047;

  get size(): number {
    return this.keys.length;
  }

  /** The id of source[start, end), or -1. */
  find(source: string, start: number, end: number, hash: number): number {
    const len = end - start;
    let i = hash & this.mask;
    for (;;) {
      const id = this.slots[i]!;
      if (id < 0) return -1;
      if (this.hashes[id] === hash) {
        const key = this.keys[id]!;
        if (key.length === len) {
          let same = true;
          for (let k = 0; k < len; k++) {
            if (key.charCodeAt(k) !== source.charCodeAt(start + k)) {
              same = false;
              break;
            }
          }
          if (same) return id;
        }
      }
      i = (i + 1) & this.mask;
    }
  }

  get(key: string): number | undefined {
    const id = this.find(key, 0, key.length, hashString(key));
    return id < 0 ? undefined : id;
  }

  /** Adds a key known to be absent; returns its id. */
  add(key: string, hash = hashString(key)): number {
    const id = this.keys.length;
    this.keys.push(key);
    if (id >= this.hashes.length) {
      const next = new Int32Array(this.hashes.length * 2);
      next.set(this.hashes);
      this.hashes = next;
    }
    this.hashes[id] = hash;
    if (this.keys.length * 2 > this.slots.length) this.grow();
    else this.place(id, hash);
    return id;
  }

  private place(id: number, hash: number): void {
    let i = hash & this.mask;
    while (this.slots[i]! >= 0) i = (i + 1) & this.mask;
    this.slots[i] = id;
  }

  private grow(): void {
    const size = this.slots.length * 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (let id = 0; id < this.keys.length; id++) this.place(id, this.hashes[id]!);
  }

  static from(keys: readonly string[]): StringTable {
    const table = new StringTable();
    for (const k of keys) table.add(k);
    return table;
  }
}
