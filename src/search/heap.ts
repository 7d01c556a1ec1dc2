// Heaps that pick the best docs: the bounded top k, and candidates taken best first.

/** A bounded min-heap keeping the k best (score desc, then doc asc). */
export class TopK {
  private docs: number[] = [];
  private scores: number[] = [];
  constructor(private readonly k: number) {}

  private worse(i: number, j: number): boolean {
    const si = this.scores[i]!;
    const sj = this.scores[j]!;
    return si < sj || (si === sj && this.docs[i]! > this.docs[j]!);
  }

  private swap(i: number, j: number): void {
    const d = this.docs[i]!;
    this.docs[i] = this.docs[j]!;
    this.docs[j] = d;
    const s = this.scores[i]!;
    this.scores[i] = this.scores[j]!;
    this.scores[j] = s;
  }

  /** The score a doc needs to enter (once full; before that, anything enters). */
  floor(): number {
    return this.docs.length < this.k ? Number.NEGATIVE_INFINITY : this.scores[0]!;
  }

  push(doc: number, score: number): void {
    if (this.k <= 0) return;
    if (this.docs.length < this.k) {
      this.docs.push(doc);
      this.scores.push(score);
      let i = this.docs.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!this.worse(i, p)) break;
        this.swap(i, p);
        i = p;
      }
      return;
    }
    const rootScore = this.scores[0]!;
    if (score < rootScore || (score === rootScore && doc > this.docs[0]!)) return;
    this.docs[0] = doc;
    this.scores[0] = score;
    let i = 0;
    const n = this.docs.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.worse(l, m)) m = l;
      if (r < n && this.worse(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }

  sorted(): { docs: number[]; scores: number[] } {
    const order = this.docs.map((_, i) => i);
    order.sort((a, b) => this.scores[b]! - this.scores[a]! || this.docs[a]! - this.docs[b]!);
    return { docs: order.map((i) => this.docs[i]!), scores: order.map((i) => this.scores[i]!) };
  }
}

/** Candidates taken best first: a max-heap built in linear time, popped as needed. */
export class BestFirst {
  private docs: Uint32Array;
  private scores: Float64Array;
  size: number;

  /** Takes over the arrays (their first `size` entries). */
  constructor(docs: Uint32Array, scores: Float64Array, size: number) {
    this.docs = docs;
    this.scores = scores;
    this.size = size;
    for (let i = (this.size >> 1) - 1; i >= 0; i--) this.down(i);
  }

  topScore(): number {
    return this.scores[0]!;
  }

  pop(): number {
    const doc = this.docs[0]!;
    this.size--;
    this.docs[0] = this.docs[this.size]!;
    this.scores[0] = this.scores[this.size]!;
    this.down(0);
    return doc;
  }

  /** Better: higher score, then lower doc number (catalog order). */
  private better(i: number, j: number): boolean {
    const a = this.scores[i]!;
    const b = this.scores[j]!;
    return a > b || (a === b && this.docs[i]! < this.docs[j]!);
  }

  private down(start: number): void {
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.size && this.better(l, m)) m = l;
      if (r < this.size && this.better(r, m)) m = r;
      if (m === i) return;
      const d = this.docs[i]!;
      this.docs[i] = this.docs[m]!;
      this.docs[m] = d;
      const s = this.scores[i]!;
      this.scores[i] = this.scores[m]!;
      this.scores[m] = s;
      i = m;
    }
  }
}
