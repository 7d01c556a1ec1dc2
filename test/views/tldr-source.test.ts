import { describe, expect, it } from 'vitest';
import { HfDailyItemSchema, hfItemToPaper } from '../../src/sources/hf.js';
import { paperCard } from '../../src/views/paper-card.js';
import { parseTldrSources, pickTldr, tldrLabel } from '../../src/views/tldr-source.js';
import { real } from '../support/real.js';

/** The recorded current-shape item: it carries Hugging Face's ai_summary. */
const hfPaper = hfItemToPaper(
  HfDailyItemSchema.parse(JSON.parse(real('hf/daily-papers-item-2602.23229-current-shape.json'))),
  undefined,
);
const llm = { tldr: 'An LLM sentence about in-context classifiers.', keyPoints: [], by: 'llm' as const };
const builtin = { tldr: 'A built-in sentence.', keyPoints: [], by: 'builtin' as const };

describe('which source writes the TL;DR', () => {
  it('is the LLM, then Hugging Face, then the built-in summariser by default', () => {
    expect(pickTldr(hfPaper, llm)?.source).toBe('llm');
    expect(pickTldr(hfPaper, builtin)).toEqual({ text: hfPaper.sourceSummary, source: 'hf' });
    const { sourceSummary: _s, ...noAi } = hfPaper;
    expect(pickTldr(noAi, builtin)).toEqual({ text: 'A built-in sentence.', source: 'builtin' });
  });

  it('follows a configured order, and falls back rather than leave a card empty', () => {
    expect(pickTldr(hfPaper, llm, ['hf', 'llm'])?.source).toBe('hf');
    expect(pickTldr(hfPaper, llm, ['builtin'])?.source).toBe('builtin');
    // Only the LLM allowed, and the LLM failed: the card still says something, and says who wrote it.
    expect(pickTldr(hfPaper, builtin, ['llm'])?.source).toBe('hf');
  });

  it('does not credit Hugging Face for a catalog file’s own tldr on a paper HF has no page for', () => {
    const paper = { abstract: 'Long abstract here.', sourceSummary: 'A catalog tldr.', links: {} };
    expect(pickTldr(paper, undefined, ['hf', 'builtin'])).toEqual({
      text: 'A catalog tldr.',
      source: 'builtin',
    });
  });

  it('is named on the card in a small label', () => {
    const card = paperCard(hfPaper, builtin);
    expect(card.tldrSource).toBe('hf');
    expect(tldrLabel(card.tldrSource!)).toBe('TL;DR by Hugging Face');
    expect(paperCard(hfPaper, builtin, { tldrSources: ['builtin', 'hf'] }).tldr).toBe('A built-in sentence.');
  });
});

describe('SUMMARY_SOURCES', () => {
  it('reads a comma list in order, any case', () => {
    expect(parseTldrSources('hf, LLM')).toEqual({ ok: true, value: ['hf', 'llm'] });
  });

  it('says what is wrong with unknown or repeated names', () => {
    expect(parseTldrSources('llm,gpt')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/"gpt" is not/),
    });
    expect(parseTldrSources('hf,hf')).toMatchObject({ ok: false, error: expect.stringMatching(/twice/) });
    expect(parseTldrSources(' , ')).toMatchObject({ ok: false });
  });
});
