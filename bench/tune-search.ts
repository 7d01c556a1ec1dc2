// Ranking-parameter experiments on the SciFact TRAIN queries only: node dist/bench/tune-search.js '[{"k1":1.2}]'.

import { loadCatalog } from '../src/catalog/index.js';
import { createSearchEngine, DEFAULT_PARAMS, type RankingParams } from '../src/search/index.js';
import { evaluate, scifactPaths, trainQueries } from './scifact.js';

const paths = scifactPaths();
if (!paths) {
  console.error('tune-search: ../shared/eval/scifact is missing');
  process.exit(2);
}
const { papers } = await loadCatalog([paths.corpus]);
const queries = trainQueries(paths.queries, paths.qrels);
const configs = JSON.parse(process.argv[2] ?? '[{}]') as Partial<RankingParams>[];
const t0 = performance.now();
const base = createSearchEngine(papers);
console.log(`built ${base.size} papers in ${(performance.now() - t0).toFixed(0)} ms`);
for (const params of configs) {
  const engine = base.withParams({
    ...DEFAULT_PARAMS,
    ...params,
    fields: { ...DEFAULT_PARAMS.fields, ...(params.fields ?? {}) },
  });
  const t1 = performance.now();
  const runs = new Map<string, string[]>();
  for (const q of queries) {
    const r = engine.search(q.query, { limit: 100 });
    runs.set(q.id, r.ok ? r.hits.map((h) => h.paper.id) : []);
  }
  const t2 = performance.now();
  const m = evaluate(runs, queries);
  console.log(
    JSON.stringify(params),
    `nDCG@10 ${m.ndcg10.toFixed(4)} R@100 ${m.recall100.toFixed(4)}`,
    `${((t2 - t1) / queries.length).toFixed(2)} ms/query`,
  );
}
