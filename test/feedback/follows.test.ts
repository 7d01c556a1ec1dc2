// Following authors and labs: name variants match one person, different people are ambiguous.
import { describe, expect, it } from 'vitest';
import { followedBy, resolveAuthor, resolveOrg } from '../../src/feedback/follows.js';
import type { Follow } from '../../src/store/types.js';
import { paper } from '../digest/fakes.js';

const catalog = [
  paper({ id: 'a1', title: 'Offline RL one', authors: ['Sergey Levine', 'Chelsea Finn'] }),
  paper({ id: 'a2', title: 'Offline RL two', authors: ['S. Levine'] }),
  paper({ id: 'a3', title: 'Robots', authors: ['Levine, Sergey', 'Pieter Abbeel'] }),
  paper({ id: 'a4', title: 'Chemistry', authors: ['Samuel Levine'] }),
  paper({ id: 'a5', title: 'Symphonies', authors: ['Ludwig van Beethoven'] }),
  paper({
    id: 'o1',
    title: 'Gemini things',
    authors: ['Ada Lovelace'],
    affiliations: ['Google DeepMind, London'],
  }),
  paper({ id: 'o2', title: 'Hub paper', authors: ['Bob'], organization: 'google-deepmind' }),
];

describe('following an author', () => {
  it('finds one person under initials, accents and “Last, First” order', () => {
    for (const typed of ['Sergey Levine', 'Levine, Sergey', 'Sérgey Levine', 'SERGEY LEVINE']) {
      expect(resolveAuthor(typed, catalog)).toMatchObject({
        ok: true,
        kind: 'author',
        key: 'levine, sergey',
        name: 'Sergey Levine',
      });
    }
  });

  it('says a name is ambiguous when it could be several people, naming them', () => {
    expect(resolveAuthor('S. Levine', catalog)).toEqual({
      ok: false,
      reason: 'ambiguous',
      candidates: [
        { name: 'Sergey Levine', papers: 2 },
        { name: 'Samuel Levine', papers: 1 },
      ],
    });
  });

  it('follows a name nobody in the catalog has yet, as typed', () => {
    expect(resolveAuthor('Grace Hopper', catalog)).toMatchObject({
      ok: true,
      papers: 0,
      name: 'Grace Hopper',
    });
  });

  it('matches every spelling of a followed author on papers, and nobody else', () => {
    const levine: Follow = {
      kind: 'author',
      key: 'levine, sergey',
      name: 'Sergey Levine',
      followedBy: 'ada',
      followedAt: '2025-01-01T00:00:00.000Z',
    };
    const matched = catalog.filter((p) => followedBy(p, [levine]).length > 0).map((p) => p.id);
    expect(matched).toEqual(['a1', 'a2', 'a3']);
  });

  it('keeps family-name particles together', () => {
    const r = resolveAuthor('L. van Beethoven', catalog);
    expect(r).toMatchObject({ ok: true, key: 'van beethoven, ludwig' });
    if (!r.ok) throw new Error('expected a match');
    const f: Follow = { kind: r.kind, key: r.key, name: r.name, followedBy: 'x', followedAt: '' };
    expect(followedBy(catalog[4]!, [f])).toHaveLength(1);
  });
});

describe('following a lab', () => {
  it('matches its affiliations and Hugging Face organisation as whole words', () => {
    expect(resolveOrg('Google DeepMind', catalog)).toMatchObject({
      ok: true,
      key: 'google deepmind',
      papers: 2,
    });
    expect(resolveOrg('Google', catalog)).toMatchObject({ ok: true, papers: 2 });
    expect(resolveOrg('DeepMin', catalog)).toMatchObject({ ok: true, papers: 0 });
  });
});
