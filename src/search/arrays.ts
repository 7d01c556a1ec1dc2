// Growable typed arrays: the index keeps numbers off the JS heap, in flat buffers that double as they fill.

type TypedArray = Uint8Array | Uint16Array | Uint32Array | Int32Array | Float32Array | Float64Array;
type Ctor<T extends TypedArray> = { new (length: number): T };

/** Returns `array` if it holds `needed` items, else a copy at least twice as large. */
export function ensure<T extends TypedArray>(array: T, needed: number, ctor: Ctor<T>): T {
  if (needed <= array.length) return array;
  const next = new ctor(Math.max(needed, array.length * 2, 16));
  next.set(array);
  return next;
}

/** An append-only list of uint32. */
export class U32List {
  data: Uint32Array;
  length = 0;
  constructor(capacity = 1024) {
    this.data = new Uint32Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) this.data = ensure(this.data, this.length + 1, Uint32Array);
    this.data[this.length++] = value;
  }
  view(): Uint32Array {
    return this.data.subarray(0, this.length);
  }
}

/** Binary search in a sorted uint32 slice [lo, hi): true if `value` is present. */
export function sortedHas(array: Uint32Array, lo: number, hi: number, value: number): boolean {
  let a = lo;
  let b = hi - 1;
  while (a <= b) {
    const mid = (a + b) >>> 1;
    const v = array[mid]!;
    if (v === value) return true;
    if (v < value) a = mid + 1;
    else b = mid - 1;
  }
  return false;
}
