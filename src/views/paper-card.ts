// Builds the neutral PaperCard from a paper and its summary, and lists a card's links in display order.
import type { Paper } from '../catalog/paper.js';
import type { Summary } from '../summarize/types.js';
import { squash, truncate } from './format.js';
import type { PaperCard } from './types.js';

/** Bounds that keep every platform's message limits comfortable; renderers may cut further. */
export const CARD_LIMITS = {
  title: 250,
  tldr: 400,
  keyPoints: 4,
  keyPoint: 200,
  reason: 200,
} as const;

export interface CardExtras {
  /** Why it was picked or matched, e.g. "matches: diffusion". */
  reason?: string;
  /** Search terms that matched, for highlighting. */
  matched?: string[];
}

/** A fallback TL;DR when the summariser had nothing: the abstract's first sentence. */
function firstSentence(text: string): string {
  const clean = squash(text);
  const match = /^(.{40,}?[.!?])\s+[A-Z]/.exec(clean);
  return match?.[1] ?? clean;
}

/** Words that make a piece of an arXiv comment a venue ("Accepted at ICSE 2026", "NeurIPS 2025 spotlight"). */
const VENUE_CUE =
  /\b(?:accepted|appear(?:s|ed)?|published|presented|proceedings|conference|workshop|symposium|journal|transactions|letters|review|track|spotlight|oral|poster|camera[- ]ready)\b|\b[A-Z][A-Za-z]*[A-Z]{2,}[A-Za-z]*['’]?\s?(?:19|20)?\d{2}\b|\([A-Z]{3,}[A-Za-z]*\)/i;

/** Where a paper appeared, for cards: its journal reference, else the pieces of its comment that name a venue. */
export function paperVenue(paper: Pick<Paper, 'journalRef' | 'comment'>, max = 160): string | undefined {
  if (paper.journalRef) return truncate(paper.journalRef, max);
  if (!paper.comment) return undefined;
  const pieces = paper.comment
    .split(/;\s+|\.\s+(?=[A-Z])/)
    .map((s) => s.trim().replace(/\.$/, ''))
    .filter((s) => s && !/^\d+\s+(?:pages?|figures?|tables?)\b/i.test(s) && VENUE_CUE.test(s));
  return pieces.length > 0 ? truncate(pieces.join('; '), max) : undefined;
}

export function paperCard(paper: Paper, summary: Summary | undefined, extras: CardExtras = {}): PaperCard {
  const tldr = summary?.tldr || paper.sourceSummary || firstSentence(paper.abstract);
  const card: PaperCard = {
    id: paper.id,
    title: truncate(paper.title, CARD_LIMITS.title),
    tldr: truncate(tldr, CARD_LIMITS.tldr),
    keyPoints: (summary?.keyPoints ?? [])
      .map((point) => truncate(point, CARD_LIMITS.keyPoint))
      .filter(Boolean)
      .slice(0, CARD_LIMITS.keyPoints),
    authors: paper.authors,
    links: paper.links,
    source: paper.source,
  };
  const url = paper.links.abs ?? paper.links.hf ?? paper.links.pdf ?? paper.links.project ?? paper.links.code;
  if (url) card.url = url;
  const date = paper.listed ?? paper.published;
  if (date) card.date = date.slice(0, 10);
  if (paper.trending.upvotes !== undefined) card.upvotes = paper.trending.upvotes;
  const venue = paperVenue(paper);
  if (venue) card.venue = venue;
  if (paper.trending.stars !== undefined && paper.links.code) card.stars = paper.trending.stars;
  if (paper.organization) card.organization = truncate(paper.organization, 80);
  if (paper.thumbnail) card.thumbnail = paper.thumbnail;
  if (extras.reason) card.reason = truncate(extras.reason, CARD_LIMITS.reason);
  if (extras.matched && extras.matched.length > 0) card.matched = [...new Set(extras.matched)];
  return card;
}

export interface CardLink {
  label: 'Abstract' | 'PDF' | 'Hugging Face' | 'Code' | 'Project';
  url: string;
}

/** Whether a key point shows this link already ("Code: https://…"): a card lists a link once. */
export function inKeyPoints(card: Pick<PaperCard, 'keyPoints'>, url: string): boolean {
  return card.keyPoints.some((point) => point.includes(url));
}

/** The card's links in the order every platform shows them, without those a key point shows already. */
export function cardLinks(card: Pick<PaperCard, 'links' | 'keyPoints'>): CardLink[] {
  const order: [keyof PaperCard['links'], CardLink['label']][] = [
    ['abs', 'Abstract'],
    ['pdf', 'PDF'],
    ['hf', 'Hugging Face'],
    ['code', 'Code'],
    ['project', 'Project'],
  ];
  const links: CardLink[] = [];
  for (const [key, label] of order) {
    const url = card.links[key];
    if (url && !inKeyPoints(card, url)) links.push({ label, url });
  }
  return links;
}

/** Human label for where a paper came from. */
export function sourceLabel(source: string): string {
  const labels: Record<string, string> = {
    seed: 'Hugging Face trending',
    json: 'catalog file',
    jsonl: 'catalog file',
    beir: 'catalog file',
    'arxiv-listing': 'arXiv listing',
    hf: 'Hugging Face daily papers',
    arxiv: 'arXiv',
  };
  return labels[source] ?? source;
}
