import { describe, expect, it } from 'vitest';
import { parseArxivFeed } from '../../src/sources/arxiv.js';
import { paperCard, paperVenue } from '../../src/views/paper-card.js';
import { real } from '../support/real.js';

function papers(name: string) {
  const feed = parseArxivFeed(real(`arxiv/${name}`));
  if ('error' in feed) throw new Error(feed.error);
  return feed.papers;
}

describe('the venue on a card', () => {
  it('is the journal reference when there is one', () => {
    const [p] = papers('query-del-maestro-checkerboard.xml');
    expect(paperCard(p!, undefined).venue).toBe('Phys. Rev. B 74, 024520 (2006)');
  });

  it('is the part of a comment that names a venue, never its page counts', () => {
    const byId = new Map(papers('query-testing-trimmed.xml').map((p) => [p.id, p]));
    expect(paperCard(byId.get('2005.06826')!, undefined).venue).toBe(
      'Accepted to the ACM SIGSOFT International Symposium on Software Testing and Analysis (ISSTA), 2020',
    );
    // "Final version, 6 figures, Python code and Jupyter notebook available at https://github.com/…"
    expect(paperCard(byId.get('1706.00679')!, undefined).venue).toBeUndefined();
    expect(paperVenue({ comment: '13 pages; NeurIPS 2025 spotlight' })).toBe('NeurIPS 2025 spotlight');
    expect(paperVenue({ comment: '10 pages, 11 figures; added reference' })).toBeUndefined();
  });
});

describe('a Hugging Face paper on a card, from the recorded current-shape answer', () => {
  it('shows its GitHub stars, organisation and thumbnail', async () => {
    const { HfDailyItemSchema, hfItemToPaper } = await import('../../src/sources/hf.js');
    const { cardEmbed } = await import('../../src/platforms/discord/render.js');
    const item = HfDailyItemSchema.parse(
      JSON.parse(real('hf/daily-papers-item-2602.23229-current-shape.json')),
    );
    const card = paperCard(hfItemToPaper(item, undefined), undefined);
    expect(card).toMatchObject({
      stars: 9,
      organization: 'Multimedia and Human Understanding Group',
      thumbnail: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2602.23229.png',
      date: '2026-03-06',
    });
    const embed = cardEmbed(card);
    expect(embed.thumbnail?.url).toBe(card.thumbnail);
    expect(embed.fields?.find((f) => f.name === 'Source')?.value).toBe(
      'Hugging Face daily papers · 6 Mar 2026 · ▲ 10 · ★ 9 · Multimedia and Human Understanding Group',
    );
  });
});
