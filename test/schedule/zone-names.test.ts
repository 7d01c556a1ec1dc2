// Time-zone names as people type them: the name given is kept; abbreviations are refused with the zone meant.
import { describe, expect, it } from 'vitest';
import { checkTimezone } from '../../commands/lib/settings-input.js';
import { suggestTimeZones } from '../../src/platforms/discord/time-zones.js';
import { parseTimeZone } from '../../src/store/validate.js';

describe('time zones keep the name the user gave', () => {
  it.each([
    ['Asia/Kolkata', 'Asia/Kolkata'],
    ['asia/kolkata', 'Asia/Kolkata'],
    ['Europe/Kyiv', 'Europe/Kyiv'],
    ['Asia/Ho_Chi_Minh', 'Asia/Ho_Chi_Minh'],
    ['asia/ho_chi_minh', 'Asia/Ho_Chi_Minh'],
    ['Asia/Kathmandu', 'Asia/Kathmandu'],
    ['America/Argentina/Buenos_Aires', 'America/Argentina/Buenos_Aires'],
    ['Asia/Calcutta', 'Asia/Calcutta'],
    ['Europe/Berlin', 'Europe/Berlin'],
    ['america/new_york', 'America/New_York'],
    ['US/Eastern', 'US/Eastern'],
    ['UTC', 'UTC'],
    ['GMT', 'GMT'],
    ['Etc/GMT+5', 'Etc/GMT+5'],
  ])('%s → %s', (typed, kept) => {
    expect(parseTimeZone(typed)).toEqual({ ok: true, value: kept });
  });
});

describe('abbreviations are refused with the zone they usually mean', () => {
  it.each([
    ['EST', 'America/New_York'],
    ['est', 'America/New_York'],
    ['EDT', 'America/New_York'],
    ['CST', 'America/Chicago or Asia/Shanghai'],
    ['MST', 'America/Denver or America/Phoenix'],
    ['PST', 'America/Los_Angeles'],
    ['PDT', 'America/Los_Angeles'],
    ['HST', 'Pacific/Honolulu'],
    ['BST', 'Europe/London'],
    ['CET', 'Europe/Berlin or Europe/Paris'],
    ['CEST', 'Europe/Berlin or Europe/Paris'],
    ['EET', 'Europe/Athens or Europe/Helsinki'],
    ['IST', 'Asia/Kolkata, Europe/Dublin or Asia/Jerusalem'],
    ['JST', 'Asia/Tokyo'],
    ['AEST', 'Australia/Sydney or Australia/Brisbane'],
  ])('%s → did you mean %s?', (typed, meant) => {
    expect(parseTimeZone(typed)).toEqual({
      ok: false,
      error: `"${typed}" is an abbreviation, not a time zone, and would miss daylight saving: did you mean ${meant}?`,
    });
  });

  it('refuses an unknown capitalised abbreviation rather than guessing a zone for it', () => {
    expect(parseTimeZone('XYZT')).toEqual({
      ok: false,
      error:
        '"XYZT" looks like an abbreviation, not a time zone: use the IANA name of a place, such as Europe/Berlin, America/New_York or UTC',
    });
  });

  it('the subscribe and settings option answers the same', () => {
    expect(checkTimezone('EST')).toMatchObject({
      ok: false,
      message: expect.stringContaining('did you mean America/New_York?'),
    });
  });
});

describe('near misses get a did-you-mean', () => {
  it.each([
    ['America/New York', 'America/New_York'],
    ['America/New', 'America/New_York'],
    ['america/los angeles', 'America/Los_Angeles'],
    ['Ho Chi Minh', 'Asia/Ho_Chi_Minh'],
    ['kolkata', 'Asia/Kolkata'],
    ['rome', 'Europe/Rome'],
  ])('%s → did you mean %s?', (typed, meant) => {
    expect(parseTimeZone(typed)).toEqual({
      ok: false,
      error: `"${typed}" is not a time zone: use an IANA name such as Europe/Berlin, America/New_York or UTC (did you mean ${meant}?)`,
    });
  });
});

describe('Discord time-zone autocomplete', () => {
  it('offers the current names, not the old ones the runtime lists', () => {
    expect(suggestTimeZones('kolkata')).toEqual(['Asia/Kolkata']);
    expect(suggestTimeZones('kyiv')).toEqual(['Europe/Kyiv']);
    expect(suggestTimeZones('calcutta')).toEqual([]);
  });
});
