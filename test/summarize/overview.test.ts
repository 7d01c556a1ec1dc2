import { describe, expect, it } from 'vitest';
import { builtinOverview } from '../../src/summarize/builtin.js';
import { DIFFUSION_MOLECULES, DIFFUSION_VIDEO, LOSS_SCALING, PROTEIN_FOLDING, paper } from './papers.js';

describe('overview', () => {
  it('names the theme several papers share and counts them', () => {
    const o = builtinOverview([DIFFUSION_VIDEO, PROTEIN_FOLDING, DIFFUSION_MOLECULES]);
    expect(o.themes).toMatch(/^Common themes: diffusion models? \(2 of 3 papers\)/);
  });

  it('gives one line per paper, in the given order, with its TL;DR', () => {
    const o = builtinOverview([DIFFUSION_VIDEO, LOSS_SCALING]);
    expect(o.lines.map((l) => l.id)).toEqual([DIFFUSION_VIDEO.id, LOSS_SCALING.id]);
    expect(o.lines[0]?.line).toMatch(/^Latent Diffusion Models for Video Generation — We propose/);
  });

  it('does not say the title twice when the TL;DR leads with it', () => {
    const o = builtinOverview(
      [
        paper({
          id: 'c',
          title: 'Cosine Warmup Restarts',
          abstract: 'We introduce a schedule that halves the cost.',
        }),
      ],
      ['Cosine Warmup Restarts: We introduce a schedule that halves the cost.'],
    );
    expect(o.lines[0]?.line).toBe('Cosine Warmup Restarts — We introduce a schedule that halves the cost.');
  });

  it('does not name a theme after a word only ever used as a modifier ("soft value functions")', () => {
    const o = builtinOverview([
      paper({
        id: 's1',
        title: 'Soft Value-Based Decoding for Protein Design',
        abstract: 'We integrate soft value functions into sampling for protein sequence design.',
      }),
      paper({
        id: 's2',
        title: 'Soft Bellman Updates for Portfolio Allocation',
        abstract: 'We optimise the soft Bellman equation to rebalance stock portfolios.',
      }),
    ]);
    expect(o.themes).not.toMatch(/soft \(/i);
  });

  it('says so when nothing links the papers', () => {
    const o = builtinOverview([LOSS_SCALING, PROTEIN_FOLDING]);
    expect(o.themes).toMatch(/^No single theme links these 2 papers; they range over .+\.$/);
  });

  it('marks a paper without an abstract in its line', () => {
    const o = builtinOverview([paper({ id: 'e', title: 'Untitled Work', abstract: '' })]);
    expect(o.lines).toEqual([{ id: 'e', line: 'Untitled Work — no abstract to summarise.' }]);
  });

  it('handles no papers at all', () => {
    expect(builtinOverview([])).toEqual({ themes: 'No papers to summarise.', lines: [] });
  });
});
