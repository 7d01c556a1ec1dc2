import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/catalog/paper.js';
import { trendTable, weekLabel, weeklyTrend, weekStart } from '../../src/views/trend.js';
import { paper } from '../support/paper.js';

/** Invented papers: the recordings hold too few days to fill weeks. */
function hfPaper(id: string, listed: string, upvotes: number, velocity?: number): Paper {
  const trending = { upvotes, ...(velocity !== undefined ? { velocity } : {}) };
  return paper({ id, title: `Paper ${id}`, listed, source: 'hf', trending });
}

const now = new Date('2025-05-14T09:00:00Z'); // a Wednesday

describe('weekly trend', () => {
  it('starts weeks on Monday (UTC)', () => {
    expect(weekStart(now).toISOString().slice(0, 10)).toBe('2025-05-12');
    expect(weekStart(new Date('2025-05-18T23:59:00Z')).toISOString().slice(0, 10)).toBe('2025-05-12');
    expect(weekStart(new Date('2025-05-19T00:00:00Z')).toISOString().slice(0, 10)).toBe('2025-05-19');
  });

  it('counts papers and sums upvotes per week, the current week last, ignoring papers outside the window', () => {
    const trend = weeklyTrend(
      [
        hfPaper('a', '2025-05-12', 10),
        hfPaper('b', '2025-05-14', 5),
        hfPaper('c', '2025-05-05', 7),
        hfPaper('d', '2025-04-28', 1),
        hfPaper('old', '2025-04-20', 99),
        hfPaper('future', '2025-05-20', 99),
        hfPaper('a', '2025-05-12', 10),
      ],
      { now, weeks: 3, topic: 'diffusion' },
    );
    expect(trend.weeks).toEqual([
      { start: '2025-04-28', papers: 1, upvotes: 1 },
      { start: '2025-05-05', papers: 1, upvotes: 7 },
      { start: '2025-05-12', papers: 2, upvotes: 15 },
    ]);
    expect(trend.topic).toBe('diffusion');
  });

  it('lists as rising the papers of the last two weeks gaining upvotes fastest, then the most upvoted', () => {
    const trend = weeklyTrend(
      [
        hfPaper('slow', '2025-05-12', 50, 1),
        hfPaper('fast', '2025-05-06', 20, 9),
        hfPaper('none', '2025-05-13', 30),
        hfPaper('older', '2025-04-28', 500, 50),
      ],
      { now, weeks: 4 },
    );
    expect(trend.rising.map((p) => p.id)).toEqual(['fast', 'slow', 'none']);
  });

  it('reads as a table where no picture can go', () => {
    const trend = weeklyTrend([hfPaper('a', '2025-05-12', 10), hfPaper('c', '2025-05-05', 1234)], {
      now,
      weeks: 2,
    });
    expect(trendTable(trend)).toBe(
      [
        '                     papers  upvotes',
        'week of 5 May 2025        1     1234',
        'week of 12 May 2025       1       10',
      ].join('\n'),
    );
    expect(weekLabel('2025-05-12')).toBe('12 May');
  });
});
