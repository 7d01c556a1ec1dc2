// Quick, paired check of a change to the TL;DR ranker's candidate columns, in under a minute instead of a retrain.
// The ranker is trained as train-tldr.ts trains it and scored twice: on dev, and by 2-fold cross-validation on SciTLDR
// train (1,992 more papers: a second estimate, independent of dev, with its own standard error). Word statistics come
// from the shipped model.json; the token model is retrained and cached (keyed by its feature rows), and ROUGE-1 of
// every candidate is cached by its text, so only the candidate columns are recomputed.
// The ranker's training groups are cross-fitted over K folds as in trainModel; on train, each half is scored by a
// token model trained on the other half and a ranker trained on that half's own K-fold cross-fitted groups (nested:
// the half it is scored on is never seen, and the ranker learns from probabilities as sharp relative to the ones
// it is used with as the shipped ranker does).
// Usage: npm run build && node dist/bench/ranker-cv.js [--drop col,col] [--save NAME] [--vs NAME] [--folds K]
//   --drop  zeroes these CANDIDATE_FEATURES columns (an ablation without editing features.ts)
//   --save  keeps each paper's picked ROUGE-1 under NAME; --vs NAME prints the paired change against it
//   --folds the ranker's cross-fitting folds (default RANKER_FOLDS, what model.json is trained with); K,K' stacks
//           the groups of each (the same abstracts scored by word models of two sizes)
//   --bag N averages the weights of N rankers fitted on bootstrap resamples of the groups
//   --temperature, --l2, --steps  the ranker's fitting options (defaults: trainRanker's)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { prepareSentences } from '../src/summarize/engine.js';
import {
  analyze,
  CANDIDATE_FEATURES,
  candidates,
  tokenProbabilities,
  type Weights,
} from '../src/summarize/features.js';
import { pairedChange, seededRandom } from './kit.js';
import type { SciTldrRecord } from './scitldr.js';
import {
  cachedRouge,
  cachedTokens,
  crossFit,
  crossFitted,
  type Group,
  picks,
  RANKER_FOLDS,
  type RankerOptions,
  trainRanker,
} from './tldr-training.js';

const { values } = parseArgs({
  options: {
    drop: { type: 'string', default: '' },
    folds: { type: 'string', default: String(RANKER_FOLDS) },
    bag: { type: 'string', default: '0' },
    temperature: { type: 'string' },
    l2: { type: 'string' },
    steps: { type: 'string' },
    save: { type: 'string' },
    vs: { type: 'string' },
  },
});
const { cache, model, stats, dev, train, folds } = crossFit('ranker-cv');
const dropped = values.drop.split(',').filter(Boolean);
const unknown = dropped.filter((c) => !CANDIDATE_FEATURES.includes(c as never));
if (unknown.length > 0) {
  console.error(
    `ranker-cv: no candidate column ${unknown.join(', ')} (see CANDIDATE_FEATURES in features.ts)`,
  );
  process.exit(2);
}
const dropAt = dropped.map((c) => CANDIDATE_FEATURES.indexOf(c as never));

function readJson<T>(path: string): T | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : undefined;
}

/** The token model's weights for these papers, from the cache when its feature rows have not changed. */
function tokenWeights(data: readonly SciTldrRecord[], useTitle: boolean): Weights {
  return cachedTokens(cache, data, stats, useTitle, model.priorWords.length);
}

/** ROUGE-1 of a candidate text, per paper id (the same whatever the columns or mode). */
const rouge = cachedRouge(cache);

function groupsOf(data: readonly SciTldrRecord[], weights: Weights, useTitle: boolean): Group[] {
  return data.map((r) => {
    const doc = analyze(prepareSentences(r.source), useTitle ? r.title : undefined, stats);
    const cands = candidates(doc, tokenProbabilities(doc, weights));
    return {
      features: cands.map((c) => {
        const f = [...c.features];
        for (const i of dropAt) f[i] = 0;
        return f;
      }),
      r1: rouge.of(
        r,
        cands.map((c) => c.variant.text),
      ),
      sentence: Int32Array.from(cands.map((c) => c.sentence)),
    };
  });
}

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

const ks = values.folds.split(',').map(Number);
const bag = Number(values.bag);
const options: RankerOptions = {};
if (values.temperature) options.temperature = Number(values.temperature);
if (values.l2) options.l2 = Number(values.l2);
if (values.steps) options.steps = Number(values.steps);

/** The ranker's weights: one fit, or the mean of `bag` fits on bootstrap resamples of the groups. */
function rankerWeights(data: readonly Group[]): number[] {
  if (bag <= 0) return trainRanker(data, options);
  const next = seededRandom(1);
  const sum = new Array<number>(CANDIDATE_FEATURES.length).fill(0);
  for (let b = 0; b < bag; b++) {
    const sample = Array.from({ length: data.length }, () => data[Math.floor(next() * data.length)] as Group);
    trainRanker(sample, options).forEach((w, i) => {
      sum[i] = (sum[i] as number) + w / bag;
    });
  }
  return sum;
}

const results: Record<string, number[]> = {};
for (const useTitle of [true, false]) {
  const mode = useTitle ? 'title + abstract' : 'abstract only';
  const rankerGroups = (data: readonly SciTldrRecord[]) =>
    ks.flatMap((k) =>
      crossFitted(
        data,
        k,
        (rest) => tokenWeights(rest, useTitle),
        (fold, w) => groupsOf(fold, w, useTitle),
      ),
    );
  const devGroups = groupsOf(dev, tokenWeights(train, useTitle), useTitle);
  results[`dev ${mode}`] = picks(devGroups, rankerWeights(rankerGroups(train)));
  results[`train 2-fold ${mode}`] = folds.flatMap((own, f) => {
    const other = folds[1 - f] as SciTldrRecord[];
    return picks(groupsOf(own, tokenWeights(other, useTitle), useTitle), rankerWeights(rankerGroups(other)));
  });
}
rouge.save();
const before = values.vs
  ? readJson<Record<string, number[]>>(join(cache, `picks-${values.vs}.json`))
  : undefined;
if (values.vs && !before)
  console.error(`ranker-cv: nothing saved as ${values.vs} (run with --save ${values.vs})`);
for (const [label, scores] of Object.entries(results)) {
  let line = `${label.padEnd(30)} pick R1 ${mean(scores).toFixed(2)}`;
  const other = before?.[label];
  if (other && other.length === scores.length) {
    line += `   vs ${values.vs}: ${pairedChange(scores.map((v, i) => v - (other[i] as number))).text}`;
  }
  console.log(line);
}
if (values.save) writeFileSync(join(cache, `picks-${values.save}.json`), JSON.stringify(results));
