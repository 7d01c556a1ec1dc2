// Retraining the TL;DR model is deterministic, and a change to what training sees shows up here first.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SciTldrRecord } from '../../bench/scitldr.js';
import { serializeModel, trainModel } from '../../bench/tldr-training.js';
import { cleanText, splitSentences } from '../../src/summarize/text.js';
import {
  B_CODER,
  DIAGNOSING_DRL,
  HEALTH_TEXT,
  IMITATING_LANGUAGE,
  MIXTURE_OF_EXPERTS,
  STARC,
  STOP_SUMMATION,
  SVDD,
  TRANSFER_Q,
} from './seed-abstracts.js';

/** Real abstracts from the seed catalog as SciTLDR records, each paper's title standing in for its gold TL;DR. */
const SEEDS: SciTldrRecord[] = [
  SVDD,
  DIAGNOSING_DRL,
  STARC,
  HEALTH_TEXT,
  TRANSFER_Q,
  STOP_SUMMATION,
  IMITATING_LANGUAGE,
  MIXTURE_OF_EXPERTS,
  B_CODER,
].map((p) => ({
  paper_id: p.id,
  source: splitSentences(cleanText(p.abstract ?? '')),
  target: [p.title],
  title: p.title,
}));

/**
 * Invented edge case: TeX in given sentences goes through the catalog's normaliser before the vocabulary is
 * counted ("$\ell_1$" is the word "ℓ₁"), which is how model.json last drifted from its training script.
 */
const TEX: SciTldrRecord[] = [1, 2].map((n) => ({
  paper_id: `tex-${n}`,
  source: [
    `We propose an $\\ell_1$-regularised estimator for sparse recovery in $\\mathbb{R}^n$ (variant ${n}).`,
    'It recovers the support with fewer samples than the $\\ell_2$ baseline.',
  ],
  target: ['An $\\ell_1$-regularised estimator recovers sparse signals with fewer samples.'],
  title: 'Sparse recovery with $\\ell_1$ regularisation',
}));

const SLICE = [...SEEDS, ...TEX];
const GOLDEN = join(import.meta.dirname, '..', 'fixtures', 'tldr', 'tiny-model.json');

describe('TL;DR training on a tiny slice', () => {
  // Trained once for all three checks (a second time for determinism): each run takes a second or two.
  const model = trainModel(SLICE);
  const bytes = serializeModel(model);

  it('gives the same bytes every time it runs', () => {
    expect(serializeModel(trainModel(SLICE))).toBe(bytes);
  });

  it('counts the vocabulary over normalised text, so TeX becomes the words a card shows', () => {
    expect(model.vocab).toContain('ℓ₁');
    expect(model.vocab.some((w) => w.includes('\\') || w === 'ell')).toBe(false);
  });

  it('takes its word statistics from a titled corpus when given one, keeping only words common in it', () => {
    const corpus = [...SEEDS, ...SEEDS].map((r) => ({ sentences: r.source, title: r.title }));
    const withCorpus = trainModel(SLICE, undefined, undefined, corpus);
    expect(withCorpus.docs).toBe(SLICE.length + corpus.length);
    expect(withCorpus.vocab).toContain('we');
    expect(withCorpus.vocab).not.toContain('ℓ₁');
    expect(Math.min(...withCorpus.df)).toBeGreaterThanOrEqual(10);
    expect(withCorpus.titleness).toHaveLength(withCorpus.vocab.length);
  });

  it('matches the recorded tiny model (UPDATE_GOLDEN=1 rewrites it; retrain model.json in the same commit)', () => {
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(GOLDEN)) writeFileSync(GOLDEN, bytes);
    // A difference means training now sees other words or features than when model.json was last trained:
    // `node dist/bench/train-tldr.js --check` says whether the shipped model still reproduces.
    expect(bytes).toBe(readFileSync(GOLDEN, 'utf8'));
  });
});
