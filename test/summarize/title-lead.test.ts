import { describe, expect, it } from 'vitest';
import {
  definedTerms,
  leadWithTerm,
  leadWithTitle,
  longForm,
  openingTopic,
  titleForms,
  withoutTitleLead,
} from '../../src/summarize/title-lead.js';

const SENTENCE = 'We introduce a simple schedule that halves the cost.';
const TITLE = 'Cosine Warmup Restarts';

/** A word model's chances: the given words at `title`, every other word at `rest`. */
function chances(title: number, rest: number, words = ['cosine', 'warmup', 'restarts']) {
  const high = new Set(words);
  return (w: string) => (high.has(w) ? title : rest);
}

describe('leadWithTitle', () => {
  it('leads when the title words are likelier in a TL;DR than the sentence words are', () => {
    expect(leadWithTitle(SENTENCE, TITLE, chances(0.6, 0.2), 50)).toBe(`${TITLE}: ${SENTENCE}`);
  });

  it('keeps the title out when its words are unlikely: they would only lower precision', () => {
    expect(leadWithTitle(SENTENCE, TITLE, chances(0.05, 0.4), 50)).toBe(SENTENCE);
  });

  it('weighs the sentence against its length plus a reference TL;DR: a title of average words leads a short one', () => {
    // Title words at the same chance as the sentence's: D / t = 0.3 against E / (n + 30) = 0.3 · 9 / 39.
    expect(leadWithTitle(SENTENCE, TITLE, chances(0.3, 0.3), 50)).toBe(`${TITLE}: ${SENTENCE}`);
  });

  it('scores title words the abstract never uses as unlikely', () => {
    const unknownTitle = (w: string) => (['cosine', 'warmup', 'restarts'].includes(w) ? undefined : 0.5);
    expect(leadWithTitle(SENTENCE, TITLE, unknownTitle, 50)).toBe(SENTENCE);
    expect(leadWithTitle(SENTENCE, TITLE, chances(0.3, 0.5), 50)).toBe(`${TITLE}: ${SENTENCE}`);
  });

  it('never repeats a title whose topic words the sentence names already', () => {
    const sentence = 'We introduce cosine warmup restarts, a schedule that halves the cost.';
    expect(leadWithTitle(sentence, `Towards ${TITLE}`, chances(0.9, 0.1, ['towards']), 50)).toBe(sentence);
  });

  it('leaves out titles that are too long or would push the TL;DR past its limit', () => {
    expect(leadWithTitle(SENTENCE, `${'Very '.repeat(20)}${TITLE}`, chances(0.9, 0.1), 80)).toBe(SENTENCE);
    expect(leadWithTitle(SENTENCE, TITLE, chances(0.9, 0.1), 10)).toBe(SENTENCE);
  });

  it('joins a title with its own colon by a dash and a question by a space', () => {
    const all = () => 0.9;
    expect(leadWithTitle(SENTENCE, 'CoWR: Cosine Restarts', all, 50)).toBe(
      `CoWR: Cosine Restarts — ${SENTENCE}`,
    );
    expect(leadWithTitle(SENTENCE, 'Do Restarts Help?', all, 50)).toBe(`Do Restarts Help? ${SENTENCE}`);
  });

  it('is undone by withoutTitleLead', () => {
    const led = leadWithTitle(SENTENCE, TITLE, chances(0.6, 0.2), 50);
    expect(withoutTitleLead(led, TITLE)).toBe(SENTENCE);
  });

  it("is undone for a head or tail lead, but never takes a sentence's own opening for one", () => {
    const title = 'SVDD: Fine-Tuning by Soft Values';
    expect(withoutTitleLead(`SVDD: ${SENTENCE}`, title)).toBe(SENTENCE);
    expect(withoutTitleLead(`Fine-Tuning by Soft Values: ${SENTENCE}`, title)).toBe(SENTENCE);
    expect(withoutTitleLead('SVDD integrates soft values into decoding.', title)).toBe(
      'SVDD integrates soft values into decoding.',
    );
  });
});

describe('title forms', () => {
  it("offers a colon title's head and tail on their own, the tail capitalised", () => {
    expect(titleForms('Divide, Conquer: a New Inference Strategy')).toEqual([
      'Divide, Conquer: a New Inference Strategy',
      'Divide, Conquer',
      'A New Inference Strategy',
    ]);
    expect(titleForms('Cosine Warmup Restarts')).toEqual(['Cosine Warmup Restarts']);
  });

  it('leads with the form that raises the expected F-measure most: the head when only the name is missing', () => {
    const sentence = 'We fine-tune diffusion models by soft values.';
    const title = 'SVDD: Fine-Tuning Diffusion Models by Soft Values';
    const nameLikely = (w: string) => (w === 'svdd' ? 0.9 : 0.3);
    expect(leadWithTitle(sentence, title, nameLikely, 50)).toBe(`SVDD: ${sentence}`);
  });

  it('leads with the tail when the head is unlikely and the tail adds likely words', () => {
    const sentence = 'We introduce a simple schedule that halves the cost.';
    const tailLikely = (w: string) =>
      ['cosine', 'warmup', 'restarts'].includes(w) ? 0.8 : w === 'cowr' ? 0.01 : 0.3;
    expect(leadWithTitle(sentence, 'CoWR: Cosine Warmup Restarts', tailLikely, 50)).toBe(
      `Cosine Warmup Restarts: ${sentence}`,
    );
  });
});

describe('a defined term leading a TL;DR without a title', () => {
  it('spells out an abbreviation from the words before it, its letters at word starts or inside words', () => {
    expect(longForm('We train deep neural networks', 'DNNs')).toBe('deep neural networks');
    expect(longForm('We propose a variational-recurrent imputation network', 'V-RIN')).toBe(
      'variational-recurrent imputation network',
    );
    expect(longForm('the cause of vulnerability of batch normalization', 'BatchNorm')).toBe(
      'batch normalization',
    );
  });

  it('finds no long form across a clause, for a one-word match or an abbreviation with one capital', () => {
    expect(longForm('deep, neural networks', 'DNN')).toBeUndefined();
    expect(longForm('we use Transformers', 'TR')).toBeUndefined();
    expect(longForm('as we see below', 'see')).toBeUndefined();
    expect(longForm('We train TNet with a ResNet encoder', 'TNet')).toBeUndefined();
  });

  it('collects each term the abstract defines once', () => {
    const sentences = [
      'Deep neural networks (DNNs) are large.',
      'We prune deep neural networks (DNNs) with a graph attention network (GAT).',
    ];
    expect(definedTerms(sentences)).toEqual(['Deep neural networks', 'graph attention network']);
  });

  it('leads with a defined term the sentence lacks when its words are likely, capitalised', () => {
    const sentences = ['Mixed precision training (MPT) is common.', SENTENCE];
    const likely = (w: string) => (['mixed', 'precision', 'training'].includes(w) ? 0.7 : 0.2);
    expect(leadWithTerm(SENTENCE, sentences, likely, 50)).toBe(`Mixed precision training: ${SENTENCE}`);
    expect(leadWithTerm(SENTENCE, sentences, (w) => (likely(w) > 0.5 ? 0.01 : 0.3), 50)).toBe(SENTENCE);
  });

  it('never leads with a term the sentence spells out already', () => {
    const sentence = 'We speed up mixed precision training.';
    const sentences = ['Mixed precision training (MPT) is common.', sentence];
    expect(leadWithTerm(sentence, sentences, () => 0.9, 50)).toBe(sentence);
  });
});

describe('the topic an abstract opens with', () => {
  it("is its first sentence's subject, without qualifiers that date it or nouns that frame it", () => {
    expect(openingTopic('Deep neural networks are vulnerable to adversarial examples.')).toBe(
      'Deep neural networks',
    );
    expect(openingTopic('Robustness of neural networks has recently been highlighted.')).toBe(
      'Robustness of neural networks',
    );
    expect(openingTopic('Recent advances in deep reinforcement learning have shown promise.')).toBe(
      'deep reinforcement learning',
    );
    expect(openingTopic('State-of-the-art methods for point cloud completion still struggle.')).toBe(
      'point cloud completion',
    );
  });

  it("leaves out the conjunction of a concession it opens with (arXiv sample: 'Although Multimodal…')", () => {
    expect(
      openingTopic('Although Multimodal Large Language Models have shown strong reasoning abilities.'),
    ).toBe('Multimodal Large Language Models');
  });

  it('is not taken from an opening with a determiner, a pronoun, a comma or a single word', () => {
    expect(openingTopic('The brain is a complex system.')).toBeUndefined();
    expect(openingTopic('We propose a new method.')).toBeUndefined();
    expect(openingTopic('In recent years, graph neural networks have emerged.')).toBeUndefined();
    expect(openingTopic('Transformers are popular.')).toBeUndefined();
    expect(openingTopic('Große Sprachmodelle sind teuer.')).toBeUndefined();
  });

  it('leads a TL;DR that lacks it, when its words are likely', () => {
    const sentences = ['Continual learning is a long-standing goal.', SENTENCE];
    const likely = (w: string) => (['continual', 'learning'].includes(w) ? 0.7 : 0.2);
    expect(leadWithTerm(SENTENCE, sentences, likely, 50)).toBe(`Continual learning: ${SENTENCE}`);
  });
});
