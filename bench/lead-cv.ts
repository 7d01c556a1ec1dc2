// What the lead adds to the TL;DR (the title, or without one a term the abstract defines), paired per paper: the
// led TL;DR against the same sentence unled, on SciTLDR dev (shipped model) and on train by 2-fold cross-fitting
// (each half by a token model and ranker trained on the other half, as choice-confusion.ts does).
// Usage: npm run build && node dist/bench/lead-cv.js [--examples N]
import { parseArgs } from 'node:util';
import { createEngine } from '../src/summarize/engine.js';
import type { ModelData } from '../src/summarize/features.js';
import { rougeMultiMax } from '../src/summarize/rouge.js';
import { pairedChange } from './kit.js';
import type { SciTldrRecord } from './scitldr.js';
import { cachedTokens, crossFit, otherHalfWeights } from './tldr-training.js';

const { values } = parseArgs({ options: { examples: { type: 'string', default: '0' } } });
const { cache, model, stats, dev, folds } = crossFit('lead-cv');
const shown = Number(values.examples);

/** Per paper, 100 × (ROUGE-1 led − ROUGE-1 unled), and how many were led. */
function leadGains(data: readonly SciTldrRecord[], m: ModelData, useTitle: boolean, show: number) {
  const engine = createEngine(m);
  let led = 0;
  const gains = data.map((r) => {
    const a = engine.analyzeSentences(r.source, useTitle ? r.title : undefined);
    if (a.tldr === a.untitled) return 0;
    led++;
    if (led <= show) console.log(`  ${a.tldr}`);
    return 100 * (rougeMultiMax(a.tldr, r.target).r1 - rougeMultiMax(a.untitled, r.target).r1);
  });
  return { gains, led };
}

for (const useTitle of [false, true]) {
  const mode = useTitle ? 'title + abstract' : 'abstract only';
  const trainGains: number[] = [];
  let trainLed = 0;
  for (const f of [0, 1] as const) {
    const other = folds[1 - f] as SciTldrRecord[];
    const own = folds[f];
    const weights = otherHalfWeights(other, stats, useTitle, (d) =>
      cachedTokens(cache, d, stats, useTitle, model.priorWords.length),
    );
    const m = useTitle ? { ...model, withTitle: weights } : { ...model, noTitle: weights };
    const { gains, led } = leadGains(own, m, useTitle, 0);
    trainGains.push(...gains);
    trainLed += led;
  }
  const d = leadGains(dev, model, useTitle, shown);
  console.log(
    `${mode.padEnd(16)} lead: dev ${pairedChange(d.gains).text} (${d.led} led); train 2-fold ${pairedChange(trainGains).text} (${trainLed} led)`,
  );
}
