// The search engine's port: what commands, the digest and the CLI rely on, whatever the index behind it.
import type { Paper } from '../catalog/paper.js';

export interface SearchHit {
  paper: Paper;
  score: number;
  /** Query terms (as the user typed them, or their expansions) that matched, for highlighting. */
  matched: string[];
  /**
   * How completely the paper matches the query, 0..1 (its score over the best score any paper could get for
   * these words). Comparable across queries, unlike `score`: the digest thresholds topics on it.
   */
  relevance?: number;
}

export interface SearchOptions {
  limit?: number;
  offset?: number;
  /** Also match the last word as a prefix. Default: when the query ends in a letter (still being typed). */
  prefix?: boolean;
  /** Typo corrections, completions and acronym expansions (default true); false for exact words only. */
  expand?: boolean;
}

/** Errors as values: a bad query is an answer, not an exception. */
export type SearchOutcome =
  | {
      ok: true;
      hits: SearchHit[];
      total: number;
      notice?: string;
      /** The total is an estimate (a very common quoted phrase: only the best candidates were checked). */
      approximate?: boolean;
    }
  | { ok: false; message: string };

export interface SearchEngine {
  /** Parses the query (phrases, filters, ids/URLs) and ranks the catalog. Never throws on user input. */
  search(query: string, options?: SearchOptions): SearchOutcome;
  /** Fast completion for the last word as people type (Discord autocomplete). */
  suggest(prefix: string, limit?: number): SearchHit[];
  /** Finds one paper by id, arXiv id, URL or title words. */
  resolve(reference: string): Paper | undefined;
  get(id: string): Paper | undefined;
  /** Adds or replaces papers (same id) without rebuilding the whole index. */
  upsert(papers: readonly Paper[]): void;
  readonly size: number;
  all(): Iterable<Paper>;
  /** Builds what the first queries would otherwise build lazily (sorted vocabulary, typo index). */
  warm?(): void;
}
