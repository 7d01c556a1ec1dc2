// String → id tables keyed by a 64-bit fingerprint (two 32-bit hashes) and the length, so a word already
// seen is found without making a string or comparing characters. Indexing is bound by memory, so a slot
// can also carry what the indexer needs about the word (its term, the last document it was seen in, its
// document frequency): one token then costs one cache line. Tables are flat typed arrays, saved and loaded
// as they are. The chance that two of a million words share both hashes and the length is about one in
// ten million.
import { fingerprint } from './text.js';

export class FingerprintTable {
  readonly keys: string[] = [];
  /** Slots of [id + 1 (0 = empty), hash 1, hash 2, length, ...payload]. */
  slots: Int32Array;
  /** Slot offset of each id. */
  slotOf: Int32Array = new Int32Array(1024);
  private mask = 1023;

  constructor(readonly stride = 4) {
    this.slots = new Int32Array(1024 * stride);
  }

  get size(): number {
    return this.keys.length;
  }

  /** The slot offset of the word with this fingerprint and length, or -1. */
  find(h1: number, h2: number, len: number): number {
    const slots = this.slots;
    const stride = this.stride;
    let i = h1 & this.mask;
    for (;;) {
      const at = i * stride;
      if (slots[at] === 0) return -1;
      if (slots[at + 1] === h1 && slots[at + 2] === h2 && slots[at + 3] === len) return at;
      i = (i + 1) & this.mask;
    }
  }

  get(key: string): number | undefined {
    const [h1, h2] = fingerprint(key);
    const at = this.find(h1, h2, key.length);
    return at < 0 ? undefined : this.slots[at]! - 1;
  }

  /** Adds a word known to be absent; returns its slot offset (its id is size - 1). */
  add(key: string, h1?: number, h2?: number): number {
    let a = h1;
    let b = h2;
    if (a === undefined || b === undefined) [a, b] = fingerprint(key);
    const id = this.keys.length;
    this.keys.push(key);
    if (id >= this.slotOf.length) {
      const next = new Int32Array(this.slotOf.length * 2);
      next.set(this.slotOf);
      this.slotOf = next;
    }
    if (this.keys.length * 2 > this.mask + 1) this.grow();
    const stride = this.stride;
    let i = a & this.mask;
    while (this.slots[i * stride] !== 0) i = (i + 1) & this.mask;
    const at = i * stride;
    this.slots[at] = id + 1;
    this.slots[at + 1] = a;
    this.slots[at + 2] = b;
    this.slots[at + 3] = key.length;
    this.slotOf[id] = at;
    return at;
  }

  /** A table as saved (see snapshot.ts): ready without hashing every word again. */
  static restore(stride: number, keys: string[], slots: Int32Array, slotOf: Int32Array): FingerprintTable {
    const table = new FingerprintTable(stride);
    (table as { keys: string[] }).keys = keys;
    table.slots = slots;
    table.slotOf = slotOf.length > 0 ? slotOf : new Int32Array(1024);
    table.mask = slots.length / stride - 1;
    return table;
  }

  private grow(): void {
    const old = this.slots;
    const stride = this.stride;
    const size = (this.mask + 1) * 2;
    const slots = new Int32Array(size * stride);
    const mask = size - 1;
    for (let from = 0; from < old.length; from += stride) {
      const id = old[from]!;
      if (id === 0) continue;
      let i = old[from + 1]! & mask;
      while (slots[i * stride] !== 0) i = (i + 1) & mask;
      const at = i * stride;
      slots.set(old.subarray(from, from + stride), at);
      this.slotOf[id - 1] = at;
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** Payload of the surface-word table: slots of 8 ints. */
export const SURFACE_STRIDE = 8;
export const TERM = 4;
export const LAST_DOC = 5;
/** Term of the word inside author names, where stop words count ("Kaiming He"); -2 until needed. */
export const AUTHOR_TERM = 6;
export const DF = 7;
