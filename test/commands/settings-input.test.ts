import { describe, expect, it } from 'vitest';
import {
  checkDays,
  checkTime,
  checkTimezone,
  describeDays,
  splitList,
} from '../../commands/lib/settings-input.js';
import { nextDigestAt } from '../../src/schedule/next-digest.js';

describe('reading settings people type', () => {
  it('splits topics on ; and , outside quotes, dropping duplicates', () => {
    expect(splitList('diffusion models; RL, rl ,, "robots, arms"; “value functions”')).toEqual([
      'diffusion models',
      'RL',
      'robots, arms',
      'value functions',
    ]);
  });

  it('normalises times and refuses impossible ones', () => {
    expect(checkTime('8:30')).toEqual({ ok: true, value: '08:30' });
    expect(checkTime('0830')).toEqual({ ok: true, value: '08:30' });
    expect(checkTime('17.05')).toEqual({ ok: true, value: '17:05' });
    expect(checkTime('24:00').ok).toBe(false);
    expect(checkTime('8am').ok).toBe(false);
  });

  it('accepts IANA zones in any case and refuses abbreviations and offsets', () => {
    expect(checkTimezone('europe/berlin')).toEqual({ ok: true, value: 'Europe/Berlin' });
    expect(checkTimezone('utc')).toEqual({ ok: true, value: 'UTC' });
    expect(checkTimezone('Asia/Kolkata')).toMatchObject({
      ok: true,
      value: expect.stringMatching(/^Asia\/(Kolkata|Calcutta)$/),
    });
    expect(checkTimezone('New York')).toMatchObject({
      ok: false,
      message: expect.stringContaining('did you mean America/New_York?'),
    });
    expect(checkTimezone('+01:00').ok).toBe(false);
  });

  it('understands day names, sets, lists and wrapping ranges', () => {
    expect(checkDays('weekdays')).toEqual({ ok: true, value: ['mon', 'tue', 'wed', 'thu', 'fri'] });
    expect(checkDays('Mon-Fri')).toEqual({ ok: true, value: ['mon', 'tue', 'wed', 'thu', 'fri'] });
    expect(checkDays('fri-mon')).toEqual({ ok: true, value: ['mon', 'fri', 'sat', 'sun'] });
    expect(checkDays('Tuesday, thurs')).toEqual({ ok: true, value: ['tue', 'thu'] });
    expect(checkDays('daily')).toMatchObject({ value: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] });
    expect(checkDays('mon-xyz').ok).toBe(false);
    expect(describeDays(['sat', 'sun'])).toBe('weekends');
    expect(describeDays(['wed', 'mon'])).toBe('mon, wed');
  });
});

describe('nextDigestAt', () => {
  const daily = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

  it('is today when the time is still ahead, else tomorrow', () => {
    const now = new Date('2024-05-13T05:00:00Z'); // 07:00 in Berlin
    expect(nextDigestAt({ time: '08:30', timezone: 'Europe/Berlin', days: daily }, now)?.toISOString()).toBe(
      '2024-05-13T06:30:00.000Z',
    );
    expect(nextDigestAt({ time: '06:00', timezone: 'Europe/Berlin', days: daily }, now)?.toISOString()).toBe(
      '2024-05-14T04:00:00.000Z',
    );
  });

  it('follows daylight saving time changes', () => {
    // Europe/Berlin switches to summer time on 31 March 2024 at 02:00.
    const now = new Date('2024-03-30T12:00:00Z');
    expect(nextDigestAt({ time: '09:00', timezone: 'Europe/Berlin', days: daily }, now)?.toISOString()).toBe(
      '2024-03-31T07:00:00.000Z',
    );
    expect(
      nextDigestAt(
        { time: '09:00', timezone: 'America/New_York', days: daily },
        new Date('2024-11-03T12:00:00Z'),
      )?.toISOString(),
    ).toBe('2024-11-03T14:00:00.000Z');
  });

  it('uses the local date across the date line', () => {
    // 19:30 UTC on Sunday is already 07:30 on Monday in Auckland: Monday's 08:00 slot is half an hour away.
    const now = new Date('2024-05-12T19:30:00Z');
    expect(
      nextDigestAt({ time: '08:00', timezone: 'Pacific/Auckland', days: ['mon'] }, now)?.toISOString(),
    ).toBe('2024-05-12T20:00:00.000Z');
  });

  it('is undefined without days', () => {
    expect(
      nextDigestAt({ time: '08:00', timezone: 'UTC', days: [] }, new Date('2025-05-09T07:00:00Z')),
    ).toBeUndefined();
  });
});
