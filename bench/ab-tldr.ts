// Paired A/B of two TL;DR model files on SciTLDR dev: the ROUGE-1 change per paper with its standard error.
// Usage: npm run build && node dist/bench/ab-tldr.js BASELINE.json CANDIDATE.json
import { readFileSync } from 'node:fs';
import { createEngine } from '../src/summarize/engine.js';
import type { ModelData } from '../src/summarize/features.js';
import { rougeMultiMax } from '../src/summarize/rouge.js';
import { readSciTldr, sciTldrPath } from './scitldr.js';

const files = process.argv.slice(2);
const devPath = sciTldrPath('dev');
if (files.length !== 2 || !devPath) {
  console.error(
    'usage: node dist/bench/ab-tldr.js BASELINE.json CANDIDATE.json (needs ../shared/eval/scitldr/dev.jsonl)',
  );
  process.exit(2);
}
const [before, after] = files.map((f) => createEngine(JSON.parse(readFileSync(f, 'utf8')) as ModelData));
const dev = readSciTldr(devPath);
for (const useTitle of [false, true]) {
  const diffs = dev.map((r) => {
    const title = useTitle ? r.title : undefined;
    const a = rougeMultiMax(before?.fromSentences(r.source, title) ?? '', r.target).r1;
    const b = rougeMultiMax(after?.fromSentences(r.source, title) ?? '', r.target).r1;
    return 100 * (b - a);
  });
  const mean = diffs.reduce((x, y) => x + y, 0) / diffs.length;
  const sd = Math.sqrt(diffs.reduce((x, y) => x + (y - mean) ** 2, 0) / Math.max(1, diffs.length - 1));
  // Two standard errors either side: a change inside that band is not evidence of a better model.
  console.log(
    `${useTitle ? 'title + abstract' : 'abstract only   '}: ROUGE-1 ${mean >= 0 ? '+' : ''}${mean.toFixed(2)} ` +
      `± ${(sd / Math.sqrt(diffs.length)).toFixed(2)} (standard error; ${diffs.filter((d) => d !== 0).length} of ${diffs.length} TL;DRs changed)`,
  );
}
