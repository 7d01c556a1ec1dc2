import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_SEED, loadCatalog, loadCatalogFile, PaperSchema } from '../../src/catalog/index.js';
import { looksLikeSeedPage, parseSeedPage } from '../../src/catalog/seed-page.js';

const fixture = (name: string) => join(import.meta.dirname, '..', 'fixtures', 'catalog', name);

describe('the bundled seed page', async () => {
  const { papers, warnings, files } = await loadCatalog([]);

  it('loads its 57 papers in page order (the trending rank), listed on the manifest year', () => {
    expect(papers).toHaveLength(57);
    expect(warnings).toEqual([]);
    expect(papers[0]?.title).toBe(
      'Derivative-Free Guidance in Continuous and Discrete Diffusion Models with Soft Value-Based Decoding',
    );
    expect(papers.at(-1)?.title).toBe(
      'PAL: Pluralistic Alignment Framework for Learning from Heterogeneous Preferences',
    );
    expect(papers.map((p) => p.trending.rank)).toEqual(papers.map((_, i) => i + 1));
    expect(papers.every((p) => p.listed === '2025-05-08' && p.source === 'seed')).toBe(true);
    expect(files[0]).toMatchObject({
      format: 'seed-page',
      papers: 57,
      url: 'https://huggingface.co/papers/trending',
    });
  });

  it('never takes a header line for a paper', () => {
    const titles = papers.map((p) => p.title);
    for (const header of ['new', 'Get trending papers in your email inbox!', 'Subscribe', 'May 8']) {
      expect(titles).not.toContain(header);
    }
    expect(titles.some((t) => /research community/.test(t))).toBe(false);
  });

  it('finds the 11 links its abstracts contain: 7 code repositories and 4 project pages', () => {
    const links = papers.flatMap((p) =>
      [
        p.links.code && ['code', p.trending.rank, p.links.code],
        p.links.project && ['project', p.trending.rank, p.links.project],
      ].filter(Boolean),
    );
    expect(links).toEqual([
      ['code', 1, 'https://github.com/masa-ue/SVDD'],
      ['code', 9, 'https://github.com/LucasPrietoAl/grokking-at-the-edge-of-numerical-stability'],
      ['project', 13, 'https://sites.google.com/view/few-shot-icpl/home'],
      ['code', 14, 'https://github.com/cassidylaidlaw/orpo'],
      ['code', 19, 'https://github.com/CJReinforce/PURE'],
      ['code', 34, 'https://github.com/DigiRL-agent/digiq'],
      ['project', 41, 'https://sermanet.github.io/rewards'],
      ['code', 42, 'https://github.com/zacharyhorvitz/Fk-Diffusion-Steering'],
      ['project', 46, 'https://ml-dragon.github.io/web'],
      ['project', 49, 'https://research.nvidia.com/labs/genair/f-distill'],
      ['code', 56, 'https://github.com/abukharin3/HERON'],
    ]);
  });

  it('has clean titles and abstracts: no TeX, no doubled links, no stray braces or dollars', () => {
    for (const p of papers) {
      expect(PaperSchema.safeParse(p).success).toBe(true);
      expect(p.abstract.length).toBeGreaterThan(300);
      expect(`${p.title} ${p.abstract}`).not.toMatch(/[\\$`]|''|_\{|\^\{|mathsf|mathcal|\{http/);
      expect(p.abstract).toBe(p.abstract.trim());
      expect(p.abstract).not.toMatch(/\s{2}/);
    }
    const byRank = (r: number) => papers[r - 1]?.abstract ?? '';
    expect(byRank(1)).toContain('require “differentiable” proxy models');
    expect(byRank(1)).toMatch(/available at https:\/\/github\.com\/masa-ue\/SVDD\.$/);
    expect(byRank(7)).toContain(
      'cumulative stochastic variance σ_(1:T)² and the cumulative adversarial variation Σ_(1:T)²',
    );
    expect(byRank(9)).toContain('what we call the naïve loss minimization');
    expect(byRank(20)).toContain('We prove an O(Var* M Γ S A K) regret bound');
    expect(byRank(20)).toContain('Γ ≤ S is the maximum transition degree');
    expect(byRank(28)).toContain('a reward model (φ) which');
    expect(byRank(40)).toContain('approximate this Q* using Q^(π_sft)');
    expect(byRank(45)).toContain('improve the regret to O(√K) in the same setting');
    expect(byRank(54)).toContain('(above 974% improvement)');
  });

  it('keeps alpha vectors as words: Greek names are converted only where the text proves they are math', () => {
    expect(papers[19]?.abstract).toContain('total variance of alpha vectors');
  });

  it('is the file shipped in seeds/, resolved from the package root', () => {
    expect(BUNDLED_SEED).toMatch(/seeds\/000_d6223e3cb437b556\.txt$/);
    expect(readFileSync(BUNDLED_SEED, 'utf8')).toMatch(/^new\n\nGet trending papers in your email inbox!/);
  });
});

describe('trending pages', () => {
  it('warns when the date line has no year and no manifest supplies one', async () => {
    const r = await loadCatalogFile(fixture('trending-page.txt'));
    expect(r.papers.every((p) => p.listed === undefined)).toBe(true);
    expect(r.warnings[0]).toMatchObject({
      line: 7,
      reason: expect.stringMatching(/date line has no year; add a manifest/),
    });
  });

  it('takes the year from the manifest beside the page', async () => {
    const r = await loadCatalogFile(fixture('trending-dated.txt'));
    expect(r.papers.every((p) => p.listed === '2024-06-03')).toBe(true);
    expect(r.title).toBe('A dated test page');
  });

  it('keeps a paper whose abstract is missing, and pairs the rest correctly', async () => {
    const r = await loadCatalogFile(fixture('trending-dated.txt'));
    expect(r.papers.map((p) => [p.trending.rank, p.title, p.abstract.slice(0, 20)])).toEqual([
      [1, 'A Paper With a Code Link', 'We propose a method.'],
      [2, 'A Title Without Its Abstract', ''],
      [3, 'Another Paper After It', 'Its abstract, with a'],
    ]);
    expect(r.warnings).toEqual([
      {
        file: fixture('trending-dated.txt'),
        line: 13,
        reason: 'paper has no abstract; kept it with an empty one',
      },
    ]);
    expect(r.papers[0]?.links).toEqual({
      code: 'https://gitlab.com/group/project',
      project: 'https://www.example.org/demo',
    });
    expect(r.papers[2]?.abstract).toBe('Its abstract, with a hard line wrap and naïve TeX.');
  });

  it('reads a date line that carries its own year', () => {
    const page = parseSeedPage('Subscribe\n\nMarch 3, 2024\n\nA Title\n\nAn abstract.\n', 'page.txt');
    expect(page.listed).toBe('2024-03-03');
    expect(page.papers[0]?.listed).toBe('2024-03-03');
  });

  it('caps an enormous title and says so', () => {
    const page = parseSeedPage(`Subscribe\n\n${'Long '.repeat(2000)}\n\nAn abstract.\n`, 'page.txt', {
      year: 2025,
    });
    expect(page.papers[0]?.title.length).toBeLessThanOrEqual(300);
    expect(page.warnings[0]?.reason).toMatch(/^title was 10,000 characters; kept the first 300$/);
  });

  it('recognises the page by its header or date line, not plain prose', () => {
    expect(looksLikeSeedPage(readFileSync(BUNDLED_SEED, 'utf8'))).toBe(true);
    expect(looksLikeSeedPage('May 8\n\nA Title\n\nAn abstract.')).toBe(true);
    expect(looksLikeSeedPage('Dear diary,\n\ntoday I read a paper.')).toBe(false);
  });
});
