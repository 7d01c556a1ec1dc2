// truncate(text, max, unit): the one way Paperboy shortens text, counting in the unit whoever reads it counts in.

/**
 * utf16: JavaScript string length, as Discord and Slack count their limits and as the catalog stores its limits.
 * code-point: characters as a person sees them (an emoji is one), for text laid out by width on a card.
 */
export type TextUnit = 'utf16' | 'code-point';

const ELLIPSIS = '…';

/** Punctuation left dangling at a word cut: "results, and…" reads better as "results…". */
const DANGLING = /[\s,;:.–—-]+$/u;

export interface TruncateOptions {
  /**
   * Cut back to the last space when that keeps at least 60% of the kept text, so the text does not end
   * mid-word, and drop the punctuation left before the ellipsis.
   */
  atWord?: boolean;
  /** A last change to the kept text before the ellipsis goes on (Discord drops a dangling escape backslash). */
  tidy?: (kept: string) => string;
}

/** The length of `text` in `unit`. */
export function textLength(text: string, unit: TextUnit): number {
  if (unit === 'utf16') return text.length;
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/** The first `n` units of `text`, never ending in the first half of a surrogate pair. */
function head(text: string, n: number, unit: TextUnit): string {
  if (unit === 'code-point') return Array.from(text).slice(0, n).join('');
  const cut = text.slice(0, n);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/**
 * `text` when it is at most `max` units long, else its start and an ellipsis, `max` units in all at most
 * (nothing when `max` is 0 or less). A surrogate pair is never split, whatever the unit.
 */
export function truncate(text: string, max: number, unit: TextUnit, options: TruncateOptions = {}): string {
  if (textLength(text, unit) <= max) return text;
  if (max <= 0) return '';
  let kept = head(text, max - 1, unit);
  if (options.atWord) {
    const space = kept.lastIndexOf(' ');
    if (space >= kept.length * 0.6) kept = kept.slice(0, space);
    kept = kept.replace(DANGLING, '');
  }
  if (options.tidy) kept = options.tidy(kept);
  return `${kept.trimEnd()}${ELLIPSIS}`;
}
