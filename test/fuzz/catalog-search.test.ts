// Fuzz: catalog records (one at a time and as files) and search queries: no throw, every skip has a reason.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CatalogError, loadCatalogFile, recordToPaper } from '../../src/catalog/index.js';
import { createSearchEngine } from '../../src/search/index.js';
import { PAPERS } from '../app/fakes.js';
import { expectClearText } from './clear-text.js';

const dir = mkdtempSync(join(tmpdir(), 'paperboy-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const text = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 30 }));
const field = fc.oneof(text, fc.integer(), fc.constant(null), fc.array(text, { maxLength: 3 }), fc.object());
/** Records shaped like catalog entries, every field possibly wrong. */
const record = fc.record(
  {
    id: fc.oneof(fc.constantFrom('2405.04233', '2405.04233v2', 'arXiv:1706.03762', ''), field),
    title: fc.oneof(text, field, fc.string({ minLength: 2000, maxLength: 3000 })),
    abstract: field,
    summary: field,
    authors: fc.oneof(fc.array(fc.oneof(text, fc.object()), { maxLength: 5 }), field),
    url: fc.oneof(fc.webUrl(), text),
    pdf_url: fc.oneof(fc.webUrl(), text),
    published: fc.oneof(
      fc.date().map((d) => (Number.isNaN(d.getTime()) ? 'bad' : d.toISOString())),
      text,
    ),
    upvotes: fc.oneof(fc.integer(), text, fc.double()),
    keywords: fc.oneof(fc.array(text), text),
  },
  { requiredKeys: [] },
);

describe('fuzz: catalog records', () => {
  it('recordToPaper never throws; a refusal always says why', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          record,
          fc.anything().filter((v) => v !== undefined),
        ),
        (value) => {
          const result = recordToPaper(value, 'json');
          if (result.ok) expect(result.paper.title.trim().length).toBeGreaterThan(0);
          else expectClearText(result.reason);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('loadCatalogFile keeps the good records and skips the rest with a reason, or refuses in one line', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            record.map((r) => JSON.stringify(r)),
            fc.string({ maxLength: 80 }),
            fc.constant('{"title": "A good paper about diffusion", "id": "2401.00001"}'),
          ),
          { maxLength: 20 },
        ),
        fc.constantFrom('jsonl', 'json'),
        async (lines, format) => {
          const file = join(dir, `f${n++}.${format}`);
          const body = format === 'json' ? `[${lines.join(',')}]` : lines.join('\n');
          writeFileSync(file, body);
          try {
            const result = await loadCatalogFile(file);
            expect(result.papers.length).toBeGreaterThan(0);
            for (const w of result.warnings) expectClearText(w.reason);
          } catch (error) {
            expect(error).toBeInstanceOf(CatalogError);
            expect((error as Error).message).not.toContain('\n');
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('fuzz: search queries', () => {
  const engine = createSearchEngine(PAPERS);
  it('never throws; a query it cannot read gets a message', () => {
    const query = fc.oneof(
      fc.string({ maxLength: 100 }),
      fc
        .array(
          fc.constantFrom('"', '(', ')', 'AND', 'OR', 'NOT', '-', '*', 'diffusion', 'rl', ':', 'author:'),
          {
            maxLength: 12,
          },
        )
        .map((parts) => parts.join(' ')),
      fc.string({ unit: 'binary', maxLength: 60 }),
      fc.string({ minLength: 1000, maxLength: 2000 }),
    );
    fc.assert(
      fc.property(query, fc.integer({ min: -5, max: 1000 }), (q, offset) => {
        const outcome = engine.search(q, { limit: 10, offset: Math.max(0, offset) });
        if (outcome.ok) expect(outcome.hits.length).toBeLessThanOrEqual(10);
        else expectClearText(outcome.message);
        engine.suggest(q, 5);
        engine.resolve(q);
      }),
      { numRuns: 150 },
    );
  });
});
