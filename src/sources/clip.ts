// Clips live-source fields to the catalog's limits before they are cleaned: a poisoned answer costs no more than a fair one.

import { type CleanText, cleanTextStable, normalizeText, truncateAtWord } from '../catalog/normalize.js';
import { LIMITS } from '../catalog/record.js';

export { LIMITS };

/** Raw characters kept before cleaning: room for TeX and markup that cleaning removes (as catalog files). */
const rawCap = (max: number) => max * 4;

/**
 * Cleans at most a few times `max` raw characters to a fixed point (so a catalog written from it loads back
 * unchanged), then cuts the clean text at a word to `max`.
 */
export function clipClean(raw: string, max: number, options: { paragraphs?: boolean } = {}): CleanText {
  const clean = cleanTextStable(raw.length > rawCap(max) ? raw.slice(0, rawCap(max)) : raw, options);
  return { text: truncateAtWord(clean.text, max), urls: clean.urls };
}

/** One line (a title, a name) clipped and cleaned. */
export function clipLine(raw: string, max: number): string {
  return truncateAtWord(normalizeText(raw.length > rawCap(max) ? raw.slice(0, rawCap(max)) : raw), max);
}
