// Which digest slots a channel has around a given instant: its local time on its chosen days, in its zone.
import { WEEKDAYS, type Weekday } from '../store/types.js';
import { addDays, instantOf, isoDate, parseClock, parseIsoDate, wallTimeAt, weekdayIndex } from './zoned.js';

export interface ScheduleSettings {
  /** HH:MM, 24 h. */
  time: string;
  /** IANA zone. */
  timezone: string;
  days: readonly Weekday[];
}

export interface Slot {
  /** The local date of the slot, YYYY-MM-DD: the ledger key with the channel. */
  slot: string;
  /** The instant it is due (ms since the epoch). */
  at: number;
}

const HOUR = 3_600_000;

/** Slot instants repeat for every channel sharing a zone and time; memoised, bounded. */
const instantCache = new Map<string, number>();
const CACHE_LIMIT = 50_000;

/** The instant of the slot on local date `date` (see instantOf for skipped and repeated times). */
export function slotInstant(date: string, time: string, timezone: string): number {
  const key = `${timezone}|${date}|${time}`;
  const hit = instantCache.get(key);
  if (hit !== undefined) return hit;
  const d = parseIsoDate(date);
  const c = parseClock(time);
  if (!d || !c) throw new RangeError(`bad slot ${date} ${time}`);
  const at = instantOf({ ...d, ...c }, timezone);
  if (instantCache.size >= CACHE_LIMIT) instantCache.clear();
  instantCache.set(key, at);
  return at;
}

/** The local date in `timezone` at instant `ms`. */
export function localDate(ms: number, timezone: string): string {
  return isoDate(wallTimeAt(ms, timezone));
}

/**
 * Every slot of the channel whose instant lies in (from, to], oldest first. Covers any window by walking
 * the local dates from one day before `from` to one day after `to` (a slot can land on the next UTC day).
 */
export function slotsBetween(settings: ScheduleSettings, from: number, to: number): Slot[] {
  if (!parseClock(settings.time) || settings.days.length === 0) return [];
  const days = new Set(settings.days.map((d) => WEEKDAYS.indexOf(d)));
  const out: Slot[] = [];
  const last = addDays(localDate(to, settings.timezone), 1);
  for (let date = addDays(localDate(from, settings.timezone), -1); date <= last; date = addDays(date, 1)) {
    if (!days.has(weekdayIndex(date))) continue;
    const at = slotInstant(date, settings.time, settings.timezone);
    if (at > from && at <= to) out.push({ slot: date, at });
  }
  return out;
}

/** The next slot strictly after `after` (within two weeks), for "next digest: …" in settings. */
export function nextSlot(settings: ScheduleSettings, after: number): Slot | undefined {
  return slotsBetween(settings, after, after + 15 * 24 * HOUR)[0];
}
