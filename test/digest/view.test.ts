import { describe, expect, it } from 'vitest';
import type { DigestPick } from '../../src/digest/types.js';
import { buildDigestView, topicList } from '../../src/digest/view.js';
import type { Summary } from '../../src/summarize/types.js';
import { paper } from './fakes.js';

const pick = (id: string, reason = 'matches: diffusion'): DigestPick => ({
  paper: paper({
    id,
    title: `Paper ${id}`,
    abstract: 'We propose a faster sampler for diffusion models. It is good.',
    authors: ['A', 'B', 'C', 'D', 'E'],
    links: { abs: `https://arxiv.org/abs/${id}` },
    listed: '2025-05-08',
    trending: { upvotes: 12 },
  }),
  score: 1,
  reason,
  matchedTopics: ['diffusion'],
});

describe('digest view', () => {
  it('lists the picks as cards with reason, TL;DR and key points', () => {
    const summaries = new Map<string, Summary>([
      ['2505.1', { tldr: 'A faster sampler.', keyPoints: ['fewer steps', 'same quality'], by: 'builtin' }],
    ]);
    const view = buildDigestView(
      [pick('2505.1'), pick('2505.2', 'matches: diffusion, RLHF')],
      summaries,
      { topics: ['diffusion', 'RLHF'], whenEmpty: 'notice' },
      '2025-05-08',
    );
    expect(view?.kind).toBe('list');
    if (view?.kind !== 'list') return;
    expect(view.title).toBe('Paper digest · Thu 8 May 2025');
    expect(view.intro).toBe('2 new papers on diffusion and RLHF.');
    expect(view.cards[0]).toMatchObject({
      id: '2505.1',
      tldr: 'A faster sampler.',
      keyPoints: ['fewer steps', 'same quality'],
      reason: 'matches: diffusion',
      url: 'https://arxiv.org/abs/2505.1',
      authors: ['A', 'B', 'C', 'et al.'],
      upvotes: 12,
      date: '2025-05-08',
    });
    // No summary: the first sentence of the abstract, never an empty card.
    expect(view.cards[1]?.tldr).toBe('We propose a faster sampler for diffusion models.');
    expect(view.cards[1]?.reason).toBe('matches: diffusion, RLHF');
  });

  it('says "nothing new" in one line when the channel wants a notice', () => {
    const view = buildDigestView([], new Map(), { topics: ['diffusion'], whenEmpty: 'notice' }, '2025-05-08');
    expect(view).toEqual({ kind: 'notice', text: 'Nothing new on diffusion today.' });
    const two = buildDigestView([], new Map(), { topics: ['diffusion', 'RLHF'], whenEmpty: 'notice' }, 'x');
    expect(two).toMatchObject({ text: 'Nothing new on diffusion or RLHF today.' });
  });

  it('posts nothing at all when the channel chose silence', () => {
    expect(
      buildDigestView([], new Map(), { topics: ['diffusion'], whenEmpty: 'silent' }, '2025-05-08'),
    ).toBeNull();
  });

  it('keeps long topic lists short', () => {
    expect(topicList(['a', 'b', 'c', 'd', 'e', 'f'])).toBe('a, b, c or 3 more topics');
    expect(topicList(['a', 'b', 'c'])).toBe('a, b or c');
  });
});
