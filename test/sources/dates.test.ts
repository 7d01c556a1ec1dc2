import { describe, expect, it } from 'vitest';
import { dayInZone, parsePeriod, recentDays } from '../../src/sources/dates.js';

describe('source dates', () => {
  it('counts "today" in the configured zone, not in UTC', () => {
    const lateEvening = new Date('2025-05-13T02:30:00Z');
    expect(dayInZone(lateEvening, 'America/New_York')).toBe('2025-05-12');
    expect(dayInZone(lateEvening, 'Europe/Paris')).toBe('2025-05-13');
    expect(recentDays('2025-03-01', 3)).toEqual(['2025-03-01', '2025-02-28', '2025-02-27']);
  });

  it('reads a day, an ISO week or a month as a span of days', () => {
    expect(parsePeriod('2025-05-12')).toMatchObject({
      kind: 'date',
      first: '2025-05-12',
      last: '2025-05-12',
    });
    expect(parsePeriod('2025-W19')).toMatchObject({ kind: 'week', first: '2025-05-05', last: '2025-05-11' });
    expect(parsePeriod('2021-W01')).toMatchObject({ first: '2021-01-04', last: '2021-01-10' });
    expect(parsePeriod('2020-W53')).toMatchObject({ first: '2020-12-28', last: '2021-01-03' });
    expect(parsePeriod('2024-02')).toMatchObject({ kind: 'month', first: '2024-02-01', last: '2024-02-29' });
  });

  it('refuses what is not a real day, week or month', () => {
    for (const bad of ['2025-02-30', '2025-W54', '2025-W53', '2025-13', '12/05/2025', 'yesterday']) {
      expect(parsePeriod(bad)).toBeUndefined();
    }
  });
});
