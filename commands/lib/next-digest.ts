// When a channel's next digest goes out: its local time on its days, in its IANA time zone (DST-aware).
import { WEEKDAYS, type Weekday } from '../../src/store/types.js';
import { cachedFormat } from '../../src/views/format.js';

interface Schedule {
  time: string;
  timezone: string;
  days: readonly Weekday[];
}

/** Minutes the zone is ahead of UTC at this instant. */
function offsetMinutes(instant: number, timezone: string): number {
  const parts = cachedFormat('en-US', {
    timeZone: timezone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  }).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return Math.round((asUtc - Math.floor(instant / 60_000) * 60_000) / 60_000);
}

/** The instant at which the wall clock in `timezone` shows this local date and time. */
export function zonedToUtc(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timezone: string,
): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  let instant = wall - offsetMinutes(wall, timezone) * 60_000;
  // Near a DST switch the offset at the guess differs from the offset at the answer: one correction settles it.
  const corrected = wall - offsetMinutes(instant, timezone) * 60_000;
  if (corrected !== instant) instant = corrected;
  return new Date(instant);
}

/** The next digest strictly after `now`, or undefined when no day is chosen. */
export function nextDigestAt(schedule: Schedule, now: Date): Date | undefined {
  if (schedule.days.length === 0) return undefined;
  const [hour, minute] = schedule.time.split(':').map(Number) as [number, number];
  const localNow = new Date(now.getTime() + offsetMinutes(now.getTime(), schedule.timezone) * 60_000);
  for (let k = 0; k <= 7; k++) {
    const day = new Date(
      Date.UTC(localNow.getUTCFullYear(), localNow.getUTCMonth(), localNow.getUTCDate() + k),
    );
    // getUTCDay: 0 = Sunday; WEEKDAYS starts on Monday.
    const weekday = WEEKDAYS[(day.getUTCDay() + 6) % 7] as Weekday;
    if (!schedule.days.includes(weekday)) continue;
    const at = zonedToUtc(
      day.getUTCFullYear(),
      day.getUTCMonth() + 1,
      day.getUTCDate(),
      hour,
      minute,
      schedule.timezone,
    );
    if (at.getTime() > now.getTime()) return at;
  }
  return undefined;
}
