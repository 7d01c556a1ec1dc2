// Reading channel settings from what people type: topics, times, time zones, days, counts, with fix-it messages.
import { z } from 'zod';
import type { OptionSpec } from '../../src/app/command.js';
import type { Weekday } from '../../src/store/types.js';
import {
  LIMITS,
  parseDays,
  parseTime,
  parseTimeZone,
  type Result,
  validateSettings,
} from '../../src/store/validate.js';

export { describeDays } from '../../src/views/channel-view.js';
export { LIMITS };

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

const checked = <T>(result: Result<T>): Checked<T> =>
  result.ok ? { ok: true, value: result.value } : { ok: false, message: result.error };

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

/** Topics or exclude words, checked by the store's rules (count, length), in the order given. */
export function checkTerms(terms: readonly string[], field: 'topics' | 'exclude'): Checked<string[]> {
  const result = validateSettings({ [field]: [...terms] });
  if (!result.ok) return { ok: false, message: result.errors.map((e) => e.message).join('; ') };
  return { ok: true, value: result.value[field] ?? [] };
}

export function checkTopics(topics: readonly string[]): Checked<string[]> {
  return checkTerms(topics, 'topics');
}

/** "8:30", "08:30", and the forms people also type, "8.30", "0830", "8h30" → "08:30". */
export function checkTime(text: string): Checked<string> {
  const loose = /^\s*(\d{1,2})[.h]?(\d{2})\s*$/.exec(text);
  return checked(parseTime(loose ? `${loose[1]}:${loose[2]}` : text));
}

/** An IANA zone name (any case): "europe/berlin" → "Europe/Berlin". Offsets and abbreviations are refused. */
export function checkTimezone(text: string): Checked<string> {
  return checked(parseTimeZone(text));
}

/** "weekdays", "mon-fri", "fri-mon", "mon,wed,fri", "Tuesday Thursday" → days in week order. */
export function checkDays(text: string): Checked<Weekday[]> {
  return checked(parseDays(text));
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

const termsSchema = (field: 'topics' | 'exclude') =>
  fromCheck((text) => {
    // "none" clears the exclude list.
    if (field === 'exclude' && /^\s*(none|nothing|clear|-)\s*$/i.test(text)) return { ok: true, value: [] };
    const items = splitList(text);
    if (items.length === 0) {
      return {
        ok: false,
        message: `needs at least one ${field === 'topics' ? 'topic' : 'word'}; separate several with ; or ,`,
      };
    }
    return checkTerms(items, field);
  });

export const settingsOptions = {
  topics(
    description: string,
    extra: { required?: boolean; positional?: 'rest' } = {},
  ): OptionSpec<z.ZodType<string[], string>> {
    return {
      kind: 'string',
      description,
      schema: termsSchema('topics'),
      required: extra.required ?? false,
      ...(extra.positional ? { positional: extra.positional } : {}),
    };
  },
  exclude(description: string): OptionSpec<z.ZodType<string[], string>> {
    return {
      kind: 'string',
      description,
      schema: termsSchema('exclude'),
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
