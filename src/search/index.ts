// Paperboy's search: createSearchEngine(papers) builds the index; save/load keep it across restarts.
import type { Paper } from '../catalog/paper.js';
import { AcronymTable, HAND_ACRONYMS } from './acronyms.js';
import { Engine } from './engine.js';
import { InvertedIndex } from './inverted.js';
import { DocFacts, MemoryPaperTable } from './paper-table.js';
import { type RankingParams, withParams } from './params.js';
import { Analyzer } from './text.js';

export { DEFAULT_PARAMS, type RankingParams } from './params.js';
export { parseQuery } from './query.js';
export { type LoadResult, loadSearchIndex, saveSearchIndex } from './snapshot.js';
export { scoreTopics, type TopicMatch, type TopicScores } from './topics.js';
export type { SearchEngine, SearchHit, SearchOptions, SearchOutcome } from './types.js';
export type { Engine as PaperboySearch };

export interface SearchEngineOptions {
  /** Overrides of the tuned ranking parameters (evaluation and experiments). */
  params?: Partial<RankingParams>;
  /** Acronym → expansion pairs known before mining the catalog (default: a list of common ML acronyms). */
  acronyms?: Record<string, string>;
}

/** Builds the search engine over a catalog. Later papers with an id seen before replace the earlier one. */
export function createSearchEngine(papers: readonly Paper[], options: SearchEngineOptions = {}): Engine {
  const analyzer = new Analyzer();
  const engine = new Engine(
    new InvertedIndex(analyzer),
    new MemoryPaperTable(),
    new DocFacts(),
    new AcronymTable(options.acronyms ?? HAND_ACRONYMS),
    withParams(options.params),
    analyzer,
  );
  engine.upsert(papers);
  return engine;
}
