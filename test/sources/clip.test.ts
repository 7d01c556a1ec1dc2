import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/catalog/record.js';
import { parseArxivFeed } from '../../src/sources/arxiv.js';
import { HfDailyItemSchema, hfItemToPaper } from '../../src/sources/hf.js';

const huge = (unit: string, chars: number) => unit.repeat(Math.ceil(chars / unit.length));

describe('live-source fields are clipped to the catalog limits', () => {
  it('keeps at most 20,000 characters of a 2,000,000-character Hugging Face abstract, and a short title', () => {
    const item = HfDailyItemSchema.parse({
      paper: {
        id: '2505.01234',
        title: huge('Title words ', 50_000),
        summary: huge('A sentence about \\frac{ models. ', 2_000_000),
        authors: Array.from({ length: 6000 }, (_, i) => ({ name: `Author ${i}` })),
        ai_summary: huge('Summary ', 100_000),
        ai_keywords: Array.from({ length: 500 }, (_, i) => `kw${i}`),
      },
    });
    const paper = hfItemToPaper(item, '2025-05-20');
    expect(paper.abstract.length).toBeLessThanOrEqual(LIMITS.abstract);
    expect(paper.abstract.length).toBeGreaterThan(LIMITS.abstract / 2);
    expect(paper.title.length).toBeLessThanOrEqual(LIMITS.title);
    expect(paper.sourceSummary?.length).toBeLessThanOrEqual(LIMITS.summary);
    expect(paper.authors.length).toBe(LIMITS.authors);
    expect(paper.keywords.length).toBe(LIMITS.list);
  });

  it('clips an arXiv entry’s summary and comment before cleaning them', () => {
    const xml = `<feed><entry><id>http://arxiv.org/abs/2505.01234v1</id><title>T</title>
<summary>${huge('words and $x^{2}$ ', 1_000_000)}</summary>
<arxiv:comment>${huge('c ', 100_000)}</arxiv:comment></entry></feed>`;
    const feed = parseArxivFeed(xml);
    if ('error' in feed) throw new Error(feed.error);
    const [paper] = feed.papers;
    expect(paper?.abstract.length).toBeLessThanOrEqual(LIMITS.abstract);
    expect(paper?.comment?.length).toBeLessThanOrEqual(LIMITS.comment);
  });
});
