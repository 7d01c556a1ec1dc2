import { describe, expect, it } from 'vitest';
import { arxivIdOf, parseQuery } from '../../src/search/query.js';

function parsed(text: string) {
  const r = parseQuery(text);
  if (!r.ok) throw new Error(r.message);
  return r.query;
}

describe('parseQuery', () => {
  it('separates words, phrases, exclusions and filters', () => {
    const q = parsed('"mixture of experts" routing -vision code:yes author:"Kaiming He" category:cs.LG');
    expect(q.words).toEqual(['routing']);
    expect(q.phrases).toEqual(['mixture of experts']);
    expect(q.excluded).toEqual(['vision']);
    expect(q.filters).toMatchObject({ code: true, authors: ['Kaiming He'], categories: ['cs.lg'] });
  });

  it('reads dates as periods: after: from their start, before: up to their start', () => {
    expect(parsed('after:2025-01').filters.after).toBe(20250101);
    expect(parsed('before:2025-03').filters.before).toBe(20250301);
    expect(parsed('after:2024 before:2024-06-15').filters).toMatchObject({
      after: 20240101,
      before: 20240615,
    });
  });

  it('names the known filters when a filter is unknown', () => {
    expect(parseQuery('diffusion foo:bar')).toEqual({
      ok: false,
      message: 'unknown filter foo: try code:, after:, before:, author:, category:, venue:',
    });
  });

  it('says what a filter takes when its value is wrong', () => {
    const r = parseQuery('after:yesterday');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/after: takes a date like 2025-01/);
    expect(parseQuery('code:maybe')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/yes or no/),
    });
  });

  it('treats the last word as a prefix only while it is being typed', () => {
    expect(parsed('diffusion mod').lastIsPrefix).toBe(true);
    expect(parsed('diffusion mod ').lastIsPrefix).toBe(false);
    expect(parsed('Diffusion models help.').lastIsPrefix).toBe(false);
    expect(parsed('diffusion code:yes').lastIsPrefix).toBe(false);
  });

  it('ignores an unmatched quote and says so', () => {
    const q = parsed('"diffusion models');
    expect(q.words).toEqual(['diffusion', 'models']);
    expect(q.notices.join(' ')).toMatch(/unmatched quote/);
  });

  it('cuts very long queries and says so', () => {
    const q = parsed('word '.repeat(10_000));
    expect(q.notices.join(' ')).toMatch(/cut to its first 20,000 characters/);
  });
});

describe('arxivIdOf', () => {
  it('reads ids and the URLs people paste', () => {
    const cases = [
      '2505.01234',
      '2505.01234v2',
      'arXiv:2505.01234',
      'https://arxiv.org/abs/2505.01234',
      'arxiv.org/abs/2505.01234v3',
      'https://arxiv.org/pdf/2505.01234v2',
      'https://arxiv.org/pdf/2505.01234.pdf',
      'https://huggingface.co/papers/2505.01234',
      'https://www.alphaxiv.org/abs/2505.01234',
      '<https://arxiv.org/abs/2505.01234>',
    ];
    for (const c of cases) expect(arxivIdOf(c), c).toBe('2505.01234');
    expect(arxivIdOf('hep-th/9901001v1')).toBe('hep-th/9901001');
  });

  it('does not mistake other things for ids', () => {
    expect(arxivIdOf('2505')).toBeUndefined();
    expect(arxivIdOf('https://github.com/x/2505.01234')).toBeUndefined();
    expect(arxivIdOf('3.14159')).toBeUndefined();
  });
});
