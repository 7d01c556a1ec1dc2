// Who presents next: round-robin over the members who opted in, fair across joins, leaves and volunteers.
import type { Meeting, ReadingMember } from '../store/types.js';

/**
 * The member who presented least recently: someone who never has goes first (earliest joined first), then whoever
 * presented longest ago. So nobody presents twice before every member has presented once, a newcomer presents
 * once and then joins the cycle, and a member a volunteer stood in for is first in line again.
 */
export function nextPresenter(
  members: readonly ReadingMember[],
  meetings: readonly Pick<Meeting, 'date' | 'presenter'>[],
): ReadingMember | undefined {
  const last = new Map<string, string>();
  for (const m of meetings) {
    if (m.presenter === null) continue;
    const seen = last.get(m.presenter);
    if (seen === undefined || m.date > seen) last.set(m.presenter, m.date);
  }
  return [...members].sort(
    (a, b) =>
      (last.get(a.user) ?? '').localeCompare(last.get(b.user) ?? '') ||
      a.joinedAt.localeCompare(b.joinedAt) ||
      a.user.localeCompare(b.user),
  )[0];
}
