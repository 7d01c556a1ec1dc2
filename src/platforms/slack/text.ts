// Text helpers for Slack: mrkdwn escaping (so paper text can never mention anyone), truncation and safe URLs.
import { truncate as truncateIn } from '../../text/truncate.js';

/** Cuts text to at most `max` UTF-16 units (as Slack counts), ending with an ellipsis when cut. */
export function truncate(text: string, max: number): string {
  return truncateIn(text, max, 'utf16');
}

/**
 * Escapes the three characters Slack treats as control characters, so `<!channel>`, `<@U123>` and `<url|x>` in a
 * title show as text. Slack counts the escaped form against its limits, so escape before truncating.
 */
export function escapeText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Untrusted text on one line, escaped. */
export function literal(text: string): string {
  return escapeText(text.replace(/\s+/g, ' ').trim());
}

/** Truncates escaped text without leaving half an entity (`&am…`) at the cut. */
export function truncateEscaped(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = truncate(text, max);
  return cut.replace(/&[a-z]{0,4}…$/, '…');
}

/** An http(s) URL Slack accepts on a button or in a link, or undefined. */
export function linkUrl(url: string | undefined, max = 3000): string | undefined {
  if (!url || url.length > max) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.toString() : undefined;
  } catch {
    return undefined;
  }
}

/** `<url|label>`: the URL loses the characters that would end the link early, the label is escaped. */
export function mrkdwnLink(url: string, label: string): string {
  const safeUrl = url.replace(/&/g, '%26').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\|/g, '%7C');
  return `<${safeUrl}|${label}>`;
}

/**
 * Turns the text Slack sends with a slash command back into what the person typed: Slack wraps links, channels and
 * mentions in `<…>` and escapes `& < >`. Links keep their URL (the label may be shortened by Slack), channels
 * become `#name`, mentions `@U123`. A URL the person wrapped in `<…>` themselves loses the brackets, so it still
 * names a paper.
 */
export function decodeSlackText(text: string): string {
  const decoded = text
    .replace(/<([^<>]*)>/g, (_whole, inner: string) => {
      const [target = '', label] = inner.split('|', 2);
      if (target.startsWith('#')) return label ? `#${label}` : target;
      if (target.startsWith('@')) return label ? `@${label}` : target;
      if (target.startsWith('!')) return label ?? `@${target.slice(1).split('^')[0]}`;
      return target.replace(/^mailto:/, '');
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return decoded.replace(/<((?:https?:\/\/)[^\s<>]+)>/g, '$1');
}
