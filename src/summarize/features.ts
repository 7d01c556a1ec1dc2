// Features of the TL;DR model: how likely each abstract word is to appear in a TL;DR, and how good each candidate is.
import { type Variant, variants } from './compress.js';
import { words } from './text.js';

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
] as const;

/** Length of a typical gold TL;DR in words: the denominator of the expected F1. */
const TARGET_LENGTH = 20;

export interface Stats {
  docs: number;
  df: Map<string, number>;
  prior: Map<string, number>;
}

export function statsOf(model: Pick<ModelData, 'docs' | 'vocab' | 'df' | 'priorWords'>): Stats {
  const df = new Map<string, number>();
  model.vocab.forEach((w, i) => {
    df.set(w, model.df[i] ?? 0);
  });
  const prior = new Map<string, number>();
  model.priorWords.forEach((w, i) => {
    prior.set(w, i);
  });
  return { docs: model.docs, df, prior };
}

const CLAIM =
  /\b(?:we|this (?:paper|work|study|article)|the (?:paper|authors))\s+(?:\w+ly\s+)?(?:propose|proposes|introduce|introduces|present|presents|develop|develops|design|designs|describe|describes|devise|devises|formulate|offer|offers|put forward|contribute|study|studies|investigate|investigates|explore|explores|address|addresses|tackle|consider|extend|extends|provide|provides|establish|derive|analyze|analyse|use|apply|train|learn)\b/i;
const FINDING =
  /\b(?:we|this (?:paper|work))\s+(?:\w+ly\s+)?(?:also\s+)?(?:show|shows|demonstrate|demonstrates|find|finds|prove|proves|observe|establish|argue|report|discover|reveal|verify|confirm|identify|obtain)\b/i;
const RESULT =
  /\b(?:outperform\w*|state[- ]of[- ]the[- ]art|achiev\w+|improv\w+|results? (?:show|demonstrate|indicate|suggest)|experiments? (?:show|demonstrate|on)|empirical\w*|significantly|superior|competitive|accuracy|speed-?up|better)\b/i;
const BACKGROUND =
  /\b(?:recent(?:ly)?|have been|has been|has become|have become|however|existing|typically|traditionally|popular|widely|remains?|challenging|limited|suffer\w*|difficult|is an? |are an? )\b/i;
/** "to address these challenges", "this problem": the sentence leans on the one before it. */
export const ANAPHORA =
  /\b(?:these|this|such|those|the above|aforementioned|both) (?:challenges?|issues?|problems?|limitations?|gaps?|shortcomings?|drawbacks?|questions?|goals?|difficult(?:y|ies)|concerns?|observations?|findings?|insights?|hypothes[ie]s|ideas?|obstacles?|deficienc(?:y|ies)|needs?|weakness(?:es)?|barriers?|phenomen(?:on|a)|settings?|cases?)\b/i;
export const PRONOUN_START = /^(?:it|they|this|these|such|their|its|those|them|he|she)\b/i;
const NOVEL = /\b(?:novel|new|first|simple|efficient|general|framework|method|approach|algorithm|model)\b/i;

export interface Doc {
  sentences: string[];
  sentenceWords: string[][];
  /** Unique words of the abstract, with their feature rows and prior indexes. */
  types: string[];
  typeFeatures: Float64Array[];
  typePrior: Int32Array;
  titleWords: Set<string>;
  hasTitle: boolean;
  /** Word counts over the whole abstract, for centrality. */
  counts: Map<string, number>;
}

export function analyze(sentences: readonly string[], title: string | undefined, stats: Stats): Doc {
  const sentenceWords = sentences.map((s) => words(s));
  const titleWords = new Set(title ? words(title) : []);
  const hasTitle = titleWords.size > 0;
  const n = sentences.length;
  const counts = new Map<string, number>();
  const first = new Map<string, number>();
  const last = new Map<string, number>();
  const sentenceCount = new Map<string, number>();
  const claimWords = new Set<string>();
  sentenceWords.forEach((ws, i) => {
    const seen = new Set<string>();
    for (const w of ws) {
      counts.set(w, (counts.get(w) ?? 0) + 1);
      if (!first.has(w)) first.set(w, i);
      last.set(w, i);
      if (!seen.has(w)) {
        seen.add(w);
        sentenceCount.set(w, (sentenceCount.get(w) ?? 0) + 1);
      }
    }
    if (CLAIM.test(sentences[i] as string)) for (const w of ws) claimWords.add(w);
  });
  const acronyms = new Set<string>();
  for (const s of sentences) {
    for (const m of s.matchAll(/\b[\p{L}\p{N}]*\p{Lu}[\p{L}\p{N}]*\p{Lu}[\p{L}\p{N}]*\b/gu)) {
      acronyms.add(m[0].toLowerCase());
    }
  }
  const maxIdf = Math.log((stats.docs + 1) / 1);
  const types = [...counts.keys()];
  const typeFeatures: Float64Array[] = [];
  const typePrior = new Int32Array(types.length);
  types.forEach((w, k) => {
    const df = stats.df.get(w);
    const idf = (df === undefined ? maxIdf : Math.log((stats.docs + 1) / (df + 1))) / maxIdf;
    const inTitle = titleWords.has(w) ? 1 : 0;
    const f = new Float64Array(TOKEN_FEATURES.length);
    f[0] = 1;
    f[1] = inTitle;
    f[2] = Math.log1p(counts.get(w) ?? 0);
    f[3] = idf;
    f[4] = n > 1 ? (first.get(w) ?? 0) / (n - 1) : 0;
    f[5] = /^\d/.test(w) ? 1 : 0;
    f[6] = first.get(w) === 0 ? 1 : 0;
    f[7] = (sentenceCount.get(w) ?? 0) / Math.max(1, n);
    f[8] = w.length <= 2 ? 1 : 0;
    f[9] = inTitle * idf;
    f[10] = claimWords.has(w) ? 1 : 0;
    f[11] = acronyms.has(w) ? 1 : 0;
    f[12] = last.get(w) === n - 1 && first.get(w) === n - 1 ? 1 : 0;
    f[13] = df === undefined ? 1 : 0;
    typeFeatures.push(f);
    typePrior[k] = stats.prior.get(w) ?? -1;
  });
  return {
    sentences: [...sentences],
    sentenceWords,
    types,
    typeFeatures,
    typePrior,
    titleWords,
    hasTitle,
    counts,
  };
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** P(word appears in a gold TL;DR) for every word of the abstract. */
export function tokenProbabilities(doc: Doc, weights: Weights): Map<string, number> {
  const probs = new Map<string, number>();
  const w = weights.token;
  doc.types.forEach((type, k) => {
    const f = doc.typeFeatures[k] as Float64Array;
    let z = 0;
    for (let i = 0; i < f.length; i++) z += (w[i] ?? 0) * (f[i] as number);
    const p = doc.typePrior[k] as number;
    if (p >= 0) z += weights.prior[p] ?? 0;
    probs.set(type, sigmoid(z));
  });
  return probs;
}

export interface Candidate {
  sentence: number;
  variant: Variant;
  features: Float64Array;
}

/** Every candidate TL;DR (each sentence and its compressions) with its feature row. */
export function candidates(doc: Doc, probs: Map<string, number>): Candidate[] {
  const n = doc.sentences.length;
  // Expected overlap with a whole TL;DR is bounded by what the abstract offers; the top words stand for it.
  const sorted = [...probs.values()].sort((a, b) => b - a);
  let topMass = 0;
  for (let i = 0; i < Math.min(TARGET_LENGTH, sorted.length); i++) topMass += sorted[i] as number;
  topMass = Math.max(topMass, 1e-6);
  const totalNorm = Math.sqrt([...doc.counts.values()].reduce((a, c) => a + c * c, 0));
  const titleSize = Math.max(1, doc.titleWords.size);
  const out: Candidate[] = [];
  for (let i = 0; i < n; i++) {
    const sentence = doc.sentences[i] as string;
    const claim = CLAIM.test(sentence) ? 1 : 0;
    const finding = FINDING.test(sentence) ? 1 : 0;
    const result = RESULT.test(sentence) ? 1 : 0;
    const background = BACKGROUND.test(sentence) ? 1 : 0;
    const fragment = /^[\p{Ll}\d(,;:)]/u.test(sentence) ? 1 : 0;
    for (const variant of variants(sentence)) {
      const ws = variant.leadIn || variant.paren || variant.cut ? words(variant.text) : doc.sentenceWords[i]!;
      const local = new Map<string, number>();
      for (const w of ws) local.set(w, (local.get(w) ?? 0) + 1);
      let expected = 0;
      let titleHits = 0;
      let dot = 0;
      let localNorm = 0;
      for (const [w, c] of local) {
        const p = probs.get(w) ?? 0;
        expected += p + (c > 1 ? 0.25 * p * (c - 1) : 0);
        if (doc.titleWords.has(w)) titleHits++;
        const total = doc.counts.get(w) ?? 0;
        dot += c * (total - c);
        localNorm += c * c;
      }
      const len = Math.max(1, ws.length);
      const restNorm = Math.sqrt(Math.max(1e-9, totalNorm * totalNorm - localNorm));
      const f = new Float64Array(CANDIDATE_FEATURES.length);
      f[0] = (2 * expected) / (len + TARGET_LENGTH);
      f[1] = expected / len;
      f[2] = expected / topMass;
      f[3] = len / 25;
      f[4] = (len / 25) ** 2;
      f[5] = i === 0 ? 1 : 0;
      f[6] = i === 1 ? 1 : 0;
      f[7] = i === n - 1 && n > 1 ? 1 : 0;
      f[8] = n > 1 ? i / (n - 1) : 0;
      f[9] = claim;
      f[10] = finding;
      f[11] = result;
      f[12] = background;
      f[13] = /\d/.test(variant.text) ? 1 : 0;
      f[14] = doc.hasTitle ? titleHits / titleSize : 0;
      f[15] = dot / (Math.sqrt(localNorm) * restNorm + 1e-9);
      f[16] = variant.leadIn ? 1 : 0;
      f[17] = variant.paren ? 1 : 0;
      f[18] = variant.cut ? 1 : 0;
      f[19] = /^we\b/i.test(variant.text) ? 1 : 0;
      f[20] = /\bour\b/i.test(variant.text) ? 1 : 0;
      f[21] = len > 35 ? 1 : 0;
      f[22] = len < 10 ? 1 : 0;
      f[23] = NOVEL.test(variant.text) ? 1 : 0;
      f[24] = fragment;
      f[25] = n === 1 ? 1 : 0;
      f[26] = ANAPHORA.test(variant.text) ? 1 : 0;
      f[27] = PRONOUN_START.test(variant.text) ? 1 : 0;
      out.push({ sentence: i, variant, features: f });
    }
  }
  return out;
}

export function score(features: Float64Array, weights: Weights): number {
  let s = 0;
  for (let i = 0; i < features.length; i++) s += (weights.candidate[i] ?? 0) * (features[i] as number);
  return s;
}
