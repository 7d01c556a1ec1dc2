// The live-source port: a named fetcher that turns one remote feed into Papers, reporting problems as values.
import type { Paper } from '../catalog/paper.js';
import type { FetchFailure } from './http.js';

export const SOURCE_NAMES = ['hf', 'arxiv'] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

export function isSourceName(value: string): value is SourceName {
  return (SOURCE_NAMES as readonly string[]).includes(value);
}

export interface FetchRequest {
  /** One day (YYYY-MM-DD), ISO week (2025-W19) or month (2025-05); without it, the source's recent window. */
  date?: string;
  now: Date;
  signal?: AbortSignal;
}

export interface FetchProblem extends FetchFailure {
  /** The request it happened on, for the log. */
  url: string;
}

/** An answer that stopped mid-way, of which the source keeps the `kept` complete `items` before the cut. */
export function cutOff(url: string, kept: number, items: 'entries' | 'items'): FetchProblem {
  return { kind: 'invalid', message: `answer cut off: kept the ${kept} complete ${items}`, url };
}

export interface SourceFetch {
  source: SourceName;
  papers: Paper[];
  /** Items the source returned that did not validate (each one logged). */
  skipped: number;
  /** Requests that failed for good (after retries), or answers that were garbage or cut off. */
  problems: FetchProblem[];
  requests: number;
}

export interface PaperSource {
  readonly name: SourceName;
  fetch(request: FetchRequest): Promise<SourceFetch>;
}
