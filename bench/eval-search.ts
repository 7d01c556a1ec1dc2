// `npm run eval:search`: nDCG@10 and Recall@100 on the SciFact TRAIN queries, through the CLI contract:
// paperboy search --catalog corpus.jsonl --batch FILE --limit 100.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './kit.js';
import { evaluate, scifactPaths, trainQueries } from './scifact.js';

const paths = scifactPaths();
if (!paths) {
  console.error(
    'eval:search: ../shared/eval/scifact is missing (corpus.jsonl, queries.jsonl, qrels/train.tsv)',
  );
  process.exit(2);
}
const queries = trainQueries(paths.queries, paths.qrels);
const dir = mkdtempSync(join(tmpdir(), 'paperboy-eval-'));
try {
  const batch = join(dir, 'train-queries.jsonl');
  writeFileSync(batch, queries.map((q) => JSON.stringify({ id: q.id, query: q.query })).join('\n'));
  const args = ['search', '--catalog', paths.corpus, '--batch', batch, '--limit', '100'];
  const started = performance.now();
  const run = spawnSync(process.execPath, [join(ROOT, 'bin', 'paperboy.js'), ...args], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) {
    console.error(`eval:search: paperboy ${args.join(' ')} exited ${run.status}\n${run.stderr}`);
    process.exit(1);
  }
  const runs = new Map<string, string[]>();
  for (const line of run.stdout.split('\n')) {
    if (!line.trim()) continue;
    const out = JSON.parse(line) as { id: string; results: { id: string }[] };
    runs.set(
      String(out.id),
      out.results.map((r) => r.id),
    );
  }
  const m = evaluate(runs, queries);
  console.log(`paperboy ${args.join(' ')}`);
  console.log(
    `SciFact train (${m.queries} queries): nDCG@10 ${m.ndcg10.toFixed(4)}  Recall@100 ${m.recall100.toFixed(4)}  (${seconds.toFixed(1)} s)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
