// Text helpers for Discord: truncation within limits, inert mentions, and safe link URLs.
import { truncate as truncateIn } from '../../text/truncate.js';

/** A lone backslash left at the cut would escape the ellipsis; an escaped one (two) stays. */
const withoutDanglingEscape = (kept: string) =>
  kept.replace(/\\+$/, (m) => (m.length % 2 === 1 ? m.slice(1) : m));

/** Cuts text to at most `max` UTF-16 units (as Discord counts), ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  return truncateIn(text, max, 'utf16', { tidy: withoutDanglingEscape });
}

/**
 * Makes mention syntax inert even where Discord would render it: a zero-width space after the @ keeps
 * "@everyone" readable while it can no longer ping (allowed_mentions is empty as well, belt and braces).
 */
export function inert(text: string): string {
  return text
    .replace(/@(everyone|here)/gi, '@\u200b$1')
    .replace(/<@([!&]?\d+)>/g, '<@\u200b$1>')
    .replace(/<#(\d+)>/g, '<#\u200b$1>');
}

/**
 * Escapes Discord markdown in one line of text: emphasis, code, spoilers, masked links, and the line-start
 * forms (quote, heading, list, subtext). Linear time, unlike discord.js's escapeMarkdown on long text.
 */
export function escapeMarkdown(line: string): string {
  return line
    .replace(/[\\*_~`|[\]]/g, '\\$&')
    .replace(/^([>#+-])/, '\\$1')
    .replace(/^(\d+)\. /, '$1\\. ');
}

/**
 * Text of a View (titles, intros, notices, errors) shown as written: it carries what members typed (a query, a
 * channel's topics), so every line has its markdown escaped (no masked links, no headings) and mentions inert.
 */
export function plain(text: string): string {
  return inert(text.split('\n').map(escapeMarkdown).join('\n'));
}

/** Paper text (titles, abstracts, author names) is shown literally: one line, markdown escaped, mentions inert. */
export function literal(text: string): string {
  return inert(escapeMarkdown(text.replace(/\s+/g, ' ').trim()));
}

/**
 * An http(s) URL Discord accepts on a link button, or undefined. The URL is the normalised one (as on Slack):
 * the WHATWG parser drops the newlines and tabs a source left inside it, which Discord would refuse.
 */
export function linkUrl(url: string | undefined, max = 512): string | undefined {
  if (!url || url.length > max * 2) return undefined;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
    const href = parsed.toString();
    return href.length <= max ? href : undefined;
  } catch {
    return undefined;
  }
}

/** A markdown link that survives URLs with parentheses or spaces. */
export function mdLink(label: string, url: string): string {
  return `[${label}](${url.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/ /g, '%20')})`;
}
