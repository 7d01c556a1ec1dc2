import { describe, expect, it } from 'vitest';
import { parseArxivFeed } from '../../src/sources/arxiv.js';
import {
  cardLinks,
  cardSignals,
  doiUrl,
  hfSocialThumbnail,
  httpsImage,
  hubParts,
  paperCard,
  paperThumbnail,
  paperVenue,
} from '../../src/views/paper-card.js';
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
      'Hugging Face daily papers · 6 Mar 2026 · ▲ 10 · 💬 1 · ★ 9 · Multimedia and Human Understanding Group',
    );
  });
});

describe('the picture on a card', () => {
  const base = async () => {
    const { HfDailyItemSchema, hfItemToPaper } = await import('../../src/sources/hf.js');
    return hfItemToPaper(
      HfDailyItemSchema.parse(JSON.parse(real('hf/daily-papers-item-2602.23229-current-shape.json'))),
      undefined,
    );
  };

  it('is the Hugging Face social thumbnail of an arXiv paper Hugging Face lists, even without a thumbnail field', async () => {
    const { thumbnail: _t, ...paper } = await base();
    expect(paperCard(paper, undefined).thumbnail).toBe(
      'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2602.23229.png',
    );
  });

  it('is absent for a paper Hugging Face has no page for, and for old-style ids', () => {
    const [arxivOnly] = papers('query-del-maestro-checkerboard.xml');
    expect(arxivOnly!.links.hf).toBeUndefined();
    expect(paperCard(arxivOnly!, undefined).thumbnail).toBeUndefined();
    expect(
      paperThumbnail({
        arxivId: 'cond-mat/0603029',
        links: { hf: 'https://huggingface.co/papers/cond-mat/0603029' },
      }),
    ).toBeUndefined();
  });

  it('is never a plain-http URL: Discord would refuse it, so the HF thumbnail stands in', async () => {
    const paper = { ...(await base()), thumbnail: 'http://example.org/figure.png' };
    expect(paperCard(paper, undefined).thumbnail).toBe(hfSocialThumbnail('2602.23229'));
    expect(httpsImage('http://example.org/figure.png')).toBeUndefined();
    expect(httpsImage('https://user:pw@example.org/a.png')).toBeUndefined();
    expect(httpsImage('not a url')).toBeUndefined();
  });

  it('is left out when the channel switched images off', async () => {
    expect(paperCard(await base(), undefined, { images: false }).thumbnail).toBeUndefined();
  });
});

describe('links and signals on a card', () => {
  it('links the DOI through doi.org after the other links', () => {
    const [p] = papers('query-del-maestro-checkerboard.xml');
    const card = paperCard(p!, undefined);
    expect(card.doi).toBe('10.1103/PhysRevB.74.024520');
    expect(cardLinks(card).map((l) => l.label)).toEqual(['Abstract', 'PDF', 'DOI']);
    expect(cardLinks(card).at(-1)?.url).toBe('https://doi.org/10.1103/PhysRevB.74.024520');
    expect(doiUrl('doi:10.1000/a b')).toBe('https://doi.org/10.1000/a%20b');
    expect(doiUrl('not-a-doi')).toBeUndefined();
  });

  it('orders the signals upvotes, comments, stars, organisation, venue', () => {
    expect(
      cardSignals({ venue: 'ICLR 2026', organization: 'Org', stars: 5, comments: 2, upvotes: 9 }),
    ).toEqual(['▲ 9', '💬 2', '★ 5', 'Org', 'ICLR 2026']);
    expect(cardSignals({ comments: 0 })).toEqual([]);
  });

  it('says what cites the paper on the Hub, each kind linking to its top repository', () => {
    expect(
      hubParts({
        models: 3,
        datasets: 1,
        spaces: 2,
        top: { model: 'org/m', dataset: 'org/d', space: 'org/s' },
      }),
    ).toEqual([
      { text: '3 models', url: 'https://huggingface.co/org/m' },
      { text: '1 dataset', url: 'https://huggingface.co/datasets/org/d' },
      { text: '2 Spaces', url: 'https://huggingface.co/spaces/org/s' },
    ]);
    expect(hubParts({ models: 0, datasets: 0, spaces: 1, top: {} })).toEqual([{ text: '1 Space' }]);
  });
});
