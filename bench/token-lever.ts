// How much the TL;DR ranker gains from better word probabilities: the token model's probabilities are replaced by
// blends with the oracle (the share of gold TL;DRs holding the word) or by another token model, the ranker is
// retrained as ranker-cv trains it (cross-fitted train groups), and dev and train 2-fold pick ROUGE-1 are reported
// with the token model's dev log-loss and AUC. A sizing tool: nothing here ships. Its train 2-fold figure is the
// estimate ranker-cv gave before it nested the ranker's cross-fitting (each half's ranker learns from groups whose
// word model saw the scored half's targets): fit for paired comparisons between arms, a little optimistic alone.
// Usage: npm run build && node dist/bench/token-lever.js [options]
//   --blend 0,0.25,1     oracle shares mixed into the probabilities (--on all|prior|content: which words)
//   --model linear       the shipped linear model; gbdt: boosted trees on its logit (--trees --depth --rate, --extra:
//                        with abstract-context columns); flat: every word alike; linear-share (with --slopes col,col:
//                        per-prior-word weights on these columns), linear-sentence, linear-mix: other targets
//   --pooled             the candidate's words' token rows, averaged, as extra ranker columns; --split: expectedF
//                        split into prior (style) words and the rest, two extra columns
//   --modes title,abstract  --save NAME / --vs NAME: paired change per paper against a saved run
// Caches in $TMPDIR/paperboy-ranker-cv, as ranker-cv does (token weights, ROUGE-1 per candidate, saved runs).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { prepareSentences } from '../src/summarize/engine.js';
import {
  analyze,
  candidates,
  type Doc,
  TOKEN_FEATURES,
  tokenProbabilities,
  tokenRow,
} from '../src/summarize/features.js';
import { rougeMultiMax } from '../src/summarize/rouge.js';
import { words } from '../src/summarize/text.js';
import { pairedChange } from './kit.js';
import type { SciTldrRecord } from './scitldr.js';
import { cachedRouge, cachedTokens, crossFit, type Group, picks, trainRanker } from './tldr-training.js';
import { type Booster, boost, predictBoosted, type TokenRows } from './token-trees.js';

const { values } = parseArgs({
  options: {
    blend: { type: 'string', default: '0' },
    model: { type: 'string', default: 'linear' },
    trees: { type: 'string', default: '100' },
    depth: { type: 'string', default: '3' },
    rate: { type: 'string', default: '0.1' },
    modes: { type: 'string', default: 'title,abstract' },
    extra: { type: 'boolean', default: false },
    slopes: { type: 'string', default: '' },
    pooled: { type: 'boolean', default: false },
    split: { type: 'boolean', default: false },
    l2slope: { type: 'string', default: '1e-4' },
    /** Which words the oracle blend touches: all, prior (words with a learned prior) or content (the rest). */
    on: { type: 'string', default: 'all' },
    save: { type: 'string' },
    vs: { type: 'string' },
  },
});
const { cache, model, stats, dev, train, folds } = crossFit('token-lever');

function readJson<T>(path: string): T | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : undefined;
}
const rouge = cachedRouge(cache);

interface Paper {
  record: SciTldrRecord;
  doc: Doc;
  /** The shipped-style linear token model's probabilities (cross-fitted) and the oracle share per word. */
  linear: number[];
  y: number[];
}

function papers(data: readonly SciTldrRecord[], from: readonly SciTldrRecord[], useTitle: boolean): Paper[] {
  const weights = cachedTokens(cache, from, stats, useTitle, model.priorWords.length);
  return data.map((record) => {
    const doc = analyze(prepareSentences(record.source), useTitle ? record.title : undefined, stats);
    const targets = record.target.map((t) => new Set(words(t)));
    const y = doc.types.map(
      (w) => targets.reduce((a, t) => a + (t.has(w) ? 1 : 0), 0) / Math.max(1, targets.length),
    );
    return { record, doc, linear: tokenProbabilities(doc, weights), y };
  });
}

const EXTRA = values.extra;
/** Columns the bench adds to the trees' rows (not in TOKEN_FEATURES): does the abstract's context help them? */
function extraColumns(doc: Doc): number[][] {
  const n = doc.sentences.length;
  const m = doc.types.length;
  const best = new Array<number>(m).fill(-Infinity);
  let top = 0;
  doc.titleSentence.forEach((v, i) => {
    if (v > (doc.titleSentence[top] as number)) top = i;
  });
  const inTop = new Array<number>(m).fill(0);
  doc.sentenceTypes.forEach((ids, i) => {
    for (const k of ids) {
      best[k] = Math.max(best[k] as number, doc.titleSentence[i] as number);
      if (i === top) inTop[k] = 1;
    }
  });
  let claims = 0;
  for (const c of doc.cues) claims += c[0] as number;
  let maxIdf = 0;
  for (const v of doc.idf) maxIdf = Math.max(maxIdf, v);
  // Inside a parenthesis; among the five words before one that defines an acronym ("generative adversarial
  // networks (GANs)"); closeness to the verb of the first "we propose / introduce / present" (1 / words after it).
  const inParen = new Array<number>(m).fill(0);
  const defined = new Array<number>(m).fill(0);
  const nearVerb = new Array<number>(m).fill(0);
  const mark = (ws: readonly string[], into: number[], value = 1) => {
    for (const w of ws) {
      const k = doc.indexOf(w);
      if (k !== undefined) into[k] = Math.max(into[k] as number, value);
    }
  };
  let verbSeen = false;
  for (const sentence of doc.sentences) {
    for (const match of sentence.matchAll(/\(([^()]*)\)/g)) {
      const inside = match[1] ?? '';
      mark(words(inside), inParen);
      if (/^[A-Za-z-]*[A-Z][A-Za-z-]*s?$/.test(inside.trim()) && inside.trim().length <= 10) {
        mark(words(sentence.slice(0, match.index)).slice(-5), defined);
      }
    }
    if (verbSeen) continue;
    const ws = words(sentence);
    const at = ws.findIndex((w) => /^(propose|introduce|present|develop)s?$/.test(w));
    if (at < 0) continue;
    verbSeen = true;
    ws.slice(at + 1).forEach((w, d) => {
      const k = doc.indexOf(w);
      if (k !== undefined) nearVerb[k] = Math.max(nearVerb[k] as number, 1 / (1 + d));
    });
  }
  return doc.types.map((_, k) => [
    inParen[k] as number,
    defined[k] as number,
    nearVerb[k] as number,
    (doc.typePrior[k] as number) >= 0 ? 1 : 0,
    Math.log(m),
    n,
    best[k] as number,
    inTop[k] as number,
    claims,
    (doc.idf[k] as number) / Math.max(1e-9, maxIdf),
  ]);
}

function rowsOf(ps: readonly Paper[]): TokenRows {
  const f: number[][] = [];
  const y: number[] = [];
  const base: number[] = [];
  for (const p of ps) {
    const extra = EXTRA ? extraColumns(p.doc) : [];
    p.doc.types.forEach((_, k) => {
      f.push(EXTRA ? [...tokenRow(p.doc, k), ...(extra[k] as number[])] : tokenRow(p.doc, k));
      y.push(p.y[k] as number);
      const lp = Math.min(1 - 1e-9, Math.max(1e-9, p.linear[k] as number));
      base.push(Math.log(lp / (1 - lp)));
    });
  }
  return { f, y, base };
}

const POOLED = values.pooled;
const SPLIT = values.split;
/** expectedF's sum split into words with a prior (style words) and the rest (--split): two extra ranker columns. */
function split(doc: Doc, probs: readonly number[], text: string): number[] {
  let prior = 0;
  let content = 0;
  const ws = words(text);
  for (const w of ws) {
    const k = doc.indexOf(w);
    if (k === undefined) continue;
    if ((doc.typePrior[k] as number) >= 0) prior += probs[k] as number;
    else content += probs[k] as number;
  }
  const d = ws.length + 20;
  return [(2 * prior) / d, (2 * content) / d];
}

/**
 * The candidate's words' TOKEN_FEATURES rows, averaged: appended to its candidate columns (--pooled) to see whether
 * the ranker gains from word features pooled by a learned ranker rather than through the token model's probability.
 */
function pooled(doc: Doc, text: string): number[] {
  const F = TOKEN_FEATURES.length;
  const sum = new Array<number>(F).fill(0);
  let n = 0;
  for (const w of words(text)) {
    const k = doc.indexOf(w);
    if (k === undefined) continue;
    for (let i = 0; i < F; i++) sum[i] = (sum[i] as number) + (doc.features[k * F + i] as number);
    n++;
  }
  return sum.map((v) => v / Math.max(1, n));
}

function groupOf(p: Paper, probs: number[]): Group {
  const cands = candidates(p.doc, probs);
  return {
    features: cands.map((c) => [
      ...c.features,
      ...(POOLED ? pooled(p.doc, c.variant.text) : []),
      ...(SPLIT ? split(p.doc, probs, c.variant.text) : []),
    ]),
    r1: rouge.of(
      p.record,
      cands.map((c) => c.variant.text),
    ),
    sentence: Int32Array.from(cands.map((c) => c.sentence)),
  };
}

/** Log-loss against the share, and AUC of "some gold TL;DR holds the word", over every word of every paper. */
function quality(ps: readonly Paper[], probsOf: (p: Paper) => number[]): string {
  let loss = 0;
  let n = 0;
  let contentLoss = 0;
  let contentN = 0;
  let within = 0;
  let withinN = 0;
  const scored: [number, number][] = [];
  for (const p of ps) {
    const probs = probsOf(p);
    const pos: number[] = [];
    const neg: number[] = [];
    probs.forEach((q, k) => {
      const y = p.y[k] as number;
      const c = Math.min(1 - 1e-9, Math.max(1e-9, q));
      const l = -(y * Math.log(c) + (1 - y) * Math.log(1 - c));
      loss += l;
      n++;
      if ((p.doc.typePrior[k] as number) < 0) {
        contentLoss += l;
        contentN++;
        (y > 0 ? pos : neg).push(q);
      }
      scored.push([q, y > 0 ? 1 : 0]);
    });
    // Within the abstract, over words without a prior: does a gold word outrank a word no TL;DR has?
    if (pos.length > 0 && neg.length > 0) {
      let wins = 0;
      for (const a of pos) for (const b of neg) wins += a > b ? 1 : a === b ? 0.5 : 0;
      within += wins / (pos.length * neg.length);
      withinN++;
    }
  }
  scored.sort((a, b) => a[0] - b[0]);
  let rankSum = 0;
  let pos = 0;
  for (let i = 0; i < scored.length; ) {
    let j = i;
    while (j < scored.length && (scored[j] as [number, number])[0] === (scored[i] as [number, number])[0])
      j++;
    const rank = (i + 1 + j) / 2;
    for (let q = i; q < j; q++) {
      if ((scored[q] as [number, number])[1] === 1) {
        rankSum += rank;
        pos++;
      }
    }
    i = j;
  }
  const neg = scored.length - pos;
  const auc = (rankSum - (pos * (pos + 1)) / 2) / Math.max(1, pos * neg);
  return (
    `log-loss ${(loss / Math.max(1, n)).toFixed(4)} AUC ${auc.toFixed(4)}; content words: log-loss ` +
    `${(contentLoss / Math.max(1, contentN)).toFixed(4)}, within-abstract AUC ${(within / Math.max(1, withinN)).toFixed(4)}`
  );
}

/** Per word, the soft share of the abstract's best sentences (by ROUGE-1 against the gold TL;DRs) holding it. */
function sentenceTarget(p: Paper): number[] {
  const r1 = p.doc.sentences.map((s) => rougeMultiMax(s, p.record.target).r1);
  const max = Math.max(...r1);
  const e = r1.map((v) => Math.exp((v - max) / 0.05));
  const total = e.reduce((a, b) => a + b, 0);
  const y = new Array<number>(p.doc.types.length).fill(0);
  p.doc.sentenceTypes.forEach((ids, i) => {
    for (const k of new Set(ids)) y[k] = (y[k] as number) + (e[i] as number) / total;
  });
  return y;
}

/**
 * trainTokens' logistic regression (TOKEN_FEATURES plus one bias per prior word), on any per-word target; with
 * `slopes`, each prior word also gets its own weight on these columns (a cross the shared weights cannot form).
 */
function trainLinear(
  ps: readonly Paper[],
  targetOf: (p: Paper) => number[],
  slopes: readonly number[] = [],
): (p: Paper) => number[] {
  const rows: { f: number[]; prior: number; y: number }[] = [];
  for (const p of ps) {
    const y = targetOf(p);
    p.doc.types.forEach((_, k) => {
      rows.push({ f: tokenRow(p.doc, k), prior: p.doc.typePrior[k] as number, y: y[k] as number });
    });
  }
  const nf = TOKEN_FEATURES.length;
  const per = 1 + slopes.length;
  const priors = model.priorWords.length;
  const params = new Float64Array(nf + priors * per);
  const m = new Float64Array(params.length);
  const v = new Float64Array(params.length);
  const logit = (f: readonly number[], prior: number) => {
    let z = 0;
    for (let i = 0; i < nf; i++) z += (params[i] as number) * (f[i] as number);
    if (prior >= 0) {
      const at = nf + prior * per;
      z += params[at] as number;
      for (let s = 0; s < slopes.length; s++)
        z += (params[at + 1 + s] as number) * (f[slopes[s] as number] as number);
    }
    return z;
  };
  for (let t = 1; t <= 400; t++) {
    const g = new Float64Array(params.length);
    for (const row of rows) {
      const d = 1 / (1 + Math.exp(-logit(row.f, row.prior))) - row.y;
      for (let i = 0; i < nf; i++) g[i] = (g[i] as number) + d * (row.f[i] as number);
      if (row.prior >= 0) {
        const at = nf + row.prior * per;
        g[at] = (g[at] as number) + d;
        for (let s = 0; s < slopes.length; s++)
          g[at + 1 + s] = (g[at + 1 + s] as number) + d * (row.f[slopes[s] as number] as number);
      }
    }
    for (let i = 0; i < params.length; i++) {
      const slope = i >= nf && (i - nf) % per !== 0;
      const gi = (g[i] as number) / rows.length + (slope ? L2_SLOPE : 1e-5) * (params[i] as number);
      m[i] = 0.9 * (m[i] as number) + 0.1 * gi;
      v[i] = 0.999 * (v[i] as number) + 0.001 * gi * gi;
      params[i] =
        (params[i] as number) -
        (0.05 * ((m[i] as number) / (1 - 0.9 ** t))) /
          (Math.sqrt((v[i] as number) / (1 - 0.999 ** t)) + 1e-8);
    }
  }
  return (p) =>
    p.doc.types.map((_, k) => 1 / (1 + Math.exp(-logit(tokenRow(p.doc, k), p.doc.typePrior[k] as number))));
}
const L2_SLOPE = Number(values.l2slope);
const SLOPES = values.slopes
  .split(',')
  .filter(Boolean)
  .map((name) => {
    const i = TOKEN_FEATURES.indexOf(name as never);
    if (i < 0) throw new Error(`token-lever: no token column ${name}`);
    return i;
  });

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const results: Record<string, number[]> = {};
const blends = values.blend.split(',').map(Number);
const treeOptions = { trees: Number(values.trees), depth: Number(values.depth), rate: Number(values.rate) };

for (const useTitle of [true, false]) {
  const mode = useTitle ? 'title' : 'abstract';
  if (!values.modes.split(',').includes(mode)) continue;
  const f0 = papers(folds[0], folds[1], useTitle);
  const f1 = papers(folds[1], folds[0], useTitle);
  const dv = papers(dev, train, useTitle);
  let probsOf = (p: Paper) => p.linear;
  if (values.model === 'gbdt') {
    // Boosted from the linear model's logit: the trees learn what it misses. Cross-fitted as the linear model is:
    // the linear logits on train are themselves out-of-fold.
    const started = Date.now();
    const byFold = [boost(rowsOf(f1), treeOptions), boost(rowsOf(f0), treeOptions)] as Booster[];
    const all = boost(rowsOf([...f0, ...f1]), treeOptions);
    console.log(`${mode}: trees trained in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const boosted = new Map<Paper, number[]>();
    const apply = (ps: Paper[], b: Booster) => {
      for (const p of ps) {
        const rows = rowsOf([p]);
        boosted.set(p, predictBoosted(b, rows));
      }
    };
    apply(f0, byFold[0] as Booster);
    apply(f1, byFold[1] as Booster);
    apply(dv, all);
    probsOf = (p) => boosted.get(p) as number[];
    console.log(
      `${mode}: linear dev ${quality(dv, (p) => p.linear)}; train ${quality([...f0, ...f1], (p) => p.linear)}`,
    );
  }
  // flat: every word equally likely, what the ranker makes of its other columns alone (how much the token model
  // carries at all).
  if (values.model === 'flat') probsOf = (p) => p.linear.map(() => 0.15);
  if (values.model.startsWith('linear-')) {
    // linear-sentence: held by the abstract's best sentences; linear-mix: that and the share, half each. (On train
    // each paper has one gold TL;DR, so "some TL;DR holds it" is the share itself there.)
    const kind = values.model.slice('linear-'.length);
    const targetOf = (p: Paper) => {
      if (kind === 'share') return p.y;
      const s = sentenceTarget(p);
      return kind === 'sentence' ? s : s.map((v, k) => 0.5 * v + 0.5 * (p.y[k] as number));
    };
    const fitted = [f1, f0, [...f0, ...f1]].map((ps) => trainLinear(ps, targetOf, SLOPES));
    const memo = new Map<Paper, number[]>();
    const fill = (ps: Paper[], fn: (p: Paper) => number[]) => {
      for (const p of ps) memo.set(p, fn(p));
    };
    fill(f0, fitted[0] as (p: Paper) => number[]);
    fill(f1, fitted[1] as (p: Paper) => number[]);
    fill(dv, fitted[2] as (p: Paper) => number[]);
    probsOf = (p) => memo.get(p) as number[];
  }
  console.log(
    `${mode}: ${values.model} dev ${quality(dv, probsOf)}; train ${quality([...f0, ...f1], probsOf)}`,
  );
  for (const a of blends) {
    const on = (p: Paper, k: number) =>
      values.on === 'all' || (p.doc.typePrior[k] as number) >= 0 === (values.on === 'prior');
    const probs = (p: Paper) =>
      probsOf(p).map((q, k) => (on(p, k) ? (1 - a) * q + a * (p.y[k] as number) : q));
    const g0 = f0.map((p) => groupOf(p, probs(p)));
    const g1 = f1.map((p) => groupOf(p, probs(p)));
    const gd = dv.map((p) => groupOf(p, probs(p)));
    const label = `${mode} oracle ${a}`;
    if (a > 0) console.log(`${label}: dev ${quality(dv, probs)}`);
    results[`dev ${label}`] = picks(gd, trainRanker([...g0, ...g1]));
    results[`train 2-fold ${label}`] = [...picks(g0, trainRanker(g1)), ...picks(g1, trainRanker(g0))];
    for (const key of [`dev ${label}`, `train 2-fold ${label}`]) {
      const scores = results[key] as number[];
      console.log(`${key.padEnd(34)} pick R1 ${mean(scores).toFixed(2)}`);
    }
  }
}
rouge.save();
const before = values.vs
  ? readJson<Record<string, number[]>>(join(cache, `lever-${values.vs}.json`))
  : undefined;
if (before) {
  for (const [label, scores] of Object.entries(results)) {
    const other = before[label];
    if (other && other.length === scores.length) {
      console.log(
        `${label.padEnd(34)} vs ${values.vs}: ${pairedChange(scores.map((v, i) => v - (other[i] as number))).text}`,
      );
    }
  }
}
if (values.save) writeFileSync(join(cache, `lever-${values.save}.json`), JSON.stringify(results));
