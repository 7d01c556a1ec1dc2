// Trains the built-in TL;DR model on SciTLDR-A train and writes src/summarize/model.json (deterministic).
// Word statistics also come from the arXiv catalog (../shared/eval/arxiv/catalog.jsonl), read here by path.
// Usage: npm run build && node dist/bench/train-tldr.js [--out PATH] [--check] [--no-corpus]
//   --check      retrains and compares with the shipped model.json byte for byte (exit 1 when they differ); no dev report
//   --no-corpus  SciTLDR train alone (for comparison: the shipped model is trained with the corpus)
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createEngine } from '../src/summarize/engine.js';
import type { ModelData } from '../src/summarize/features.js';
import { meanRouge, rougeMultiMax } from '../src/summarize/rouge.js';
import { arxivCatalogPath, readArxivCorpus } from './arxiv-corpus.js';
import { ROOT } from './kit.js';
import { readSciTldr, sciTldrPath } from './scitldr.js';
import { serializeModel, trainModel } from './tldr-training.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    check: { type: 'boolean', default: false },
    'no-corpus': { type: 'boolean', default: false },
  },
});
const trainPath = sciTldrPath('train');
const devPath = sciTldrPath('dev');
if (!trainPath || !devPath) {
  console.error('train-tldr: ../shared/eval/scitldr/{train,dev}.jsonl not found (set PAPERBOY_SHARED)');
  process.exit(2);
}
const corpusPath = arxivCatalogPath();
if (!values['no-corpus'] && !corpusPath) {
  console.error(
    'train-tldr: ../shared/eval/arxiv/catalog.jsonl not found: the model takes its word statistics from it ' +
      '(set PAPERBOY_SHARED, or pass --no-corpus to train on SciTLDR alone, which does not reproduce model.json)',
  );
  process.exit(2);
}
const corpus = values['no-corpus'] || !corpusPath ? [] : readArxivCorpus(corpusPath);
const shipped = resolve(ROOT, 'src/summarize/model.json');
const out = values.out ? resolve(values.out) : shipped;
const train = readSciTldr(trainPath);
const dev = readSciTldr(devPath);
if (values.check) {
  const bytes = serializeModel(trainModel(train, undefined, undefined, corpus));
  const before = readFileSync(shipped, 'utf8');
  if (bytes === before) {
    console.log(`train-tldr --check: retraining reproduces ${shipped} byte for byte`);
    process.exit(0);
  }
  const [a, b] = [JSON.parse(before), JSON.parse(bytes)] as Record<string, unknown>[];
  const fields = Object.keys(b ?? {}).filter((k) => JSON.stringify(a?.[k]) !== JSON.stringify(b?.[k]));
  console.error(
    `train-tldr --check: retraining differs from ${shipped} in ${fields.join(', ')}; ` +
      'retrain (node dist/bench/train-tldr.js) and commit model.json with the change that moved it',
  );
  process.exit(1);
}
const model: ModelData = trainModel(train, dev, (line) => console.log(line), corpus);
const engine = createEngine(model);
for (const useTitle of [true, false]) {
  const scores = dev.map((r) =>
    rougeMultiMax(engine.fromSentences(r.source, useTitle ? r.title : undefined), r.target),
  );
  const m = meanRouge(scores);
  console.log(
    `dev (${useTitle ? 'title + abstract' : 'abstract only'}): R1 ${m.r1.toFixed(2)} R2 ${m.r2.toFixed(2)} RL ${m.rl.toFixed(2)}`,
  );
}
writeFileSync(out, serializeModel(model));
console.log(`wrote ${out}`);
