// The TL;DR engine over a given model: clean, split, score every sentence and compression, keep the best.
import {
  analyze,
  type Candidate,
  candidates,
  type ModelData,
  type Stats,
  score,
  statsOf,
  tokenProbabilities,
  type Weights,
} from './features.js';
import { cleanText, MAX_SENTENCES, splitSentences, wordCount } from './text.js';

/** Candidates longer than this are only taken when nothing shorter exists. */
const MAX_WORDS = 40;
/** What a TL;DR may never exceed: past it, the text is cut at a clause (marked with …). */
const HARD_MAX_WORDS = 50;

export interface Ranked extends Candidate {
  score: number;
}

export interface Analysis {
  /** The abstract's sentences, cleaned. */
  sentences: string[];
  /** Every candidate (each sentence and its compressions), best first. */
  ranked: Ranked[];
  /** The chosen TL;DR, '' when there was nothing to summarise. */
  tldr: string;
  /** Index in `sentences` of the sentence the TL;DR came from, -1 when none. */
  sentence: number;
}

export interface TldrEngine {
  /** One sentence from a raw abstract (cleaned and split here); '' when there is nothing to summarise. */
  tldr(abstract: string, title?: string): string;
  /** The same from an abstract already split into sentences (SciTLDR's `source`). */
  fromSentences(sentences: readonly string[], title?: string): string;
  analyze(abstract: string, title?: string): Analysis;
  analyzeSentences(sentences: readonly string[], title?: string): Analysis;
  readonly stats: Stats;
}

/** Cleans given sentences and drops those without a letter or digit. */
export function prepareSentences(sentences: readonly string[]): string[] {
  const out: string[] = [];
  for (const s of sentences.slice(0, MAX_SENTENCES)) {
    const clean = cleanText(s);
    if (/[\p{L}\p{N}]/u.test(clean)) out.push(clean);
  }
  return out;
}

/** Cuts an over-long text at the last clause boundary before the limit (else at a word), marking the cut. */
export function clampWords(text: string, max = HARD_MAX_WORDS): string {
  if (wordCount(text) <= max) return text;
  const tokens = text.split(/\s+/);
  let kept = tokens.slice(0, max).join(' ');
  const clause = Math.max(kept.lastIndexOf(', '), kept.lastIndexOf('; '), kept.lastIndexOf(': '));
  if (clause > kept.length * 0.5) kept = kept.slice(0, clause);
  return `${kept.replace(/[\s,;:.–—-]+$/, '')}…`;
}

export function createEngine(model: ModelData): TldrEngine {
  const stats = statsOf(model);

  function analyzeSentences(given: readonly string[], title?: string): Analysis {
    const sentences = prepareSentences(given);
    if (sentences.length === 0) return { sentences, ranked: [], tldr: '', sentence: -1 };
    const hasTitle = title !== undefined && /[\p{L}\p{N}]/u.test(title);
    const weights: Weights = hasTitle ? model.withTitle : model.noTitle;
    const doc = analyze(sentences, hasTitle ? title : undefined, stats);
    const probs = tokenProbabilities(doc, weights);
    const ranked = candidates(doc, probs)
      .map((c) => ({ ...c, score: score(c.features, weights) }))
      .sort((a, b) => b.score - a.score);
    const fitting = ranked.find((c) => c.variant.words <= MAX_WORDS);
    const best =
      fitting ?? ranked.reduce((a, b) => (b.variant.words < a.variant.words ? b : a), ranked[0] as Ranked);
    return {
      sentences,
      ranked,
      tldr: clampWords(best.variant.text),
      sentence: best.sentence,
    };
  }

  const analyzeText = (abstract: string, title?: string) =>
    analyzeSentences(splitSentences(cleanText(abstract)), title);

  return {
    stats,
    analyze: analyzeText,
    analyzeSentences,
    fromSentences: (sentences, title) => analyzeSentences(sentences, title).tldr,
    tldr: (abstract, title) => analyzeText(abstract, title).tldr,
  };
}
