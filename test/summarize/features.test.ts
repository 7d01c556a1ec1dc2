import { describe, expect, it } from 'vitest';
import { wholeSentence } from '../../src/summarize/compress.js';
import {
  analyze,
  CANDIDATE_FEATURES,
  candidate,
  candidateContext,
  statsOf,
  tokenProbabilities,
} from '../../src/summarize/features.js';

const stats = statsOf({ docs: 3, vocab: ['the', 'we', 'of'], df: [3, 3, 3], priorWords: [] });
const NO_WEIGHTS = { token: [], prior: [], candidate: [] };

/** The named candidate feature of each sentence of an abstract, as the ranker sees it. */
function feature(sentences: string[], name: (typeof CANDIDATE_FEATURES)[number]): number[] {
  const doc = analyze(sentences, undefined, stats);
  const ctx = candidateContext(doc, tokenProbabilities(doc, NO_WEIGHTS));
  const at = CANDIDATE_FEATURES.indexOf(name);
  return sentences.map((s, i) => candidate(ctx, i, wholeSentence(s)).features[at] as number);
}

describe('TL;DR candidate features', () => {
  it('reads "This paper proposes…" as self-contained, and "This method…" as leaning on the sentence before', () => {
    const flags = feature(
      [
        'This paper proposes sparse attention for long documents.',
        'This method halves the memory of a transformer.',
        'Our study covers six languages.',
      ],
      'pronounStart',
    );
    expect(flags).toEqual([0, 1, 0]);
  });

  it('rates a sentence that repeats the abstract’s key words above one that wanders off', () => {
    const sentences = [
      'Graph transformers struggle with long range dependencies in molecules.',
      'We propose a graph transformer with rotary positional encodings for molecules.',
      'Lunch was served at noon.',
    ];
    const coverage = feature(sentences, 'keyCoverage');
    const central = feature(sentences, 'centralityIdf');
    expect(coverage[1]).toBeGreaterThan(coverage[2] as number);
    expect(central[1]).toBeGreaterThan(central[2] as number);
    expect(coverage[2]).toBe(0);
  });
});
