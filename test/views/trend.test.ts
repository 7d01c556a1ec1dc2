import { describe, expect, it } from 'vitest';
import { type Paper, PaperSchema } from '../../src/catalog/paper.js';
import { trendTable, weekLabel, weeklyTrend, weekStart } from '../../src/views/trend.js';

/** Invented papers: the recordings hold too few days to fill weeks. */
function paper(id: string, listed: string, upvotes: number, velocity?: number): Paper {
  return PaperSchema.parse({
    id,
    title: `Paper ${id}`,
    abstract: '',
    listed,
    source: 'hf',
    trending: { upvotes, ...(velocity !== undefined ? { velocity } : {}) },
  });
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
        paper('a', '2025-05-12', 10),
        paper('b', '2025-05-14', 5),
        paper('c', '2025-05-05', 7),
        paper('d', '2025-04-28', 1),
        paper('old', '2025-04-20', 99),
        paper('future', '2025-05-20', 99),
        paper('a', '2025-05-12', 10),
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
        paper('slow', '2025-05-12', 50, 1),
        paper('fast', '2025-05-06', 20, 9),
        paper('none', '2025-05-13', 30),
        paper('older', '2025-04-28', 500, 50),
      ],
      { now, weeks: 4 },
    );
    expect(trend.rising.map((p) => p.id)).toEqual(['fast', 'slow', 'none']);
  });

  it('reads as a table where no picture can go', () => {
    const trend = weeklyTrend([paper('a', '2025-05-12', 10), paper('c', '2025-05-05', 1234)], {
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
