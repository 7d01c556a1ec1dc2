// Calendar helpers for the sources: "today" in a time zone, day arithmetic on YYYY-MM-DD strings.

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The calendar date (YYYY-MM-DD) it is at `now` in the IANA zone `timeZone`. */
export function dayInZone(now: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export function addDays(day: string, delta: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + delta);
  return d.toISOString().slice(0, 10);
}

/** `count` days ending at `last`, newest first. */
export function recentDays(last: string, count: number): string[] {
  return Array.from({ length: Math.max(1, count) }, (_, i) => addDays(last, -i));
}

/** YYYY-MM-DD prefix of an ISO timestamp, when it is one. */
export function isoDayOf(value: string | null | undefined): string | undefined {
  if (!value) return undefined;
  const day = value.trim().slice(0, 10);
  return isIsoDay(day) ? day : undefined;
}
