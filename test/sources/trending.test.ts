import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/catalog/paper.js';
import {
  applyTrending,
  currentTrendingScore,
  recordObservation,
  trendingScore,
  upvoteHistory,
  upvoteVelocity,
} from '../../src/sources/trending.js';
import { paper } from '../support/paper.js';
import { MemoryStore } from './helpers.js';

const H = 3_600_000;
const t0 = Date.parse('2025-05-12T12:00:00Z');

function hfPaper(id: string, upvotes: number, listed: string, rank?: number): Paper {
  return paper({
    id,
    title: `Paper ${id}`,
    listed,
    source: 'hf',
    trending: { upvotes, ...(rank ? { rank } : {}) },
  });
}

describe('upvote velocity', () => {
  it('measures growth per day against a sighting at least three hours old', () => {
    const history = [
      { at: t0, upvotes: 10 },
      { at: t0 + 12 * H, upvotes: 40 },
    ];
    expect(upvoteVelocity(history, '2025-05-10')).toBe(60);
  });

  it('ignores a sighting from minutes ago, so a restart does not read as a stall', () => {
    const history = [
      { at: t0, upvotes: 10 },
      { at: t0 + 24 * H, upvotes: 34 },
      { at: t0 + 24 * H + 5 * 60_000, upvotes: 34 },
    ];
    expect(upvoteVelocity(history, '2025-05-10')).toBeCloseTo(24, 0);
  });

  it('gives a first sighting its average rate since it was listed', () => {
    const at = Date.parse('2025-05-12T12:00:00Z');
    expect(upvoteVelocity([{ at, upvotes: 30 }], '2025-05-11')).toBeCloseTo(20, 5);
    expect(upvoteVelocity([{ at, upvotes: 30 }], undefined)).toBe(0);
  });

  it('never reports negative growth when upvotes are withdrawn', () => {
    expect(
      upvoteVelocity(
        [
          { at: t0, upvotes: 12 },
          { at: t0 + 10 * H, upvotes: 9 },
        ],
        '2025-05-12',
      ),
    ).toBe(0);
  });

  it('collapses close sightings and forgets old ones', () => {
    let h = recordObservation([], { at: t0, upvotes: 1 });
    h = recordObservation(h, { at: t0 + 5 * 60_000, upvotes: 2 });
    expect(h).toEqual([{ at: t0 + 5 * 60_000, upvotes: 2 }]);
    h = recordObservation(h, { at: t0 + 20 * 24 * H, upvotes: 9 });
    expect(h).toEqual([{ at: t0 + 20 * 24 * H, upvotes: 9 }]);
  });
});

describe('trending score', () => {
  const now = new Date('2025-05-12T20:00:00Z');

  it('lets a paper that takes off days later overtake a lukewarm paper of today', () => {
    const today = trendingScore({ upvotes: 10, velocity: 20, rank: 5 }, '2025-05-12', now);
    const lateBloomer = trendingScore({ upvotes: 80, velocity: 75, rank: 20 }, '2025-05-09', now);
    expect(lateBloomer).toBeGreaterThan(today);
  });

  it('lets a hot paper of today beat a big but flat paper of last week', () => {
    const hot = trendingScore({ upvotes: 60, velocity: 120, rank: 1 }, '2025-05-12', now);
    const flat = trendingScore({ upvotes: 400, velocity: 0, rank: 1 }, '2025-05-05', now);
    expect(hot).toBeGreaterThan(flat);
  });

  it('ages the score for a later day, and has none for papers without upvotes', () => {
    const paper = hfPaper('2505.9', 50, '2025-05-12', 2);
    paper.trending.velocity = 40;
    const sameDay = currentTrendingScore(paper, now)!;
    const weekLater = currentTrendingScore(paper, new Date('2025-05-19T20:00:00Z'))!;
    expect(weekLater).toBeLessThan(sameDay);
    expect(currentTrendingScore({ trending: {}, listed: '2025-05-12' }, now)).toBeUndefined();
  });

  it('rewards rank when everything else is equal, and never goes negative', () => {
    const first = trendingScore({ upvotes: 10, velocity: 5, rank: 1 }, '2025-05-12', now);
    const tenth = trendingScore({ upvotes: 10, velocity: 5, rank: 10 }, '2025-05-12', now);
    expect(first).toBeGreaterThan(tenth);
    expect(trendingScore({ upvotes: 0, velocity: 0 }, '2024-01-01', now)).toBe(0);
  });
});

describe('applyTrending', () => {
  it('keeps an upvote history between refreshes and turns growth into velocity and score', async () => {
    const store = new MemoryStore();
    const first = await applyTrending([hfPaper('2505.1', 10, '2025-05-12')], store, new Date(t0));
    expect(first[0]?.trending.velocity).toBeCloseTo(20, 5); // 10 upvotes in the first 12 h of the day
    const later = new Date(t0 + 24 * H);
    const second = await applyTrending([hfPaper('2505.1', 110, '2025-05-12')], store, later);
    expect(second[0]?.trending).toMatchObject({ upvotes: 110, velocity: 100, scoredAt: later.toISOString() });
    expect(second[0]!.trending.score!).toBeGreaterThan(first[0]!.trending.score!);
    expect(await upvoteHistory(store, { id: '2505.1', listed: '2025-05-12' })).toEqual([
      { at: new Date(t0).toISOString(), upvotes: 10 },
      { at: later.toISOString(), upvotes: 110 },
    ]);
  });

  it('leaves papers without upvotes as they are', async () => {
    const store = new MemoryStore();
    const plain = paper({ id: 'x', title: 'X', source: 'arxiv' });
    expect(await applyTrending([plain], store, new Date(t0))).toEqual([plain]);
    expect(store.kv.size).toBe(0);
  });

  it('survives a corrupted history entry', async () => {
    const store = new MemoryStore();
    await store.setValue('sources.upvotes', '2025-05-12', '{not json');
    const got = await applyTrending([hfPaper('2505.1', 10, '2025-05-12')], store, new Date(t0));
    expect(got[0]?.trending.velocity).toBeGreaterThan(0);
  });
});
