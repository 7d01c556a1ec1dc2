// When a channel's next digest goes out: asked of the scheduler's own slot arithmetic, so both always agree.

import { type ScheduleSettings as Schedule, slotsBetween } from './slots.js';

const FORTNIGHT = 15 * 24 * 3_600_000;

/**
 * The next digest strictly after `now`, or undefined when no day is chosen. A local date in `done` already had
 * its digest (one per date: moving the time later the same day posts nothing more), so it is passed over.
 */
export function nextDigestAt(schedule: Schedule, now: Date, done?: ReadonlySet<string>): Date | undefined {
  const slot = slotsBetween(schedule, now.getTime(), now.getTime() + FORTNIGHT).find(
    (s) => !done?.has(s.slot),
  );
  return slot ? new Date(slot.at) : undefined;
}
