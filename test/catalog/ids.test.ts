import { describe, expect, it } from 'vitest';
import { arxivLinks, normalizeArxivId, paperIdFor, titleKey, titleSlug } from '../../src/catalog/ids.js';

describe('normalizeArxivId', () => {
  it.each([
    ['2505.01234', '2505.01234'],
    ['2505.01234v3', '2505.01234'],
    ['arXiv:2505.01234v1', '2505.01234'],
    ['https://arxiv.org/abs/2505.01234v2', '2505.01234'],
    ['http://www.arxiv.org/pdf/2505.01234v2.pdf', '2505.01234'],
    ['https://huggingface.co/papers/2505.01234', '2505.01234'],
    ['https://doi.org/10.48550/arXiv.2505.01234', '2505.01234'],
    ['arxiv.org/abs/2505.01234', '2505.01234'],
    ['arXiv:hep-th/9901001', 'hep-th/9901001'],
    ['0704.0001', '0704.0001'],
    ['hep-th/9901001', 'hep-th/9901001'],
    ['hep-th/9901001v2', 'hep-th/9901001'],
    ['math.GT/0309136', 'math/0309136'],
    ['https://arxiv.org/abs/cond-mat/0102536v1', 'cond-mat/0102536'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeArxivId(input)).toBe(expected);
  });

  it.each(['4983', 'SJ1Xmf-Rb', '2513.01234', '2505.123', 'not an id', '', 'https://github.com/a/b'])(
    'rejects %j',
    (input) => {
      expect(normalizeArxivId(input)).toBeUndefined();
    },
  );
});

describe('paper ids', () => {
  it('uses the arXiv id without version when known', () => {
    expect(paperIdFor({ arxivId: '2505.01234v2', title: 'Anything' })).toBe('2505.01234');
  });

  it('otherwise slugs the normalised title, the same for the same title however it is written', () => {
    const a = paperIdFor({ title: 'Naïve Bayes: Revisited!' });
    expect(a).toBe('naive-bayes-revisited');
    expect(paperIdFor({ title: '  naive   bayes — revisited ' })).toBe(a);
  });

  it('keeps long slugs short and distinct with a fingerprint', () => {
    const long = `${'word '.repeat(30)}one`;
    const other = `${'word '.repeat(30)}two`;
    expect(titleSlug(long).length).toBeLessThanOrEqual(90);
    expect(titleSlug(long)).not.toBe(titleSlug(other));
    expect(titleSlug(long)).toBe(titleSlug(long));
  });

  it('gives titles without Latin letters a stable id', () => {
    const id = titleSlug('深度学习的研究');
    expect(id).toMatch(/^paper-[0-9a-f]{8}$/);
    expect(titleSlug('深度学习的研究')).toBe(id);
    expect(titleSlug('深度学习的方法')).not.toBe(id);
  });

  it('compares titles by letters and digits only', () => {
    expect(titleKey('Attention Is All You Need!')).toBe(titleKey('attention is all   you need'));
    expect(titleKey('Café')).toBe('cafe');
  });

  it('derives the arXiv, PDF and Hugging Face pages', () => {
    expect(arxivLinks('2505.01234')).toEqual({
      abs: 'https://arxiv.org/abs/2505.01234',
      pdf: 'https://arxiv.org/pdf/2505.01234',
      hf: 'https://huggingface.co/papers/2505.01234',
    });
    expect(arxivLinks('hep-th/9901001').hf).toBeUndefined();
  });
});
