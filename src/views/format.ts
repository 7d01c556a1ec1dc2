// Text helpers every renderer shares: truncation at word boundaries, author lines, dates and durations.

import { splitPersonName } from '../text/person-name.js';
import { truncate as truncateIn } from '../text/truncate.js';

/** Collapses runs of whitespace (abstracts from PDFs and feeds carry newlines and double spaces). */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Shortens text to at most `max` characters (ellipsis included), cutting at a word boundary when one is
 * reasonably close so a TL;DR never ends mid-word.
 */
export function truncate(text: string, max: number): string {
  // Code points, not UTF-16 units: `max` is a width on a card, where an emoji is one character.
  return truncateIn(squash(text), max, 'code-point', { atWord: true });
}

/**
 * "Ashish Vaswani" → "A. Vaswani"; "Jean-Baptiste Alayrac" → "J.-B. Alayrac"; "Adrian Del Maestro" → "A. Del Maestro"
 * (the family name keeps its particles, as citations do); "Levine, Sergey" → "S. Levine"; one-word names stay.
 */
export function shortName(name: string): string {
  const { given, family } = splitPersonName(squash(name));
  if (!given) return family;
  const initials = given
    .split(' ')
    .filter(Boolean)
    .map((word) =>
      word
        .split('-')
        .map((piece) => (piece.length <= 2 && piece.endsWith('.') ? piece : `${Array.from(piece)[0] ?? ''}.`))
        .join('-'),
    );
  return [...initials, family].join(' ');
}

/** "A. Author, B. Author +5": at most `max` names, the rest as a count. */
export function formatAuthors(authors: readonly string[], options: { max?: number; short?: boolean } = {}) {
  const max = options.max ?? 3;
  const names = authors.map((a) => squash(a)).filter(Boolean);
  if (names.length === 0) return '';
  const shown = names.slice(0, max).map((n) => (options.short === false ? n : shortName(n)));
  const more = names.length - shown.length;
  return more > 0 ? `${shown.join(', ')} +${more}` : shown.join(', ');
}

/** "diffusion, reward hacking and RL" */
export function humanList(items: readonly string[], conjunction = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1]}`;
}

/** "1 paper", "3 papers" */
export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${n} ${n === 1 ? word : pluralWord}`;
}

/** "3 h 20 min", "5 min", "2 days 13 h" */
export function formatDuration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours < 48) return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
  const days = Math.floor(hours / 24);
  const left = hours % 24;
  return left === 0 ? plural(days, 'day') : `${plural(days, 'day')} ${left} h`;
}

/** Building an Intl formatter costs far more than using one: keep one per pattern and zone. */
const formatters = new Map<string, Intl.DateTimeFormat>();
export function cachedFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, format);
  }
  return format;
}

/** "Tue 14 May, 08:30" in the given IANA time zone. */
export function formatLocalDateTime(date: Date, timezone: string): string {
  const parts = cachedFormat('en-GB', {
    timeZone: timezone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('weekday')} ${get('day')} ${get('month')}, ${get('hour')}:${get('minute')}`;
}

/** The calendar date (YYYY-MM-DD) at `date` in the given time zone. */
export function localDate(date: Date, timezone: string): string {
  const parts = cachedFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

const days = new Map<string, string>();

/** "2024-05-08" → "8 May 2024"; anything unparsable comes back unchanged. */
export function formatDay(isoDate: string): string {
  let shown = days.get(isoDate);
  if (shown === undefined) {
    shown = formatDayUncached(isoDate);
    // A catalog has a few hundred distinct dates at most; the cap only guards against junk input.
    if (days.size < 10_000) days.set(isoDate, shown);
  }
  return shown;
}

function formatDayUncached(isoDate: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) return isoDate;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(date.getTime())) return isoDate;
  return cachedFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' }).format(
    date,
  );
}
