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
