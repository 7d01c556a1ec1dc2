import { describe, expect, it } from 'vitest';
import { formatAuthors, formatDuration, humanList, shortName, truncate } from '../../src/views/format.js';
import { cardLinks, paperCard } from '../../src/views/paper-card.js';
import { paper } from '../app/fakes.js';

describe('truncate', () => {
  it('cuts at a word boundary and ends with an ellipsis within the limit', () => {
    const text = 'Diffusion models excel at capturing natural design spaces of images and molecules.';
    const cut = truncate(text, 40);
    expect(cut).toBe('Diffusion models excel at capturing…');
    expect(Array.from(cut).length).toBeLessThanOrEqual(40);
  });

  it('leaves short text alone but squashes whitespace', () => {
    expect(truncate('  a \n\n b  ', 10)).toBe('a b');
  });

  it('never splits an emoji or a surrogate pair', () => {
    expect(truncate('🚀'.repeat(10), 5)).toBe('🚀🚀🚀🚀…');
  });

  it('cuts inside a long word rather than returning almost nothing', () => {
    expect(truncate(`a ${'x'.repeat(50)}`, 10)).toBe(`a ${'x'.repeat(7)}…`);
  });
});

describe('authors', () => {
  it('abbreviates given names, hyphenated ones too', () => {
    expect(shortName('Ashish Vaswani')).toBe('A. Vaswani');
    expect(shortName('Jean-Baptiste Alayrac')).toBe('J.-B. Alayrac');
    expect(shortName('Sergey   Levine')).toBe('S. Levine');
    expect(shortName('Plato')).toBe('Plato');
    // The family name keeps its particles, and a "Family, Given" name is read as one.
    expect(shortName('Adrian Del Maestro')).toBe('A. Del Maestro');
    expect(shortName('Ludwig van Beethoven')).toBe('L. van Beethoven');
    expect(shortName('Levine, Sergey')).toBe('S. Levine');
  });

  it('shows a few names and counts the rest: "A. Author, B. Author +5"', () => {
    const authors = ['Ada Author', 'Bob Author', 'C D', 'E F', 'G H', 'I J', 'K L'];
    expect(formatAuthors(authors, { max: 2 })).toBe('A. Author, B. Author +5');
    expect(formatAuthors(['Ada Author'], { short: false })).toBe('Ada Author');
    expect(formatAuthors([])).toBe('');
  });
});

describe('small formatters', () => {
  it('joins lists the way people write them', () => {
    expect(humanList(['a'])).toBe('a');
    expect(humanList(['a', 'b', 'c'])).toBe('a, b and c');
  });

  it('reads durations in minutes, hours and days', () => {
    expect(formatDuration(20_000)).toBe('less than a minute');
    expect(formatDuration(5 * 60_000)).toBe('5 min');
    expect(formatDuration((20 * 60 + 30) * 60_000)).toBe('20 h 30 min');
    expect(formatDuration(49 * 3_600_000)).toBe('2 days 1 h');
    expect(formatDuration(24 * 3_600_000 * 3)).toBe('3 days');
  });
});

describe('paperCard', () => {
  const p = paper({
    id: 'x',
    title: 'T',
    abstract: 'This is a rather long first sentence of the abstract, about things. Then more follows here.',
    links: { hf: 'https://huggingface.co/papers/x', code: 'https://github.com/a/b' },
    published: '2024-01-02T00:00:00Z',
  });

  it("falls back to the abstract's first sentence when there is no summary", () => {
    expect(paperCard(p, undefined).tldr).toBe(
      'This is a rather long first sentence of the abstract, about things.',
    );
  });

  it('links the title to the best page available and dates it', () => {
    const card = paperCard(p, undefined);
    expect(card.url).toBe('https://huggingface.co/papers/x');
    expect(card.date).toBe('2024-01-02');
  });

  it('bounds TL;DR and key points', () => {
    const card = paperCard(p, { tldr: 'w '.repeat(400), keyPoints: ['1', '2', '3', '4', '5'], by: 'llm' });
    expect(card.tldr.length).toBeLessThanOrEqual(400);
    expect(card.keyPoints).toHaveLength(4);
  });

  it('lists links in display order', () => {
    expect(cardLinks(paperCard(p, undefined)).map((l) => l.label)).toEqual(['Hugging Face', 'Code']);
  });

  it('lists the code link once when a key point shows it already', () => {
    const summary = {
      tldr: 'We do X.',
      keyPoints: ['Method: X.', 'Code: https://github.com/a/b'],
      by: 'builtin' as const,
    };
    expect(cardLinks(paperCard(p, summary)).map((l) => l.label)).toEqual(['Hugging Face']);
  });
});
