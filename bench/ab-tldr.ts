// Paired A/B of two TL;DR models on SciTLDR dev: the ROUGE-1 change per paper with its standard error.
// Usage: npm run build && node dist/bench/ab-tldr.js A B, where each of A and B is a model file (model.json, run
// by this build's engine) or a build's dist/ directory (its own engine and shipped model: compares builds whose
// feature columns or rules differ, e.g. `git worktree add` of an older commit + `npm run build`).
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createEngine, type TldrEngine } from '../src/summarize/engine.js';
import type { ModelData } from '../src/summarize/features.js';
import { rougeMultiMax } from '../src/summarize/rouge.js';
import { pairedChange } from './kit.js';
import { readSciTldr, sciTldrPath } from './scitldr.js';

/** The engine a model file or a build directory stands for. */
async function engineOf(path: string): Promise<TldrEngine> {
  if (!statSync(path).isDirectory()) return createEngine(JSON.parse(readFileSync(path, 'utf8')) as ModelData);
  const tldr = (await import(pathToFileURL(resolve(path, 'src', 'summarize', 'tldr.js')).href)) as {
    defaultEngine: () => TldrEngine;
  };
  return tldr.defaultEngine();
}

const files = process.argv.slice(2);
const devPath = sciTldrPath('dev');
if (files.length !== 2 || !devPath) {
  console.error(
    'usage: node dist/bench/ab-tldr.js A B (each a model .json or a build’s dist/ directory; needs ../shared/eval/scitldr/dev.jsonl)',
  );
  process.exit(2);
}
const [before, after] = await Promise.all(files.map(engineOf));
const dev = readSciTldr(devPath);
for (const useTitle of [false, true]) {
  const diffs = dev.map((r) => {
    const title = useTitle ? r.title : undefined;
    const a = rougeMultiMax(before?.fromSentences(r.source, title) ?? '', r.target).r1;
    const b = rougeMultiMax(after?.fromSentences(r.source, title) ?? '', r.target).r1;
    return 100 * (b - a);
  });
  const change = pairedChange(diffs);
  console.log(
    `${useTitle ? 'title + abstract' : 'abstract only   '}: ROUGE-1 ${change.text} ` +
      `(standard error; ${change.changed} of ${diffs.length} TL;DRs changed)`,
  );
}
