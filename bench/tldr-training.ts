// Training of the built-in TL;DR model, without file access: the same records always give the same bytes.
// (cachedTokens, for the bench tools only, keeps token weights in a cache directory.)
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { prepareSentences } from '../src/summarize/engine.js';
import {
  analyze,
  CANDIDATE_FEATURES,
  candidates,
  type ModelData,
  openers,
  type Stats,
  sigmoid,
  statsOf,
  TOKEN_FEATURES,
  tokenProbabilities,
  tokenRow,
  type Weights,
} from '../src/summarize/features.js';
import { rougeMultiMax } from '../src/summarize/rouge.js';
import { words } from '../src/summarize/text.js';
import { STOP_WORDS } from '../src/text/stop-words.js';
import type { TitledAbstract } from './arxiv-corpus.js';
import { ROOT } from './kit.js';
import { readSciTldr, type SciTldrRecord, sciTldrPath } from './scitldr.js';

const PRIOR_WORDS = 400;
/**
 * Product rules the metric cannot teach: a TL;DR that leans on the sentence before it ("to address these
 * challenges", "They show…") reads badly on its own, even when ROUGE does not mind.
 */
const FIXED: Partial<Record<(typeof CANDIDATE_FEATURES)[number], number>> = {
  anaphora: -1,
  pronounStart: -1,
};
const MIN_DF = 2;
const CORPUS_MIN_DF = 10;
const TITLENESS_PRIOR = 10;
/** Folds the ranker's training groups are cross-fitted over (crossFitted). */
export const RANKER_FOLDS = 2;

/** Adam on a flat parameter vector; `grad` returns the gradient of the loss to minimise. */
function adam(
  params: Float64Array,
  grad: (p: Float64Array) => Float64Array,
  steps: number,
  lr: number,
): void {
  const m = new Float64Array(params.length);
  const v = new Float64Array(params.length);
  for (let t = 1; t <= steps; t++) {
    const g = grad(params);
    for (let i = 0; i < params.length; i++) {
      const gi = g[i] as number;
      m[i] = 0.9 * (m[i] as number) + 0.1 * gi;
      v[i] = 0.999 * (v[i] as number) + 0.001 * gi * gi;
      const mh = (m[i] as number) / (1 - 0.9 ** t);
      const vh = (v[i] as number) / (1 - 0.999 ** t);
      params[i] = (params[i] as number) - (lr * mh) / (Math.sqrt(vh) + 1e-8);
    }
  }
}

/**
 * Word statistics: document frequencies over SciTLDR train plus, when given, the arXiv corpus (52,719 abstracts
 * instead of 1,992: a word's idf then reflects how rare it is in papers, not in one small sample of them). With a
 * corpus, only words in at least CORPUS_MIN_DF abstracts are kept, so model.json stays small; rarer words read as
 * unknown, which the model treats as the rarest. The corpus comes prepared (prepareSentences) by trainModel.
 */
function vocabulary(
  train: readonly SciTldrRecord[],
  corpus: readonly TitledAbstract[] = [],
): Pick<ModelData, 'docs' | 'vocab' | 'df' | 'priorWords' | 'titleness' | 'rareTitleness'> {
  const df = new Map<string, number>();
  /** Abstracts whose title has the word too. */
  const titled = new Map<string, number>();
  const trainDf = new Map<string, number>();
  const targetDf = new Map<string, number>();
  const count = (abstract: string[], title: string) => {
    const titleWords = new Set(words(title));
    for (const w of new Set(abstract.flatMap((s) => words(s)))) {
      df.set(w, (df.get(w) ?? 0) + 1);
      if (titleWords.has(w)) titled.set(w, (titled.get(w) ?? 0) + 1);
    }
  };
  for (const r of train) {
    const sentences = prepareSentences(r.source);
    for (const w of new Set(sentences.flatMap((s) => words(s)))) trainDf.set(w, (trainDf.get(w) ?? 0) + 1);
    count(sentences, r.title);
    for (const w of new Set(r.target.flatMap((t) => words(t)))) targetDf.set(w, (targetDf.get(w) ?? 0) + 1);
  }
  for (const r of corpus) count(r.sentences, r.title);
  const minDf = corpus.length > 0 ? CORPUS_MIN_DF : MIN_DF;
  const vocab = [...df.entries()]
    .filter(([, n]) => n >= minDf)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  // Titleness shrunk towards the rate over all words (a Beta prior worth TITLENESS_PRIOR abstracts); words outside
  // the vocabulary share one rate, that of rare words (method names and acronyms are often in the title).
  let inTitle = 0;
  let seen = 0;
  let rareInTitle = 0;
  let rareSeen = 0;
  for (const [w, n] of df) {
    const t = titled.get(w) ?? 0;
    inTitle += t;
    seen += n;
    if (n < minDf) {
      rareInTitle += t;
      rareSeen += n;
    }
  }
  const mean = inTitle / Math.max(1, seen);
  const percent = (t: number, n: number) =>
    Math.round((100 * (t + TITLENESS_PRIOR * mean)) / (n + TITLENESS_PRIOR));
  const priorWords = [...targetDf.entries()]
    .filter(([w, n]) => n >= 10 && (trainDf.get(w) ?? 0) >= 10)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, PRIOR_WORDS)
    .map(([w]) => w);
  return {
    docs: train.length + corpus.length,
    vocab: vocab.map(([w]) => w),
    df: vocab.map(([, n]) => n),
    priorWords,
    titleness: vocab.map(([w, n]) => percent(titled.get(w) ?? 0, n)),
    rareTitleness: percent(rareInTitle, rareSeen),
  };
}

/** Share of abstracts a word must be in to mark title-like sentences: discourse words, not topics. */
const SENTENCE_WORD_SHARE = 0.01;
/** Sharpness of the target over an abstract's sentences (title-word recall 0–1). */
const SENTENCE_TEMPERATURE = 0.1;
/** Columns the sentence model learns besides words, so word weights are net of position and length; not shipped. */
const SENTENCE_DENSE = 6;

/**
 * Which words mark the sentence that says what a paper does. On titled abstracts (the arXiv corpus; SciTLDR train
 * without it), each abstract's sentences are scored by the share of the title's topic words they contain, and a
 * listwise logistic model over the sentence's distinct common words (plus position and length, dropped after
 * training) learns to point at the best ones.
 */
function sentenceModel(
  data: readonly { sentences: string[]; title: string }[],
  base: Pick<ModelData, 'docs' | 'vocab' | 'df'>,
): Pick<ModelData, 'sentenceWords' | 'sentenceWeights'> {
  const minDf = Math.max(2, Math.ceil(base.docs * SENTENCE_WORD_SHARE));
  const columns = new Map<string, number>();
  base.vocab.forEach((w, i) => {
    if ((base.df[i] ?? 0) >= minDf) columns.set(w, SENTENCE_DENSE + columns.size);
  });
  // How sentences open ("^we", "^we propose", "^in this"): in how many abstracts, scaled to the whole count.
  const openerDf = new Map<string, number>();
  for (const r of data) {
    for (const o of new Set(r.sentences.flatMap((sentence) => openers(words(sentence))))) {
      openerDf.set(o, (openerDf.get(o) ?? 0) + 1);
    }
  }
  const openerMin = Math.max(2, Math.ceil(data.length * SENTENCE_WORD_SHARE));
  for (const [o, n] of [...openerDf].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    if (n >= openerMin) columns.set(o, SENTENCE_DENSE + columns.size);
  }
  const lists: { ids: Int32Array[]; dense: Float64Array[]; target: Float64Array }[] = [];
  for (const r of data) {
    if (r.sentences.length < 2) continue;
    const topic = new Set(words(r.title).filter((w) => !STOP_WORDS.titleFeatures.has(w)));
    if (topic.size === 0) continue;
    const n = r.sentences.length;
    const ids: Int32Array[] = [];
    const dense: Float64Array[] = [];
    const recall: number[] = [];
    r.sentences.forEach((sentence, i) => {
      const ws = words(sentence);
      const distinct = new Set(ws);
      let hits = 0;
      for (const w of topic) if (distinct.has(w)) hits++;
      recall.push(hits / topic.size);
      const marks = [...distinct, ...openers(ws)];
      ids.push(Int32Array.from(marks.flatMap((w) => columns.get(w) ?? [])));
      const len = ws.length / 25;
      dense.push(
        Float64Array.of(i === 0 ? 1 : 0, i === 1 ? 1 : 0, i === n - 1 ? 1 : 0, i / (n - 1), len, len * len),
      );
    });
    const max = Math.max(...recall);
    const e = recall.map((v) => Math.exp((v - max) / SENTENCE_TEMPERATURE));
    const total = e.reduce((a, b) => a + b, 0);
    lists.push({ ids, dense, target: Float64Array.from(e, (v) => v / total) });
  }
  const params = new Float64Array(SENTENCE_DENSE + columns.size);
  const l2 = 1e-4;
  adam(
    params,
    (p) => {
      const g = new Float64Array(p.length);
      for (const list of lists) {
        const z = list.ids.map((ids, i) => {
          let v = 0;
          const d = list.dense[i] as Float64Array;
          for (let j = 0; j < SENTENCE_DENSE; j++) v += (p[j] as number) * (d[j] as number);
          for (const c of ids) v += p[c] as number;
          return v;
        });
        const max = Math.max(...z);
        const e = z.map((v) => Math.exp(v - max));
        const total = e.reduce((a, b) => a + b, 0);
        list.ids.forEach((ids, i) => {
          const coef = (e[i] as number) / total - (list.target[i] as number);
          const d = list.dense[i] as Float64Array;
          for (let j = 0; j < SENTENCE_DENSE; j++) g[j] = (g[j] as number) + coef * (d[j] as number);
          for (const c of ids) g[c] = (g[c] as number) + coef;
        });
      }
      for (let i = 0; i < p.length; i++)
        g[i] =
          (g[i] as number) / Math.max(1, lists.length) + (i >= SENTENCE_DENSE ? l2 * (p[i] as number) : 0);
      return g;
    },
    300,
    0.05,
  );
  const kept = [...columns].filter(([, c]) => Math.round((params[c] as number) * 100) !== 0);
  return {
    sentenceWords: kept.map(([w]) => w),
    sentenceWeights: kept.map(([, c]) => Math.round((params[c] as number) * 100) / 100),
  };
}

/** One word's row for the word model: its columns, its prior word's index (-1: none), the share of targets holding it. */
export interface TokenRow {
  f: readonly number[];
  prior: number;
  y: number;
}

/** The word model's logistic regression (nf columns, then one bias per prior word), fitted with Adam. */
export function fitTokenModel(rows: readonly TokenRow[], nf: number, priors: number): Float64Array {
  const params = new Float64Array(nf + priors);
  const l2 = 1e-5;
  adam(
    params,
    (p) => {
      const g = new Float64Array(p.length);
      for (const row of rows) {
        let z = 0;
        for (let i = 0; i < nf; i++) z += (p[i] as number) * (row.f[i] as number);
        if (row.prior >= 0) z += p[nf + row.prior] as number;
        const d = sigmoid(z) - row.y;
        for (let i = 0; i < nf; i++) g[i] = (g[i] as number) + d * (row.f[i] as number);
        if (row.prior >= 0) g[nf + row.prior] = (g[nf + row.prior] as number) + d;
      }
      for (let i = 0; i < p.length; i++) g[i] = (g[i] as number) / rows.length + l2 * (p[i] as number);
      return g;
    },
    400,
    0.05,
  );
  return params;
}

export function trainTokens(
  train: readonly SciTldrRecord[],
  stats: Stats,
  useTitle: boolean,
  priors: number,
): Weights {
  const rows: TokenRow[] = [];
  for (const r of train) {
    const doc = analyze(prepareSentences(r.source), useTitle ? r.title : undefined, stats);
    const targets = r.target.map((t) => new Set(words(t)));
    doc.types.forEach((w, k) => {
      const y = targets.reduce((a, t) => a + (t.has(w) ? 1 : 0), 0) / Math.max(1, targets.length);
      rows.push({ f: tokenRow(doc, k), prior: doc.typePrior[k] as number, y });
    });
  }
  const nf = TOKEN_FEATURES.length;
  const params = fitTokenModel(rows, nf, priors);
  return { token: [...params.slice(0, nf)], prior: [...params.slice(nf)], candidate: [] };
}

/**
 * trainTokens' weights, kept in `dir` under a hash of every feature row and target they are trained on: the bench
 * tools retrain the token model only when what it learns from has changed.
 */
export function cachedTokens(
  dir: string,
  data: readonly SciTldrRecord[],
  stats: Stats,
  useTitle: boolean,
  priors: number,
): Weights {
  const hash = createHash('sha1');
  hash.update(`${priors}\n`);
  for (const r of data) {
    const doc = analyze(prepareSentences(r.source), useTitle ? r.title : undefined, stats);
    doc.types.forEach((_, k) => {
      hash.update(`${tokenRow(doc, k).join(',')};${doc.typePrior[k]}\n`);
    });
    hash.update(`${r.target.join('\n')}\n`);
  }
  const path = join(dir, `tokens-${hash.digest('hex')}.json`);
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as Weights;
  const weights = trainTokens(data, stats, useTitle, priors);
  writeFileSync(path, JSON.stringify(weights));
  return weights;
}

export interface Group {
  features: number[][];
  r1: Float64Array;
  /** Which abstract sentence each candidate comes from. */
  sentence: Int32Array;
}

export function groups(
  data: readonly SciTldrRecord[],
  stats: Stats,
  weights: Weights,
  useTitle: boolean,
): Group[] {
  return data.map((r) => {
    const doc = analyze(prepareSentences(r.source), useTitle ? r.title : undefined, stats);
    const cands = candidates(doc, tokenProbabilities(doc, weights));
    return {
      features: cands.map((c) => c.features),
      r1: Float64Array.from(cands.map((c) => rougeMultiMax(c.variant.text, r.target).r1)),
      sentence: Int32Array.from(cands.map((c) => c.sentence)),
    };
  });
}

/** How the listwise ranker is fitted: the defaults are what model.json is trained with. */
export interface RankerOptions {
  /** Of the softmax over an abstract's candidates: lower puts all the weight on its best-scored few. */
  temperature?: number;
  l2?: number;
  steps?: number;
  lr?: number;
}

/**
 * Listwise: maximise the softmax-weighted ROUGE-1 of each abstract's candidates. Columns past CANDIDATE_FEATURES
 * (bench tools trying more, as token-lever's --pooled) are fitted alike.
 */
export function trainRanker(data: readonly Group[], options: RankerOptions = {}): number[] {
  const { temperature = 0.05, l2 = 1e-4, steps = 300, lr = 0.05 } = options;
  const nf = Math.max(CANDIDATE_FEATURES.length, data[0]?.features[0]?.length ?? 0);
  const params = new Float64Array(nf);
  for (const [name, value] of Object.entries(FIXED))
    params[CANDIDATE_FEATURES.indexOf(name as never)] = value;
  const fixed = new Set(Object.keys(FIXED).map((name) => CANDIDATE_FEATURES.indexOf(name as never)));
  adam(
    params,
    (p) => {
      const g = new Float64Array(nf);
      for (const group of data) {
        const s = group.features.map((f) => {
          let z = 0;
          for (let i = 0; i < nf; i++) z += (p[i] as number) * (f[i] as number);
          return z / temperature;
        });
        const max = Math.max(...s);
        const e = s.map((x) => Math.exp(x - max));
        const total = e.reduce((a, b) => a + b, 0);
        let mean = 0;
        e.forEach((x, c) => {
          mean += (x / total) * (group.r1[c] as number);
        });
        e.forEach((x, c) => {
          const coef = ((x / total) * ((group.r1[c] as number) - mean)) / temperature;
          const f = group.features[c] as number[];
          for (let i = 0; i < nf; i++) g[i] = (g[i] as number) - coef * (f[i] as number);
        });
      }
      for (let i = 0; i < nf; i++)
        g[i] = fixed.has(i) ? 0 : (g[i] as number) / data.length + l2 * (p[i] as number);
      return g;
    },
    steps,
    lr,
  );
  return [...params];
}

/**
 * `data` in k contiguous folds (k = 2 halves it at floor(n / 2), as the model was first trained); the same split
 * wherever a fold count is given, so the bench tools and trainModel agree.
 */
export function foldsOf<T>(data: readonly T[], k: number): T[][] {
  return Array.from({ length: k }, (_, f) =>
    data.slice(Math.floor((f * data.length) / k), Math.floor(((f + 1) * data.length) / k)),
  );
}

/**
 * The ranker's training groups, cross-fitted over k folds: each fold's candidates are scored with word
 * probabilities learned on the other k − 1 folds, so the ranker learns how far to trust them on abstracts the word
 * model has not seen (as in use). With more folds those models see nearly as much as the shipped one, so the
 * probabilities the ranker learns from are about as sharp as the ones it is used with.
 */
export function crossFitted(
  data: readonly SciTldrRecord[],
  k: number,
  tokensOf: (rest: SciTldrRecord[]) => Weights,
  groupsOf: (fold: readonly SciTldrRecord[], weights: Weights) => Group[],
): Group[] {
  const folds = foldsOf(data, k);
  return folds.flatMap((fold, f) => groupsOf(fold, tokensOf(folds.filter((_, g) => g !== f).flat())));
}

/**
 * The weights that score one half of train in the quick checks (lead-cv, choice-confusion): the word model trained
 * on the other half, and a ranker that learns from that half's own cross-fitted groups (nested), so nothing of the
 * scored half's targets reaches it through a word model.
 */
export function otherHalfWeights(
  other: readonly SciTldrRecord[],
  stats: Stats,
  useTitle: boolean,
  tokensOf: (data: readonly SciTldrRecord[]) => Weights,
): Weights {
  const candidate = trainRanker(
    crossFitted(other, RANKER_FOLDS, tokensOf, (fold, w) => groups(fold, stats, w, useTitle)),
  );
  return { ...tokensOf(other), candidate };
}

/** Per paper, 100 × the ROUGE-1 of the candidate the weights score highest. */
export function picks(data: readonly Group[], weights: readonly number[]): number[] {
  return data.map((group) => {
    let best = -Infinity;
    let r = 0;
    group.features.forEach((f, c) => {
      let z = 0;
      for (let i = 0; i < f.length; i++) z += (weights[i] ?? 0) * (f[i] as number);
      if (z > best) {
        best = z;
        r = group.r1[c] as number;
      }
    });
    return 100 * r;
  });
}

function pickScore(data: Group[], weights: number[]): number {
  return picks(data, weights).reduce((a, b) => a + b, 0) / data.length;
}

/**
 * Where the ranker loses ROUGE-1 to the candidate oracle: choosing the sentence, or choosing the compression
 * of it. Printed so a change to candidates or features can be judged against the part of the gap it targets.
 */
function gapReport(data: Group[], weights: number[]): string {
  const scoreOf = (f: number[]) => f.reduce((z, v, i) => z + (weights[i] ?? 0) * v, 0);
  let picked = 0;
  let bestOfPicked = 0;
  let rankedOfBest = 0;
  let same = 0;
  for (const group of data) {
    const s = group.features.map(scoreOf);
    const argmax = (xs: ArrayLike<number>, keep: (c: number) => boolean) => {
      let best = -1;
      for (let c = 0; c < xs.length; c++)
        if (keep(c) && (best < 0 || (xs[c] as number) > (xs[best] as number))) best = c;
      return best;
    };
    const pick = argmax(s, () => true);
    const oracle = argmax(group.r1, () => true);
    const pickSentence = group.sentence[pick];
    const oracleSentence = group.sentence[oracle];
    picked += group.r1[pick] as number;
    bestOfPicked += group.r1[argmax(group.r1, (c) => group.sentence[c] === pickSentence)] as number;
    rankedOfBest += group.r1[argmax(s, (c) => group.sentence[c] === oracleSentence)] as number;
    if (pickSentence === oracleSentence) same++;
  }
  const pct = (v: number) => ((100 * v) / Math.max(1, data.length)).toFixed(2);
  return (
    `  gap: pick ${pct(picked)}; best compression of the picked sentence ${pct(bestOfPicked)}; ` +
    `ranker's compression of the oracle's sentence ${pct(rankedOfBest)}; oracle's sentence picked ${pct(same)}%`
  );
}

function round(values: number[]): number[] {
  return values.map((v) => Math.round(v * 1e5) / 1e5);
}

/**
 * The model trained on `train`. With `dev`, it also reports (through `log`) how the ranker does on dev, where it
 * loses to the candidate oracle and the ceiling of a ranker fitted on dev itself; dev never changes the model.
 */
export function trainModel(
  train: readonly SciTldrRecord[],
  dev?: readonly SciTldrRecord[],
  log: (line: string) => void = () => {},
  corpus: readonly TitledAbstract[] = [],
): ModelData {
  // Prepared once: the word statistics and the sentence model both read the corpus.
  const prepared = corpus.map((r) => ({ sentences: prepareSentences(r.sentences, false), title: r.title }));
  const lexicon = vocabulary(train, prepared);
  const titled =
    prepared.length > 0
      ? prepared
      : train.map((r) => ({ sentences: prepareSentences(r.source), title: r.title }));
  const base = { ...lexicon, ...sentenceModel(titled, lexicon) };
  const stats = statsOf(base);
  const model: ModelData = {
    version: 1,
    ...base,
    tokenFeatures: [...TOKEN_FEATURES],
    candidateFeatures: [...CANDIDATE_FEATURES],
    withTitle: { token: [], prior: [], candidate: [] },
    noTitle: { token: [], prior: [], candidate: [] },
  };
  for (const useTitle of [true, false]) {
    const weights = trainTokens(train, stats, useTitle, base.priorWords.length);
    const trainGroups = crossFitted(
      train,
      RANKER_FOLDS,
      (rest) => trainTokens(rest, stats, useTitle, base.priorWords.length),
      (fold, w) => groups(fold, stats, w, useTitle),
    );
    weights.candidate = trainRanker(trainGroups);
    if (dev) {
      const devGroups = groups(dev, stats, weights, useTitle);
      const oracle = devGroups.reduce((a, g) => a + Math.max(...g.r1), 0) / devGroups.length;
      log(
        `${useTitle ? 'with title' : 'no title  '}: train R1 ${pickScore(trainGroups, weights.candidate).toFixed(2)}, ` +
          `dev R1 ${pickScore(devGroups, weights.candidate).toFixed(2)} (candidate oracle ${(100 * oracle).toFixed(1)})`,
      );
      log(gapReport(devGroups, weights.candidate));
      // A ranker fitted on dev itself bounds what any re-weighting of these features can reach: when the pick is
      // close to it, the loss is in the features (what the ranker sees), not in how they are combined.
      log(
        `  ceiling: ranker fitted on dev itself ${pickScore(devGroups, trainRanker(devGroups)).toFixed(2)}`,
      );
      log(
        `  weights: ${CANDIDATE_FEATURES.map((f, i) => `${f} ${(weights.candidate[i] ?? 0).toFixed(2)}`).join(', ')}`,
      );
    }
    const rounded = {
      token: round(weights.token),
      prior: round(weights.prior),
      candidate: round(weights.candidate),
    };
    if (useTitle) model.withTitle = rounded;
    else model.noTitle = rounded;
  }
  return model;
}

/** model.json's bytes: what retraining must reproduce. */
export function serializeModel(model: ModelData): string {
  return `${JSON.stringify(model)}\n`;
}

/** What the quick cross-fitted checks (ranker-cv, choice-confusion) start from. */
export interface CrossFit {
  /** The directory they share for cached token weights, ROUGE and saved runs. */
  cache: string;
  model: ModelData;
  stats: Stats;
  dev: SciTldrRecord[];
  train: SciTldrRecord[];
  /** SciTLDR train in two halves, each scored by what the other trains. */
  folds: readonly [SciTldrRecord[], SciTldrRecord[]];
}

/** The shipped model's statistics, SciTLDR dev and train's two folds; exits 2 naming the files when they are absent. */
export function crossFit(tool: string): CrossFit {
  const trainPath = sciTldrPath('train');
  const devPath = sciTldrPath('dev');
  if (!trainPath || !devPath) {
    console.error(`${tool}: ../shared/eval/scitldr/{train,dev}.jsonl not found (set PAPERBOY_SHARED)`);
    process.exit(2);
  }
  const cache = join(tmpdir(), 'paperboy-ranker-cv');
  mkdirSync(cache, { recursive: true });
  const model = JSON.parse(readFileSync(resolve(ROOT, 'src/summarize/model.json'), 'utf8')) as ModelData;
  const train = readSciTldr(trainPath);
  const half = Math.floor(train.length / 2);
  return {
    cache,
    model,
    stats: statsOf(model),
    dev: readSciTldr(devPath),
    train,
    folds: [train.slice(0, half), train.slice(half)],
  };
}

/** ROUGE-1 (multi-max) of candidate texts per paper, kept in the quick checks' cache between runs. */
export interface CachedRouge {
  /** Each text's ROUGE-1 against the paper's targets (the same whatever the columns or mode). */
  of(record: SciTldrRecord, texts: readonly string[]): Float64Array;
  /** Writes what was newly scored back to the cache. */
  save(): void;
}

export function cachedRouge(cache: string): CachedRouge {
  const path = join(cache, 'r1.json');
  const byPaper = new Map<string, Record<string, number>>(
    Object.entries(
      existsSync(path)
        ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, Record<string, number>>)
        : {},
    ),
  );
  let added = false;
  return {
    of(record, texts) {
      let scores = byPaper.get(record.paper_id);
      if (!scores) {
        scores = {};
        byPaper.set(record.paper_id, scores);
      }
      const known = scores;
      return Float64Array.from(texts, (text) => {
        let r1 = known[text];
        if (r1 === undefined) {
          r1 = rougeMultiMax(text, record.target).r1;
          known[text] = r1;
          added = true;
        }
        return r1;
      });
    },
    save() {
      if (added) writeFileSync(path, JSON.stringify(Object.fromEntries(byPaper)));
    },
  };
}
