// Ranking parameters: BM25F field weights and saturation, and the weights of the softer matches.
// Tuned on the SciFact train queries (npm run eval:search); the bench and tests use the same defaults.
import type { FieldName } from './inverted.js';

export interface FieldParams {
  /** How much one occurrence here counts relative to one in the abstract. */
  weight: number;
  /** Length normalisation, 0 (none) to 1 (full). */
  b: number;
}

export interface RankingParams {
  k1: number;
  fields: Record<FieldName, FieldParams>;
  /** Weight of a typo correction ("modles" → models) relative to an exact word. */
  fuzzy: number;
  /** Weight of a completion of the word being typed ("diffu" → diffusion). */
  prefix: number;
  /** Weight of an acronym's expansion, or of the acronym when the expansion was typed. */
  acronym: number;
  /** Queries with more distinct words keep only their most specific ones (a pasted abstract). */
  maxTerms: number;
}

export const DEFAULT_PARAMS: RankingParams = {
  k1: 1.2,
  fields: {
    title: { weight: 2.5, b: 0.4 },
    abstract: { weight: 1, b: 0.55 },
    authors: { weight: 1, b: 0.3 },
    keywords: { weight: 1.5, b: 0.5 },
  },
  fuzzy: 0.6,
  prefix: 0.7,
  acronym: 0.5,
  maxTerms: 48,
};

export function withParams(overrides: Partial<RankingParams> | undefined): RankingParams {
  if (!overrides) return DEFAULT_PARAMS;
  return {
    ...DEFAULT_PARAMS,
    ...overrides,
    fields: { ...DEFAULT_PARAMS.fields, ...(overrides.fields ?? {}) },
  };
}
