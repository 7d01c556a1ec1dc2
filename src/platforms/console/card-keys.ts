// The words that press a list card's buttons in the console: "save 2" runs result 2's Save, as a click would.
import type { Action, PaperCard } from '../../views/types.js';

/**
 * Words typed for a button a card may not have, pressed as another: "vote 2" means 👍 on result 2 (as "up 2"), not
 * /papers vote with a paper called "2". A card with a button of the word itself (the reading group queue's Vote)
 * keeps it.
 */
export const PRESS_FALLBACKS: ReadonlyMap<string, string> = new Map([['vote', 'up']]);

/** Buttons labelled with a picture get a word someone can type. */
const PICTURE_WORDS: Record<string, string> = { '👍': 'up', '👎': 'down' };

/** Other spellings people type for a button's word. */
const ALIASES: Record<string, string> = { summarise: 'summarize' };

/**
 * The words of the buttons commands put under a paper (cardActions in commands/lib/actions.ts; a test keeps the
 * two alike). With no list on screen yet, "save 2" still means result 2, never a paper called "2".
 */
export const PAPER_BUTTON_WORDS: ReadonlySet<string> = new Set([
  'summarize',
  'more',
  'save',
  'up',
  'down',
  'nominate',
]);

/** A button's word: its label's first word in lower case ("More like this" → more), or undefined when it has none. */
export function actionWord(action: Action): string | undefined {
  const label = action.label.trim();
  const picture = PICTURE_WORDS[label];
  if (picture) return picture;
  const word = /^[\p{L}]+/u.exec(label)?.[0]?.toLowerCase();
  return word ? (ALIASES[word] ?? word) : undefined;
}

/** Each of the card's buttons with its word; a second button with the same word is left out (it could not be typed). */
export function cardKeys(card: Pick<PaperCard, 'actions'>): { word: string; action: Action }[] {
  const keys: { word: string; action: Action }[] = [];
  for (const action of card.actions ?? []) {
    const word = actionWord(action);
    if (word && !keys.some((k) => k.word === word)) keys.push({ word, action });
  }
  return keys;
}

/** "save 2", "/papers up #3", "summarise 4": a button's word and a result number. */
const PRESS = /^(?:\/?papers\s+|\/)?([\p{L}]+)\s+#?(\d{1,3})$/iu;

export function parsePress(line: string): { word: string; n: number } | undefined {
  const m = PRESS.exec(line.trim());
  if (!m) return undefined;
  const word = (m[1] as string).toLowerCase();
  return { word: ALIASES[word] ?? word, n: Number(m[2]) };
}
