// Builds the neutral PaperCard from a paper and its summary, and lists a card's links in display order.
import type { Paper } from '../catalog/paper.js';
import type { Summary } from '../summarize/types.js';
import { truncate } from './format.js';
import { DEFAULT_TLDR_SOURCES, pickTldr } from './tldr-source.js';
import type { PaperCard, TldrSource } from './types.js';

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
  /** false: no thumbnail (a channel set images:off). */
  images?: boolean;
  /** Which TL;DR wins when several exist (SUMMARY_SOURCES). */
  tldrSources?: readonly TldrSource[];
}

/** Where Hugging Face serves the social thumbnail of each paper page (as its daily papers' `thumbnail` say). */
export function hfSocialThumbnail(arxivId: string): string {
  return `https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/${arxivId}.png`;
}

const NEW_STYLE_ARXIV_ID = /^\d{4}\.\d{4,5}$/;

/** An image URL a chat platform will show: https only (Discord refuses anything else), no credentials. */
export function httpsImage(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' || u.username || u.password || url.length > 2000) return undefined;
    return u.toString();
  } catch {
    return undefined;
  }
}

/**
 * The paper's picture: the thumbnail its source gave, else Hugging Face's social thumbnail when Hugging Face
 * has a page for it (a paper page link and a new-style arXiv id, the only ids HF pages use).
 */
export function paperThumbnail(paper: Pick<Paper, 'thumbnail' | 'arxivId' | 'links'>): string | undefined {
  const own = httpsImage(paper.thumbnail);
  if (own) return own;
  if (paper.arxivId && NEW_STYLE_ARXIV_ID.test(paper.arxivId) && paper.links.hf) {
    return hfSocialThumbnail(paper.arxivId);
  }
  return undefined;
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
  const tldr = pickTldr(paper, summary, extras.tldrSources ?? DEFAULT_TLDR_SOURCES);
  const card: PaperCard = {
    id: paper.id,
    title: truncate(paper.title, CARD_LIMITS.title),
    tldr: truncate(tldr?.text ?? '', CARD_LIMITS.tldr),
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
  if (tldr) card.tldrSource = tldr.source;
  if (paper.trending.upvotes !== undefined) card.upvotes = paper.trending.upvotes;
  if (paper.trending.comments !== undefined) card.comments = paper.trending.comments;
  const venue = paperVenue(paper);
  if (venue) card.venue = venue;
  if (paper.trending.stars !== undefined && paper.links.code) card.stars = paper.trending.stars;
  if (paper.organization) card.organization = truncate(paper.organization, 80);
  const thumbnail = extras.images === false ? undefined : paperThumbnail(paper);
  if (thumbnail) card.thumbnail = thumbnail;
  if (paper.doi) card.doi = paper.doi;
  if (paper.hub && paper.hub.models + paper.hub.datasets + paper.hub.spaces > 0) card.hub = paper.hub;
  if (extras.reason) card.reason = truncate(extras.reason, CARD_LIMITS.reason);
  if (extras.matched && extras.matched.length > 0) card.matched = [...new Set(extras.matched)];
  return card;
}

export interface CardLink {
  label: 'Abstract' | 'PDF' | 'Hugging Face' | 'Code' | 'Project' | 'DOI';
  url: string;
}

/** A DOI as a link through the resolver (DOIs may hold any printable character: encode what URLs cannot). */
export function doiUrl(doi: string | undefined): string | undefined {
  const clean = doi?.trim().replace(/^(?:https?:\/\/(?:dx\.)?doi\.org\/|doi:)/i, '');
  if (!clean || !/^10\.\d{4,9}\//.test(clean)) return undefined;
  return `https://doi.org/${clean.split('/').map(encodeURIComponent).join('/')}`;
}

/** Whether a key point shows this link already ("Code: https://…"): a card lists a link once. */
export function inKeyPoints(card: Pick<PaperCard, 'keyPoints'>, url: string): boolean {
  return card.keyPoints.some((point) => point.includes(url));
}

/** The card's links in the order every platform shows them, without those a key point shows already. */
export function cardLinks(card: Pick<PaperCard, 'links' | 'keyPoints' | 'doi'>): CardLink[] {
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
  const doi = doiUrl(card.doi);
  if (doi) links.push({ label: 'DOI', url: doi });
  return links;
}

/** The card's numbers and names in priority order (upvotes, comments, stars, organisation, venue), each once. */
export function cardSignals(
  card: Pick<PaperCard, 'upvotes' | 'comments' | 'stars' | 'organization' | 'venue'>,
): string[] {
  const out: string[] = [];
  if (card.upvotes !== undefined) out.push(`▲ ${card.upvotes}`);
  if (card.comments) out.push(`💬 ${card.comments}`);
  if (card.stars !== undefined) out.push(`★ ${card.stars}`);
  if (card.organization) out.push(card.organization);
  if (card.venue) out.push(card.venue);
  return out;
}

export interface HubPart {
  /** "3 models", "1 dataset", "2 Spaces". */
  text: string;
  /** The top repository of that kind on the Hub. */
  url?: string;
}

/** "3 models · 1 dataset · 2 Spaces" as parts, each linking to its kind's top repository. */
export function hubParts(hub: PaperCard['hub']): HubPart[] {
  if (!hub) return [];
  const kinds: [number, string, string, string | undefined][] = [
    [hub.models, 'model', '', hub.top.model],
    [hub.datasets, 'dataset', 'datasets/', hub.top.dataset],
    [hub.spaces, 'Space', 'spaces/', hub.top.space],
  ];
  return kinds
    .filter(([n]) => n > 0)
    .map(([n, noun, prefix, top]) => ({
      text: `${n} ${noun}${n === 1 ? '' : 's'}`,
      ...(top ? { url: `https://huggingface.co/${prefix}${top}` } : {}),
    }));
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
