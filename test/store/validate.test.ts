// Channel settings validation: what is accepted, how it is normalised, and messages that say what is allowed.
import { describe, expect, it } from 'vitest';
import {
  parseDays,
  parseTime,
  parseTimeZone,
  splitTerms,
  validateSettings,
} from '../../src/store/validate.js';

function errors(change: unknown): string[] {
  const result = validateSettings(change);
  return result.ok ? [] : result.errors.map((e) => `${e.field}: ${e.message}`);
}

describe('parseDays', () => {
  it.each([
    ['weekdays', ['mon', 'tue', 'wed', 'thu', 'fri']],
    ['Weekends', ['sat', 'sun']],
    ['daily', ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']],
    ['every day', ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']],
    ['mon-fri', ['mon', 'tue', 'wed', 'thu', 'fri']],
    ['mon - wed', ['mon', 'tue', 'wed']],
    ['fri-mon', ['mon', 'fri', 'sat', 'sun']],
    ['mon,wed,fri', ['mon', 'wed', 'fri']],
    ['Friday Monday monday', ['mon', 'fri']],
    ['tues; thurs', ['tue', 'thu']],
    ['weekends, wed', ['wed', 'sat', 'sun']],
  ])('reads "%s"', (input, days) => {
    expect(parseDays(input)).toEqual({ ok: true, value: days });
  });

  it('takes a list of day words as well as one string', () => {
    expect(parseDays(['sun', 'mon'])).toEqual({ ok: true, value: ['mon', 'sun'] });
  });

  it('names the word it does not know and shows what is allowed', () => {
    expect(parseDays('mon,funday')).toEqual({
      ok: false,
      error: '"funday" is not a day: use mon..sun (e.g. mon,wed,fri or mon-fri), weekdays, weekends or daily',
    });
    expect(parseDays('mon-someday')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not a range of days/),
    });
    expect(parseDays('  ')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^choose at least one day/),
    });
  });
});

describe('parseTime', () => {
  it('accepts 24-hour times and pads the hour', () => {
    expect(parseTime('08:30')).toEqual({ ok: true, value: '08:30' });
    expect(parseTime('8:05')).toEqual({ ok: true, value: '08:05' });
    expect(parseTime('00:00')).toEqual({ ok: true, value: '00:00' });
    expect(parseTime(' 23:59 ')).toEqual({ ok: true, value: '23:59' });
  });

  it.each(['24:00', '12:60', '9', '9am', '09:3', 'noon'])('refuses "%s", saying what is allowed', (input) => {
    expect(parseTime(input)).toEqual({
      ok: false,
      error: `"${input}" is not a time: use 24-hour HH:MM from 00:00 to 23:59 (e.g. 08:30 or 17:00)`,
    });
  });
});

describe('parseTimeZone', () => {
  it('accepts IANA names in any case and returns their canonical spelling', () => {
    expect(parseTimeZone('Europe/Berlin')).toEqual({ ok: true, value: 'Europe/Berlin' });
    expect(parseTimeZone('america/new_york')).toEqual({ ok: true, value: 'America/New_York' });
    expect(parseTimeZone('UTC')).toEqual({ ok: true, value: 'UTC' });
  });

  it('accepts well-known aliases', () => {
    expect(parseTimeZone('US/Eastern')).toMatchObject({ ok: true });
    expect(parseTimeZone('Etc/GMT+5')).toMatchObject({ ok: true });
  });

  it('refuses offsets and made-up zones, suggesting the zone of a city it knows', () => {
    expect(parseTimeZone('+01:00')).toMatchObject({ ok: false });
    expect(parseTimeZone('Mars/Olympus')).toEqual({
      ok: false,
      error:
        '"Mars/Olympus" is not a time zone: use an IANA name such as Europe/Berlin, America/New_York or UTC',
    });
    expect(parseTimeZone('berlin')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/did you mean Europe\/Berlin\?/),
    });
    expect(parseTimeZone('new york')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/did you mean America\/New_York\?/),
    });
  });
});

describe('splitTerms', () => {
  it('splits on semicolons and commas and tidies spaces', () => {
    expect(splitTerms(' diffusion models;  reward   hacking , ,RLHF ')).toEqual([
      'diffusion models',
      'reward hacking',
      'RLHF',
    ]);
  });
});

describe('validateSettings', () => {
  it('normalises a full change typed by a person', () => {
    expect(
      validateSettings({
        topics: 'Diffusion; diffusion ; RLHF',
        exclude: ['survey', 'Survey'],
        time: '7:00',
        timezone: 'asia/tokyo',
        days: 'mon-fri',
        count: '3',
        paused: false,
        whenEmpty: 'silent',
      }),
    ).toEqual({
      ok: true,
      value: {
        topics: ['Diffusion', 'RLHF'],
        exclude: ['survey'],
        time: '07:00',
        timezone: 'Asia/Tokyo',
        days: ['mon', 'tue', 'wed', 'thu', 'fri'],
        count: 3,
        paused: false,
        whenEmpty: 'silent',
      },
    });
  });

  it('accepts an empty change and clearing the topics', () => {
    expect(validateSettings({})).toEqual({ ok: true, value: {} });
    expect(validateSettings({ topics: [] })).toEqual({ ok: true, value: { topics: [] } });
  });

  it('reports every problem at once, each naming its setting and the allowed values', () => {
    expect(errors({ time: '25:00', count: 0, days: 'someday', timezone: 'Nowhere' })).toEqual([
      'time: "25:00" is not a time: use 24-hour HH:MM from 00:00 to 23:59 (e.g. 08:30 or 17:00)',
      'timezone: "Nowhere" is not a time zone: use an IANA name such as Europe/Berlin, America/New_York or UTC',
      'days: "someday" is not a day: use mon..sun (e.g. mon,wed,fri or mon-fri), weekdays, weekends or daily',
      'count: count must be a whole number from 1 to 10 (got 0)',
    ]);
  });

  it.each([11, 2.5, '3 papers', -1])('refuses count %s', (count) => {
    expect(errors({ count })).toEqual([
      expect.stringMatching(/^count: count must be a whole number from 1 to 10/),
    ]);
  });

  it('allows at most 10 topics of at most 100 characters', () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `topic ${i}`);
    expect(errors({ topics: eleven })).toEqual([
      'topics: 11 topics given: at most 10 are allowed (separate them with ; or ,)',
    ]);
    expect(errors({ topics: eleven.slice(0, 10) })).toEqual([]);
    expect(errors({ topics: ['x'.repeat(100)] })).toEqual([]);
    expect(errors({ topics: ['x'.repeat(101)] })).toEqual([
      expect.stringMatching(/^topics: topic "x{40}…" is 101 characters long: keep each topic to at most 100/),
    ]);
  });

  it('quotes the start of a too-long topic without splitting an emoji in half', () => {
    const [error] = errors({ topics: [`a${'🚀'.repeat(60)}`] });
    expect(error).toMatch(/^topics: topic "a(🚀){19}…" is 121 characters long/);
  });

  it('counts topics after removing repeats, so repeats do not push a list over the limit', () => {
    const repeated = [...Array.from({ length: 10 }, (_, i) => `t${i}`), 'T0', 't1 '];
    expect(validateSettings({ topics: repeated })).toMatchObject({ ok: true });
  });

  it('applies the same limits to exclude words', () => {
    expect(errors({ exclude: Array.from({ length: 11 }, (_, i) => `w${i}`) })).toEqual([
      'exclude: 11 exclude words given: at most 10 are allowed (separate them with ; or ,)',
    ]);
  });

  it('refuses unknown settings and values of the wrong kind, saying what is expected', () => {
    expect(errors({ colour: 'blue' })).toEqual([
      'settings: unknown setting "colour": settings are topics, exclude, time, timezone, days, count, paused, whenEmpty, images, cadence, weeklyDay',
    ]);
    expect(errors({ paused: 'maybe' })).toEqual(['paused: paused must be true or false']);
    expect(errors({ whenEmpty: 'loud' })).toEqual([
      'whenEmpty: whenEmpty must be "notice" (post a one-line notice) or "silent" (post nothing)',
    ]);
    expect(errors('nope')).toEqual(['settings: settings must be an object of setting names and values']);
  });
});
