// What "trending" means: upvote history per paper, upvote velocity between refreshes, and one score to rank by.
import type { Paper, Trending } from '../catalog/paper.js';
import type { KeyValueStore } from '../store/types.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** One sighting of a paper's upvote count. */
export interface Observation {
  at: number;
  upvotes: number;
}

/** Sightings closer together than this replace each other (restarts, manual refreshes). */
const MERGE_WITHIN_MS = 20 * 60_000;
/** Velocity is measured against a sighting at least this old, so two refreshes minutes apart are not noise. */
const MIN_WINDOW_MS = 3 * HOUR;
const KEEP_MS = 14 * DAY;
const KEEP_MAX = 32;

/** Adds a sighting, keeping the history short: close sightings collapse, old ones age out. */
export function recordObservation(history: readonly Observation[], next: Observation): Observation[] {
  const kept = history.filter((o) => o.at < next.at - MERGE_WITHIN_MS && o.at >= next.at - KEEP_MS);
  return [...kept, next].slice(-KEEP_MAX);
}

function dayStart(day: string | undefined): number | undefined {
  if (!day) return undefined;
  const t = Date.parse(`${day}T00:00:00Z`);
  return Number.isNaN(t) ? undefined : t;
}

/**
 * Upvotes gained per day. Measured against the newest sighting at least 3 h old; a paper seen for the first
 * time gets its average rate since it was listed (so a backlog fetched at start-up is not all "flat").
 */
export function upvoteVelocity(history: readonly Observation[], listed: string | undefined): number {
  const current = history[history.length - 1];
  if (!current) return 0;
  const reference = [...history].reverse().find((o) => o.at <= current.at - MIN_WINDOW_MS);
  if (reference) {
    return Math.max(0, (current.upvotes - reference.upvotes) / ((current.at - reference.at) / DAY));
  }
  const since = dayStart(listed);
  if (since === undefined) return 0;
  const ageDays = Math.max(0.25, (current.at - since) / DAY);
  return current.upvotes / ageDays;
}

/** Weights of the score; exported so the digest and tests can reason about them. */
export const SCORE_WEIGHTS = { velocity: 2, upvotes: 1, rank: 1, agePerDay: 0.35 } as const;

/**
 * score = 2·ln(1+velocity) + ln(1+upvotes) + 1/√rank − 0.35·age in days, floored at 0.
 * Velocity counts double so a paper that takes off days after it was listed overtakes today's lukewarm ones;
 * the age penalty lets a hot old paper fade within about two weeks.
 */
export function trendingScore(
  signals: Pick<Trending, 'upvotes' | 'velocity' | 'rank'>,
  listedOrPublished: string | undefined,
  now: Date,
): number {
  const w = SCORE_WEIGHTS;
  const since = dayStart(listedOrPublished);
  const ageDays = since === undefined ? 0 : Math.max(0, (now.getTime() - since) / DAY);
  const raw =
    w.velocity * Math.log1p(signals.velocity ?? 0) +
    w.upvotes * Math.log1p(signals.upvotes ?? 0) +
    (signals.rank ? w.rank / Math.sqrt(signals.rank) : 0) -
    w.agePerDay * ageDays;
  return Math.round(Math.max(0, raw) * 1000) / 1000;
}

/**
 * A paper's trending score as of `now` (the stored `trending.score` is as of the last refresh and does not age):
 * for the digest, which ranks days after a refresh. Undefined for papers without upvotes (no live signal).
 */
export function currentTrendingScore(paper: Pick<Paper, 'trending' | 'listed' | 'published'>, now: Date) {
  if (paper.trending.upvotes === undefined) return undefined;
  return trendingScore(paper.trending, paper.listed ?? paper.published, now);
}

const HISTORY_NS = 'sources.upvotes';

type Bucket = Record<string, Array<[number, number]>>;

function parseBucket(raw: string | undefined): Bucket {
  if (!raw) return {};
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Bucket) : {};
  } catch {
    return {};
  }
}

/**
 * Records this refresh's upvote counts and returns the papers with velocity and score filled in.
 * History lives in the key-value store, one entry per listing day, so a refresh costs a few reads and writes.
 */
export async function applyTrending(
  papers: readonly Paper[],
  kv: KeyValueStore,
  now: Date,
): Promise<Paper[]> {
  const days = new Map<string, Paper[]>();
  for (const p of papers) {
    if (p.trending.upvotes === undefined) continue;
    const day = p.listed ?? 'unlisted';
    days.set(day, [...(days.get(day) ?? []), p]);
  }
  const scored = new Map<string, Paper>();
  for (const [day, group] of days) {
    const bucket = parseBucket(await kv.getValue(HISTORY_NS, day));
    for (const p of group) {
      const history = (bucket[p.id] ?? [])
        .filter((e) => Array.isArray(e) && Number.isFinite(e[0]) && Number.isFinite(e[1]))
        .map(([at, upvotes]) => ({ at, upvotes }));
      const next = recordObservation(history, { at: now.getTime(), upvotes: p.trending.upvotes ?? 0 });
      bucket[p.id] = next.map((o) => [o.at, o.upvotes]);
      const velocity = Math.round(upvoteVelocity(next, p.listed ?? p.published) * 100) / 100;
      const trending = { ...p.trending, velocity, scoredAt: now.toISOString() };
      scored.set(p.id, {
        ...p,
        trending: { ...trending, score: trendingScore(trending, p.listed ?? p.published, now) },
      });
    }
    await kv.setValue(HISTORY_NS, day, JSON.stringify(bucket));
  }
  return papers.map((p) => scored.get(p.id) ?? p);
}

/** The upvote history of one paper (for `paperboy sources status --paper` style inspection and tests). */
export async function upvoteHistory(kv: KeyValueStore, paper: Pick<Paper, 'id' | 'listed'>) {
  const bucket = parseBucket(await kv.getValue(HISTORY_NS, paper.listed ?? 'unlisted'));
  return (bucket[paper.id] ?? []).map(([at, upvotes]) => ({ at: new Date(at).toISOString(), upvotes }));
}
