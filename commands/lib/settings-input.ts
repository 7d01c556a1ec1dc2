// Reading channel settings from what people type: topics, times, time zones, days, counts, with fix-it messages.
import { z } from 'zod';
import type { OptionSpec } from '../../src/app/command.js';
import { didYouMean } from '../../src/app/parse-line.js';
import { WEEKDAYS, type Weekday } from '../../src/store/types.js';

export const LIMITS = { topics: 10, topicLength: 100, excludeWords: 20, count: { min: 1, max: 10 } } as const;

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/**
 * Splits "diffusion models; reward hacking, RL" into topics: on semicolons and commas outside quotes, with
 * surrounding quotes and spaces removed and case-insensitive duplicates dropped.
 */
export function splitList(text: string): string[] {
  const items: string[] = [];
  let current = '';
  let inQuote = false;
  for (const ch of text) {
    if (ch === '"' || ch === '“' || ch === '”') inQuote = ch === '“' ? true : ch === '”' ? false : !inQuote;
    if (!inQuote && (ch === ';' || ch === ',')) {
      items.push(current);
      current = '';
    } else current += ch;
  }
  items.push(current);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of items) {
    const item = raw
      .trim()
      .replace(/^["“”'‘’]+|["“”'‘’]+$/g, '')
      .replace(/\s+/g, ' ')
      .trim();
    if (item && !seen.has(item.toLowerCase())) {
      seen.add(item.toLowerCase());
      out.push(item);
    }
  }
  return out;
}

export function checkTopics(topics: readonly string[]): Checked<string[]> {
  const tooLong = topics.find((t) => t.length > LIMITS.topicLength);
  if (tooLong) {
    return {
      ok: false,
      message: `each topic must be at most ${LIMITS.topicLength} characters ("${tooLong.slice(0, 30)}…" has ${tooLong.length}); separate topics with ; or ,`,
    };
  }
  if (topics.length > LIMITS.topics) {
    return {
      ok: false,
      message: `at most ${LIMITS.topics} topics per channel (that makes ${topics.length}); remove some with /papers unsubscribe`,
    };
  }
  return { ok: true, value: [...topics] };
}

/** "8:30", "08:30", "8.30", "0830" → "08:30". */
export function checkTime(text: string): Checked<string> {
  const match = /^(\d{1,2})[:.h]?(\d{2})$/.exec(text.trim());
  const hours = Number(match?.[1]);
  const minutes = Number(match?.[2]);
  if (!match || hours > 23 || minutes > 59) {
    return { ok: false, message: `must be a 24-hour time HH:MM, like 08:30 or 17:00 (got "${text}")` };
  }
  return { ok: true, value: `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}` };
}

let zoneNames: string[] | undefined;
function knownZones(): string[] {
  zoneNames ??= [...Intl.supportedValuesOf('timeZone'), 'UTC'];
  return zoneNames;
}

/** An IANA zone name (any case): "europe/berlin" → "Europe/Berlin". Offsets and abbreviations are refused. */
export function checkTimezone(text: string): Checked<string> {
  const name = text.trim();
  const known = knownZones();
  const exact = known.find((z) => z.toLowerCase() === name.toLowerCase());
  if (exact) return { ok: true, value: exact };
  // Valid IANA names that ICU files under another name (Asia/Kolkata, Europe/Kyiv) are kept as typed.
  if (/^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+$/.test(name)) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: name });
      return { ok: true, value: name };
    } catch {
      // falls through to the message below
    }
  }
  const city = name.replace(/\s+/g, '_').toLowerCase();
  const byCity = known.find((z) => z.toLowerCase().endsWith(`/${city}`));
  const guess = byCity ?? didYouMean(name, known);
  const hint = guess ? ` Did you mean ${guess}?` : '';
  return {
    ok: false,
    message: `must be an IANA time zone name like Europe/Berlin, America/New_York or UTC (got "${text}").${hint}`,
  };
}

const DAY_NAMES: Record<string, Weekday> = {
  mon: 'mon',
  monday: 'mon',
  tue: 'tue',
  tues: 'tue',
  tuesday: 'tue',
  wed: 'wed',
  weds: 'wed',
  wednesday: 'wed',
  thu: 'thu',
  thur: 'thu',
  thurs: 'thu',
  thursday: 'thu',
  fri: 'fri',
  friday: 'fri',
  sat: 'sat',
  saturday: 'sat',
  sun: 'sun',
  sunday: 'sun',
};

const DAY_SETS: Record<string, Weekday[]> = {
  daily: [...WEEKDAYS],
  everyday: [...WEEKDAYS],
  'every day': [...WEEKDAYS],
  all: [...WEEKDAYS],
  weekdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
  workdays: ['mon', 'tue', 'wed', 'thu', 'fri'],
  weekends: ['sat', 'sun'],
  weekend: ['sat', 'sun'],
};

const DAYS_MESSAGE = 'must be daily, weekdays, weekends, a range like mon-fri, or a list like mon,wed,fri';

/** "weekdays", "mon-fri", "fri-mon", "mon,wed,fri", "Tuesday Thursday" → days in week order. */
export function checkDays(text: string): Checked<Weekday[]> {
  const clean = text.trim().toLowerCase();
  const set = DAY_SETS[clean];
  if (set) return { ok: true, value: set };
  const chosen = new Set<Weekday>();
  for (const part of clean.split(/[\s,;]+/).filter(Boolean)) {
    const named = DAY_SETS[part];
    if (named) {
      for (const d of named) chosen.add(d);
      continue;
    }
    const range = /^([a-z]+)-([a-z]+)$/.exec(part);
    if (range) {
      const from = DAY_NAMES[range[1] as string];
      const to = DAY_NAMES[range[2] as string];
      if (!from || !to) return { ok: false, message: `${DAYS_MESSAGE} (got "${text}")` };
      // Ranges may wrap around the week: fri-mon is Friday to Monday.
      let i = WEEKDAYS.indexOf(from);
      for (;;) {
        const day = WEEKDAYS[i] as Weekday;
        chosen.add(day);
        if (day === to) break;
        i = (i + 1) % WEEKDAYS.length;
      }
      continue;
    }
    const day = DAY_NAMES[part];
    if (!day) return { ok: false, message: `${DAYS_MESSAGE} (got "${text}")` };
    chosen.add(day);
  }
  if (chosen.size === 0) return { ok: false, message: DAYS_MESSAGE };
  return { ok: true, value: WEEKDAYS.filter((d) => chosen.has(d)) };
}

/** "weekdays", "daily", "mon, wed, fri" — how days read back to people. */
export function describeDays(days: readonly Weekday[]): string {
  const key = WEEKDAYS.filter((d) => days.includes(d)).join(',');
  if (key === WEEKDAYS.join(',')) return 'daily';
  if (key === 'mon,tue,wed,thu,fri') return 'weekdays';
  if (key === 'sat,sun') return 'weekends';
  if (key === '') return 'never';
  return key.replace(/,/g, ', ');
}

/** Turns a checker into a zod schema whose failure message is the checker's. */
function fromCheck<T>(check: (text: string) => Checked<T>) {
  return z.string().transform((text, ctx) => {
    const result = check(text);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.message });
    return z.NEVER;
  });
}

const listSchema = (max: number) =>
  fromCheck((text) => {
    const items = splitList(text);
    if (items.length === 0)
      return { ok: false, message: 'needs at least one topic; separate several with ; or ,' };
    const checked = checkTopics(items);
    if (!checked.ok) return checked;
    return items.length > max ? { ok: false, message: `at most ${max} items` } : checked;
  });

export const settingsOptions = {
  topics(
    description: string,
    extra: { required?: boolean; positional?: 'rest' } = {},
  ): OptionSpec<z.ZodType<string[], string>> {
    return {
      kind: 'string',
      description,
      schema: listSchema(LIMITS.topics),
      required: extra.required ?? false,
      ...(extra.positional ? { positional: extra.positional } : {}),
    };
  },
  exclude(description: string): OptionSpec<z.ZodType<string[], string>> {
    return {
      kind: 'string',
      description,
      // "none" clears the list.
      schema: z.string().transform((text, ctx) => {
        if (/^\s*(none|nothing|clear|-)\s*$/i.test(text)) return [];
        const items = splitList(text);
        const tooLong = items.find((w) => w.length > LIMITS.topicLength);
        if (items.length > LIMITS.excludeWords || tooLong) {
          ctx.addIssue({
            code: 'custom',
            message: `takes at most ${LIMITS.excludeWords} words or phrases of at most ${LIMITS.topicLength} characters, separated by ; or , (or "none" to clear)`,
          });
          return z.NEVER;
        }
        return items;
      }),
      required: false,
    };
  },
  time(description: string): OptionSpec<z.ZodType<string, string>> {
    return { kind: 'string', description, schema: fromCheck(checkTime), required: false };
  },
  timezone(description: string): OptionSpec<z.ZodType<string, string>> {
    return { kind: 'string', description, schema: fromCheck(checkTimezone), required: false };
  },
  days(description: string): OptionSpec<z.ZodType<Weekday[], string>> {
    return { kind: 'string', description, schema: fromCheck(checkDays), required: false };
  },
};
