// Channel settings validation shared by the store boundary and the commands: errors as values, each saying what is allowed.
import { z } from 'zod';
import { abbreviationProblem, MODERN_NAMES, modernZoneName } from '../schedule/zone-names.js';
import { truncate } from '../text/truncate.js';
import { CADENCES, type ChannelSettings, WEEKDAYS, type Weekday } from './types.js';

export const LIMITS = {
  maxTopics: 10,
  maxExclude: 10,
  maxTermLength: 100,
  minCount: 1,
  maxCount: 10,
} as const;

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export interface SettingsProblem {
  /** The setting at fault; "settings" when the change as a whole is malformed. */
  field: keyof ChannelSettings | 'settings';
  message: string;
}

export type SettingsResult =
  | { ok: true; value: Partial<ChannelSettings> }
  | { ok: false; errors: SettingsProblem[] };

/** Thrown by the store when a change that skipped validateSettings is invalid; commands validate first. */
export class InvalidSettingsError extends Error {
  override readonly name = 'InvalidSettingsError';
  constructor(readonly problems: SettingsProblem[]) {
    super(problems.map((p) => p.message).join('; '));
  }
}

// ---------- time ----------

const TIME_RE = /^([01]?\d|2[0-3]):([0-5]\d)$/;

/** "8:30" or "08:30" → "08:30"; anything else is refused with what is allowed. */
export function parseTime(input: string): Result<string> {
  const text = input.trim();
  const m = TIME_RE.exec(text);
  if (!m) {
    return {
      ok: false,
      error: `"${text}" is not a time: use 24-hour HH:MM from 00:00 to 23:59 (e.g. 08:30 or 17:00)`,
    };
  }
  return { ok: true, value: `${m[1]!.padStart(2, '0')}:${m[2]}` };
}

// ---------- time zones ----------

let zoneIndex: Map<string, string> | undefined;

/** Lower-case name → canonical IANA name, from the runtime's own time zone data. */
function zones(): Map<string, string> {
  if (!zoneIndex) {
    zoneIndex = new Map();
    for (const zone of [...Intl.supportedValuesOf('timeZone'), 'UTC'])
      zoneIndex.set(zone.toLowerCase(), zone);
  }
  return zoneIndex;
}

/** Region/City style names only: Intl also accepts offsets like "+01:00", which are not IANA names. */
const IANA_SHAPE = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

function suggestZone(input: string): string | undefined {
  const name = input.trim().toLowerCase().replace(/\s+/g, '_');
  if (!name) return undefined;
  // "America/New York": the whole name once spaces become underscores.
  const whole = MODERN_NAMES.get(name) ?? zones().get(name);
  if (whole) return whole;
  const city = name.slice(name.lastIndexOf('/') + 1);
  for (const modern of MODERN_NAMES.values()) {
    if (modern.toLowerCase().endsWith(`/${city}`)) return modern;
  }
  for (const [lower, zone] of zones()) {
    if (lower.endsWith(`/${city}`)) return modernZoneName(zone);
  }
  // "America/New" (the rest of an unquoted "America/New York" read as another word).
  if (name.includes('/')) {
    for (const [lower, zone] of zones()) {
      if (lower.startsWith(name)) return modernZoneName(zone);
    }
  }
  return undefined;
}

/**
 * An IANA time zone name, in any case, → its spelling, keeping the name the user gave: Asia/Kolkata stays Asia/Kolkata
 * (Node's ICU would call it Asia/Calcutta) and US/Eastern stays US/Eastern. Abbreviations (EST, CET, IST) are refused
 * with the zones they usually mean.
 */
export function parseTimeZone(input: string): Result<string> {
  const text = input.trim();
  const abbreviation = abbreviationProblem(text);
  if (abbreviation) return { ok: false, error: abbreviation };
  const lower = text.toLowerCase();
  const known = MODERN_NAMES.get(lower) ?? zones().get(lower);
  if (known) return { ok: true, value: known };
  if (IANA_SHAPE.test(text)) {
    try {
      const resolved = new Intl.DateTimeFormat('en-US', { timeZone: text }).resolvedOptions().timeZone;
      // An alias typed with capitals is a spelling to keep; all lower case, the zone it names is spelt for it.
      return { ok: true, value: /[A-Z]/.test(text) ? text : modernZoneName(resolved) };
    } catch {
      // fall through to the message below
    }
  }
  const hint = suggestZone(text);
  return {
    ok: false,
    error:
      `"${text}" is not a time zone: use an IANA name such as Europe/Berlin, America/New_York or UTC` +
      (hint ? ` (did you mean ${hint}?)` : ''),
  };
}

// ---------- days ----------

const DAY_NAMES: Record<string, Weekday> = {};
for (const [i, day] of WEEKDAYS.entries()) {
  const full = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'][i]!;
  for (const alias of [day, full]) DAY_NAMES[alias] = day;
}
Object.assign(DAY_NAMES, { tues: 'tue', thur: 'thu', thurs: 'thu', weds: 'wed' });

const DAY_GROUPS: Record<string, Weekday[]> = {
  daily: [...WEEKDAYS],
  everyday: [...WEEKDAYS],
  'every day': [...WEEKDAYS],
  all: [...WEEKDAYS],
  weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
  workdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
  weekends: ['sat', 'sun'],
  weekend: ['sat', 'sun'],
};

const DAYS_HELP = 'use mon..sun (e.g. mon,wed,fri or mon-fri), weekdays, weekends or daily';

/**
 * "weekdays", "weekends", "daily", "mon-fri", "fri-mon" (wraps), "mon,wed,fri", "Monday Wednesday" or a list
 * of such words → the days in week order, without repeats.
 */
export function parseDays(input: string | readonly string[]): Result<Weekday[]> {
  const text = (typeof input === 'string' ? input : input.join(','))
    .trim()
    .toLowerCase()
    .replace(/\s*(?:-|–|\.\.)\s*/g, '-');
  const chosen = new Set<Weekday>();
  const group = DAY_GROUPS[text];
  if (group) return { ok: true, value: group };
  const tokens = text.split(/[\s,;]+/).filter(Boolean);
  for (const token of tokens) {
    const named = DAY_GROUPS[token];
    if (named) {
      for (const d of named) chosen.add(d);
      continue;
    }
    const range = /^([a-z]+)-([a-z]+)$/.exec(token);
    if (range) {
      const from = DAY_NAMES[range[1]!];
      const to = DAY_NAMES[range[2]!];
      if (!from || !to) return { ok: false, error: `"${token}" is not a range of days: ${DAYS_HELP}` };
      let i = WEEKDAYS.indexOf(from);
      for (;;) {
        chosen.add(WEEKDAYS[i]!);
        if (WEEKDAYS[i] === to) break;
        i = (i + 1) % WEEKDAYS.length;
      }
      continue;
    }
    const day = DAY_NAMES[token];
    if (!day) return { ok: false, error: `"${token}" is not a day: ${DAYS_HELP}` };
    chosen.add(day);
  }
  if (chosen.size === 0) return { ok: false, error: `choose at least one day: ${DAYS_HELP}` };
  return { ok: true, value: WEEKDAYS.filter((d) => chosen.has(d)) };
}

// ---------- topics and exclude words ----------

/** Splits "a; b, c" into terms; a list is taken as given. */
export function splitTerms(input: string | readonly string[]): string[] {
  const parts = typeof input === 'string' ? input.split(/[;,]/) : [...input];
  return parts.map((t) => t.trim().replace(/\s+/g, ' ')).filter(Boolean);
}

function parseTerms(input: string | readonly string[], what: 'topic' | 'exclude word', max: number) {
  const seen = new Set<string>();
  const terms: string[] = [];
  for (const term of splitTerms(input)) {
    const key = term.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    terms.push(term);
  }
  const tooLong = terms.find((t) => t.length > LIMITS.maxTermLength);
  if (tooLong) {
    return {
      ok: false as const,
      error: `${what} "${truncate(tooLong, 41, 'utf16')}" is ${tooLong.length} characters long: keep each ${what} to at most ${LIMITS.maxTermLength} characters`,
    };
  }
  if (terms.length > max) {
    return {
      ok: false as const,
      error: `${terms.length} ${what}s given: at most ${max} are allowed (separate them with ; or ,)`,
    };
  }
  return { ok: true as const, value: terms };
}

/** One day for the weekly round-up: "fri", "Friday" → "fri". */
export function parseWeekday(input: string): Result<Weekday> {
  const text = input.trim().toLowerCase();
  // "fridays" reads as naturally as "fri".
  const day = DAY_NAMES[text] ?? DAY_NAMES[text.replace(/s$/, '')];
  if (!day) {
    return {
      ok: false,
      error: `"${input.trim()}" is not one day of the week: use mon, tue, wed, thu, fri, sat or sun`,
    };
  }
  return { ok: true, value: day };
}

// ---------- the whole change ----------

const termsInput = z.union([z.string(), z.array(z.string())]);

/** What callers may hand in: typed values, or the text a person typed. */
export const SettingsInputSchema = z
  .object({
    topics: termsInput,
    exclude: termsInput,
    time: z.string(),
    timezone: z.string(),
    days: termsInput,
    count: z.union([z.number(), z.string()]),
    paused: z.boolean(),
    whenEmpty: z.enum(['notice', 'silent']),
    images: z.boolean(),
    cadence: z.enum(CADENCES),
    weeklyDay: z.string(),
  })
  .partial()
  .strict();
export type SettingsInput = z.input<typeof SettingsInputSchema>;

const FIELD_HELP: Record<keyof ChannelSettings, string> = {
  topics: `topics must be text: up to ${LIMITS.maxTopics}, separated by ; or ,`,
  exclude: `exclude must be text: up to ${LIMITS.maxExclude} words, separated by ; or ,`,
  time: 'time must be HH:MM (24-hour), e.g. 08:30',
  timezone: 'timezone must be an IANA name such as Europe/Berlin or UTC',
  days: `days: ${DAYS_HELP}`,
  count: `count must be a whole number from ${LIMITS.minCount} to ${LIMITS.maxCount}`,
  paused: 'paused must be true or false',
  whenEmpty: 'whenEmpty must be "notice" (post a one-line notice) or "silent" (post nothing)',
  images: 'images must be true (thumbnails on digest cards) or false',
  cadence: 'cadence must be "daily" (a digest on each chosen day) or "weekly" (one round-up a week)',
  weeklyDay: 'weeklyDay must be one day of the week, e.g. fri',
};

function parseCount(input: number | string): Result<number> {
  const n = typeof input === 'number' ? input : /^\s*\d+\s*$/.test(input) ? Number(input) : Number.NaN;
  if (!Number.isInteger(n) || n < LIMITS.minCount || n > LIMITS.maxCount) {
    return { ok: false, error: `${FIELD_HELP.count} (got ${String(input).trim() || 'nothing'})` };
  }
  return { ok: true, value: n };
}

/**
 * Validates and normalises a partial settings change. Every problem is reported (not only the first), each
 * as a one-line message a channel admin can act on.
 */
export function validateSettings(change: unknown): SettingsResult {
  const shape = SettingsInputSchema.safeParse(change);
  if (!shape.success) {
    const errors: SettingsProblem[] = shape.error.issues.map((issue) => {
      const field = issue.path[0];
      if (issue.code === 'unrecognized_keys') {
        return {
          field: 'settings',
          message: `unknown setting ${issue.keys.map((k) => `"${k}"`).join(', ')}: settings are ${Object.keys(FIELD_HELP).join(', ')}`,
        };
      }
      const known = typeof field === 'string' && field in FIELD_HELP;
      return known
        ? { field: field as keyof ChannelSettings, message: FIELD_HELP[field as keyof ChannelSettings] }
        : { field: 'settings', message: 'settings must be an object of setting names and values' };
    });
    return { ok: false, errors };
  }
  const input = shape.data;
  const value: Partial<ChannelSettings> = {};
  const errors: SettingsProblem[] = [];
  const take = <K extends keyof ChannelSettings>(field: K, result: Result<ChannelSettings[K]>) => {
    if (result.ok) value[field] = result.value;
    else errors.push({ field, message: result.error });
  };
  if (input.topics !== undefined) take('topics', parseTerms(input.topics, 'topic', LIMITS.maxTopics));
  if (input.exclude !== undefined)
    take('exclude', parseTerms(input.exclude, 'exclude word', LIMITS.maxExclude));
  if (input.time !== undefined) take('time', parseTime(input.time));
  if (input.timezone !== undefined) take('timezone', parseTimeZone(input.timezone));
  if (input.days !== undefined) take('days', parseDays(input.days));
  if (input.count !== undefined) take('count', parseCount(input.count));
  if (input.paused !== undefined) value.paused = input.paused;
  if (input.whenEmpty !== undefined) value.whenEmpty = input.whenEmpty;
  if (input.images !== undefined) value.images = input.images;
  if (input.cadence !== undefined) value.cadence = input.cadence;
  if (input.weeklyDay !== undefined) take('weeklyDay', parseWeekday(input.weeklyDay));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value };
}
