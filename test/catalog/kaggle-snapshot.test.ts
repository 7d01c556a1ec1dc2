import { describe, expect, it } from 'vitest';
import { loadCatalogFile } from '../../src/catalog/load-file.js';
import type { Paper } from '../../src/catalog/paper.js';
import { recordToPaper } from '../../src/catalog/record.js';
import { createSearchEngine } from '../../src/search/index.js';
import { REAL_DIR, real } from '../support/real.js';

const FILE = `${REAL_DIR}/kaggle/arxiv-metadata-oai-snapshot-lines.jsonl`;

function lines(): Record<string, unknown>[] {
  return real('kaggle/arxiv-metadata-oai-snapshot-lines.jsonl')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

function line(id: string): Record<string, unknown> {
  const found = lines().find((l) => l.id === id);
  if (!found) throw new Error(`no line ${id}`);
  return found;
}

function paperOf(value: unknown): Paper {
  const r = recordToPaper(value, 'jsonl');
  if (!r.ok) throw new Error(r.reason);
  return r.paper;
}

describe('Kaggle arXiv snapshot lines', () => {
  it('load as arXiv papers with every line kept and no warning', async () => {
    const result = await loadCatalogFile(FILE);
    expect(result.format).toBe('jsonl');
    expect(result.warnings).toEqual([]);
    expect(result.papers.map((p) => p.id)).toEqual([
      '0704.0001',
      '0704.0002',
      '0704.0005',
      '0704.0025',
      '0704.0052',
      '0704.0139',
      '0704.0177',
    ]);
  });

  it('date a paper by its first version, update it by its last, and keep the version number', () => {
    const p = paperOf(line('0704.0001'));
    expect(p.published).toBe('2007-04-02');
    expect(p.updated).toBe('2007-07-24');
    expect(p.version).toBe(2);
    const single = paperOf(line('0704.0005'));
    expect(single.published).toBe('2007-04-02');
    // One version: the record's own update_date is the last change.
    expect(single.updated).toBe('2013-10-15');
  });

  it('keep the DOI, the journal reference and the comments', () => {
    const p = paperOf(line('0704.0001'));
    expect(p.doi).toBe('10.1103/PhysRevD.76.013009');
    expect(p.journalRef).toBe('Phys.Rev.D76:013009,2007');
    expect(p.comment).toBe('37 pages, 15 figures; published version');
    expect(p.links.abs).toBe('https://arxiv.org/abs/0704.0001');
  });

  it('take authors from authors_parsed, accents resolved, affiliations kept apart', () => {
    expect(paperOf(line('0704.0001')).authors).toEqual([
      'C. Balázs',
      'E. L. Berger',
      'P. M. Nadolsky',
      'C. -P. Yuan',
    ]);
    const jaffe = paperOf(line('0704.0052'));
    expect(jaffe.authors).toEqual(['Arthur Jaffe', 'Gordon Ritter']);
    expect(jaffe.affiliations).toEqual(['Harvard University']);
  });

  it('never turn an affiliation list into authors when authors_parsed is missing', () => {
    const withoutParsed = (id: string) => {
      const { authors_parsed: _drop, ...rest } = line(id);
      return paperOf(rest).authors;
    };
    // "A. S. Mishchenko (1 and 2) and N. Nagaosa (1 and 3) ((1) CREST, Japan Science and Technology Agency, …)"
    expect(withoutParsed('0704.0025')).toEqual(['A. S. Mishchenko', 'N. Nagaosa']);
    // "B. Lanzoni (1,2), …, S. Sigurdsson (8) (1 Dip. Astro., Bologna; 2 INAF--Oss. Astro., Bologna; …)"
    const lanzoni = withoutParsed('0704.0139');
    expect(lanzoni).toEqual([
      'B. Lanzoni',
      'E. Dalessandro',
      'F.R. Ferraro',
      'C. Mancini',
      'G. Beccari',
      'R.T. Rood',
      'M. Mapelli',
      'S. Sigurdsson',
    ]);
    expect(lanzoni.every((a) => !/[;()]|Bologna/.test(a))).toBe(true);
    // "…, A. D. Wieck (3), and M. Bayer (1) ((1) Universität Dortmund, …)": the Oxford comma is no name.
    const greilich = withoutParsed('0704.0177');
    expect(greilich.at(-1)).toBe('M. Bayer');
    expect(greilich).toHaveLength(10);
  });

  it('a ";" separates authors in a plain string', () => {
    expect(paperOf({ title: 'T', authors: 'Lovelace, Ada; Turing, Alan' }).authors).toEqual([
      'Lovelace, Ada',
      'Turing, Alan',
    ]);
  });

  it('find April 2007 papers with after:2007-01, and the journal reference by its words', async () => {
    const { papers } = await loadCatalogFile(FILE);
    const engine = createSearchEngine(papers);
    const ids = (query: string) => {
      const outcome = engine.search(query, { limit: 20 });
      if (!outcome.ok) throw new Error(outcome.message);
      return outcome.hits.map((h) => h.paper.id);
    };
    expect(ids('after:2007-01')).toHaveLength(papers.length);
    // 0704.0002's first version is from 31 March 2007.
    const april = ids('after:2007-04 before:2007-05');
    expect(april).toContain('0704.0001');
    expect(april).not.toContain('0704.0002');
    expect(ids('venue:"Phys.Rev.D76"')).toEqual(['0704.0001']);
    expect(ids('Illinois')).toEqual(['0704.0005']);
  });
});
