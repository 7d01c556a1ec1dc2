// Which message of a post holds which paper's card, so a follow-up answers the message that shows the paper.
import type { PaperMessages } from '../store/types.js';

/** Pairs each rendered message's papers (`cards[i]` for `messageIds[i]`) with the id the platform gave that message (first holder wins). */
export function paperMessages(
  cards: readonly (readonly string[])[],
  messageIds: readonly string[],
): PaperMessages {
  const out: PaperMessages = {};
  cards.forEach((ids, i) => {
    const message = messageIds[i];
    if (!message) return;
    for (const id of ids) if (!Object.hasOwn(out, id)) out[id] = message;
  });
  return out;
}
