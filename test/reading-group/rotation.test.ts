import { describe, expect, it } from 'vitest';
import { nextPresenter } from '../../src/reading-group/rotation.js';
import { addDays } from '../../src/schedule/zoned.js';
import type { Meeting, ReadingMember } from '../../src/store/types.js';

const member = (user: string, joinedAt = '2026-01-01T00:00:00.000Z'): ReadingMember => ({
  user,
  name: user.toUpperCase(),
  joinedAt,
});

/** Runs `weeks` meetings: each week's presenter is the rotation's pick, unless `volunteers` names one. */
function simulate(
  membersAt: (week: number) => ReadingMember[],
  weeks: number,
  volunteers: Record<number, string> = {},
): string[] {
  const meetings: Pick<Meeting, 'date' | 'presenter'>[] = [];
  for (let week = 0; week < weeks; week++) {
    const pick = nextPresenter(membersAt(week), meetings)?.user ?? null;
    meetings.push({ date: addDays('2026-01-01', 7 * week), presenter: volunteers[week] ?? pick });
  }
  return meetings.map((m) => m.presenter ?? '-');
}

describe('the presenter rotation', () => {
  it('is fair over many meetings: nobody presents twice before everyone has once', () => {
    const members = ['eve', 'ada', 'dan', 'bob', 'cy'].map((u, i) =>
      member(u, `2026-01-0${i + 1}T00:00:00.000Z`),
    );
    const order = simulate(() => members, 200);
    const counts = new Map<string, number>();
    for (const who of order) {
      counts.set(who, (counts.get(who) ?? 0) + 1);
      const seen = members.map((m) => counts.get(m.user) ?? 0);
      expect(Math.max(...seen) - Math.min(...seen)).toBeLessThanOrEqual(1);
    }
    expect([...counts.values()]).toEqual([40, 40, 40, 40, 40]);
    // Join order first, then the same cycle every time.
    expect(order.slice(0, 10)).toEqual(['eve', 'ada', 'dan', 'bob', 'cy', 'eve', 'ada', 'dan', 'bob', 'cy']);
  });

  it('lets a newcomer present once, then takes them into the cycle without anyone presenting twice', () => {
    const first = [member('ada', '2026-01-01T00:00:00.000Z'), member('bob', '2026-01-02T00:00:00.000Z')];
    const cy = member('cy', '2026-02-01T00:00:00.000Z');
    const order = simulate((week) => (week < 5 ? first : [...first, cy]), 14);
    expect(order.slice(0, 5)).toEqual(['ada', 'bob', 'ada', 'bob', 'ada']);
    // cy has never presented: next. Then bob (longest ago), then ada, and round again.
    expect(order.slice(5)).toEqual(['cy', 'bob', 'ada', 'cy', 'bob', 'ada', 'cy', 'bob', 'ada']);
  });

  it('puts the member a volunteer stood in for first in line next time', () => {
    const members = [
      member('ada', '2026-01-01T00:00:00.000Z'),
      member('bob', '2026-01-02T00:00:00.000Z'),
      member('cy', '2026-01-03T00:00:00.000Z'),
    ];
    // Week 1 was bob's turn; dee (not in the rotation) volunteered.
    const order = simulate(() => members, 5, { 1: 'dee' });
    expect(order).toEqual(['ada', 'dee', 'bob', 'cy', 'ada']);
  });

  it('never picks someone who left, and picks nobody from an empty rotation', () => {
    const order = simulate((week) => (week < 2 ? [member('ada'), member('bob')] : [member('bob')]), 4);
    expect(order).toEqual(['ada', 'bob', 'bob', 'bob']);
    expect(nextPresenter([], [])).toBeUndefined();
  });
});
