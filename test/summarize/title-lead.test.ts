import { describe, expect, it } from 'vitest';
import { leadWithTitle, titleForms, withoutTitleLead } from '../../src/summarize/title-lead.js';

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
