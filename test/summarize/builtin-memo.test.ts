// The summariser remembers built-in summaries per paper: same answer, never shared, renewed when the paper changes.
import { describe, expect, it } from 'vitest';
import { builtinSummary } from '../../src/summarize/builtin.js';
import { createSummarizer } from '../../src/summarize/index.js';
import { DIFFUSION_VIDEO, LOSS_SCALING } from './papers.js';

describe('built-in summaries, remembered', () => {
  it('answers a paper asked again with the same summary, as a copy the caller may change', async () => {
    const summarizer = createSummarizer();
    const first = await summarizer.summarize(DIFFUSION_VIDEO);
    expect(first).toEqual(builtinSummary(DIFFUSION_VIDEO));
    first.keyPoints.push('changed by the caller');
    first.tldr = 'changed';
    const again = await summarizer.summarize(DIFFUSION_VIDEO);
    expect(again).toEqual(builtinSummary(DIFFUSION_VIDEO));
  });

  it('summarises a paper anew once a refresh replaced it, even with the same id', async () => {
    const summarizer = createSummarizer({ memo: 1 });
    await summarizer.summarize(DIFFUSION_VIDEO);
    const updated = { ...DIFFUSION_VIDEO, abstract: LOSS_SCALING.abstract };
    expect(await summarizer.summarize(updated)).toEqual(builtinSummary(updated));
    expect(await summarizer.summarize(LOSS_SCALING)).toEqual(builtinSummary(LOSS_SCALING));
    expect(await summarizer.summarize(DIFFUSION_VIDEO)).toEqual(builtinSummary(DIFFUSION_VIDEO));
  });
});
