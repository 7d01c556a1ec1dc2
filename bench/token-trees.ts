// Gradient-boosted shallow trees over TOKEN_FEATURES rows, on top of a base logit (the linear token model's): the
// trees learn the crosses a linear model cannot form. Plain TS, histogram splits, soft targets (logistic loss).
export interface TokenRows {
  f: number[][];
  /** Target in [0, 1] (share of gold TL;DRs holding the word) and the base logit per row. */
  y: number[];
  base: number[];
}

/** Complete trees of `depth`, flat: node i has children 2i+1, 2i+2; leaves follow the 2^depth − 1 inner nodes. */
export interface Booster {
  depth: number;
  feature: number[];
  threshold: number[];
  leaf: number[];
}

export interface BoostOptions {
  trees: number;
  depth: number;
  rate: number;
  /** L2 on leaf values and the smallest hessian a child may have. */
  lambda?: number;
  minHessian?: number;
  bins?: number;
}

function edgesOf(values: number[], bins: number): number[] {
  const sorted = Float64Array.from(values).sort();
  const unique: number[] = [];
  for (const v of sorted) if (unique.length === 0 || unique[unique.length - 1] !== v) unique.push(v);
  if (unique.length <= bins) return unique.slice(0, -1);
  const edges: number[] = [];
  for (let b = 1; b < bins; b++) {
    const v = sorted[Math.floor((b * sorted.length) / bins)] as number;
    if (edges.length === 0 || (edges[edges.length - 1] as number) < v) edges.push(v);
  }
  return edges;
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function boost(rows: TokenRows, options: BoostOptions): Booster {
  const { trees, depth, rate } = options;
  const lambda = options.lambda ?? 1;
  const minHessian = options.minHessian ?? 1;
  const maxBins = options.bins ?? 32;
  const n = rows.f.length;
  const F = rows.f[0]?.length ?? 0;
  const edges = Array.from({ length: F }, (_, j) =>
    edgesOf(
      rows.f.map((r) => r[j] as number),
      maxBins,
    ),
  );
  const B = maxBins;
  const binned = new Uint8Array(n * F);
  for (let r = 0; r < n; r++) {
    const row = rows.f[r] as number[];
    for (let j = 0; j < F; j++) {
      const e = edges[j] as number[];
      const v = row[j] as number;
      let b = 0;
      while (b < e.length && v > (e[b] as number)) b++;
      binned[r * F + j] = b;
    }
  }
  const margin = Float64Array.from(rows.base);
  const inner = 2 ** depth - 1;
  const booster: Booster = { depth, feature: [], threshold: [], leaf: [] };
  const node = new Int32Array(n);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  for (let t = 0; t < trees; t++) {
    for (let r = 0; r < n; r++) {
      const p = sigmoid(margin[r] as number);
      g[r] = p - (rows.y[r] as number);
      h[r] = Math.max(p * (1 - p), 1e-6);
    }
    node.fill(0);
    const feature = new Array<number>(inner).fill(0);
    const threshold = new Array<number>(inner).fill(2);
    const splitBin = new Int32Array(inner).fill(B);
    for (let d = 0; d < depth; d++) {
      const first = 2 ** d - 1;
      const width = 2 ** d;
      const G = new Float64Array(width * F * B);
      const H = new Float64Array(width * F * B);
      for (let r = 0; r < n; r++) {
        const at = (node[r] as number) - first;
        const base = at * F * B;
        const gr = g[r] as number;
        const hr = h[r] as number;
        const rb = r * F;
        for (let j = 0; j < F; j++) {
          const idx = base + j * B + (binned[rb + j] as number);
          G[idx] = (G[idx] as number) + gr;
          H[idx] = (H[idx] as number) + hr;
        }
      }
      for (let q = 0; q < width; q++) {
        let gt = 0;
        let ht = 0;
        for (let b = 0; b < B; b++) {
          gt += G[q * F * B + b] as number;
          ht += H[q * F * B + b] as number;
        }
        const parent = (gt * gt) / (ht + lambda);
        let best = 1e-9;
        let bestJ = -1;
        let bestB = -1;
        for (let j = 0; j < F; j++) {
          let gl = 0;
          let hl = 0;
          const e = edges[j] as number[];
          for (let b = 0; b < e.length; b++) {
            gl += G[q * F * B + j * B + b] as number;
            hl += H[q * F * B + j * B + b] as number;
            const hr = ht - hl;
            if (hl < minHessian || hr < minHessian) continue;
            const gr = gt - gl;
            const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parent;
            if (gain > best) {
              best = gain;
              bestJ = j;
              bestB = b;
            }
          }
        }
        if (bestJ >= 0) {
          feature[first + q] = bestJ;
          threshold[first + q] = (edges[bestJ] as number[])[bestB] as number;
          splitBin[first + q] = bestB;
        }
      }
      for (let r = 0; r < n; r++) {
        const i = node[r] as number;
        const left = (binned[r * F + (feature[i] as number)] as number) <= (splitBin[i] as number);
        node[r] = left ? 2 * i + 1 : 2 * i + 2;
      }
    }
    const leaves = 2 ** depth;
    const GL = new Float64Array(leaves);
    const HL = new Float64Array(leaves);
    for (let r = 0; r < n; r++) {
      const l = (node[r] as number) - inner;
      GL[l] = (GL[l] as number) + (g[r] as number);
      HL[l] = (HL[l] as number) + (h[r] as number);
    }
    const leaf = Array.from(GL, (gl, l) => (-rate * gl) / ((HL[l] as number) + lambda));
    for (let r = 0; r < n; r++)
      margin[r] = (margin[r] as number) + (leaf[(node[r] as number) - inner] as number);
    booster.feature.push(...feature);
    booster.threshold.push(...threshold);
    booster.leaf.push(...leaf);
  }
  return booster;
}

/** The trees' sum for one row. */
export function treeLogit(b: Booster, row: readonly number[]): number {
  const inner = 2 ** b.depth - 1;
  const leaves = inner + 1;
  let z = 0;
  for (let at = 0, lt = 0; at < b.feature.length; at += inner, lt += leaves) {
    let i = 0;
    while (i < inner) {
      i =
        (row[b.feature[at + i] as number] as number) <= (b.threshold[at + i] as number)
          ? 2 * i + 1
          : 2 * i + 2;
    }
    z += b.leaf[lt + i - inner] as number;
  }
  return z;
}

export function predictBoosted(b: Booster, rows: TokenRows): number[] {
  return rows.f.map((row, r) => sigmoid((rows.base[r] as number) + treeLogit(b, row)));
}
