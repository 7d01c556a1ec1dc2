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

/** What `--date` may name: one day, an ISO week (2025-W19) or a month (2025-05). */
export type Period =
  | { kind: 'date'; value: string; first: string; last: string }
  | { kind: 'week'; value: string; first: string; last: string }
  | { kind: 'month'; value: string; first: string; last: string };

export function parsePeriod(value: string): Period | undefined {
  const v = value.trim();
  if (isIsoDay(v)) return { kind: 'date', value: v, first: v, last: v };
  const week = /^(\d{4})-W(\d{2})$/i.exec(v);
  if (week) {
    const year = Number(week[1]);
    const n = Number(week[2]);
    const jan4 = new Date(Date.UTC(year, 0, 4));
    const monday = addDays(jan4.toISOString().slice(0, 10), -((jan4.getUTCDay() + 6) % 7) + (n - 1) * 7);
    // Week 53 exists only in years whose last ISO week is 53.
    if (n < 1 || n > 53 || (n === 53 && addDays(monday, 3).slice(0, 4) !== String(year))) return undefined;
    return { kind: 'week', value: `${year}-W${week[2]}`, first: monday, last: addDays(monday, 6) };
  }
  const month = /^(\d{4})-(\d{2})$/.exec(v);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) {
    const first = `${v}-01`;
    const next = new Date(Date.UTC(Number(month[1]), Number(month[2]), 1));
    return { kind: 'month', value: v, first, last: addDays(next.toISOString().slice(0, 10), -1) };
  }
  return undefined;
}
