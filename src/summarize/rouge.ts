// ROUGE-1/2/L F1 as SciTLDR reports it: lower-cased [a-z0-9]+ tokens, no stemming, multi-max over targets.

export interface Rouge {
  r1: number;
  r2: number;
  rl: number;
}

export function rougeTokens(text: string): string[] {
  return text.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}

function counts(tokens: readonly string[], n: number): Map<string, number> {
  const map = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const key = n === 1 ? (tokens[i] as string) : tokens.slice(i, i + n).join(' ');
    map.set(key, (map.get(key) ?? 0) + 1);
  }
  return map;
}

function overlap(a: Map<string, number>, b: Map<string, number>): number {
  let total = 0;
  for (const [key, count] of a) total += Math.min(count, b.get(key) ?? 0);
  return total;
}

function f1(hits: number, predicted: number, reference: number): number {
  if (hits === 0 || predicted === 0 || reference === 0) return 0;
  const p = hits / predicted;
  const r = hits / reference;
  return (2 * p * r) / (p + r);
}

function lcs(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let prev = new Array<number>(b.length + 1).fill(0);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (const x of a) {
    cur[0] = 0;
    for (let j = 0; j < b.length; j++) {
      cur[j + 1] = x === b[j] ? (prev[j] as number) + 1 : Math.max(prev[j + 1] as number, cur[j] as number);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length] as number;
}

/** ROUGE F1 of one prediction against one reference. */
export function rouge(prediction: string, reference: string): Rouge {
  const p = rougeTokens(prediction);
  const r = rougeTokens(reference);
  return {
    r1: f1(overlap(counts(p, 1), counts(r, 1)), p.length, r.length),
    r2: f1(overlap(counts(p, 2), counts(r, 2)), p.length - 1, r.length - 1),
    rl: f1(lcs(p, r), p.length, r.length),
  };
}

/** SciTLDR's multi-max: the scores of the one target with the best ROUGE-1 (R2/RL are not maximised alone). */
export function rougeMultiMax(prediction: string, references: readonly string[]): Rouge {
  let best: Rouge = { r1: 0, r2: 0, rl: 0 };
  let found = false;
  for (const reference of references) {
    const score = rouge(prediction, reference);
    if (!found || score.r1 > best.r1) {
      best = score;
      found = true;
    }
  }
  return best;
}

/** Averages scores and scales them ×100, as papers report them. */
export function meanRouge(scores: readonly Rouge[]): Rouge {
  const n = Math.max(1, scores.length);
  const sum = scores.reduce((a, s) => ({ r1: a.r1 + s.r1, r2: a.r2 + s.r2, rl: a.rl + s.rl }), {
    r1: 0,
    r2: 0,
    rl: 0,
  });
  return { r1: (100 * sum.r1) / n, r2: (100 * sum.r2) / n, rl: (100 * sum.rl) / n };
}
