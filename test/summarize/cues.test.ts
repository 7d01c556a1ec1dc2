// The claim and result cues of the TL;DR ranker on real SciTLDR dev sentences (paper ids given).
import { describe, expect, it } from 'vitest';
import { ALL_FLAGS, CLAIM, RESULT, sentenceCues } from '../../src/summarize/cues.js';

const claim = (s: string) => sentenceCues(s, ALL_FLAGS)[0];
const result = (s: string) => sentenceCues(s, ALL_FLAGS)[2];

describe('claim cue', () => {
  it('reads a claim with a concluding adverb between "we" and the verb', () => {
    // BJlQEILY_N
    expect(
      claim(
        'We therefore propose a new molecule generation model, mirroring a more realistic real-world process, where reactants are selected and combined to form more complex molecules.',
      ),
    ).toBe(1);
  });

  it('does not read a second contribution ("we further introduce") as the claim', () => {
    // SkeXehR9t7
    expect(
      claim(
        'We further introduce an attention mechanism that aligns node embeddings and the decoding sequence to better cope with large graphs.',
      ),
    ).toBe(0);
  });

  it('reads the verbs train\'s TL;DRs use after "we" (define, compare, aim, combine…)', () => {
    // rkldVXKU8H
    expect(
      claim(
        'Here we define several such methods, and compare their performance on ImageNet recognition with a Densenet-121 network.',
      ),
    ).toBe(1);
    expect(
      CLAIM.test(
        'In this work, we aim to investigate the cause of adversarial vulnerability of the BatchNorm.',
      ),
    ).toBe(true);
  });

  it('does not take a modal or a past tense for a claim', () => {
    expect(claim('In some cases we can recover the generating structure.')).toBe(0);
    expect(claim('Prior work we proposed last year scales poorly.')).toBe(0);
  });
});

describe('result cue', () => {
  it('does not read prior work\'s "state-of-the-art" as a result', () => {
    // HJaDJZ-0W, r1eJssCqY7, B1eYGkBKDB
    for (const s of [
      'Recurrent Neural Networks (RNNs) are used in state-of-the-art models in domains such as speech recognition, machine translation, and language modelling.',
      'Neural Network (NN) has achieved state-of-the-art performances in many tasks within image, speech, and text domains.',
      'State-of-the-art neural machine translation methods employ massive amounts of parameters.',
    ]) {
      expect(result(s)).toBe(0);
    }
  });

  it("reads a result with the paper's own subject, a figure or an outperforming method", () => {
    // rkl8dlHYvB, BJfIVjAcKm, S1ltj47xdE
    for (const s of [
      'Quantitative comparisons against four strong shape segmentation baselines show that we achieve the state-of-the-art performance.',
      'Then, improving ReLU stability leads to an additional 4-13x speedup in verification times.',
      'Without using ground-truth training labels, BERT-PR models outperform BM25 baseline by a large margin on all three datasets and even beat the previous state-of-the-art results with full supervision on two of datasets.',
    ]) {
      expect(result(s)).toBe(1);
      expect(RESULT.test(s)).toBe(true);
    }
  });

  it('does not count a digit inside a name (ResNet-50, GPT-2) as a figure', () => {
    expect(result('ResNet-50 and GPT-2 are popular and achieve high accuracy.')).toBe(0);
  });
});
