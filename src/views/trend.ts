// Papers and upvotes per week for a topic, and the papers rising fastest: the data behind /papers trends.
import type { Paper } from '../catalog/paper.js';
import { formatDay } from './format.js';

export interface TrendWeek {
  /** Monday of the week (UTC), YYYY-MM-DD. */
  start: string;
  papers: number;
  upvotes: number;
}

export interface Trend {
  /** What was asked for; undefined means every paper. */
  topic?: string;
  /** Oldest first, the current week last. */
  weeks: TrendWeek[];
  /** The fastest-rising papers of the last two weeks, hottest first. */
  rising: Paper[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Monday 00:00 UTC of the week holding `date`. */
export function weekStart(date: Date): Date {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * DAY_MS);
}

/** The day a paper counts for: when it was listed (trending, daily papers), else when it was published. */
function dayOf(paper: Paper): Date | undefined {
  const iso = paper.listed ?? paper.published;
  if (!iso) return undefined;
  const t = Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(t) ? undefined : new Date(t);
}

/**
 * Buckets papers into the `weeks` weeks ending with the one holding `now`. Rising papers are those of the last
 * two weeks with the most upvotes gained per day (velocity), then the most upvotes.
 */
export function weeklyTrend(
  papers: Iterable<Paper>,
  options: { now: Date; weeks: number; topic?: string; rising?: number },
): Trend {
  const last = weekStart(options.now);
  const first = new Date(last.getTime() - (options.weeks - 1) * 7 * DAY_MS);
  const weeks: TrendWeek[] = Array.from({ length: options.weeks }, (_, i) => ({
    start: new Date(first.getTime() + i * 7 * DAY_MS).toISOString().slice(0, 10),
    papers: 0,
    upvotes: 0,
  }));
  const recent: Paper[] = [];
  const seen = new Set<string>();
  for (const paper of papers) {
    if (seen.has(paper.id)) continue;
    seen.add(paper.id);
    const day = dayOf(paper);
    if (!day) continue;
    const index = Math.floor((day.getTime() - first.getTime()) / (7 * DAY_MS));
    const week = weeks[index];
    if (index < 0 || !week) continue;
    week.papers += 1;
    week.upvotes += paper.trending.upvotes ?? 0;
    if (index >= weeks.length - 2) recent.push(paper);
  }
  const rising = recent
    .sort(
      (a, b) =>
        (b.trending.velocity ?? 0) - (a.trending.velocity ?? 0) ||
        (b.trending.upvotes ?? 0) - (a.trending.upvotes ?? 0) ||
        a.id.localeCompare(b.id),
    )
    .slice(0, options.rising ?? 5);
  return { ...(options.topic ? { topic: options.topic } : {}), weeks, rising };
}

/** "12 May": the label under a week's bar. */
export function weekLabel(start: string): string {
  return formatDay(start).replace(/\s\d{4}$/, '');
}

/** The chart as a text table, for where a picture cannot go (console, a Slack install without files:write). */
export function trendTable(trend: Trend): string {
  const rows = trend.weeks.map((w) => [`week of ${formatDay(w.start)}`, String(w.papers), String(w.upvotes)]);
  const head = ['', 'papers', 'upvotes'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}
