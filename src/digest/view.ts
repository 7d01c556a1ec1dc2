// Turns a digest selection and its summaries into the neutral View a platform posts (or nothing, when silent).
import type { Paper } from '../catalog/paper.js';
import { parseIsoDate } from '../schedule/zoned.js';
import type { ChannelSettings } from '../store/types.js';
import { builtinSummary } from '../summarize/builtin.js';
import type { Summary } from '../summarize/types.js';
import { paperCard as sharedCard } from '../views/paper-card.js';
import type { Action, PaperCard, TldrSource, View } from '../views/types.js';
import type { DigestPick } from './types.js';

const MAX_AUTHORS = 4;
const WEEKDAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Thu 8 May 2025" for 2025-05-08; the date itself when it is not one. */
export function humanDate(date: string): string {
  const d = parseIsoDate(date);
  if (!d) return date;
  const weekday = WEEKDAY[new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay()];
  return `${weekday} ${d.day} ${MONTH[d.month - 1]} ${d.year}`;
}

/** "diffusion", "diffusion or RLHF", "a, b or c", "a, b, c or 2 more topics". */
export function topicList(topics: readonly string[], conjunction = 'or'): string {
  if (topics.length === 0) return 'your topics';
  if (topics.length > 4)
    return `${topics.slice(0, 3).join(', ')} ${conjunction} ${topics.length - 3} more topics`;
  if (topics.length === 1) return topics[0] as string;
  return `${topics.slice(0, -1).join(', ')} ${conjunction} ${topics.at(-1)}`;
}

/** A summary from the paper alone, for when the summariser failed: never an empty card. */
export function fallbackSummary(paper: Paper): Summary {
  const builtin = builtinSummary(paper);
  if (builtin.tldr.trim()) return builtin;
  const source = paper.sourceSummary?.trim() || paper.abstract.trim();
  const sentence = /^(.{20,400}?[.!?])(\s|$)/s.exec(source)?.[1] ?? source.slice(0, 280);
  return { tldr: sentence.replace(/\s+/g, ' ').trim(), keyPoints: [], by: 'builtin' };
}

/** Digest options a channel sets, and the TL;DR order (SUMMARY_SOURCES). */
export interface DigestCardOptions {
  /** false: the channel set images:off, so no thumbnails. */
  images?: boolean;
  tldrSources?: readonly TldrSource[];
  /** Each card's buttons (the shared `cardActions` of commands/, passed in by the composition root). */
  cardActions?: (card: PaperCard) => Action[];
}

/** A digest card: the shared card (thumbnail, signals, Hub artifacts), with a shorter author list. */
export function paperCard(
  paper: Paper,
  summary: Summary | undefined,
  reason?: string,
  options: DigestCardOptions = {},
): PaperCard {
  const s = summary?.tldr.trim() ? summary : fallbackSummary(paper);
  const card = sharedCard(paper, s, {
    ...(reason ? { reason } : {}),
    ...(options.images === false ? { images: false } : {}),
    ...(options.tldrSources ? { tldrSources: options.tldrSources } : {}),
  });
  if (paper.authors.length > MAX_AUTHORS)
    card.authors = [...paper.authors.slice(0, MAX_AUTHORS - 1), 'et al.'];
  // A digest reason is already short; the title link prefers the abstract page, as before.
  if (reason) card.reason = reason;
  return card;
}

/**
 * The post for one channel and date: a list of paper cards (each with its reason, TL;DR and key points);
 * with nothing to send, a one-line notice, or null when the channel chose silence. Never an empty list.
 */
export function buildDigestView(
  picks: readonly DigestPick[],
  summaries: ReadonlyMap<string, Summary>,
  channel: Pick<ChannelSettings, 'topics' | 'whenEmpty'> &
    Partial<Pick<ChannelSettings, 'images' | 'cadence'>>,
  date: string,
  options: Pick<DigestCardOptions, 'tldrSources' | 'cardActions'> = {},
): View | null {
  const weekly = channel.cadence === 'weekly';
  if (picks.length === 0) {
    if (channel.whenEmpty === 'silent') return null;
    return {
      kind: 'notice',
      text: `Nothing new on ${topicList(channel.topics)} ${weekly ? 'this week' : 'today'}.`,
    };
  }
  const cardOptions: DigestCardOptions = {
    ...options,
    ...(channel.images === false ? { images: false } : {}),
  };
  const cards = picks.map((p) => {
    const card = paperCard(p.paper, summaries.get(p.paper.id), p.reason, cardOptions);
    return options.cardActions ? { ...card, actions: options.cardActions(card) } : card;
  });
  const n = cards.length;
  return {
    kind: 'list',
    title: weekly ? `Weekly round-up · week to ${humanDate(date)}` : `Paper digest · ${humanDate(date)}`,
    intro: weekly
      ? `The week's ${n === 1 ? 'best paper' : `${n} best papers`} on ${topicList(channel.topics, 'and')}, by momentum and your votes.`
      : `${n} new ${n === 1 ? 'paper' : 'papers'} on ${topicList(channel.topics, 'and')}.`,
    cards,
  };
}
