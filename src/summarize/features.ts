// Features of the TL;DR model: how likely each abstract word is to appear in a TL;DR, and how good each candidate is.

import { STOP_WORDS } from '../text/stop-words.js';
import { type Variant, variants } from './compress.js';
import {
  ALL_FLAGS,
  ANAPHORA,
  ANAPHORA_FLAG,
  NOVEL,
  NOVEL_FLAG,
  OUR_FLAG,
  PRONOUN_START,
  SELF_REFERENCE,
  sentenceCues,
  wordFlags,
} from './cues.js';
import { casedWords, wordHash, words } from './text.js';
import { WordTable } from './word-table.js';

/** Word statistics and weights the model ships with (src/summarize/model.json, built by bench/train-tldr.ts). */
export interface ModelData {
  version: number;
  /** Abstracts the document frequencies were counted over. */
  docs: number;
  /** Words seen in at least two training abstracts, and in how many. */
  vocab: string[];
  df: number[];
  /** Words with a learned prior of appearing in a TL;DR (we, propose, a, the, …). */
  priorWords: string[];
  /**
   * Per vocab word, how often a paper whose abstract has it also has it in its title, in percent (smoothed; counted
   * over the arXiv corpus): "segmentation" 49, "diffusion" 45, "propose" 0. What stands in for the title when there
   * is none. `rareTitleness` is the same over words outside the vocabulary.
   */
  titleness: number[];
  rareTitleness: number;
  /**
   * Words and openings ("^we propose") that mark the sentence saying what a paper does, with their weights
   * (learned on arXiv abstracts: which sentence shares most words with the paper's title, beyond what its
   * position and length say).
   */
  sentenceWords: string[];
  sentenceWeights: number[];
  /** The columns the weights were trained on, in order: TOKEN_FEATURES and CANDIDATE_FEATURES when trained. */
  tokenFeatures: string[];
  candidateFeatures: string[];
  withTitle: Weights;
  noTitle: Weights;
}

export interface Weights {
  /** Logistic regression over TOKEN_FEATURES, then one bias per prior word. */
  token: number[];
  prior: number[];
  /** Linear scores over CANDIDATE_FEATURES; the best-scoring candidate is the TL;DR. */
  candidate: number[];
}

/**
 * Where in the abstract's argument a word stands (written by writeContextColumns): the object of "we propose …",
 * the first claim, only background, a figure of a result; and idf crossed with where it occurs, which a linear
 * model cannot form itself (a rare word repeated across sentences is the method's name, a frequent one is not).
 */
const CONTEXT_TOKEN_FEATURES = [
  'onlyBackground',
  'claimObject',
  'claimObjectIdf',
  'firstClaim',
  'firstClaimIdf',
  'firstSentenceIdf',
  'shareIdf',
  'titleCapitalized',
  'resultNumber',
  'idfSquared',
  'noClaim',
] as const;

export const TOKEN_FEATURES = [
  'bias',
  'inTitle',
  'logCount',
  'idf',
  'firstPosition',
  'numeric',
  'inFirstSentence',
  'sentenceShare',
  'short',
  'titleIdf',
  'inClaimSentence',
  'acronym',
  'inLastSentence',
  'unknown',
  'tfidf',
  'capitalized',
  'wordLength',
  'claimTitle',
  'inSecondSentence',
  'claimShare',
  ...CONTEXT_TOKEN_FEATURES,
  'titleness',
] as const;

export const CANDIDATE_FEATURES = [
  'expectedF',
  'precision',
  'recall',
  'length',
  'length2',
  'first',
  'second',
  'last',
  'position',
  'claimCue',
  'findingCue',
  'resultCue',
  'backgroundCue',
  'number',
  'titleCoverage',
  'centrality',
  'leadIn',
  'paren',
  'cut',
  'startsWe',
  'our',
  'long',
  'short',
  'novel',
  'fragment',
  'onlySentence',
  'anaphora',
  'pronounStart',
  'titleIdfCoverage',
  'titlePrecision',
  'expectedShort',
  'expectedLong',
  'expectedBigram',
  'centralityIdf',
  'keyCoverage',
  'keyPrecision',
  'firstCoverage',
  'guessCoverage',
  'guessPrecision',
  'titleSentence',
] as const;

export type TokenFeature = (typeof TOKEN_FEATURES)[number];
export type CandidateFeature = (typeof CANDIDATE_FEATURES)[number];

/** Each name's column: a row is written as `row[at + TOKEN.idf] = …`, never by a bare position. */
function columnsOf<const N extends string>(names: readonly N[]): Readonly<Record<N, number>> {
  return Object.freeze(Object.fromEntries(names.map((name, i) => [name, i])) as Record<N, number>);
}
export const TOKEN = columnsOf(TOKEN_FEATURES);
export const CANDIDATE = columnsOf(CANDIDATE_FEATURES);

/** Length of a typical gold TL;DR in words: the denominator of the expected F1. */
const TARGET_LENGTH = 20;
/** Shorter and longer targets let the ranker trade precision for recall per abstract. */
const SHORT_TARGET = 12;
const LONG_TARGET = 32;

export interface Stats {
  docs: number;
  df: Map<string, number>;
  /** Titleness (0–1) of words outside the vocabulary. */
  rareTitleness: number;
  /**
   * Every known word and every word marking a title-like sentence (ModelData.sentenceWords) by row, one lookup per
   * abstract word: per row, its normalised idf, prior index and titleness packed in one small integer (see pack;
   * -1: none) and its sentence-lexicon weight's position in `sentenceWeights`.
   */
  wordTable: WordTable;
  wordPacked: Int32Array;
  wordSentence: Uint16Array;
  /** Per row: wordFlags(word, 0), and 1 when the word is title filler (TITLE_STOP): no Map lookup per word. */
  wordCueFlags: Int32Array;
  wordTitleStop: Uint8Array;
  /** The sentence lexicon's weights, after a 0 for words without one. */
  sentenceWeights: Float64Array;
  /** The sentence lexicon's openers: "^we" as "we", "^we propose" as "we propose"; their weights by row. */
  openerTable: WordTable;
  openerWeights: Float64Array;
}

/**
 * idf in 1/9,999 steps, titleness in percent, prior index: one small integer (under 2^30 for 800 prior words).
 * analyze() takes it apart inline, per word, without building an object.
 */
const IDF_SCALE = 9_999;
const IDF_MOD = 10_000;
const TITLE_MOD = 128;

function pack(idf: number, prior: number, titleness: number): number {
  const idfPart = Math.round(Math.min(1, Math.max(0, idf)) * IDF_SCALE);
  return ((prior + 1) * TITLE_MOD + Math.round(titleness)) * IDF_MOD + idfPart;
}

export type Lexicon = Pick<
  ModelData,
  'docs' | 'vocab' | 'df' | 'priorWords' | 'titleness' | 'rareTitleness' | 'sentenceWords' | 'sentenceWeights'
>;

export function statsOf(model: Lexicon): Stats {
  const maxIdf = Math.log(model.docs + 1);
  const df = new Map<string, number>();
  const prior = new Map<string, number>();
  model.priorWords.forEach((w, i) => {
    prior.set(w, i);
  });
  const lexicon = new Map<string, number>();
  model.vocab.forEach((w, i) => {
    const n = model.df[i] ?? 0;
    df.set(w, n);
    const idf = Math.log((model.docs + 1) / (n + 1)) / maxIdf;
    lexicon.set(w, pack(idf, prior.get(w) ?? -1, model.titleness[i] ?? model.rareTitleness));
  });
  for (const [w, i] of prior) if (!lexicon.has(w)) lexicon.set(w, pack(1, i, model.rareTitleness));
  const sentenceLexicon = new Map<string, number>();
  model.sentenceWords.forEach((w, i) => {
    sentenceLexicon.set(w, model.sentenceWeights[i] ?? 0);
  });
  const rareTitleness = model.rareTitleness / 100;
  const keys = [...lexicon.keys()];
  for (const w of sentenceLexicon.keys()) if (!lexicon.has(w)) keys.push(w);
  const wordPacked = Int32Array.from(keys, (w) => lexicon.get(w) ?? -1);
  const weights = [0, ...sentenceLexicon.values()];
  const sentenceAt = new Map([...sentenceLexicon.keys()].map((w, i) => [w, i + 1]));
  const wordSentence = Uint16Array.from(keys, (w) => sentenceAt.get(w) ?? 0);
  const openerKeys: string[] = [];
  const openerWeights: number[] = [];
  for (const [w, weight] of sentenceLexicon) {
    if (!w.startsWith('^')) continue;
    openerKeys.push(w.slice(1));
    openerWeights.push(weight);
  }
  return {
    docs: model.docs,
    df,
    rareTitleness,
    wordTable: new WordTable(keys),
    wordPacked,
    wordSentence,
    wordCueFlags: Int32Array.from(keys, (w) => wordFlags(w, 0)),
    wordTitleStop: Uint8Array.from(keys, (w) => (STOP_WORDS.titleFeatures.has(w) ? 1 : 0)),
    sentenceWeights: Float64Array.from(weights),
    openerTable: new WordTable(openerKeys),
    openerWeights: Float64Array.from(openerWeights),
  };
}

export interface Doc {
  sentences: string[];
  /** Lower-cased words of each sentence. */
  sentenceWords: string[][];
  /** The same words as positions in `types`: candidates of whole sentences count them without a lookup. */
  sentenceTypes: number[][];
  /** Unique words of the abstract; `indexOf` gives a word's position in the arrays below. */
  types: string[];
  indexOf(word: string): number | undefined;
  /** TOKEN_FEATURES per word, row after row; empty when analyze() was given weights and kept only `probs`. */
  features: number[];
  /** P(word in the TL;DR) per word, when analyze() was given the token weights. */
  probs?: number[] | undefined;
  typePrior: number[];
  /** Per word: which candidate cues it can trigger (WORD_FLAGS); every cue for words with non-ASCII letters. */
  typeFlags: number[];
  count: number[];
  inTitle: number[];
  titleWords: Set<string>;
  hasTitle: boolean;
  /** Euclidean norm of the abstract's word-count vector, for centrality. */
  norm: number;
  /** Per sentence: claim, finding, result, background, fragment cues (0/1). */
  cues: Uint8Array[];
  /** Per word: its idf when it is a content word of the title, else 0; and their sum over the title. */
  titleIdf: number[];
  titleIdfTotal: number;
  /**
   * Abstract-only stand-ins for the title: per word, its idf when it is a key word (a content word the abstract
   * repeats across sentences) or a content word of the first sentence, else 0; their sums; and the idf-weighted
   * norm of the abstract's word counts.
   */
  keyIdf: number[];
  keyIdfTotal: number;
  firstIdf: number[];
  firstIdfTotal: number;
  idfNorm: number;
  idf: number[];
  /**
   * The title guessed from word statistics alone: per word, its titleness when it is a content word (0 for title
   * filler such as "for"), and their sum over the abstract.
   */
  guess: number[];
  guessTotal: number;
  /** Per sentence: the summed weights of its distinct words that mark a title-like sentence. */
  titleSentence: number[];
}

/**
 * How a sentence opens, as entries of the sentence lexicon: "^we" and "^we propose" for "We propose…" (the caret
 * keeps them apart from the words themselves).
 */
export function openers(ws: readonly string[]): string[] {
  const first = ws[0];
  if (first === undefined) return [];
  const second = ws[1];
  return second === undefined ? [`^${first}`] : [`^${first}`, `^${first} ${second}`];
}

/** `sum` plus the sentence-lexicon weights of the openers of `ws`, in openers()' order, without building them. */
function addOpeners(sum: number, ws: readonly string[], stats: Stats): number {
  const first = ws[0];
  if (first === undefined) return sum;
  const { openerTable, openerWeights } = stats;
  let r = openerTable.find(first);
  let s = sum + (r < 0 ? 0 : (openerWeights[r] as number));
  const second = ws[1];
  if (second === undefined) return s;
  r = openerTable.findPair(first, second);
  s += r < 0 ? 0 : (openerWeights[r] as number);
  return s;
}

/** Normalised idf above which a word counts as a content word (seen in under ~10% of abstracts). */
const CONTENT_IDF = 0.3;

/** Title words that carry no topic ("for", "using"): left out of the title-overlap features. */
const TITLE_STOP = STOP_WORDS.titleFeatures;

/** Per-word tallies while reading an abstract; reused between calls (grown when needed) rather than allocated. */
export interface Scratch {
  count: Int32Array;
  first: Int32Array;
  last: Int32Array;
  sentenceCount: Int32Array;
  claimCount: Int32Array;
  claim: Uint8Array;
  acronym: Uint8Array;
  capital: Uint8Array;
  second: Uint8Array;
  /** The last claim sentence each word was counted in. */
  mark: Int32Array;
  /** Per word (1/0): every sentence holding it is background; after the verb of a claim or finding ("we propose
   * X"); in the abstract's first claim sentence; in a result sentence. */
  background: Uint8Array;
  object: Uint8Array;
  firstClaim: Uint8Array;
  result: Uint8Array;
}
let tallies: Scratch | undefined;

function scratch(size: number): Scratch {
  if (!tallies || tallies.count.length < size) {
    const n = Math.max(size, 512);
    tallies = {
      count: new Int32Array(n),
      first: new Int32Array(n),
      last: new Int32Array(n),
      sentenceCount: new Int32Array(n),
      claimCount: new Int32Array(n),
      claim: new Uint8Array(n),
      acronym: new Uint8Array(n),
      capital: new Uint8Array(n),
      second: new Uint8Array(n),
      mark: new Int32Array(n),
      background: new Uint8Array(n),
      object: new Uint8Array(n),
      firstClaim: new Uint8Array(n),
      result: new Uint8Array(n),
    };
    return tallies;
  }
  for (const a of [tallies.count, tallies.sentenceCount, tallies.claimCount]) a.fill(0, 0, size);
  for (const a of [tallies.claim, tallies.acronym, tallies.capital, tallies.second]) a.fill(0, 0, size);
  for (const a of [tallies.object, tallies.firstClaim, tallies.result]) a.fill(0, 0, size);
  return tallies;
}

/**
 * Zero arrays are copied from these (never written to): one copy costs a quarter of allocating and filling, and the
 * summariser makes a few dozen per abstract (a row per candidate). Longer ones are made as before.
 */
const ZERO_TEMPLATE_SIZE = 4096;
const SMALL_ZEROS: readonly number[] = new Array<number>(ZERO_TEMPLATE_SIZE).fill(0);
const DOUBLE_ZEROS: readonly number[] = new Array<number>(ZERO_TEMPLATE_SIZE).fill(0.5).fill(0);

function zeros(n: number): number[] {
  return n <= ZERO_TEMPLATE_SIZE ? SMALL_ZEROS.slice(0, n) : new Array<number>(n).fill(0);
}

/**
 * Zeros in an array V8 already stores as doubles: filled with 0 alone it starts as small integers and is copied
 * whole the first time it gets a fraction.
 */
function doubles(n: number): number[] {
  return n <= ZERO_TEMPLATE_SIZE ? DOUBLE_ZEROS.slice(0, n) : new Array<number>(n).fill(0.5).fill(0);
}

/** Per abstract word, its sentence-lexicon weight: scratch reused between calls (grown when needed). */
let weightScratch = new Float64Array(512);
function sentenceWeightScratch(size: number): Float64Array {
  if (weightScratch.length < size) weightScratch = new Float64Array(Math.max(size, 2 * weightScratch.length));
  return weightScratch;
}

/** log1p of the small counts words have in one abstract, computed once. */
const LOG1P = Float64Array.from({ length: 64 }, (_, c) => Math.log1p(c));

/** One word's TOKEN_FEATURES when only its probability is kept. */
const ROW: number[] = Array.from({ length: TOKEN_FEATURES.length }, () => 0.5);

/** What a word's TOKEN_FEATURES row needs besides its tallies (one object, refilled per word). */
export interface WordInputs {
  word: string;
  /** The word's position in the tallies. */
  k: number;
  /** Sentences in the abstract. */
  sentences: number;
  idf: number;
  /** Whether the word is in the model's vocabulary. */
  known: boolean;
  inTitle: number;
  /** Whether the abstract has no claim sentence at all. */
  noClaim: boolean;
  titleness: number;
}
const WORD: WordInputs = {
  word: '',
  k: 0,
  sentences: 0,
  idf: 0,
  known: false,
  inTitle: 0,
  noClaim: false,
  titleness: 0,
};

/** Writes word `k`'s TOKEN_FEATURES into `row` from `at`, one named column at a time. */
export function writeTokenRow(row: number[], at: number, input: WordInputs, t: Scratch): void {
  const { word: w, k, sentences: n, idf, inTitle } = input;
  const c = t.count[k] as number;
  const f0 = t.first[k] as number;
  const l0 = t.last[k] as number;
  const claim = t.claim[k] as number;
  const logCount = c < LOG1P.length ? (LOG1P[c] as number) : Math.log1p(c);
  // Through String.prototype and read once: property reads on the word strings went megamorphic (see text.ts).
  const code = String.prototype.charCodeAt.call(w, 0);
  const length = w.length;
  row[at + TOKEN.bias] = 1;
  row[at + TOKEN.inTitle] = inTitle;
  row[at + TOKEN.logCount] = logCount;
  row[at + TOKEN.idf] = idf;
  row[at + TOKEN.firstPosition] = n > 1 ? f0 / (n - 1) : 0;
  row[at + TOKEN.numeric] = code >= 48 && code <= 57 ? 1 : 0;
  row[at + TOKEN.inFirstSentence] = f0 === 0 ? 1 : 0;
  row[at + TOKEN.sentenceShare] = (t.sentenceCount[k] as number) / Math.max(1, n);
  row[at + TOKEN.short] = length <= 2 ? 1 : 0;
  row[at + TOKEN.titleIdf] = inTitle * idf;
  row[at + TOKEN.inClaimSentence] = claim;
  row[at + TOKEN.acronym] = t.acronym[k] as number;
  row[at + TOKEN.inLastSentence] = l0 === n - 1 && f0 === n - 1 ? 1 : 0;
  row[at + TOKEN.unknown] = input.known ? 0 : 1;
  row[at + TOKEN.tfidf] = logCount * idf;
  row[at + TOKEN.capitalized] = t.capital[k] as number;
  row[at + TOKEN.wordLength] = Math.min(length, 15) / 15;
  row[at + TOKEN.claimTitle] = inTitle * claim;
  row[at + TOKEN.inSecondSentence] = t.second[k] as number;
  row[at + TOKEN.claimShare] = (t.claimCount[k] as number) / Math.max(1, n);
  row[at + TOKEN.titleness] = input.titleness;
  writeContextColumns(row, at, input, t);
}

/** CONTEXT_TOKEN_FEATURES of word `k` (the columns are read back from the row writeTokenRow filled so far). */
function writeContextColumns(row: number[], at: number, input: WordInputs, t: Scratch): void {
  const { k, idf } = input;
  const object = t.object[k] as number;
  const firstClaim = t.firstClaim[k] as number;
  row[at + TOKEN.onlyBackground] = t.background[k] as number;
  row[at + TOKEN.claimObject] = object;
  row[at + TOKEN.claimObjectIdf] = object * idf;
  row[at + TOKEN.firstClaim] = firstClaim;
  row[at + TOKEN.firstClaimIdf] = firstClaim * idf;
  row[at + TOKEN.firstSentenceIdf] = (row[at + TOKEN.inFirstSentence] as number) * idf;
  row[at + TOKEN.shareIdf] = (row[at + TOKEN.sentenceShare] as number) * idf;
  row[at + TOKEN.titleCapitalized] = input.inTitle * Math.max(t.acronym[k] as number, t.capital[k] as number);
  row[at + TOKEN.resultNumber] = (t.result[k] as number) * (row[at + TOKEN.numeric] as number);
  row[at + TOKEN.idfSquared] = idf * idf;
  row[at + TOKEN.noClaim] = input.noClaim ? 1 : 0;
}

/**
 * The token columns in the order tokenLogit adds them up. analyze() takes its shortcut only while TOKEN_FEATURES is
 * exactly this list; a column added or moved falls back to writeTokenRow until tokenLogit learns it.
 */
const LOGIT_COLUMNS: readonly string[] = [
  'bias',
  'inTitle',
  'logCount',
  'idf',
  'firstPosition',
  'numeric',
  'inFirstSentence',
  'sentenceShare',
  'short',
  'titleIdf',
  'inClaimSentence',
  'acronym',
  'inLastSentence',
  'unknown',
  'tfidf',
  'capitalized',
  'wordLength',
  'claimTitle',
  'inSecondSentence',
  'claimShare',
  'onlyBackground',
  'claimObject',
  'claimObjectIdf',
  'firstClaim',
  'firstClaimIdf',
  'firstSentenceIdf',
  'shareIdf',
  'titleCapitalized',
  'resultNumber',
  'idfSquared',
  'noClaim',
  'titleness',
];
export const INLINE_LOGIT =
  LOGIT_COLUMNS.length === TOKEN_FEATURES.length && LOGIT_COLUMNS.every((c, i) => c === TOKEN_FEATURES[i]);

/**
 * The token model's logit before the prior word's bias: writeTokenRow's values times their weights `w`, added in
 * column order as probability() adds them, so every bit is the same; no row is written and read back.
 */
function tokenLogit(input: WordInputs, t: Scratch, w: Float64Array): number {
  const { word, k, sentences: n, idf, inTitle } = input;
  const c = t.count[k] as number;
  const f0 = t.first[k] as number;
  const l0 = t.last[k] as number;
  const claim = t.claim[k] as number;
  const acronym = t.acronym[k] as number;
  const capital = t.capital[k] as number;
  const logCount = c < LOG1P.length ? (LOG1P[c] as number) : Math.log1p(c);
  const code = String.prototype.charCodeAt.call(word, 0);
  const length = word.length;
  const numeric = code >= 48 && code <= 57 ? 1 : 0;
  const inFirst = f0 === 0 ? 1 : 0;
  const share = (t.sentenceCount[k] as number) / Math.max(1, n);
  const object = t.object[k] as number;
  const firstClaim = t.firstClaim[k] as number;
  let z = 0;
  z += (w[0] as number) * 1;
  z += (w[1] as number) * inTitle;
  z += (w[2] as number) * logCount;
  z += (w[3] as number) * idf;
  z += (w[4] as number) * (n > 1 ? f0 / (n - 1) : 0);
  z += (w[5] as number) * numeric;
  z += (w[6] as number) * inFirst;
  z += (w[7] as number) * share;
  z += (w[8] as number) * (length <= 2 ? 1 : 0);
  z += (w[9] as number) * (inTitle * idf);
  z += (w[10] as number) * claim;
  z += (w[11] as number) * acronym;
  z += (w[12] as number) * (l0 === n - 1 && f0 === n - 1 ? 1 : 0);
  z += (w[13] as number) * (input.known ? 0 : 1);
  z += (w[14] as number) * (logCount * idf);
  z += (w[15] as number) * capital;
  z += (w[16] as number) * (Math.min(length, 15) / 15);
  z += (w[17] as number) * (inTitle * claim);
  z += (w[18] as number) * (t.second[k] as number);
  z += (w[19] as number) * ((t.claimCount[k] as number) / Math.max(1, n));
  z += (w[20] as number) * (t.background[k] as number);
  z += (w[21] as number) * object;
  z += (w[22] as number) * (object * idf);
  z += (w[23] as number) * firstClaim;
  z += (w[24] as number) * (firstClaim * idf);
  z += (w[25] as number) * (inFirst * idf);
  z += (w[26] as number) * (share * idf);
  z += (w[27] as number) * (inTitle * Math.max(acronym, capital));
  z += (w[28] as number) * ((t.result[k] as number) * numeric);
  z += (w[29] as number) * (idf * idf);
  z += (w[30] as number) * (input.noClaim ? 1 : 0);
  z += (w[31] as number) * input.titleness;
  return z;
}

/** The hash table analyze() numbers an abstract's words in: reused between calls (grown when needed). */
let typeSlots = new Int32Array(1024);
/** Per word of the abstract, its row in stats.wordTable, -1 when none (scratch as typeSlots). */
let typeRows = new Int32Array(512);

/** Verbs after which a claim or finding sentence says what the paper does ("we propose X", "we show that Y"). */
const CLAIM_VERBS = new Set(
  (
    'propose proposes introduce introduces present presents develop develops design designs describe describes ' +
    'devise formulate offer offers show shows demonstrate demonstrates find study studies investigate ' +
    'investigates explore address addresses provide provides consider extend extends'
  ).split(' '),
);

/** Counts sentence `i` (its words `lower`, their positions `ids`) into the context tallies. */
function tallyContext(
  t: Scratch,
  lower: readonly string[],
  ids: readonly number[],
  cue: Uint8Array,
  firstClaim: boolean,
): void {
  const claim = cue[0] === 1;
  const background = cue[3] === 1 && !claim;
  let verbAt = -1;
  if (claim || cue[1] === 1) {
    for (let j = 0; j < lower.length && verbAt < 0; j++) if (CLAIM_VERBS.has(lower[j] as string)) verbAt = j;
  }
  for (let j = 0; j < ids.length; j++) {
    const k = ids[j] as number;
    if (!background) t.background[k] = 0;
    if (verbAt >= 0 && j > verbAt) t.object[k] = 1;
    if (firstClaim) t.firstClaim[k] = 1;
    if (cue[2] === 1) t.result[k] = 1;
  }
}

/**
 * With `weights`, each word's probability is taken as its features are computed and the feature rows are not
 * kept (a few thousand numbers per abstract that only training reads); the arithmetic is tokenProbabilities'.
 */
export function analyze(sentences: readonly string[], title: string | undefined, stats: Stats): Doc;
export function analyze(
  sentences: readonly string[],
  title: string | undefined,
  stats: Stats,
  weights: Weights,
): Doc & { probs: number[] };
export function analyze(
  sentences: readonly string[],
  title: string | undefined,
  stats: Stats,
  weights?: Weights,
): Doc {
  const titleWords = new Set(title ? words(title) : []);
  const hasTitle = titleWords.size > 0;
  const n = sentences.length;
  const capitals: number[][] = [];
  const hashes: number[][] = [];
  const tokens = sentences.map((s) => {
    const caps: number[] = [];
    const hs: number[] = [];
    capitals.push(caps);
    hashes.push(hs);
    return casedWords(s, caps, hs);
  });
  const cues: Uint8Array[] = [];
  let total = 0;
  for (const t of tokens) total += t.length;
  const types: string[] = [];
  // The abstract's words numbered in an open-addressing table of their casedWords hashes (slot: position + 1).
  let capacity = 64;
  while (capacity < 2 * total) capacity *= 2;
  if (typeSlots.length < capacity) typeSlots = new Int32Array(capacity);
  const slots = typeSlots;
  if (typeRows.length < total) typeRows = new Int32Array(Math.max(total, 2 * typeRows.length));
  slots.fill(0, 0, capacity);
  const mask = capacity - 1;
  const flags: number[] = [];
  const t = scratch(total);
  const { count, first, last, sentenceCount, claim, acronym, capital, second, claimCount, mark } = t;
  const sentenceWords: string[][] = [];
  const sentenceTypes: number[][] = [];
  let claimSeen = false;
  for (let i = 0; i < n; i++) {
    let sentenceFlags = 0;
    const lower = tokens[i] as string[];
    const caps = capitals[i] as number[];
    const hs = hashes[i] as number[];
    const ids: number[] = new Array(lower.length);
    for (let j = 0; j < lower.length; j++) {
      const w = lower[j] as string;
      const upper = caps[j] as number;
      let at = (hs[j] as number) & mask;
      let k = -1;
      for (let v = slots[at] as number; v !== 0; v = slots[at] as number) {
        if (types[v - 1] === w) {
          k = v - 1;
          break;
        }
        at = (at + 1) & mask;
      }
      if (k < 0) {
        k = types.length;
        slots[at] = k + 1;
        types.push(w);
        const r = stats.wordTable.findHashed(w, hs[j] as number);
        typeRows[k] = r;
        // wordFlags(w, upper): every flag for non-ASCII words, else the word's own, kept per model word.
        flags.push(upper < 0 ? ALL_FLAGS : r < 0 ? wordFlags(w, 0) : (stats.wordCueFlags[r] as number));
        first[k] = i;
        last[k] = i;
        mark[k] = -1;
        t.background[k] = 1;
      }
      ids[j] = k;
      sentenceFlags |= flags[k] as number;
      count[k] = (count[k] as number) + 1;
      if (last[k] !== i || sentenceCount[k] === 0) sentenceCount[k] = (sentenceCount[k] as number) + 1;
      last[k] = i;
      if (upper >= 2) acronym[k] = 1;
      else if (upper === 1 && j > 0) capital[k] = 1;
      if (i === 1) second[k] = 1;
    }
    sentenceWords.push(lower);
    sentenceTypes.push(ids);
    const sentenceCue = sentenceCues(sentences[i] as string, sentenceFlags);
    cues.push(sentenceCue);
    tallyContext(t, lower, ids, sentenceCue, sentenceCue[0] === 1 && !claimSeen);
    if (sentenceCue[0] === 1) claimSeen = true;
    // Words of a claim sentence ("We propose…"): counted once per sentence.
    if (sentenceCue[0] === 1) {
      for (const k of ids) {
        claim[k] = 1;
        if (mark[k] === i) continue;
        mark[k] = i;
        claimCount[k] = (claimCount[k] as number) + 1;
      }
    }
  }
  const m = types.length;
  const F = TOKEN_FEATURES.length;
  // Plain arrays: a typed array gets its own off-heap buffer, which costs more than the few hundred numbers here.
  const features = weights ? [] : doubles(m * F);
  const probs = weights ? doubles(m) : undefined;
  const dense = weights ? tokenWeights(weights) : undefined;
  const typePrior = zeros(m);
  const countArr = zeros(m);
  const inTitleArr = zeros(m);
  const titleIdf = doubles(m);
  const keyIdf = doubles(m);
  const firstIdf = doubles(m);
  const idfArr = doubles(m);
  const guess = doubles(m);
  let guessTotal = 0;
  let keyIdfTotal = 0;
  let firstIdfTotal = 0;
  let idfSquares = 0;
  let squares = 0;
  // The title's few words are looked up among the abstract's rather than every abstract word in the title.
  for (const w of titleWords) {
    for (
      let at = wordHash(w) & mask, v = slots[at] as number;
      v !== 0;
      at = (at + 1) & mask, v = slots[at] as number
    ) {
      if (types[v - 1] === w) {
        inTitleArr[v - 1] = 1;
        break;
      }
    }
  }
  const { wordTable, wordPacked, wordSentence, sentenceWeights, wordTitleStop } = stats;
  const weightOf = sentenceWeightScratch(m);
  for (let k = 0; k < m; k++) {
    const w = types[k] as string;
    const r = typeRows[k] as number;
    const titleStop = r < 0 ? TITLE_STOP.has(w) : wordTitleStop[r] === 1;
    const packed = r < 0 ? -1 : (wordPacked[r] as number);
    const idfPart = packed < 0 ? IDF_SCALE : packed % IDF_MOD;
    // Prior words outside the vocabulary are packed with idf 1: they count as unknown.
    const known = idfPart < IDF_SCALE;
    const idf = idfPart / IDF_SCALE;
    const rest = packed < 0 ? 0 : Math.floor(packed / IDF_MOD);
    const titleness = packed < 0 ? stats.rareTitleness : (rest % TITLE_MOD) / 100;
    weightOf[k] = r < 0 ? 0 : (sentenceWeights[wordSentence[r] as number] as number);
    const inTitle = inTitleArr[k] as number;
    const c = count[k] as number;
    const f0 = first[k] as number;
    const row = probs ? ROW : features;
    const word = WORD;
    word.word = w;
    word.k = k;
    word.sentences = n;
    word.idf = idf;
    word.known = known;
    word.inTitle = inTitle;
    word.noClaim = !claimSeen;
    word.titleness = titleness;
    const prior = packed < 0 ? -1 : Math.floor(rest / TITLE_MOD) - 1;
    typePrior[k] = prior;
    if (probs && dense && weights && INLINE_LOGIT) {
      let z = tokenLogit(word, t, dense);
      if (prior >= 0) z += weights.prior[prior] ?? 0;
      probs[k] = sigmoid(z);
    } else {
      writeTokenRow(row, probs ? 0 : k * F, word, t);
      if (probs && dense && weights) probs[k] = probability(row, prior, dense, weights.prior);
    }
    countArr[k] = c;
    if (inTitle && !titleStop) titleIdf[k] = idf;
    idfArr[k] = idf;
    if (!titleStop) {
      guess[k] = titleness;
      guessTotal += titleness;
    }
    if (idf >= CONTENT_IDF) {
      if ((sentenceCount[k] as number) >= 2) {
        keyIdf[k] = idf;
        keyIdfTotal += idf;
      }
      if (f0 === 0) {
        firstIdf[k] = idf;
        firstIdfTotal += idf;
      }
    }
    idfSquares += c * c * idf * idf;
    squares += c * c;
  }
  // Per sentence, the weights of its distinct marking words: one lookup per word type, then sums by position.
  const titleSentence = doubles(n);
  if (stats.sentenceWeights.length > 1) {
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (const k of sentenceTypes[i] as number[]) {
        if (mark[k] === -2 - i) continue;
        mark[k] = -2 - i;
        sum += weightOf[k] as number;
      }
      sum = addOpeners(sum, sentenceWords[i] as string[], stats);
      titleSentence[i] = sum;
    }
  }
  let titleIdfTotal = 0;
  for (const w of titleWords) {
    if (TITLE_STOP.has(w)) continue;
    const r = wordTable.find(w);
    titleIdfTotal += r < 0 ? 1 : ((wordPacked[r] as number) % IDF_MOD) / IDF_SCALE;
  }
  let index: Map<string, number> | undefined;
  return {
    sentences: [...sentences],
    sentenceWords,
    sentenceTypes,
    types,
    // Built when first asked: only compressions with words from another sentence and the title lead need it.
    indexOf: (word: string) => {
      index ??= new Map(types.map((w, k) => [w, k]));
      return index.get(word);
    },
    features,
    probs,
    typePrior,
    typeFlags: flags,
    count: countArr,
    inTitle: inTitleArr,
    titleWords,
    hasTitle,
    norm: Math.sqrt(squares),
    cues,
    titleIdf,
    titleIdfTotal,
    keyIdf,
    keyIdfTotal,
    firstIdf,
    firstIdfTotal,
    idfNorm: Math.sqrt(idfSquares),
    idf: idfArr,
    guess,
    guessTotal,
    titleSentence,
  };
}

/** The TOKEN_FEATURES row of word k. */
export function tokenRow(doc: Doc, k: number): number[] {
  const F = TOKEN_FEATURES.length;
  return doc.features.slice(k * F, (k + 1) * F);
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** The token model on one word's features (from `at` in `row`) and its prior word index (-1 when none). */
function probability(
  row: readonly number[],
  prior: number,
  w: Float64Array,
  priors: readonly number[],
  at = 0,
): number {
  let z = 0;
  // Columns whose weight is 0 add ±0, which leaves z as it is: skipping them changes no bit.
  for (let i = 0; i < w.length; i++) {
    const wi = w[i] as number;
    if (wi !== 0) z += wi * (row[at + i] as number);
  }
  if (prior >= 0) z += priors[prior] ?? 0;
  return sigmoid(z);
}

/** Each model's token weights as one dense array, missing ones 0: made once per Weights object. */
const denseTokenWeights = new WeakMap<Weights, Float64Array>();
function tokenWeights(weights: Weights): Float64Array {
  let dense = denseTokenWeights.get(weights);
  if (!dense) {
    dense = Float64Array.from({ length: TOKEN_FEATURES.length }, (_, i) => weights.token[i] ?? 0);
    denseTokenWeights.set(weights, dense);
  }
  return dense;
}

/** P(word appears in a gold TL;DR) for every word of the abstract, aligned with doc.types. */
export function tokenProbabilities(doc: Doc, weights: Weights): number[] {
  if (doc.features.length === 0 && doc.types.length > 0) {
    throw new Error(
      'tokenProbabilities: this analysis kept no feature rows (it was given weights: use doc.probs)',
    );
  }
  const F = TOKEN_FEATURES.length;
  const w = tokenWeights(weights);
  return doc.types.map((_, k) =>
    probability(doc.features, doc.typePrior[k] as number, w, weights.prior, k * F),
  );
}

export interface Candidate {
  sentence: number;
  variant: Variant;
  features: number[];
}

/** Per-abstract quantities every candidate's features need, computed once. */
export interface CandidateContext {
  doc: Doc;
  probs: number[];
  topMass: number;
  titleSize: number;
  /** Per sentence: claim, finding, result, background, fragment cues (0/1). */
  cues: Uint8Array[];
  /** Scratch counts per word, reset after each candidate. */
  local: number[];
}

/** The n largest values, largest first (a short insertion list: abstracts have ~100 words, n is 20). */
function topValues(values: readonly number[], n: number): number[] {
  const top: number[] = [];
  for (const v of values) {
    if (top.length === n && v <= (top[n - 1] as number)) continue;
    let at = Math.min(top.length, n - 1);
    if (top.length < n) top.push(v);
    while (at > 0 && (top[at - 1] as number) < v) {
      top[at] = top[at - 1] as number;
      at--;
    }
    top[at] = v;
  }
  return top;
}

export function candidateContext(doc: Doc, probs: number[]): CandidateContext {
  // Expected overlap with a whole TL;DR is bounded by what the abstract offers; the top words stand for it.
  let topMass = 0;
  for (const p of topValues(probs, TARGET_LENGTH)) topMass += p;
  return {
    doc,
    probs,
    topMass: Math.max(topMass, 1e-6),
    titleSize: Math.max(1, doc.titleWords.size),
    cues: doc.cues,
    local: zeros(doc.types.length),
  };
}

/** Made once: a regex literal in candidate() would be a new object per candidate. */
const DIGIT = /\d/;
const STARTS_WE = /^we\b/i;
const OUR = /\bour\b/i;

/** One candidate (sentence `i` or a compression of it) with its feature row, written into `row` by column name. */
export function candidate(
  ctx: CandidateContext,
  i: number,
  variant: Variant,
  // A plain array: small typed arrays each get their own off-heap buffer, and there is one per candidate.
  row: number[] = doubles(CANDIDATE_FEATURES.length),
): Candidate {
  const { doc, probs, local } = ctx;
  const n = doc.sentences.length;
  const whole = !(variant.leadIn || variant.paren || variant.cut);
  const ws = whole ? (doc.sentenceWords[i] as string[]) : (variant.tokens ?? words(variant.text));
  const ids = whole ? (doc.sentenceTypes[i] as number[]) : undefined;
  const sentence = doc.sentenceWords[i] as string[];
  const sentenceIds = doc.sentenceTypes[i] as number[];
  const touched: number[] = [];
  let bigrams = 0;
  let previous = 0;
  let cueFlags = 0;
  let from = 0;
  for (let j = 0; j < ws.length; j++) {
    let k: number | undefined;
    if (ids) k = ids[j] as number;
    else {
      // A compression keeps its sentence's words in order: they are found there, ahead of the last one, without
      // hashing the word; words from elsewhere (a composed claim's second sentence) in the abstract's index.
      const w = ws[j] as string;
      let q = from;
      while (q < sentence.length && sentence[q] !== w) q++;
      if (q < sentence.length) {
        k = sentenceIds[q] as number;
        from = q + 1;
      } else k = doc.indexOf(w);
    }
    if (k === undefined) {
      previous = 0;
      cueFlags = ALL_FLAGS;
      continue;
    }
    cueFlags |= doc.typeFlags[k] as number;
    const pk = probs[k] as number;
    bigrams += previous * pk;
    previous = pk;
    if (local[k] === 0) touched.push(k);
    local[k] = (local[k] as number) + 1;
  }
  let expected = 0;
  let titleHits = 0;
  let titleIdfHits = 0;
  let titleContentHits = 0;
  let dot = 0;
  let localNorm = 0;
  let idfDot = 0;
  let idfLocalNorm = 0;
  let keyHits = 0;
  let keyWords = 0;
  let firstHits = 0;
  let guessHits = 0;
  for (const k of touched) {
    guessHits += doc.guess[k] as number;
    const kw = doc.keyIdf[k] as number;
    if (kw > 0) {
      keyHits += kw;
      keyWords++;
    }
    firstHits += doc.firstIdf[k] as number;
    const ti = doc.titleIdf[k] as number;
    if (ti > 0) {
      titleIdfHits += ti;
      titleContentHits++;
    }
    const c = local[k] as number;
    local[k] = 0;
    const p = probs[k] as number;
    expected += p + (c > 1 ? 0.25 * p * (c - 1) : 0);
    titleHits += doc.inTitle[k] as number;
    dot += c * ((doc.count[k] as number) - c);
    localNorm += c * c;
    const idf2 = (doc.idf[k] as number) ** 2;
    idfDot += c * ((doc.count[k] as number) - c) * idf2;
    idfLocalNorm += c * c * idf2;
  }
  const len = Math.max(1, ws.length);
  const restNorm = Math.sqrt(Math.max(1e-9, doc.norm * doc.norm - localNorm));
  const cues = ctx.cues[i] as Uint8Array;
  const text = variant.text;
  const f = row;
  const C = CANDIDATE;
  f[C.expectedF] = (2 * expected) / (len + TARGET_LENGTH);
  f[C.precision] = expected / len;
  f[C.recall] = expected / ctx.topMass;
  f[C.length] = len / 25;
  f[C.length2] = (len / 25) ** 2;
  f[C.first] = i === 0 ? 1 : 0;
  f[C.second] = i === 1 ? 1 : 0;
  f[C.last] = i === n - 1 && n > 1 ? 1 : 0;
  f[C.position] = n > 1 ? i / (n - 1) : 0;
  f[C.claimCue] = cues[0] as number;
  f[C.findingCue] = cues[1] as number;
  f[C.resultCue] = cues[2] as number;
  f[C.backgroundCue] = cues[3] as number;
  f[C.number] = DIGIT.test(text) ? 1 : 0;
  f[C.titleCoverage] = doc.hasTitle ? titleHits / ctx.titleSize : 0;
  f[C.centrality] = dot / (Math.sqrt(localNorm) * restNorm + 1e-9);
  f[C.leadIn] = variant.leadIn ? 1 : 0;
  f[C.paren] = variant.paren ? 1 : 0;
  f[C.cut] = variant.cut ? 1 : 0;
  f[C.startsWe] = STARTS_WE.test(text) ? 1 : 0;
  f[C.our] = cueFlags & OUR_FLAG && OUR.test(text) ? 1 : 0;
  f[C.long] = len > 35 ? 1 : 0;
  f[C.short] = len < 10 ? 1 : 0;
  f[C.novel] = cueFlags & NOVEL_FLAG && NOVEL.test(text) ? 1 : 0;
  f[C.fragment] = cues[4] as number;
  f[C.onlySentence] = n === 1 ? 1 : 0;
  f[C.anaphora] = cueFlags & ANAPHORA_FLAG && ANAPHORA.test(text) ? 1 : 0;
  f[C.pronounStart] = PRONOUN_START.test(text) && !SELF_REFERENCE.test(text) ? 1 : 0;
  f[C.titleIdfCoverage] = doc.titleIdfTotal > 0 ? titleIdfHits / doc.titleIdfTotal : 0;
  f[C.titlePrecision] = touched.length > 0 ? titleContentHits / touched.length : 0;
  f[C.expectedShort] = (2 * expected) / (len + SHORT_TARGET);
  f[C.expectedLong] = (2 * expected) / (len + LONG_TARGET);
  f[C.expectedBigram] = (2 * bigrams) / (len + TARGET_LENGTH);
  const idfRest = Math.sqrt(Math.max(1e-9, doc.idfNorm * doc.idfNorm - idfLocalNorm));
  f[C.centralityIdf] = idfDot / (Math.sqrt(idfLocalNorm) * idfRest + 1e-9);
  f[C.keyCoverage] = doc.keyIdfTotal > 0 ? keyHits / doc.keyIdfTotal : 0;
  f[C.keyPrecision] = touched.length > 0 ? keyWords / touched.length : 0;
  f[C.firstCoverage] = i > 0 && doc.firstIdfTotal > 0 ? firstHits / doc.firstIdfTotal : 0;
  f[C.guessCoverage] = doc.guessTotal > 0 ? guessHits / doc.guessTotal : 0;
  f[C.guessPrecision] = touched.length > 0 ? guessHits / touched.length : 0;
  f[C.titleSentence] = doc.titleSentence[i] as number;
  return { sentence: i, variant, features: f };
}

/** Every candidate TL;DR (each sentence and all its compressions): what the model is trained on. */
export function candidates(doc: Doc, probs: number[]): Candidate[] {
  const ctx = candidateContext(doc, probs);
  return doc.sentences.flatMap((sentence, i) => variants(sentence).map((v) => candidate(ctx, i, v)));
}

export function score(features: readonly number[], weights: Weights): number {
  let s = 0;
  for (let i = 0; i < features.length; i++) s += (weights.candidate[i] ?? 0) * (features[i] as number);
  return s;
}
