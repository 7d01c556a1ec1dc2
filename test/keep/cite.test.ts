import bibtexParse from 'bibtex-parse';
import { describe, expect, it } from 'vitest';
import type { Paper } from '../../src/catalog/paper.js';
import { apaReference, bibtexEntry, bibtexFile, citationKey } from '../../src/keep/cite.js';
import { parseArxivFeed } from '../../src/sources/arxiv.js';
import { PAPERS, paper } from '../app/fakes.js';
import { real } from '../support/real.js';

const diffusion = PAPERS[0] as Paper;

const published = paper({
  id: 'cond-mat/0603029',
  arxivId: 'cond-mat/0603029v1',
  title: 'Intrinsic Spin Hall Effect in {Pt} & 50% of Bi_2Se_3: a $100 study #1 ~ ^ \\ check',
  authors: ['Adrian Del Maestro', 'Ørjan Sæther', 'Research and Development Team'],
  categories: ['cond-mat.str-el', 'cond-mat.stat-mech'],
  published: '2006-03-01',
  journalRef: 'Phys. Rev. B 74, 024520 (2006)',
  doi: '10.1103/PhysRevB.74.024520',
});

describe('BibTeX', () => {
  it('cites an arXiv paper with eprint, archivePrefix and primaryClass that a BibTeX parser reads', () => {
    const [entry] = bibtexParse.entries(bibtexEntry({ ...diffusion, categories: ['cs.LG', 'stat.ML'] }));
    expect(entry).toMatchObject({
      key: 'uehara2024derivative',
      type: 'misc',
      TITLE: 'Derivative-Free Guidance in Continuous and Discrete Diffusion Models',
      AUTHOR:
        'Masatoshi Uehara and Yulai Zhao and Ehsan Hajiramezanali and Gabriele Scalia and Tommaso Biancalani',
      YEAR: '2024',
      EPRINT: '2405.04233',
      ARCHIVEPREFIX: 'arXiv',
      PRIMARYCLASS: 'cs.LG',
      URL: 'https://arxiv.org/abs/2405.04233',
    });
    expect(entry).not.toHaveProperty('DOI');
  });

  it('adds the DOI and the journal reference when known, and escapes LaTeX specials so the entry still parses', () => {
    const text = bibtexEntry(published);
    const [entry] = bibtexParse.entries(text);
    expect(entry).toMatchObject({
      key: 'delmaestro2006intrinsic',
      type: 'article',
      JOURNAL: 'Phys. Rev. B 74, 024520 (2006)',
      DOI: '10.1103/PhysRevB.74.024520',
      EPRINT: 'cond-mat/0603029',
      PRIMARYCLASS: 'cond-mat.str-el',
    });
    expect(text).toContain(
      'Intrinsic Spin Hall Effect in \\textbraceleft{}Pt\\textbraceright{} \\& 50\\% of {Bi\\_2Se\\_3:} a \\$100 study \\#1 \\textasciitilde{} \\textasciicircum{} \\textbackslash{} check',
    );
    // A name with "and" in it stays one author.
    expect(text).toContain('Ørjan Sæther and {Research and Development Team}');
  });

  it('gives the same paper the same key every time and keeps the case of acronyms', () => {
    const rl = PAPERS[1] as Paper;
    expect(citationKey(rl)).toBe('wang2024offline');
    expect(citationKey({ ...rl })).toBe(citationKey(rl));
    expect(bibtexEntry(rl)).toContain(
      'title = {Offline Reinforcement Learning for {LLM} Multi-Step Reasoning}',
    );
  });

  it('exports a whole list as one file whose keys are unique, every entry parsed', () => {
    const twin = paper({
      id: '2405.09999',
      title: 'Derivative estimates',
      authors: ['Kenji Uehara'],
      published: '2024-05-20',
    });
    const file = bibtexFile([...PAPERS, published, twin]);
    const entries = bibtexParse.entries(file);
    expect(entries).toHaveLength(PAPERS.length + 2);
    const keys = entries.map((e) => e.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain('uehara2024derivative');
    expect(keys).toContain('uehara2024derivativeb');
    // A paper with no authors or arXiv id still gets a key and parses.
    expect(
      entries.find((e) => e.TITLE === 'Models of human preference for learning reward functions')?.key,
    ).toBe('models');
  });
});

describe('APA', () => {
  it('cites an arXiv preprint with initials, the arXiv number and its DOI link', () => {
    expect(apaReference(PAPERS[1] as Paper)).toBe(
      'Wang, H., & Hao, S. (2024). Offline Reinforcement Learning for LLM Multi-Step Reasoning (arXiv:2412.16145). arXiv. https://doi.org/10.48550/arXiv.2412.16145',
    );
  });

  it('names the journal and the publisher DOI of a published paper', () => {
    expect(apaReference(published)).toBe(
      'Del Maestro, A., Sæther, Ø., & Research and Development Team. (2006). Intrinsic Spin Hall Effect in {Pt} & 50% of Bi_2Se_3: a $100 study #1 ~ ^ \\ check (arXiv:cond-mat/0603029). Phys. Rev. B 74, 024520 (2006). https://doi.org/10.1103/PhysRevB.74.024520',
    );
  });
});

describe('author names with particles', () => {
  // arXiv's own answer for this paper lists "Adrian Del Maestro": "Del" is part of the family name.
  const [recorded] = recordedFeed().papers as [Paper];

  it('keeps "Del Maestro" together in APA, the citation key and BibTeX', () => {
    expect(apaReference(recorded)).toMatch(/^Del Maestro, A\., Rosenow, B\., & Sachdev, S\. \(2006\)\./);
    expect(citationKey(recorded)).toMatch(/^delmaestro2006/);
    const [entry] = bibtexParse.entries(bibtexEntry(recorded));
    expect(entry?.AUTHOR).toBe('Del Maestro, Adrian and Bernd Rosenow and Subir Sachdev');
  });

  it('reads lowercase particles, several particles and names given as "Last, First"', () => {
    const cite = (authors: string[]) => apaReference(paper({ id: '2401.00001', title: 'T', authors }));
    expect(cite(['Ludwig van Beethoven'])).toMatch(/^van Beethoven, L\. /);
    expect(cite(['Johannes Diderik van der Waals'])).toMatch(/^van der Waals, J\. D\. /);
    expect(cite(['Mohammed bin Salman'])).toMatch(/^bin Salman, M\. /);
    expect(cite(['Del Maestro, Adrian'])).toMatch(/^Del Maestro, A\. /);
    expect(cite(['Uehara, Masatoshi'])).toMatch(/^Uehara, M\. /);
    // A given name that looks like a particle is still a given name.
    expect(cite(['Van Morrison'])).toMatch(/^Morrison, V\. /);
    const [entry] = bibtexParse.entries(
      bibtexEntry(paper({ id: '2401.00001', title: 'T', authors: ['Uehara, Masatoshi'] })),
    );
    expect(entry?.AUTHOR).toBe('Uehara, Masatoshi');
  });
});

function recordedFeed() {
  const parsed = parseArxivFeed(real('arxiv/query-del-maestro-checkerboard.xml'));
  if ('error' in parsed) throw new Error(parsed.error);
  return parsed;
}
