import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';

describe('the bundled seed page', () => {
  it('loads its 57 papers in page order, listed on the manifest year', async () => {
    const { papers, warnings } = await loadCatalog([]);
    expect(papers).toHaveLength(57);
    expect(warnings).toEqual([]);
    expect(papers[0]?.title).toBe(
      'Derivative-Free Guidance in Continuous and Discrete Diffusion Models with Soft Value-Based Decoding',
    );
    expect(papers.map((p) => p.trending.rank)).toEqual(papers.map((_, i) => i + 1));
    expect(papers.every((p) => p.listed === '2025-05-08' && p.source === 'seed')).toBe(true);
  });
});
