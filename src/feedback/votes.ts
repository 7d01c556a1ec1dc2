// What a channel's votes say about single papers: their counts, and which papers are "not for this channel".
import type { Vote, VoteCounts } from '../store/types.js';

/**
 * Papers the channel does not want: any admin's 👎, or 👎 from more than half of at least two voters (one
 * member alone cannot hide a paper from everyone else).
 */
export function hiddenPapers(votes: readonly Vote[]): Set<string> {
  const tally = new Map<string, { up: number; down: number; admin: boolean }>();
  for (const v of votes) {
    const t = tally.get(v.paperId) ?? { up: 0, down: 0, admin: false };
    if (v.value > 0) t.up++;
    else {
      t.down++;
      if (v.admin) t.admin = true;
    }
    tally.set(v.paperId, t);
  }
  const hidden = new Set<string>();
  for (const [id, t] of tally) if (isHidden(t, t.admin)) hidden.add(id);
  return hidden;
}

export function isHidden(counts: VoteCounts, adminDown: boolean): boolean {
  return adminDown || (counts.up + counts.down >= 2 && counts.down > counts.up);
}

/** "👍 3 · 👎 1 in this channel". */
export function countsLine(counts: VoteCounts): string {
  return `👍 ${counts.up} · 👎 ${counts.down} in this channel`;
}
