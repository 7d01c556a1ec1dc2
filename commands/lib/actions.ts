// Buttons every platform puts under a paper: "Summarize", "More like this", "Save", 👍, 👎 and "Nominate", as command lines.
import { STOP_WORDS } from '../../src/text/stop-words.js';
import type { Action, PaperCard } from '../../src/views/types.js';

/** Title words worth searching for when someone wants more papers like this one. */
function likeQuery(card: Pick<PaperCard, 'title'>): string {
  const stop = STOP_WORDS.moreLikeThis;
  return card.title
    .replace(/["“”'’:?!,.()[\]{}]/g, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 1 && !stop.has(w.toLowerCase()))
    .slice(0, 6)
    .join(' ');
}

export function summarizeAction(card: Pick<PaperCard, 'id'>): Action {
  return { label: 'Summarize', command: `/papers summarize ${card.id}` };
}

/** Searches by the paper's title words, leaving out the paper itself (it would always rank first). */
export function moreLikeThisAction(card: Pick<PaperCard, 'id' | 'title'>): Action {
  return { label: 'More like this', command: `/papers search ${likeQuery(card)} exclude:${card.id}` };
}

/** Puts the paper on the channel's reading list (/papers list shows it). */
export function saveAction(card: Pick<PaperCard, 'id'>): Action {
  return { label: 'Save', command: `/papers save ${card.id}` };
}

/** 👍 / 👎: the member's vote for this channel, answered privately with the counts (/papers vote). */
export function voteActions(card: Pick<PaperCard, 'id'>): Action[] {
  return [
    { label: '👍', command: `/papers vote ${card.id} up` },
    { label: '👎', command: `/papers vote ${card.id} down` },
  ];
}

/** Puts the paper in the channel's reading group queue (/papers readinggroup shows it, members vote). */
export function nominateAction(card: Pick<PaperCard, 'id'>): Action {
  return { label: 'Nominate', command: `/papers readinggroup nominate ${card.id}` };
}

/**
 * The per-paper buttons for a list entry (search results, digests): six, more than one Discord row holds; Discord
 * keeps a list card to one row (its first five), so Nominate goes last.
 */
export function cardActions(card: Pick<PaperCard, 'id' | 'title'>): Action[] {
  return [
    summarizeAction(card),
    moreLikeThisAction(card),
    saveAction(card),
    ...voteActions(card),
    nominateAction(card),
  ];
}
