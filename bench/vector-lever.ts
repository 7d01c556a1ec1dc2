// How much the TL;DR choice gains from what words MEAN: distributional word vectors (word-vectors.ts, built on the
// arXiv catalog + SciTLDR train abstracts and cached) give extra candidate columns (cosine of the candidate to the
// title, the rest of the abstract, the first claim, the guessed title; soft title coverage) and, with --token, extra
// word-model columns (a word's similarity to the title and to the abstract). The ranker is retrained and scored as
// ranker-cv scores it (dev, and nested train 2-fold), so --vs compares with a ranker-cv --save run. Nothing ships.
// Usage: npm run build && node dist/bench/vector-lever.js [--cols a,b] [--token] [--save NAME] [--vs NAME]
//   --dim --vocab --window --alpha --power  the vectors' options (each set is built once, ~minutes, then cached)
//   --cols   which extra candidate columns (default all of EXTRA); --cols none: only --token's
//   --raw cand,prod  also the candidate's unit vector (D columns) and/or its product with the title's vector
//   --neighbours word,word  prints nearest words and exits (a look at what the vectors learned)
// Also printed: the ranker fitted on dev itself with and without the extra columns (how much they could add at best).
// Session 12 figures (vs ranker-cv --save base, dim 96, window 5): all columns dev +0.21 ± 0.22 / train 2-fold
// +0.23 ± 0.14 with title, +0.08 ± 0.24 / -0.14 ± 0.14 abstract only; dev-fitted ceiling 40.21 -> 40.46 (title),
// 39.58 -> 39.55 (abstract only). Below the +0.3 bar: not shipped.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { prepareSentences } from '../src/summarize/engine.js';
import {
  analyze,
  CANDIDATE_FEATURES,
  candidates,
  type Doc,
  type Stats,
  sigmoid,
  TOKEN_FEATURES,
  tokenProbabilities,
  tokenRow,
  type Weights,
} from '../src/summarize/features.js';
import { words } from '../src/summarize/text.js';
import { STOP_WORDS } from '../src/text/stop-words.js';
import { arxivCatalogPath, readArxivCorpus } from './arxiv-corpus.js';
import { pairedChange } from './kit.js';
import type { SciTldrRecord } from './scitldr.js';
import {
  cachedRouge,
  cachedTokens,
  crossFit,
  crossFitted,
  fitTokenModel,
  type Group,
  picks,
  RANKER_FOLDS,
  type TokenRow,
  trainRanker,
} from './tldr-training.js';
import { buildVectors, nearest, type VectorOptions, type WordVectors } from './word-vectors.js';

const EXTRA = [
  'vTitle',
  'vRest',
  'vClaim',
  'vFirst',
  'vGuess',
  'vTitleRecall',
  'vTitlePrecision',
  'vKeyRecall',
] as const;
const TOKEN_EXTRA = ['wTitle', 'wRest', 'wGuess'] as const;

const { values } = parseArgs({
  options: {
    cols: { type: 'string', default: EXTRA.join(',') },
    token: { type: 'boolean', default: false },
    dim: { type: 'string', default: '96' },
    vocab: { type: 'string', default: '25000' },
    window: { type: 'string', default: '5' },
    alpha: { type: 'string', default: '0.75' },
    power: { type: 'string', default: '0.5' },
    neighbours: { type: 'string' },
    raw: { type: 'string', default: '' },
    modes: { type: 'string', default: 'title,abstract' },
    save: { type: 'string' },
    vs: { type: 'string' },
  },
});
const { cache, model, stats, dev, train, folds } = crossFit('vector-lever');
const cols = values.cols === 'none' ? [] : values.cols.split(',').filter(Boolean);
const unknown = cols.filter((c) => !EXTRA.includes(c as never));
if (unknown.length > 0) {
  console.error(`vector-lever: no extra column ${unknown.join(', ')} (${EXTRA.join(', ')})`);
  process.exit(2);
}
const colAt = cols.map((c) => EXTRA.indexOf(c as never));

function readJson<T>(path: string): T | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : undefined;
}

/** The vectors for these options, built from the arXiv catalog and SciTLDR train abstracts once, then cached. */
function vectors(): WordVectors {
  const options: VectorOptions = {
    dim: Number(values.dim),
    vocab: Number(values.vocab),
    window: Number(values.window),
    alpha: Number(values.alpha),
    power: Number(values.power),
  };
  const key = createHash('sha1').update(JSON.stringify(options)).digest('hex').slice(0, 12);
  const path = join(cache, `vectors-${key}`);
  if (existsSync(`${path}.json`)) {
    const meta = readJson<{ words: string[]; dim: number }>(`${path}.json`) as {
      words: string[];
      dim: number;
    };
    const buf = readFileSync(`${path}.bin`);
    return { ...meta, vectors: new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4) };
  }
  const catalog = arxivCatalogPath();
  if (!catalog) {
    console.error('vector-lever: ../shared/eval/arxiv/catalog.jsonl not found');
    process.exit(2);
  }
  const started = Date.now();
  const docs: string[][][] = [];
  for (const r of readArxivCorpus(catalog)) {
    docs.push([words(r.title)]);
    docs.push(prepareSentences(r.sentences, false).map((s) => words(s)));
  }
  for (const r of train) {
    docs.push([words(r.title)]);
    docs.push(prepareSentences(r.source).map((s) => words(s)));
  }
  const v = buildVectors(docs, options);
  console.error(
    `vector-lever: built ${v.words.length} × ${v.dim} vectors in ${(Date.now() - started) / 1000}s`,
  );
  writeFileSync(`${path}.json`, JSON.stringify({ words: v.words, dim: v.dim }));
  writeFileSync(`${path}.bin`, Buffer.from(v.vectors.buffer, v.vectors.byteOffset, v.vectors.byteLength));
  return v;
}

const vec = vectors();
if (values.neighbours) {
  for (const w of values.neighbours.split(',')) console.log(`${w}: ${nearest(vec, w).join(', ')}`);
  process.exit(0);
}
const D = vec.dim;
const rowOf = new Map(vec.words.map((w, i) => [w, i]));
const maxIdf = Math.log(stats.docs + 1);
function idfOf(s: Stats, w: string): number {
  const n = s.df.get(w);
  return n === undefined ? 1 : Math.log((s.docs + 1) / (n + 1)) / maxIdf;
}
const TITLE_STOP = STOP_WORDS.titleFeatures;
/** Words at least this rare (normalised idf) are matched softly (title recall/precision). */
const SOFT_IDF = 0.2;

/** Σ weight·vector into `out` (D numbers). */
function addTo(out: Float64Array, row: number, weight: number): void {
  const o = row * D;
  for (let j = 0; j < D; j++) out[j] = (out[j] as number) + weight * (vec.vectors[o + j] as number);
}
function cos(a: Float64Array, b: Float64Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let j = 0; j < D; j++) {
    dot += (a[j] as number) * (b[j] as number);
    na += (a[j] as number) ** 2;
    nb += (b[j] as number) ** 2;
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}
function rowCos(a: number, b: number): number {
  let s = 0;
  for (let j = 0; j < D; j++) s += (vec.vectors[a * D + j] as number) * (vec.vectors[b * D + j] as number);
  return s;
}

/** Per abstract: each word's vector row and the vectors a candidate is compared with. */
interface VDoc {
  row: Int32Array;
  sentence: Float64Array[];
  centroid: Float64Array;
  title: Float64Array;
  titleRows: { row: number; idf: number }[];
  keyRows: { row: number; idf: number }[];
  guess: Float64Array;
  claim: number;
}

function vdocOf(doc: Doc, title: string | undefined): VDoc {
  const row = Int32Array.from(doc.types, (w) => rowOf.get(w) ?? -1);
  const sentence = doc.sentenceTypes.map((ids) => {
    const v = new Float64Array(D);
    for (const k of ids) if ((row[k] as number) >= 0) addTo(v, row[k] as number, doc.idf[k] as number);
    return v;
  });
  const centroid = new Float64Array(D);
  for (const s of sentence)
    for (let j = 0; j < D; j++) centroid[j] = (centroid[j] as number) + (s[j] as number);
  const t = new Float64Array(D);
  const titleRows: { row: number; idf: number }[] = [];
  for (const w of new Set(title ? words(title) : [])) {
    if (TITLE_STOP.has(w)) continue;
    const r = rowOf.get(w);
    if (r === undefined) continue;
    const idf = idfOf(stats, w);
    addTo(t, r, idf);
    if (idf >= SOFT_IDF) titleRows.push({ row: r, idf });
  }
  const guess = new Float64Array(D);
  const keyRows: { row: number; idf: number }[] = [];
  doc.types.forEach((_, k) => {
    const r = row[k] as number;
    if (r < 0) return;
    addTo(guess, r, doc.guess[k] as number);
    if ((doc.keyIdf[k] as number) > 0) keyRows.push({ row: r, idf: doc.keyIdf[k] as number });
  });
  const claim = doc.cues.findIndex((c) => c[0] === 1);
  return { row, sentence, centroid, title: t, titleRows, keyRows, guess, claim };
}

/** Soft recall of `targets` by the candidate's rows: each target's best cosine, idf-weighted mean. */
function softRecall(targets: { row: number; idf: number }[], rows: number[]): number {
  if (targets.length === 0 || rows.length === 0) return 0;
  let sum = 0;
  let total = 0;
  for (const t of targets) {
    let best = 0;
    for (const r of rows) best = Math.max(best, rowCos(t.row, r));
    sum += t.idf * best;
    total += t.idf;
  }
  return sum / total;
}

function extraColumns(doc: Doc, v: VDoc, i: number, text: string, hasTitle: boolean): number[] {
  const cand = new Float64Array(D);
  const rows: number[] = [];
  const seen = new Set<number>();
  for (const w of words(text)) {
    const k = doc.indexOf(w);
    if (k === undefined) continue;
    const r = v.row[k] as number;
    if (r < 0) continue;
    addTo(cand, r, doc.idf[k] as number);
    if (!seen.has(k) && (doc.idf[k] as number) >= SOFT_IDF) {
      seen.add(k);
      rows.push(r);
    }
  }
  const rest = new Float64Array(D);
  const own = v.sentence[i] as Float64Array;
  for (let j = 0; j < D; j++) rest[j] = (v.centroid[j] as number) - (own[j] as number);
  let titlePrecision = 0;
  if (hasTitle && v.titleRows.length > 0 && rows.length > 0) {
    for (const r of rows) {
      let best = 0;
      for (const t of v.titleRows) best = Math.max(best, rowCos(r, t.row));
      titlePrecision += best;
    }
    titlePrecision /= rows.length;
  }
  const all = [
    hasTitle ? cos(cand, v.title) : 0,
    cos(cand, rest),
    v.claim >= 0 && v.claim !== i ? cos(cand, v.sentence[v.claim] as Float64Array) : 0,
    i > 0 ? cos(cand, v.sentence[0] as Float64Array) : 0,
    cos(cand, v.guess),
    hasTitle ? softRecall(v.titleRows, rows) : 0,
    titlePrecision,
    softRecall(v.keyRows, rows),
  ];
  const out = colAt.map((at) => all[at] as number);
  // --raw: the candidate's unit vector itself (cand) and/or its product with the title's (prod; the guessed title's
  // without one), as D columns each: the ranker learns which directions of meaning mark a TL;DR.
  if (values.raw) {
    const unit = (a: Float64Array) => {
      let n = 0;
      for (let j = 0; j < D; j++) n += (a[j] as number) ** 2;
      n = Math.sqrt(n) || 1;
      return Array.from(a, (x) => x / n);
    };
    const c = unit(cand);
    if (values.raw.includes('cand')) out.push(...c);
    if (values.raw.includes('prod')) {
      const t = unit(hasTitle ? v.title : v.guess);
      out.push(...c.map((x, j) => x * (t[j] as number)));
    }
  }
  return out;
}

// --token: the word model with TOKEN_EXTRA columns, trained here (trainTokens' loss and steps) and cached.
function tokenExtras(doc: Doc, v: VDoc, hasTitle: boolean): number[][] {
  return doc.types.map((_, k) => {
    const r = v.row[k] as number;
    if (r < 0) return [0, 0, 0];
    const own = new Float64Array(D);
    addTo(own, r, 1);
    const rest = new Float64Array(D);
    for (let j = 0; j < D; j++)
      rest[j] =
        (v.centroid[j] as number) - (doc.count[k] as number) * (doc.idf[k] as number) * (own[j] as number);
    return [hasTitle ? cos(own, v.title) : 0, cos(own, rest), cos(own, v.guess)];
  });
}

interface ExtendedWeights {
  base: Weights;
  extra: number[];
}

function trainExtended(data: readonly SciTldrRecord[], useTitle: boolean): ExtendedWeights {
  const hash = createHash('sha1').update(`${useTitle} ${values.dim} ${values.vocab} ${values.window}`);
  hash.update(`${values.alpha} ${values.power}\n`);
  for (const r of data) hash.update(`${r.paper_id}\n`);
  const path = join(cache, `vtokens-${hash.digest('hex')}.json`);
  const known = readJson<ExtendedWeights>(path);
  if (known) return known;
  const rows: TokenRow[] = [];
  for (const r of data) {
    const doc = analyze(prepareSentences(r.source), useTitle ? r.title : undefined, stats);
    const ex = tokenExtras(doc, vdocOf(doc, useTitle ? r.title : undefined), useTitle);
    const targets = r.target.map((t) => new Set(words(t)));
    doc.types.forEach((w, k) => {
      const y = targets.reduce((a, t) => a + (t.has(w) ? 1 : 0), 0) / Math.max(1, targets.length);
      rows.push({ f: [...tokenRow(doc, k), ...(ex[k] as number[])], prior: doc.typePrior[k] as number, y });
    });
  }
  const nf = TOKEN_FEATURES.length + TOKEN_EXTRA.length;
  const priors = model.priorWords.length;
  const p = fitTokenModel(rows, nf, priors);
  const out = {
    base: { token: [...p.slice(0, TOKEN_FEATURES.length)], prior: [...p.slice(nf)], candidate: [] },
    extra: [...p.slice(TOKEN_FEATURES.length, nf)],
  };
  writeFileSync(path, JSON.stringify(out));
  return out;
}

function probabilities(doc: Doc, v: VDoc, w: ExtendedWeights, hasTitle: boolean): number[] {
  const base = tokenProbabilities(doc, w.base);
  const ex = tokenExtras(doc, v, hasTitle);
  return base.map((p, k) => {
    let z = Math.log(p / (1 - p));
    (ex[k] as number[]).forEach((x, i) => {
      z += (w.extra[i] as number) * x;
    });
    return sigmoid(z);
  });
}

const rouge = cachedRouge(cache);

type Tokens = Weights | ExtendedWeights;
function groupsOf(data: readonly SciTldrRecord[], weights: Tokens, useTitle: boolean): Group[] {
  return data.map((r) => {
    const title = useTitle ? r.title : undefined;
    const doc = analyze(prepareSentences(r.source), title, stats);
    const v = vdocOf(doc, title);
    const probs =
      'extra' in weights ? probabilities(doc, v, weights, useTitle) : tokenProbabilities(doc, weights);
    const cands = candidates(doc, probs);
    return {
      features: cands.map((c) => [
        ...c.features,
        ...extraColumns(doc, v, c.sentence, c.variant.text, useTitle),
      ]),
      r1: rouge.of(
        r,
        cands.map((c) => c.variant.text),
      ),
      sentence: Int32Array.from(cands.map((c) => c.sentence)),
    };
  });
}

const tokensOf = (data: readonly SciTldrRecord[], useTitle: boolean): Tokens =>
  values.token
    ? trainExtended(data, useTitle)
    : cachedTokens(cache, data, stats, useTitle, model.priorWords.length);

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const results: Record<string, number[]> = {};
const weightsShown: string[] = [];
const ceilings: string[] = [];
for (const useTitle of values.modes.split(',').map((m) => m === 'title')) {
  const mode = useTitle ? 'title + abstract' : 'abstract only';
  const rankerGroups = (data: readonly SciTldrRecord[]) =>
    crossFitted(
      data,
      RANKER_FOLDS,
      (rest) => tokensOf(rest, useTitle) as Weights,
      (fold, w) => groupsOf(fold, w, useTitle),
    );
  const devRanker = trainRanker(rankerGroups(train));
  weightsShown.push(
    `${mode}: ${cols.map((c, i) => `${c} ${(devRanker[CANDIDATE_FEATURES.length + i] ?? 0).toFixed(2)}`).join(', ')}`,
  );
  const devGroups = groupsOf(dev, tokensOf(train, useTitle), useTitle);
  results[`dev ${mode}`] = picks(devGroups, devRanker);
  // The dev-fitted ceiling with and without the extra columns: how much information they add, whatever the fit.
  const without = devGroups.map((g) => ({
    ...g,
    features: g.features.map((f) => f.map((x, i) => (i < CANDIDATE_FEATURES.length ? x : 0))),
  }));
  ceilings.push(
    `${mode}: dev-fitted ceiling ${mean(picks(without, trainRanker(without))).toFixed(2)} without, ` +
      `${mean(picks(devGroups, trainRanker(devGroups))).toFixed(2)} with the extra columns`,
  );
  results[`train 2-fold ${mode}`] = folds.flatMap((own, f) => {
    const other = folds[1 - f] as SciTldrRecord[];
    return picks(groupsOf(own, tokensOf(other, useTitle), useTitle), trainRanker(rankerGroups(other)));
  });
}
rouge.save();
const before = values.vs
  ? readJson<Record<string, number[]>>(join(cache, `picks-${values.vs}.json`))
  : undefined;
if (values.vs && !before) console.error(`vector-lever: nothing saved as ${values.vs}`);
for (const [label, scores] of Object.entries(results)) {
  let line = `${label.padEnd(30)} pick R1 ${mean(scores).toFixed(2)}`;
  const other = before?.[label];
  if (other && other.length === scores.length) {
    line += `   vs ${values.vs}: ${pairedChange(scores.map((v, i) => v - (other[i] as number))).text}`;
  }
  console.log(line);
}
for (const line of weightsShown) console.log(`  ranker weights ${line}`);
for (const line of ceilings) console.log(`  ${line}`);
if (values.save) writeFileSync(join(cache, `picks-${values.save}.json`), JSON.stringify(results));
