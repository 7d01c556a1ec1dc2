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
import { NO_WEIGHTS, TINY_STATS } from './tiny-stats.js';

const stats = TINY_STATS;

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

describe('TL;DR features learned from the arXiv corpus', () => {
  // Invented statistics: "segmentation" is usually in a paper's title when its abstract has it, "experiments"
  // almost never; "propose" and opening with "We propose" mark the sentence closest to the title, "furthermore" not.
  const corpusStats = statsOf({
    docs: 100,
    vocab: ['the', 'we', 'segmentation', 'experiments', 'propose', 'furthermore'],
    df: [100, 90, 5, 40, 30, 10],
    priorWords: [],
    titleness: [9, 0, 50, 0, 0, 0],
    rareTitleness: 20,
    sentenceWords: ['propose', 'furthermore', '^we propose'],
    sentenceWeights: [0.7, -0.4, 0.3],
  });

  function corpusFeature(sentences: string[], name: (typeof CANDIDATE_FEATURES)[number]): number[] {
    const doc = analyze(sentences, undefined, corpusStats);
    const ctx = candidateContext(doc, tokenProbabilities(doc, NO_WEIGHTS));
    const at = CANDIDATE_FEATURES.indexOf(name);
    return sentences.map((s, i) => candidate(ctx, i, wholeSentence(s)).features[at] as number);
  }

  it('guesses the title from word statistics when there is none: title-like words count, others do not', () => {
    const coverage = corpusFeature(
      ['We propose segmentation of cells.', 'Experiments run on the cluster.'],
      'guessCoverage',
    );
    expect(coverage[0]).toBeGreaterThan(coverage[1] as number);
    // Unknown words ("cells", "cluster", …) take the rare-word rate, so both sentences have some.
    expect(coverage[1]).toBeGreaterThan(0);
  });

  it('scores each sentence by its marking words, once each, and by how it opens ("^we propose")', () => {
    const marks = feature(['We propose to propose.'], 'titleSentence');
    expect(marks).toEqual([0]);
    const scored = corpusFeature(
      ['We propose to propose a segmentation.', 'Furthermore the experiments agree.', 'The rest.'],
      'titleSentence',
    );
    expect(scored[0]).toBeCloseTo(0.7 + 0.3);
    expect(scored[1]).toBeCloseTo(-0.4);
    expect(scored[2]).toBe(0);
  });
});
