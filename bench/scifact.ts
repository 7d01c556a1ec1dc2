// BEIR SciFact for search evaluation: corpus as papers, train queries and judgments, nDCG@10 and Recall@100.
import { readFileSync } from 'node:fs';
import { sharedFile } from './kit.js';

export interface Judged {
  id: string;
  query: string;
  relevant: Set<string>;
}

export function scifactPaths() {
  const corpus = sharedFile('eval', 'scifact', 'corpus.jsonl');
  const queries = sharedFile('eval', 'scifact', 'queries.jsonl');
  const qrels = sharedFile('eval', 'scifact', 'qrels', 'train.tsv');
  if (!corpus || !queries || !qrels) return undefined;
  return { corpus, queries, qrels };
}

/** Train queries only: those with judgments in qrels/train.tsv. */
export function trainQueries(queriesPath: string, qrelsPath: string): Judged[] {
  const relevant = new Map<string, Set<string>>();
  for (const line of readFileSync(qrelsPath, 'utf8').split('\n').slice(1)) {
    const [q, doc, score] = line.trim().split('\t');
    if (!q || !doc || Number(score) <= 0) continue;
    const set = relevant.get(q) ?? new Set<string>();
    set.add(doc);
    relevant.set(q, set);
  }
  const out: Judged[] = [];
  for (const line of readFileSync(queriesPath, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as { _id: string; text: string };
    const rel = relevant.get(r._id);
    if (rel) out.push({ id: r._id, query: r.text, relevant: rel });
  }
  return out;
}

/** trec_eval-style nDCG@k with binary gains. */
export function ndcgAt(ranked: readonly string[], relevant: Set<string>, k: number): number {
  let dcg = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++)
    if (relevant.has(ranked[i]!)) dcg += 1 / Math.log2(i + 2);
  let ideal = 0;
  for (let i = 0; i < Math.min(k, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
  return ideal > 0 ? dcg / ideal : 0;
}

export function recallAt(ranked: readonly string[], relevant: Set<string>, k: number): number {
  let found = 0;
  for (let i = 0; i < Math.min(k, ranked.length); i++) if (relevant.has(ranked[i]!)) found++;
  return relevant.size > 0 ? found / relevant.size : 0;
}

export function evaluate(runs: Map<string, string[]>, queries: readonly Judged[]) {
  let ndcg = 0;
  let recall = 0;
  for (const q of queries) {
    const ranked = runs.get(q.id) ?? [];
    ndcg += ndcgAt(ranked, q.relevant, 10);
    recall += recallAt(ranked, q.relevant, 100);
  }
  return { ndcg10: ndcg / queries.length, recall100: recall / queries.length, queries: queries.length };
}
