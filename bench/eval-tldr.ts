// `npm run eval:tldr`: ROUGE of `paperboy tldr --batch` on SciTLDR-A dev, scored as the SciTLDR paper does.
// Options: --split dev|test (test: ../shared/eval/scitldr/test.jsonl when present), --file PATH (any SciTLDR
// file), --no-title (abstract only), --text (send {"id","text"} lines so Paperboy splits the sentences itself).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { meanRouge, type Rouge, rouge, rougeMultiMax } from '../src/summarize/rouge.js';
import { ROOT } from './kit.js';
import { readSciTldr, sciTldrPath } from './scitldr.js';

const { values } = parseArgs({
  options: {
    split: { type: 'string', default: 'dev' },
    file: { type: 'string' },
    'no-title': { type: 'boolean', default: false },
    text: { type: 'boolean', default: false },
  },
});
const split = values.split as 'train' | 'dev' | 'test';
const path = values.file ? resolve(values.file) : sciTldrPath(split);
if (!path) {
  console.error(`eval-tldr: no SciTLDR ${split} split in ../shared/eval/scitldr (use --file PATH)`);
  process.exit(2);
}
const records = readSciTldr(path);
const dir = mkdtempSync(join(tmpdir(), 'paperboy-eval-tldr-'));
try {
  const input = join(dir, 'input.jsonl');
  // Titles are left out with --no-title so the CLI sees exactly SciTLDR-A's input: the abstract alone.
  const lines = records.map((r) => {
    const title = values['no-title'] ? {} : { title: r.title };
    return JSON.stringify(
      values.text
        ? { id: r.paper_id, text: r.source.join(' '), ...title }
        : { paper_id: r.paper_id, source: r.source, ...title },
    );
  });
  writeFileSync(input, `${lines.join('\n')}\n`);
  const started = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'paperboy.js'), 'tldr', '--batch', input], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (run.status !== 0) {
    console.error(`eval-tldr: paperboy tldr --batch failed (exit ${run.status}):\n${run.stderr}`);
    process.exit(1);
  }
  const predicted = new Map<string, string>();
  for (const line of run.stdout.split('\n')) {
    if (!line) continue;
    const { id, tldr } = JSON.parse(line) as { id: string; tldr: string };
    predicted.set(id, tldr);
  }
  const multiMax: Rouge[] = [];
  const author: Rouge[] = [];
  let words = 0;
  for (const r of records) {
    const tldr = predicted.get(r.paper_id) ?? '';
    multiMax.push(rougeMultiMax(tldr, r.target));
    author.push(rouge(tldr, r.target[0] ?? ''));
    words += tldr.split(/\s+/).filter(Boolean).length;
  }
  const fmt = (m: Rouge) => `R1 ${m.r1.toFixed(2)}  R2 ${m.r2.toFixed(2)}  RL ${m.rl.toFixed(2)}`;
  const input_ = `${values['no-title'] ? 'abstract only' : 'title + abstract'}, ${values.text ? 'raw text' : 'given sentences'}`;
  console.log(`SciTLDR-A ${values.file ? path : split}: ${records.length} papers (${input_})`);
  console.log(`multi-max (as published)  ${fmt(meanRouge(multiMax))}`);
  console.log(`author TLDR only          ${fmt(meanRouge(author))}`);
  console.log(
    `mean length ${(words / Math.max(1, records.length)).toFixed(1)} words; paperboy tldr --batch took ${seconds.toFixed(2)} s`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
