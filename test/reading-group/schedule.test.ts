import { describe, expect, it } from 'vitest';
import { announceSlot, meetingsDue, nextMeeting, reminderSlot } from '../../src/reading-group/schedule.js';

const berlin = { day: 'sun', time: '15:00', timezone: 'Europe/Berlin' } as const;
const at = (iso: string) => Date.parse(iso);

describe('reading group times', () => {
  it('announces the day before at the meeting’s local time and reminds an hour before, across the spring change', () => {
    // Clocks go forward in Berlin in the night of Sat 28 to Sun 29 March 2026.
    const before = nextMeeting(berlin, at('2026-03-22T00:00:00Z'))!;
    expect(before.date).toBe('2026-03-22');
    expect(new Date(before.at).toISOString()).toBe('2026-03-22T14:00:00.000Z');
    const change = nextMeeting(berlin, before.at)!;
    expect(change.date).toBe('2026-03-29');
    expect(new Date(change.at).toISOString()).toBe('2026-03-29T13:00:00.000Z');
    // Saturday 15:00 CET is 23 hours before Sunday 15:00 CEST: the same local time, not 24 h.
    expect(new Date(change.announceAt).toISOString()).toBe('2026-03-28T14:00:00.000Z');
    expect(new Date(change.remindAt).toISOString()).toBe('2026-03-29T12:00:00.000Z');
  });

  it('keeps the local time across the autumn change too', () => {
    const meeting = nextMeeting(berlin, at('2026-10-24T00:00:00Z'))!;
    expect(meeting.date).toBe('2026-10-25');
    expect(new Date(meeting.at).toISOString()).toBe('2026-10-25T14:00:00.000Z');
    expect(new Date(meeting.announceAt).toISOString()).toBe('2026-10-24T13:00:00.000Z');
  });

  it('makes a meeting due from its announcement until it starts', () => {
    expect(meetingsDue(berlin, at('2026-03-28T13:59:00Z'))).toEqual([]);
    expect(meetingsDue(berlin, at('2026-03-28T14:00:00Z')).map((m) => m.date)).toEqual(['2026-03-29']);
    expect(meetingsDue(berlin, at('2026-03-29T12:59:00Z')).map((m) => m.date)).toEqual(['2026-03-29']);
    expect(meetingsDue(berlin, at('2026-03-29T13:00:00Z'))).toEqual([]);
  });

  it('keys the ledger by the meeting’s date first', () => {
    expect(announceSlot('2026-03-29')).toMatch(/^2026-03-29 /);
    expect(reminderSlot('2026-03-29')).toMatch(/^2026-03-29 /);
    expect(announceSlot('2026-03-29')).not.toBe(reminderSlot('2026-03-29'));
  });
});
