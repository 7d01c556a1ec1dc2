// Wall-clock time in IANA time zones with Intl only: local fields of an instant, and the instant of a local time.

/** A local wall-clock reading, minutes precision is all the schedule needs. */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when the runtime knows the IANA zone (e.g. "Europe/Berlin"); "Mars/Base" is false. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields shown in `timeZone` at instant `ms` (seconds are dropped). */
export function wallTimeAt(ms: number, timeZone: string): WallTime {
  const out: WallTime = { year: 0, month: 0, day: 0, hour: 0, minute: 0 };
  for (const part of formatter(timeZone).formatToParts(ms)) {
    switch (part.type) {
      case 'year':
        out.year = Number(part.value);
        break;
      case 'month':
        out.month = Number(part.value);
        break;
      case 'day':
        out.day = Number(part.value);
        break;
      case 'hour':
        out.hour = Number(part.value);
        break;
      case 'minute':
        out.minute = Number(part.value);
        break;
    }
  }
  return out;
}

/** The wall time as if it were UTC: a number that orders wall times and measures them in ms. */
export function wallMs(w: WallTime): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
}

/** UTC offset (ms, east positive) of the zone at instant `ms`, to the minute. */
export function offsetAt(ms: number, timeZone: string): number {
  const floored = Math.floor(ms / MINUTE) * MINUTE;
  return wallMs(wallTimeAt(floored, timeZone)) - floored;
}

/**
 * The first instant at which the zone's clock reads `wall` or later.
 * - An ordinary time maps to its one instant.
 * - An ambiguous time (the repeated hour when clocks go back) maps to its first occurrence.
 * - A time that does not exist (skipped when clocks go forward) maps to the next valid minute, i.e. the
 *   moment the clocks jumped (02:30 on a 02:00→03:00 day → 03:00 local).
 */
export function instantOf(wall: WallTime, timeZone: string): number {
  const target = wallMs(wall);
  // Offsets in force around the target; zones change offset at most once in a day in practice.
  const before = offsetAt(target - 36 * HOUR, timeZone);
  const after = offsetAt(target + 36 * HOUR, timeZone);
  const candidates = [...new Set([before, after, offsetAt(target, timeZone)])]
    .map((offset) => target - offset)
    .filter((ms) => wallMs(wallTimeAt(ms, timeZone)) === target)
    .sort((a, b) => a - b);
  if (candidates[0] !== undefined) return candidates[0];
  // A gap: find the first minute whose wall time is at or past the target. Wall time is monotonic except at
  // fall-back transitions, which cannot sit inside a spring-forward gap, so bisection is safe.
  let lo = target - Math.max(before, after) - MINUTE; // wall time before the target
  let hi = target - Math.min(before, after) + MINUTE; // wall time after the target
  while (hi - lo > MINUTE) {
    const mid = Math.floor((lo + hi) / 2 / MINUTE) * MINUTE;
    if (mid <= lo || mid >= hi) break;
    if (wallMs(wallTimeAt(mid, timeZone)) >= target) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** YYYY-MM-DD of a wall time. */
export function isoDate(w: Pick<WallTime, 'year' | 'month' | 'day'>): string {
  return `${String(w.year).padStart(4, '0')}-${String(w.month).padStart(2, '0')}-${String(w.day).padStart(2, '0')}`;
}

/** Parses YYYY-MM-DD (calendar-checked) or returns undefined. */
export function parseIsoDate(text: string): { year: number; month: number; day: number } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    return undefined;
  return { year, month, day };
}

/** The calendar date `days` after (or before) a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  const d = parseIsoDate(date);
  if (!d) throw new RangeError(`not a date: ${date}`);
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day + days));
  return isoDate({ year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() });
}

/** 0 = Monday … 6 = Sunday, matching WEEKDAYS. */
export function weekdayIndex(date: string): number {
  const d = parseIsoDate(date);
  if (!d) throw new RangeError(`not a date: ${date}`);
  return (new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay() + 6) % 7;
}

/** Parses HH:MM (24 h) or returns undefined. */
export function parseClock(text: string): { hour: number; minute: number } | undefined {
  const m = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text.trim());
  if (!m) return undefined;
  return { hour: Number(m[1]), minute: Number(m[2]) };
}
