// followups:digest — the compact section a digest carries.
import { describe, expect, it } from 'vitest';
import { followupSection, withFollowups } from '../../src/followups/digest.js';
import type { View } from '../../src/views/types.js';

const list: View = {
  kind: 'list',
  title: 'Paper digest · Mon 2 Mar 2026',
  intro: '2 new papers on rl.',
  cards: [],
};

describe('follow-ups in a digest', () => {
  it('go under a list’s intro, keeping its cards and title', () => {
    expect(withFollowups(list, ['Code released for A: https://github.com/a/a'])).toEqual({
      ...list,
      intro:
        '2 new papers on rl.\n\nFollow-ups on papers you received:\n• Code released for A: https://github.com/a/a',
    });
  });

  it('leave the digest alone when there are none, and stand alone on a silent day', () => {
    expect(withFollowups(list, [])).toBe(list);
    expect(withFollowups(null, [])).toBeNull();
    expect(withFollowups(null, ['x'])).toEqual({
      kind: 'notice',
      text: 'Follow-ups on papers you received:\n• x',
    });
  });

  it('show ten and say how many more', () => {
    const lines = Array.from({ length: 13 }, (_, i) => `line ${i}`);
    const section = followupSection(lines).split('\n');
    expect(section).toHaveLength(12);
    expect(section.at(-2)).toBe('• line 9');
    expect(section.at(-1)).toBe('…and 3 more');
  });
});
