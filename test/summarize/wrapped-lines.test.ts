import { describe, expect, it } from 'vitest';
import { joinWrappedLines } from '../../src/summarize/engine.js';
import { cleanText, splitSentences } from '../../src/summarize/text.js';
import { defaultEngine } from '../../src/summarize/tldr.js';
import { STARC, SVDD } from './seed-abstracts.js';

/** Splits sentences at 60-column line ends, as a PDF extraction hands them over (SciTLDR's `source` does this). */
function asPdfLines(sentences: readonly string[]): string[] {
  const lines: string[] = [];
  for (const sentence of sentences) {
    let line = '';
    for (const word of sentence.split(' ')) {
      if (line && line.length + word.length + 1 > 60) {
        lines.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    lines.push(line);
  }
  return lines;
}

describe('sentences split at line ends', () => {
  for (const paper of [SVDD, STARC]) {
    it(`joins them back, so "${paper.title.slice(0, 30)}…" gets the TL;DR of its whole sentences`, () => {
      const sentences = splitSentences(cleanText(paper.abstract));
      const lines = asPdfLines(sentences);
      expect(lines.length).toBeGreaterThan(sentences.length);
      const engine = defaultEngine();
      const whole = engine.analyzeSentences(sentences, paper.title);
      const wrapped = engine.analyzeSentences(lines, paper.title);
      expect(wrapped.sentences).toEqual(whole.sentences);
      expect(wrapped.tldr).toBe(whole.tldr);
      expect(wrapped.tldr).not.toMatch(/\b(?:a|the|that|of)\.$/);
    });
  }

  it('keeps sentences that end with a stop apart, even when the next starts in lower case', () => {
    const given = ['We propose a method.', 'iOS apps benefit from it.', 'Results (see below)', 'are strong.'];
    expect(joinWrappedLines(given)).toEqual([
      'We propose a method.',
      'iOS apps benefit from it.',
      'Results (see below) are strong.',
    ]);
  });
});
