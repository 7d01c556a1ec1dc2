// The summariser's port: a TL;DR and key points per paper, and an overview over several.
import type { Paper } from '../catalog/paper.js';

/** What to show instead of a TL;DR when a paper has no abstract (its Summary has tldr ''). */
export const NO_ABSTRACT = 'No abstract to summarise.';

export interface Summary {
  /** One sentence, about 15–30 words; empty when there was nothing to summarise. */
  tldr: string;
  /** 2–4 short bullets: problem, method, result, code. */
  keyPoints: string[];
  /** Which summariser produced it. */
  by: 'builtin' | 'llm';
  /** Why the configured LLM was not used (timeout, HTTP error, a garbled answer): this is its fallback. */
  llmError?: string;
}

export interface Overview {
  /** The common themes in a sentence or two. */
  themes: string;
  /** One line per paper, in the given order. */
  lines: { id: string; line: string }[];
}

export interface Summarizer {
  summarize(paper: Paper): Promise<Summary>;
  overview(papers: readonly Paper[]): Promise<Overview>;
}
