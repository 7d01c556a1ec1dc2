// Distributional word vectors for the TL;DR model's columns: PPMI over a ±window co-occurrence count, reduced by SVD.
// Built from titled abstracts (the arXiv catalog plus SciTLDR train; never dev or test text), over the summariser's
// own tokens (words(): lower-cased, unstemmed, as ROUGE compares them), so a column can ask what a word MEANS (how
// near "segmentation" is to "mask") where every other column only asks whether the same word recurs.
// Plain TypeScript and deterministic: the same texts and options give the same bits (seeded projection).
import { seededRandom } from './kit.js';

export interface VectorOptions {
  /** Most frequent words kept (ties broken by the word), the rows and columns of the count matrix. */
  vocab?: number;
  /** Words either side that count as co-occurring (within one abstract; unknown words keep their place). */
  window?: number;
  dim?: number;
  /** Context-distribution smoothing of PPMI (Levy, Goldberg & Dagan 2015): rare contexts get less PMI. */
  alpha?: number;
  /** Singular values raised to this power in the vectors (0.5: the symmetric split of the factorisation). */
  power?: number;
  /** Power iterations of the randomised SVD; oversampling columns. */
  iterations?: number;
  oversample?: number;
  seed?: number;
}

export interface WordVectors {
  words: string[];
  dim: number;
  /** Unit-length rows, word after word. */
  vectors: Float32Array;
}

/** Co-occurrence codes a*V+b (a <= b) are sorted in chunks of this many and merged: no Map of millions of keys. */
const CHUNK = 1 << 23;

/** Sorted (code, count) pairs: the chunk's codes run-length encoded. */
/** Co-occurrence codes, sorted, and their counts. */
interface Counts {
  codes: Uint32Array;
  counts: Float64Array;
}

function encode(codes: Uint32Array): Counts {
  codes.sort();
  let m = 0;
  for (let i = 0; i < codes.length; i++) if (i === 0 || codes[i] !== codes[i - 1]) m++;
  const outCodes = new Uint32Array(m);
  const outCounts = new Float64Array(m);
  let at = -1;
  for (let i = 0; i < codes.length; i++) {
    if (i === 0 || codes[i] !== codes[i - 1]) {
      at++;
      outCodes[at] = codes[i] as number;
    }
    outCounts[at] = (outCounts[at] as number) + 1;
  }
  return { codes: outCodes, counts: outCounts };
}

function merge(a: Counts, b: Counts): Counts {
  const codes = new Uint32Array(a.codes.length + b.codes.length);
  const counts = new Float64Array(codes.length);
  let i = 0;
  let j = 0;
  let m = 0;
  while (i < a.codes.length || j < b.codes.length) {
    const ca = i < a.codes.length ? (a.codes[i] as number) : Infinity;
    const cb = j < b.codes.length ? (b.codes[j] as number) : Infinity;
    if (ca === cb) {
      codes[m] = ca;
      counts[m++] = (a.counts[i++] as number) + (b.counts[j++] as number);
    } else if (ca < cb) {
      codes[m] = ca;
      counts[m++] = a.counts[i++] as number;
    } else {
      codes[m] = cb;
      counts[m++] = b.counts[j++] as number;
    }
  }
  return { codes: codes.slice(0, m), counts: counts.slice(0, m) };
}

/** A sparse matrix in compressed rows. */
interface Csr {
  n: number;
  start: Int32Array;
  col: Int32Array;
  value: Float64Array;
}

/** out (n×l, row-major) = M x, x n×l row-major. */
function times(m: Csr, x: Float64Array, l: number): Float64Array {
  const out = new Float64Array(m.n * l);
  for (let r = 0; r < m.n; r++) {
    const o = r * l;
    for (let e = m.start[r] as number; e < (m.start[r + 1] as number); e++) {
      const v = m.value[e] as number;
      const c = (m.col[e] as number) * l;
      for (let j = 0; j < l; j++) out[o + j] = (out[o + j] as number) + v * (x[c + j] as number);
    }
  }
  return out;
}

/** out = Mᵀ x. */
function timesTransposed(m: Csr, x: Float64Array, l: number): Float64Array {
  const out = new Float64Array(m.n * l);
  for (let r = 0; r < m.n; r++) {
    const o = r * l;
    for (let e = m.start[r] as number; e < (m.start[r + 1] as number); e++) {
      const v = m.value[e] as number;
      const c = (m.col[e] as number) * l;
      for (let j = 0; j < l; j++) out[c + j] = (out[c + j] as number) + v * (x[o + j] as number);
    }
  }
  return out;
}

/** Orthonormal columns of y (n×l, row-major), in place: modified Gram–Schmidt, twice for stability. */
function orthonormalise(y: Float64Array, n: number, l: number): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < l; j++) {
      for (let q = 0; q < j; q++) {
        let dot = 0;
        for (let r = 0; r < n; r++) dot += (y[r * l + j] as number) * (y[r * l + q] as number);
        for (let r = 0; r < n; r++) y[r * l + j] = (y[r * l + j] as number) - dot * (y[r * l + q] as number);
      }
      let norm = 0;
      for (let r = 0; r < n; r++) norm += (y[r * l + j] as number) ** 2;
      norm = Math.sqrt(norm) || 1;
      for (let r = 0; r < n; r++) y[r * l + j] = (y[r * l + j] as number) / norm;
    }
  }
}

/** Eigenvalues (descending) and eigenvectors (columns of an l×l row-major matrix) of a symmetric matrix: Jacobi. */
function symmetricEigen(a: Float64Array, l: number): { values: number[]; vectors: Float64Array } {
  const v = new Float64Array(l * l);
  for (let i = 0; i < l; i++) v[i * l + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < l; p++) for (let q = p + 1; q < l; q++) off += (a[p * l + q] as number) ** 2;
    if (off < 1e-22) break;
    for (let p = 0; p < l; p++) {
      for (let q = p + 1; q < l; q++) {
        const apq = a[p * l + q] as number;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = ((a[q * l + q] as number) - (a[p * l + p] as number)) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < l; k++) {
          const akp = a[k * l + p] as number;
          const akq = a[k * l + q] as number;
          a[k * l + p] = c * akp - s * akq;
          a[k * l + q] = s * akp + c * akq;
        }
        for (let k = 0; k < l; k++) {
          const apk = a[p * l + k] as number;
          const aqk = a[q * l + k] as number;
          a[p * l + k] = c * apk - s * aqk;
          a[q * l + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < l; k++) {
          const vkp = v[k * l + p] as number;
          const vkq = v[k * l + q] as number;
          v[k * l + p] = c * vkp - s * vkq;
          v[k * l + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: l }, (_, i) => i).sort(
    (x, y) => (a[y * l + y] as number) - (a[x * l + x] as number),
  );
  const vectors = new Float64Array(l * l);
  order.forEach((from, to) => {
    for (let k = 0; k < l; k++) vectors[k * l + to] = v[k * l + from] as number;
  });
  return { values: order.map((i) => a[i * l + i] as number), vectors };
}

/**
 * Vectors for the most frequent words of `docs` (each a list of word lists, one per sentence; a document's
 * sentences are read as one run, so a window spans sentence ends as in running text).
 */
export function buildVectors(
  docs: readonly (readonly string[][])[],
  options: VectorOptions = {},
): WordVectors {
  const {
    vocab: size = 25_000,
    window = 5,
    dim = 96,
    alpha = 0.75,
    power = 0.5,
    iterations = 3,
    oversample = 24,
    seed = 1,
  } = options;
  const freq = new Map<string, number>();
  for (const doc of docs) for (const s of doc) for (const w of s) freq.set(w, (freq.get(w) ?? 0) + 1);
  const words = [...freq.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, size)
    .map(([w]) => w);
  const V = words.length;
  const id = new Map(words.map((w, i) => [w, i]));
  // Co-occurrences in the upper triangle (a <= b), counted in sorted chunks.
  let acc: Counts = { codes: new Uint32Array(0), counts: new Float64Array(0) };
  let buffer = new Uint32Array(CHUNK);
  let used = 0;
  const flush = () => {
    acc = merge(acc, encode(buffer.subarray(0, used)));
    used = 0;
  };
  for (const doc of docs) {
    const ids = doc.flatMap((s) => s.map((w) => id.get(w) ?? -1));
    for (let i = 0; i < ids.length; i++) {
      const a = ids[i] as number;
      if (a < 0) continue;
      for (let j = i + 1; j <= i + window && j < ids.length; j++) {
        const b = ids[j] as number;
        if (b < 0) continue;
        if (used === CHUNK) flush();
        buffer[used++] = a <= b ? a * V + b : b * V + a;
      }
    }
  }
  flush();
  buffer = new Uint32Array(0);
  // Marginals of the symmetric matrix (an off-diagonal pair counts for both words).
  const rowSum = new Float64Array(V);
  for (let e = 0; e < acc.codes.length; e++) {
    const code = acc.codes[e] as number;
    const a = Math.floor(code / V);
    const b = code - a * V;
    const c = acc.counts[e] as number;
    rowSum[a] = (rowSum[a] as number) + c;
    if (a !== b) {
      rowSum[b] = (rowSum[b] as number) + c;
    }
  }
  let smoothTotal = 0;
  for (let a = 0; a < V; a++) smoothTotal += (rowSum[a] as number) ** alpha;
  const pmi = (a: number, b: number, c: number) =>
    Math.log((c * smoothTotal) / ((rowSum[a] as number) * (rowSum[b] as number) ** alpha));
  // PPMI in compressed rows: both (a, b) and (b, a); context smoothing makes it slightly asymmetric.
  const nnz = new Int32Array(V + 1);
  const keep = (a: number, b: number, c: number) => pmi(a, b, c) > 0;
  for (let e = 0; e < acc.codes.length; e++) {
    const code = acc.codes[e] as number;
    const a = Math.floor(code / V);
    const b = code - a * V;
    const c = acc.counts[e] as number;
    if (keep(a, b, c)) nnz[a + 1] = (nnz[a + 1] as number) + 1;
    if (a !== b && keep(b, a, c)) nnz[b + 1] = (nnz[b + 1] as number) + 1;
  }
  for (let a = 0; a < V; a++) nnz[a + 1] = (nnz[a + 1] as number) + (nnz[a] as number);
  const fill = Int32Array.from(nnz.subarray(0, V));
  const col = new Int32Array(nnz[V] as number);
  const value = new Float64Array(col.length);
  for (let e = 0; e < acc.codes.length; e++) {
    const code = acc.codes[e] as number;
    const a = Math.floor(code / V);
    const b = code - a * V;
    const c = acc.counts[e] as number;
    let v = pmi(a, b, c);
    if (v > 0) {
      const at = fill[a] as number;
      fill[a] = at + 1;
      col[at] = b;
      value[at] = v;
    }
    if (a === b) continue;
    v = pmi(b, a, c);
    if (v > 0) {
      const at = fill[b] as number;
      fill[b] = at + 1;
      col[at] = a;
      value[at] = v;
    }
  }
  const m: Csr = { n: V, start: nnz, col, value };
  // Randomised SVD (Halko, Martinsson & Tropp 2011): a range finder with power iterations, then the small problem.
  const l = Math.min(V, dim + oversample);
  const next = seededRandom(seed);
  const omega = new Float64Array(V * l);
  for (let i = 0; i < omega.length; i++) omega[i] = next() * 2 - 1;
  let y = times(m, omega, l);
  orthonormalise(y, V, l);
  for (let it = 0; it < iterations; it++) {
    const z = timesTransposed(m, y, l);
    orthonormalise(z, V, l);
    y = times(m, z, l);
    orthonormalise(y, V, l);
  }
  // B = Qᵀ M (l×V), kept as Bᵀ = Mᵀ Q (V×l); B Bᵀ is l×l.
  const bt = timesTransposed(m, y, l);
  const bbt = new Float64Array(l * l);
  for (let r = 0; r < V; r++) {
    for (let i = 0; i < l; i++) {
      const bi = bt[r * l + i] as number;
      if (bi === 0) continue;
      for (let j = i; j < l; j++)
        bbt[i * l + j] = (bbt[i * l + j] as number) + bi * (bt[r * l + j] as number);
    }
  }
  for (let i = 0; i < l; i++) for (let j = 0; j < i; j++) bbt[i * l + j] = bbt[j * l + i] as number;
  const { values, vectors: ub } = symmetricEigen(bbt, l);
  // U = Q U_B; a word's vector is its row of U_k Σ_k^power, then unit length (only directions are compared).
  const out = new Float32Array(V * dim);
  const scale = Array.from({ length: dim }, (_, j) => Math.max(0, values[j] ?? 0) ** (power / 2));
  for (let r = 0; r < V; r++) {
    let norm = 0;
    const row = new Float64Array(dim);
    for (let j = 0; j < dim; j++) {
      let s = 0;
      for (let i = 0; i < l; i++) s += (y[r * l + i] as number) * (ub[i * l + j] as number);
      s *= scale[j] as number;
      row[j] = s;
      norm += s * s;
    }
    norm = Math.sqrt(norm) || 1;
    for (let j = 0; j < dim; j++) out[r * dim + j] = (row[j] as number) / norm;
  }
  return { words, dim, vectors: out };
}

/** Cosine of two unit rows. */
export function cosine(v: WordVectors, a: number, b: number): number {
  let s = 0;
  const d = v.dim;
  for (let j = 0; j < d; j++) s += (v.vectors[a * d + j] as number) * (v.vectors[b * d + j] as number);
  return s;
}

/** The nearest words of a word, for a sanity look at what the vectors learned. */
export function nearest(v: WordVectors, word: string, n = 8): string[] {
  const a = v.words.indexOf(word);
  if (a < 0) return [];
  return v.words
    .map((w, b) => ({ w, s: b === a ? -2 : cosine(v, a, b) }))
    .sort((x, y) => y.s - x.s)
    .slice(0, n)
    .map((x) => `${x.w} ${x.s.toFixed(2)}`);
}
