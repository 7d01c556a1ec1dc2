import { describe, expect, it } from 'vitest';
import { variants } from '../../src/summarize/compress.js';
import { createEngine } from '../../src/summarize/engine.js';
import {
  analyze,
  CANDIDATE_FEATURES,
  candidate,
  candidateContext,
  type ModelData,
  type Scratch,
  statsOf,
  TOKEN_FEATURES,
  writeTokenRow,
} from '../../src/summarize/features.js';
import modelJson from '../../src/summarize/model.json' with { type: 'json' };
import { splitSentences } from '../../src/summarize/text.js';
import { SVDD } from './seed-abstracts.js';

/** A row that records every index written to it, so a column written twice or never shows up. */
function recordingRow(): { row: number[]; writes: number[] } {
  const writes: number[] = [];
  const row = new Proxy<number[]>([], {
    set(target, key, value) {
      if (typeof key === 'string' && /^\d+$/.test(key)) writes.push(Number(key));
      return Reflect.set(target, key, value);
    },
  });
  return { row, writes };
}

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

function tallies(): Scratch {
  const ints = () => Int32Array.of(2);
  const bytes = () => Uint8Array.of(1);
  return {
    count: ints(),
    first: Int32Array.of(0),
    last: Int32Array.of(1),
    sentenceCount: ints(),
    claimCount: Int32Array.of(1),
    claim: bytes(),
    acronym: bytes(),
    capital: bytes(),
    second: bytes(),
    mark: Int32Array.of(1),
    background: bytes(),
    object: bytes(),
    firstClaim: bytes(),
    result: bytes(),
  };
}

describe('named feature columns', () => {
  it('writes every token column exactly once, from the row offset it is given', () => {
    const { row, writes } = recordingRow();
    const at = TOKEN_FEATURES.length;
    const word = {
      word: 'svdd',
      k: 0,
      sentences: 4,
      idf: 0.9,
      known: false,
      inTitle: 1,
      noClaim: false,
      titleness: 0.3,
    };
    writeTokenRow(row, at, word, tallies());
    expect(writes.sort((a, b) => a - b)).toEqual(range(at, TOKEN_FEATURES.length));
  });

  it('writes every candidate column exactly once for each candidate of a real abstract', () => {
    const model = modelJson as ModelData;
    const sentences = splitSentences(SVDD.abstract ?? '');
    const doc = analyze(sentences, SVDD.title, statsOf(model), model.withTitle);
    const ctx = candidateContext(doc, doc.probs);
    let checked = 0;
    sentences.forEach((s, i) => {
      for (const v of variants(s)) {
        const { row, writes } = recordingRow();
        candidate(ctx, i, v, row);
        expect(writes.sort((a, b) => a - b)).toEqual(range(0, CANDIDATE_FEATURES.length));
        checked++;
      }
    });
    expect(checked).toBeGreaterThan(sentences.length);
  });

  it('ships the column names with the weights, one weight per named column', () => {
    const model = modelJson as ModelData;
    expect(model.tokenFeatures).toEqual([...TOKEN_FEATURES]);
    expect(model.candidateFeatures).toEqual([...CANDIDATE_FEATURES]);
    for (const weights of [model.withTitle, model.noTitle]) {
      expect(weights.token).toHaveLength(TOKEN_FEATURES.length);
      expect(weights.candidate).toHaveLength(CANDIDATE_FEATURES.length);
    }
  });

  it('refuses a model whose columns are in another order, saying to retrain it', () => {
    const model = modelJson as ModelData;
    const swapped = [...model.candidateFeatures];
    [swapped[0], swapped[1]] = [swapped[1] as string, swapped[0] as string];
    expect(() => createEngine({ ...model, candidateFeatures: swapped })).toThrow(/retrain/);
  });
});
