// When a channel's next digest goes out: asked of the scheduler's own slot arithmetic, so both always agree.
import { nextSlot } from '../../src/schedule/slots.js';
import type { Weekday } from '../../src/store/types.js';

interface Schedule {
  time: string;
  timezone: string;
  days: readonly Weekday[];
}

/** The next digest strictly after `now`, or undefined when no day is chosen. */
export function nextDigestAt(schedule: Schedule, now: Date): Date | undefined {
  const slot = nextSlot(schedule, now.getTime());
  return slot ? new Date(slot.at) : undefined;
}
