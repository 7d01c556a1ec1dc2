// Which digest slots a channel has around a given instant: its local time on its chosen days, in its zone.
import { type Cadence, WEEKDAYS, type Weekday } from '../store/types.js';
import {
  addDays,
  instantOf,
  isoDate,
  offsetAt,
  parseClock,
  parseIsoDate,
  wallMs,
  wallTimeAt,
  weekdayIndex,
} from './zoned.js';

export interface ScheduleSettings {
  /** HH:MM, 24 h. */
  time: string;
  /** IANA zone. */
  timezone: string;
  days: readonly Weekday[];
  /** weekly: one slot a week, on `weeklyDay` only (`days` is the daily schedule, kept for going back). */
  cadence?: Cadence;
  weeklyDay?: Weekday;
}

/** The weekdays a channel's slots fall on: its chosen days, or its one round-up day when weekly. */
export function scheduleDays(settings: ScheduleSettings): readonly Weekday[] {
  return settings.cadence === 'weekly' ? [settings.weeklyDay ?? 'fri'] : settings.days;
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

const offsetCache = new Map<string, number | null>();

/** The zone's one offset throughout local `date` (checked 14 h either side), or undefined on a change day. */
function steadyOffset(date: string, timezone: string): number | undefined {
  const key = `${timezone}|${date}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    const midnight = Date.parse(`${date}T00:00:00Z`);
    const before = offsetAt(midnight - 14 * HOUR, timezone);
    const after = offsetAt(midnight + 38 * HOUR, timezone);
    offset = before === after ? before : null;
    if (offsetCache.size >= CACHE_LIMIT) offsetCache.clear();
    offsetCache.set(key, offset);
  }
  return offset ?? undefined;
}

/** The instant of the slot on local date `date` (see instantOf for skipped and repeated times). */
export function slotInstant(date: string, time: string, timezone: string): number {
  const key = `${timezone}|${date}|${time}`;
  const hit = instantCache.get(key);
  if (hit !== undefined) return hit;
  const d = parseIsoDate(date);
  const c = parseClock(time);
  if (!d || !c) throw new RangeError(`bad slot ${date} ${time}`);
  const wall = { ...d, ...c };
  // Most days have one offset from before their start to after their end: then any time of the day is
  // its wall time minus that offset. Only change days need the careful search.
  const steady = steadyOffset(date, timezone);
  const at = steady === undefined ? instantOf(wall, timezone) : wallMs(wall) - steady;
  if (instantCache.size >= CACHE_LIMIT) instantCache.clear();
  instantCache.set(key, at);
  return at;
}

const dateCache = new Map<string, string>();
const dayCache = new Map<string, { next: string; prev: string; weekday: number }>();

/** The local date in `timezone` at instant `ms` (memoised: a tick asks the same for thousands of channels). */
export function localDate(ms: number, timezone: string): string {
  const key = `${timezone}|${ms}`;
  let date = dateCache.get(key);
  if (date === undefined) {
    date = isoDate(wallTimeAt(ms, timezone));
    if (dateCache.size >= 10_000) dateCache.clear();
    dateCache.set(key, date);
  }
  return date;
}

/** Neighbours and weekday of a date, memoised. */
function day(date: string): { next: string; prev: string; weekday: number } {
  let d = dayCache.get(date);
  if (!d) {
    d = { next: addDays(date, 1), prev: addDays(date, -1), weekday: weekdayIndex(date) };
    if (dayCache.size >= 10_000) dayCache.clear();
    dayCache.set(date, d);
  }
  return d;
}

/**
 * Every slot of the channel whose instant lies in (from, to], oldest first. Covers any window by walking
 * the local dates from one day before `from` to one day after `to` (a slot can land on the next UTC day).
 */
export function slotsBetween(settings: ScheduleSettings, from: number, to: number): Slot[] {
  const chosen = scheduleDays(settings);
  if (!parseClock(settings.time) || chosen.length === 0) return [];
  const days = new Set(chosen.map((d) => WEEKDAYS.indexOf(d)));
  const out: Slot[] = [];
  const last = day(localDate(to, settings.timezone)).next;
  for (let date = day(localDate(from, settings.timezone)).prev; date <= last; date = day(date).next) {
    if (!days.has(day(date).weekday)) continue;
    const at = slotInstant(date, settings.time, settings.timezone);
    if (at > from && at <= to) out.push({ slot: date, at });
  }
  return out;
}

/** The next slot strictly after `after` (within two weeks), for "next digest: …" in settings. */
export function nextSlot(settings: ScheduleSettings, after: number): Slot | undefined {
  return slotsBetween(settings, after, after + 15 * 24 * HOUR)[0];
}
