// `npm run eval:search`: nDCG@10 and Recall@100 of Paperboy search on the SciFact TRAIN queries.
import { createSearchEngine } from '../src/search/index.js';
import { evaluate, scifactPapers, scifactPaths, trainQueries } from './scifact.js';

const paths = scifactPaths();
if (!paths) {
  console.error(
    'eval:search: ../shared/eval/scifact is missing (corpus.jsonl, queries.jsonl, qrels/train.tsv)',
  );
  process.exit(2);
}
const queries = trainQueries(paths.queries, paths.qrels);
const engine = createSearchEngine(scifactPapers(paths.corpus));
const runs = new Map<string, string[]>();
for (const q of queries) {
  const r = engine.search(q.query, { limit: 100 });
  runs.set(q.id, r.ok ? r.hits.map((h) => h.paper.id) : []);
}
const m = evaluate(runs, queries);
console.log(
  `SciFact train (${m.queries} queries): nDCG@10 ${m.ndcg10.toFixed(4)}  Recall@100 ${m.recall100.toFixed(4)}`,
);
