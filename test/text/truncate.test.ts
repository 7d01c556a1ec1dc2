import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type TextUnit, type TruncateOptions, textLength, truncate } from '../../src/text/truncate.js';

/** Text mixing ASCII words, punctuation, accents, CJK and emoji (surrogate pairs). */
const someText = fc
  .array(fc.constantFrom('a', 'word', ' ', '  ', ',', '.', '—', '-', 'é', '漢字', '🚀', '👩‍🔬', '\\', '\n'), {
    maxLength: 60,
  })
  .map((parts) => parts.join(''));

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

interface Call {
  text: string;
  max: number;
  unit: TextUnit;
  options: TruncateOptions;
}

const calls: fc.Arbitrary<Call> = fc.record({
  text: someText,
  max: fc.integer({ min: 0, max: 70 }),
  unit: fc.constantFrom<TextUnit>('utf16', 'code-point'),
  options: fc.record({ atWord: fc.boolean() }),
});

function forEveryCall(check: (call: Call) => void): void {
  fc.assert(fc.property(calls, check));
}

describe('truncate', () => {
  it('counts an emoji as two UTF-16 units or one code point', () => {
    expect(textLength('a🚀', 'utf16')).toBe(3);
    expect(textLength('a🚀', 'code-point')).toBe(2);
    expect(truncate('🚀🚀🚀', 3, 'code-point')).toBe('🚀🚀🚀');
    expect(truncate('🚀🚀🚀', 4, 'utf16')).toBe('🚀…');
    expect(truncate('🚀🚀🚀', 5, 'utf16')).toBe('🚀🚀…');
  });

  it('cuts back to a word and drops the punctuation left at the cut', () => {
    expect(truncate('Attention is all you need, really', 27, 'utf16', { atWord: true })).toBe(
      'Attention is all you…',
    );
    expect(truncate('Attention is all you need, really', 27, 'utf16')).toBe('Attention is all you need,…');
    // The last space is too early (under 60% of the kept text): cut mid-word rather than lose most of it.
    expect(truncate('Big transformers', 12, 'utf16', { atWord: true })).toBe('Big transfo…');
  });

  it('lets a caller tidy the kept text before the ellipsis', () => {
    expect(truncate('abc\\def', 5, 'utf16', { tidy: (kept) => kept.replace(/\\$/, '') })).toBe('abc…');
  });

  it('gives nothing for no room, and only the ellipsis for one unit', () => {
    expect(truncate('paper', 0, 'utf16')).toBe('');
    expect(truncate('paper', -3, 'code-point')).toBe('');
    expect(truncate('paper', 1, 'code-point', { atWord: true })).toBe('…');
  });

  it('never exceeds the limit in its unit', () => {
    forEveryCall(({ text, max, unit, options }) => {
      expect(textLength(truncate(text, max, unit, options), unit)).toBeLessThanOrEqual(max);
    });
  });

  it('never splits a surrogate pair', () => {
    forEveryCall(({ text, max, unit, options }) => {
      expect(truncate(text, max, unit, options)).not.toMatch(LONE_SURROGATE);
    });
  });

  it('keeps text that fits, and otherwise a start of it and an ellipsis', () => {
    forEveryCall(({ text, max, unit, options }) => {
      const out = truncate(text, max, unit, options);
      if (textLength(text, unit) <= max) expect(out).toBe(text);
      else if (max <= 0) expect(out).toBe('');
      else {
        expect(out.endsWith('…')).toBe(true);
        expect(text.startsWith(out.slice(0, -1))).toBe(true);
      }
    });
  });

  it('changes nothing when applied twice', () => {
    forEveryCall(({ text, max, unit, options }) => {
      const once = truncate(text, max, unit, options);
      expect(truncate(once, max, unit, options)).toBe(once);
    });
  });
});
