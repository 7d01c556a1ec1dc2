import { describe, expect, it } from 'vitest';
import { createSearchEngine } from '../../src/search/index.js';
import { type Plan, Planner, type Slot } from '../../src/search/plan.js';
import { parseQuery } from '../../src/search/query.js';
import { CATALOG } from './papers.js';

const engine = createSearchEngine(CATALOG);
// The plan stage alone: the index's vocabulary, no scoring, no accumulators.
const planner = new Planner(engine.index, engine.analyzer, engine.acronyms, engine.params);

function plan(text: string, { expand = true, prefixLast = false } = {}): Plan {
  const parsed = parseQuery(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return planner.plan(parsed.query, expand, prefixLast);
}

/** Each slot as its label and its variants' labels (an expansion's label is its text). */
function shape(slots: Slot[]): [string, string[]][] {
  return slots.map((s) => [s.label, s.kind === 'term' ? s.variants.map((v) => v.label) : []]);
}

describe('plan', () => {
  it('gives a misspelt word the common word one edit away as a weaker variant', () => {
    const p = plan('difusion models');
    expect(shape(p.slots)).toEqual([
      ['difusion', ['diffusion']],
      ['models', ['models']],
    ]);
    const typo = p.slots[0]!;
    if (typo.kind !== 'term') throw new Error('expected a word slot');
    expect(typo.variants[0]!.weight).toBe(engine.params.fuzzy);
    expect(typo.variants[0]!.term).toBe(engine.index.termId(engine.analyzer.term('diffusion')!));
  });

  it('searches a misspelt word as typed when expansion is off', () => {
    expect(shape(plan('difusion models', { expand: false }).slots)).toEqual([['models', ['models']]]);
  });

  it('adds an acronym expansion as a variant scoring all of its words together', () => {
    const p = plan('rlhf');
    expect(p.slots).toHaveLength(1);
    const slot = p.slots[0]!;
    if (slot.kind !== 'term') throw new Error('expected a word slot');
    const expansion = slot.variants.find((v) => v.group !== undefined);
    expect(expansion?.label).toMatch(/reinforcement learning from human feedback/i);
    expect(expansion?.group?.length).toBeGreaterThan(1);
  });

  it('turns quoted phrases into required words plus a word-order check', () => {
    const p = plan('"diffusion models"');
    expect(p.slots.every((s) => s.kind === 'term' && s.required)).toBe(true);
    expect(p.phraseLabels).toEqual(['diffusion models']);
    expect(p.phrases[0]!.test('latent diffusion models for video')).toBe(true);
    expect(p.phrases[0]!.test('models of diffusion')).toBe(false);
  });
});
