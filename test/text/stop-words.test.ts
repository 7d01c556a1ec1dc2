import { describe, expect, it } from 'vitest';
import { STOP_WORDS } from '../../src/text/stop-words.js';

describe('STOP_WORDS', () => {
  it('search drops function words but keeps words a researcher might search for', () => {
    for (const w of ['the', 'of', 'using', 'whether']) expect(STOP_WORDS.search.has(w)).toBe(true);
    for (const w of ['learning', 'model', 'however', 'one']) expect(STOP_WORDS.search.has(w)).toBe(false);
  });

  it('overview also drops hedges and Latin abbreviations that never name a theme', () => {
    for (const w of ['however', 'several', 'et', 'al', 'eg']) expect(STOP_WORDS.overview.has(w)).toBe(true);
    expect(STOP_WORDS.search.has('however')).toBe(false);
  });

  it('the title-topic list is the title-feature list plus words that lead titles without naming a topic', () => {
    const extra = [...STOP_WORDS.titleTopic].filter((w) => !STOP_WORDS.titleFeatures.has(w));
    expect(extra.sort()).toEqual(['learning', 'toward', 'towards']);
    for (const w of STOP_WORDS.titleFeatures) expect(STOP_WORDS.titleTopic.has(w)).toBe(true);
  });

  it('title likeness drops "towards" and "using" but keeps the topic words two alike titles share', () => {
    for (const w of ['towards', 'using', 'through', 'without'])
      expect(STOP_WORDS.titleLikeness.has(w)).toBe(true);
    for (const w of ['learning', 'graph', 'diffusion']) expect(STOP_WORDS.titleLikeness.has(w)).toBe(false);
  });

  it('more-like-this is short, so a title keeps words such as "towards" and "using" in its query', () => {
    for (const w of ['the', 'of', 'via']) expect(STOP_WORDS.moreLikeThis.has(w)).toBe(true);
    for (const w of ['towards', 'using', 'learning']) expect(STOP_WORDS.moreLikeThis.has(w)).toBe(false);
  });
});
