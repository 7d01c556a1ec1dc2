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
/**
 * The word tables hold ~16,000 entries each: one plain loop checks them, where a schema per element cost tens of
 * milliseconds at start-up.
 */
const strings = z.custom<string[]>(
  (v) => Array.isArray(v) && v.every((x) => typeof x === 'string'),
  'expected an array of strings',
);
const numbers = z.custom<number[]>(
  (v) => Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isFinite(x)),
  'expected an array of numbers',
);
const ModelSchema = z.object({
  version: z.literal(1),
  docs: z.number().int().positive(),
  vocab: strings,
  df: numbers,
  priorWords: z.array(z.string()),
  titleness: numbers,
  rareTitleness: z.number().int().min(0).max(100),
  sentenceWords: strings,
  sentenceWeights: numbers,
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
