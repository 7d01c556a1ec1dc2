import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSearchEngine } from '../../src/search/index.js';
import { CATALOG } from './papers.js';

const engine = createSearchEngine(CATALOG);

describe('search on arbitrary input', () => {
  it('never throws, and returns well-formed answers', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.integer({ min: -5, max: 2000 }),
        (q, limit) => {
          const r = engine.search(q, { limit, offset: Math.abs(limit) % 7 });
          if (r.ok) {
            expect(r.hits.length).toBeLessThanOrEqual(Math.min(1000, Math.max(1, limit)));
            expect(r.total).toBeGreaterThanOrEqual(0);
            for (const h of r.hits) expect(Number.isFinite(h.score)).toBe(true);
          } else {
            expect(r.message.length).toBeGreaterThan(0);
          }
          expect(Array.isArray(engine.suggest(q))).toBe(true);
          engine.resolve(q);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('finds every paper by its own title', () => {
    for (const p of CATALOG) {
      const r = engine.search(p.title);
      expect(r.ok && r.hits[0]?.paper.id, p.title).toBe(p.id);
    }
  });
});
