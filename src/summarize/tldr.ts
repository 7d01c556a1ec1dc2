// The built-in TL;DR: the shipped model (model.json, trained by bench/train-tldr.ts) behind pure functions.
import { z } from 'zod';
import { createEngine, type TldrEngine } from './engine.js';
import type { ModelData } from './features.js';
import modelJson from './model.json' with { type: 'json' };

const WeightsSchema = z.object({
  token: z.array(z.number()),
  prior: z.array(z.number()),
  candidate: z.array(z.number()),
});
const ModelSchema = z.object({
  version: z.literal(1),
  docs: z.number().int().positive(),
  vocab: z.array(z.string()),
  df: z.array(z.number()),
  priorWords: z.array(z.string()),
  titleness: z.array(z.number().int().min(0).max(100)),
  rareTitleness: z.number().int().min(0).max(100),
  sentenceWords: z.array(z.string()),
  sentenceWeights: z.array(z.number()),
  tokenFeatures: z.array(z.string()),
  candidateFeatures: z.array(z.string()),
  withTitle: WeightsSchema,
  noTitle: WeightsSchema,
});

let engine: TldrEngine | undefined;

/** The engine over the shipped model, built on first use. */
export function defaultEngine(): TldrEngine {
  engine ??= createEngine(ModelSchema.parse(modelJson) satisfies ModelData);
  return engine;
}

/**
 * One sentence saying what the paper does and finds, taken from the abstract and lightly compressed.
 * Returns '' when there is no abstract to summarise. Never throws.
 */
export function tldr(abstract: string, title?: string): string {
  return defaultEngine().tldr(abstract, title);
}
