// Scores the catalog against a channel's topics at once: the digest's view of the search engine.
import type { Paper } from '../catalog/paper.js';
import type { SearchEngine } from './types.js';

export interface TopicMatch {
  topic: string;
  /** 0..1, comparable across topics (see SearchHit.relevance). */
  relevance: number;
  matched: string[];
}

export interface TopicScores {
  paper: Paper;
  /** The best relevance over the topics it matched. */
  best: number;
  /** Sum of relevances: a paper matching several topics ranks above one matching a single topic. */
  total: number;
  topics: TopicMatch[];
}

export interface TopicScoring {
  /** By paper id. */
  papers: Map<string, TopicScores>;
  /** Topics that could not be run (e.g. an unknown filter), with the reason. */
  problems: { topic: string; message: string }[];
}

/**
 * Runs each topic as a search (exact words, typo fixes and acronyms; no prefix completion) and merges the
 * hits per paper. Cost: one search per topic with `limit` hits each (default 500).
 */
export function scoreTopics(
  engine: SearchEngine,
  topics: readonly string[],
  options: { limit?: number; minRelevance?: number } = {},
): TopicScoring {
  const limit = options.limit ?? 500;
  const min = options.minRelevance ?? 0;
  const papers = new Map<string, TopicScores>();
  const problems: { topic: string; message: string }[] = [];
  for (const topic of topics) {
    const outcome = engine.search(topic, { limit, prefix: false });
    if (!outcome.ok) {
      problems.push({ topic, message: outcome.message });
      continue;
    }
    for (const hit of outcome.hits) {
      const relevance = hit.relevance ?? 0;
      if (relevance < min) continue;
      const entry = papers.get(hit.paper.id) ?? { paper: hit.paper, best: 0, total: 0, topics: [] };
      entry.topics.push({ topic, relevance, matched: hit.matched });
      entry.best = Math.max(entry.best, relevance);
      entry.total += relevance;
      papers.set(hit.paper.id, entry);
    }
  }
  return { papers, problems };
}
