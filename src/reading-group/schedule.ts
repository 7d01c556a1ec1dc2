// When a reading group meets, and when Paperboy announces the meeting (a day before) and reminds (an hour before).
import { nextSlot, slotInstant, slotsBetween } from '../schedule/slots.js';
import { addDays } from '../schedule/zoned.js';
import type { ReadingGroup } from '../store/types.js';

const HOUR = 3_600_000;

export interface MeetingTimes {
  /** The meeting's local date, YYYY-MM-DD: the key of its ledger slots. */
  date: string;
  /** The meeting itself. */
  at: number;
  /** The same local time the day before (not 24 h before: across a clock change it is still "yesterday at 15:00"). */
  announceAt: number;
  /** One hour before the meeting. */
  remindAt: number;
}

export type MeetingSchedule = Pick<ReadingGroup, 'day' | 'time' | 'timezone'>;

function timesOf(group: MeetingSchedule, slot: { slot: string; at: number }): MeetingTimes {
  return {
    date: slot.slot,
    at: slot.at,
    announceAt: slotInstant(addDays(slot.slot, -1), group.time, group.timezone),
    remindAt: slot.at - HOUR,
  };
}

/** Meetings still to come at `now` whose announcement is due by then (at most one a week, so at most one). */
export function meetingsDue(group: MeetingSchedule, now: number): MeetingTimes[] {
  const schedule = { time: group.time, timezone: group.timezone, days: [group.day] };
  // A meeting due now lies within the next two days; the slot walk covers any window.
  return slotsBetween(schedule, now, now + 2 * 24 * HOUR)
    .map((slot) => timesOf(group, slot))
    .filter((m) => m.announceAt <= now);
}

/**
 * Meetings that began in the week up to `now` (at most one) under the schedule as it stands: their posts can no
 * longer go out, and any left unsent are recorded as skipped.
 */
export function meetingsPast(group: MeetingSchedule, now: number): MeetingTimes[] {
  const schedule = { time: group.time, timezone: group.timezone, days: [group.day] };
  return slotsBetween(schedule, now - 7 * 24 * HOUR, now).map((slot) => timesOf(group, slot));
}

/** The next meeting strictly after `now`. */
export function nextMeeting(group: MeetingSchedule, now: number): MeetingTimes | undefined {
  const slot = nextSlot({ time: group.time, timezone: group.timezone, days: [group.day] }, now);
  return slot ? timesOf(group, slot) : undefined;
}

/** Ledger slots: the meeting's date first, as every ledger key starts. */
export const announceSlot = (date: string) => `${date} reading-group`;
export const reminderSlot = (date: string) => `${date} reading-reminder`;
