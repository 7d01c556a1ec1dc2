// The cadence options of `subscribe` and `settings`: a daily digest, or one weekly round-up on a chosen day.
import { z } from 'zod';
import type { OptionSpec } from '../../src/app/command.js';
import {
  CADENCES,
  type Cadence,
  type ChannelSettings,
  WEEKDAYS,
  type Weekday,
} from '../../src/store/types.js';
import { parseWeekday } from '../../src/store/validate.js';

export const cadenceOptions = {
  cadence: {
    kind: 'string',
    description: 'daily: a digest on each chosen day; weekly: one round-up of the week’s best papers',
    schema: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(CADENCES, { error: 'must be daily or weekly' })),
    required: false,
    choices: CADENCES.map((v) => ({ name: v, value: v })),
  } satisfies OptionSpec<z.ZodType<Cadence, unknown>>,
  day: {
    kind: 'string',
    description: 'The weekly round-up’s day, e.g. fri (with cadence:weekly)',
    schema: z.string().transform((text, ctx) => {
      const day = parseWeekday(text);
      if (day.ok) return day.value;
      ctx.addIssue({ code: 'custom', message: day.error });
      return z.NEVER;
    }),
    required: false,
    choices: WEEKDAYS.map((d) => ({ name: d, value: d })),
  } satisfies OptionSpec<z.ZodType<Weekday, string>>,
};

export interface CadenceInput {
  cadence?: Cadence | undefined;
  day?: Weekday | undefined;
}

/**
 * The settings change `cadence:` and `day:` ask for, or why it makes no sense: a round-up day on a daily
 * channel would silently do nothing, so it needs cadence:weekly alongside.
 */
export function cadenceChange(
  input: CadenceInput,
  current: Pick<ChannelSettings, 'cadence'>,
): { ok: true; change: Partial<ChannelSettings> } | { ok: false; message: string } {
  const change: Partial<ChannelSettings> = {};
  if (input.cadence !== undefined) change.cadence = input.cadence;
  if (input.day !== undefined) {
    if ((input.cadence ?? current.cadence) !== 'weekly') {
      return {
        ok: false,
        message: `day: is the weekly round-up's day and this channel gets a daily digest: add cadence:weekly, e.g. cadence:weekly day:${input.day}`,
      };
    }
    change.weeklyDay = input.day;
  }
  return { ok: true, change };
}
