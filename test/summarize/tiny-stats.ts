// The smallest word statistics a feature test can run on: three common words, no priors, no sentence model.
import { statsOf } from '../../src/summarize/features.js';

export const TINY_STATS = statsOf({
  docs: 3,
  vocab: ['the', 'we', 'of'],
  df: [3, 3, 3],
  priorWords: [],
  titleness: [0, 0, 0],
  rareTitleness: 0,
  sentenceWords: [],
  sentenceWeights: [],
});
export const NO_WEIGHTS = { token: [], prior: [], candidate: [] };
