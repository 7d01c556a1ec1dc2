import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/catalog/index.js';
import { loadCatalogFile } from '../../src/catalog/load-file.js';
import { mergePapers } from '../../src/catalog/merge.js';
import type { Paper } from '../../src/catalog/paper.js';
import { recordToPaper } from '../../src/catalog/record.js';
import { writeCatalogJson } from '../../src/cli/catalog.js';
import { REAL_DIR } from '../support/real.js';

const dir = mkdtempSync(join(tmpdir(), 'paperboy-round-trip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
/** What `paperboy catalog --json` writes for these papers, loaded back through `--catalog`. */
async function roundTrip(papers: Paper[]) {
  let text = '';
  writeCatalogJson({ papers, warnings: [] }, (chunk) => {
    text += chunk;
  });
  const file = join(dir, `catalog-${n++}.json`);
  writeFileSync(file, text);
  return loadCatalogFile(file);
}

describe('catalog --json loads back losslessly', () => {
  it('the bundled seed: all 57 papers, no warning', async () => {
    const { papers } = await loadCatalog([]);
    const back = await roundTrip(papers);
    expect(back.format).toBe('json');
    expect(back.warnings).toEqual([]);
    expect(back.papers).toHaveLength(57);
    expect(back.papers).toEqual(papers);
  });

  it('recorded Kaggle lines with their DOIs, versions and affiliations', async () => {
    const { papers } = await loadCatalog([`${REAL_DIR}/kaggle/arxiv-metadata-oai-snapshot-lines.jsonl`]);
    const back = await roundTrip(papers);
    expect(back.warnings).toEqual([]);
    expect(back.papers).toEqual(papers);
  });

  it('any catalog: what Paperboy loaded, written and loaded again, is the same', async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.constantFrom(
        'Diffusion $\\alpha$-models with \\emph{soft} guidance',
        'See https://github.com/a/b and www.example.org/page.',
        "TeX ``quotes'' and na\\\"ive caf\\'e -- done",
        'Two  spaces\nand a wrap',
        'Zero\u200bwidth and \u00a0no-break',
        'arXiv:2505.01234v2 (NeurIPS 2025 spotlight)',
      ),
      fc.string({ unit: 'grapheme', maxLength: 30 }),
    );
    const day = fc
      .date({
        min: new Date('1990-01-01T00:00:00Z'),
        max: new Date('2030-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10));
    const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
    const record = fc.record(
      {
        id: maybe(
          fc.oneof(
            fc.constantFrom('2505.01234', 'hep-th/9901001v3', '0704.0001'),
            fc.string({ maxLength: 12 }),
          ),
        ),
        title: text,
        abstract: maybe(text),
        authors: maybe(fc.oneof(fc.array(text, { maxLength: 4 }), text)),
        categories: maybe(
          fc.array(fc.constantFrom('cs.LG', 'cs.CL', 'math.CO', '68T45', 'stat.ML'), { maxLength: 3 }),
        ),
        keywords: maybe(fc.array(text, { maxLength: 3 })),
        published: maybe(day),
        listed: maybe(day),
        updated: maybe(day),
        comment: maybe(text),
        journalRef: maybe(text),
        doi: maybe(fc.constantFrom('10.1103/PhysRevD.76.013009', 'https://doi.org/10.1145/3395363.3397376')),
        version: maybe(fc.integer({ min: 1, max: 9 })),
        affiliations: maybe(fc.array(text, { maxLength: 3 })),
        thumbnail: maybe(fc.constantFrom('https://cdn.example.org/t.png')),
        mediaUrls: maybe(fc.array(fc.webUrl(), { maxLength: 2 })),
        organization: maybe(text),
        submittedBy: maybe(text),
        sourceSummary: maybe(text),
        source: maybe(fc.constantFrom('hf', 'arxiv', 'seed', 'jsonl')),
        links: maybe(
          fc.record({ code: maybe(fc.webUrl()), project: maybe(fc.webUrl()) }, { requiredKeys: [] }),
        ),
        trending: maybe(
          fc.record(
            {
              rank: maybe(fc.integer({ min: 1, max: 500 })),
              upvotes: maybe(fc.nat(10_000)),
              stars: maybe(fc.nat(100_000)),
              comments: maybe(fc.nat(50)),
              velocity: maybe(fc.double({ min: 0, max: 500, noNaN: true })),
              score: maybe(fc.double({ min: -10, max: 1000, noNaN: true })),
              scoredAt: maybe(fc.constantFrom('2025-05-12T22:00:00.000Z')),
            },
            { requiredKeys: [] },
          ),
        ),
      },
      { requiredKeys: ['title'] },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(record, { minLength: 1, maxLength: 6 }), async (records) => {
        const loaded = mergePapers(
          records.flatMap((r) => {
            const result = recordToPaper(JSON.parse(JSON.stringify(r)), 'jsonl');
            return result.ok ? [result.paper] : [];
          }),
        );
        fc.pre(loaded.length > 0);
        const back = await roundTrip(loaded);
        expect(back.warnings).toEqual([]);
        expect(back.papers).toEqual(loaded);
      }),
      { numRuns: 150 },
    );
  });
});
