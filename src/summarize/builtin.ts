// The built-in summariser: TL;DR and key points from the abstract alone, synchronous and fast.
import type { Paper } from '../catalog/paper.js';
import { keyPointsOf } from './key-points.js';
import { overviewOf } from './overview.js';
import { defaultEngine } from './tldr.js';
import type { Overview, Summarizer, Summary } from './types.js';

type SummaryInput = Pick<Paper, 'title' | 'abstract'> & { links?: Paper['links'] };

/**
 * TL;DR and key points in one pass over the abstract; tldr '' when there is no abstract to summarise. A paper's
 * summary is always shown under its title (cards, digests), so the TL;DR here never repeats the title: the
 * standalone TL;DR (`tldr()`, `paperboy tldr`) may lead with it.
 */
export function builtinSummary(paper: SummaryInput): Summary {
  return summaryOf(paper, false);
}

/**
 * The same with the TL;DR as printed alone (`paperboy tldr`): led by the title, or without one by a term the
 * abstract defines, when that adds most; from the one analysis that also gives the key points.
 */
export function standaloneSummary(paper: SummaryInput): Summary {
  return summaryOf(paper, true);
}

function summaryOf(paper: SummaryInput, led: boolean): Summary {
  const analysis = defaultEngine().analyze(paper.abstract ?? '', paper.title);
  return {
    tldr: led ? analysis.tldr : analysis.untitled,
    keyPoints: keyPointsOf(analysis, paper),
    by: 'builtin',
  };
}

/** Key points alone: problem, method, main result (numbers kept) and the code link. */
export function keyPoints(paper: SummaryInput): string[] {
  return builtinSummary(paper).keyPoints;
}

export function builtinOverview(papers: readonly Paper[], tldrs?: readonly string[]): Overview {
  const lines = tldrs ?? papers.map((p) => defaultEngine().analyze(p.abstract, p.title).untitled);
  return overviewOf(papers, lines, defaultEngine().stats);
}

export function createBuiltinSummarizer(): Summarizer {
  return {
    summarize: async (paper) => builtinSummary(paper),
    overview: async (papers) => builtinOverview(papers),
  };
}
