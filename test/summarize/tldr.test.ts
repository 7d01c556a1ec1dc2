import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtinSummary } from '../../src/summarize/builtin.js';
import { cleanText, wordCount, words } from '../../src/summarize/text.js';
import { defaultEngine, tldr } from '../../src/summarize/tldr.js';

const ABSTRACT = [
  'Mixed precision training is widely used to speed up deep neural networks on modern accelerators.',
  'However, it relies on a loss scale hyperparameter that must be tuned for every model, and a single scale cannot adapt to different layers.',
  'In this paper, we propose adaptive loss scaling, a method that computes layer-wise loss scales automatically during training.',
  'Experiments on ImageNet and COCO show that adaptive loss scaling shortens the time to convergence and improves accuracy by 1.2 points.',
].join(' ');

/** Every word of a TL;DR must come from the abstract or title: the summary is extractive and invents nothing. */
function isFaithful(summary: string, abstract: string, title = ''): boolean {
  const source = new Set([...words(cleanText(abstract)), ...words(cleanText(title))]);
  return words(summary).every((w) => source.has(w));
}

describe('tldr', () => {
  it('picks the sentence that says what the paper does, without "In this paper, we"', () => {
    const out = tldr(ABSTRACT, 'Adaptive Loss Scaling for Mixed Precision Training');
    // The title leads it: "mixed precision" is likely in a reference TL;DR and the sentence does not say it.
    expect(out).toMatch(
      /^Adaptive Loss Scaling for Mixed Precision Training: We propose adaptive loss scaling/,
    );
    expect(out).not.toMatch(/In this paper/);
    expect(out).toMatch(/\.$/);
    expect(wordCount(out)).toBeGreaterThanOrEqual(8);
    expect(wordCount(out)).toBeLessThanOrEqual(40);
  });

  it('works without a title too', () => {
    expect(tldr(ABSTRACT)).toMatch(/adaptive loss scaling/i);
  });

  it('gives the same answer for the abstract as text or as SciTLDR sentences', () => {
    const sentences = ABSTRACT.split(/(?<=\.) /);
    expect(defaultEngine().fromSentences(sentences, 'Adaptive Loss Scaling')).toBe(
      tldr(ABSTRACT, 'Adaptive Loss Scaling'),
    );
  });

  it("leads with the title when the sentence leaves the paper's topic unnamed", () => {
    const abstract =
      'Training large models is expensive. We introduce a simple schedule that halves the cost without hurting accuracy.';
    const out = tldr(abstract, 'Cosine Warmup Restarts for Transformer Pretraining');
    expect(out).toMatch(
      /^Cosine Warmup Restarts for Transformer Pretraining: We introduce a simple schedule/,
    );
    expect(isFaithful(out, abstract, 'Cosine Warmup Restarts for Transformer Pretraining')).toBe(true);
  });

  it("keeps the title out of a paper's summary, which is shown under its title", () => {
    const paper = {
      title: 'Cosine Warmup Restarts for Transformer Pretraining',
      abstract: 'Training large models is expensive. We introduce a simple schedule that halves the cost.',
    };
    expect(tldr(paper.abstract, paper.title)).toMatch(/^Cosine Warmup Restarts/);
    expect(builtinSummary(paper).tldr).toBe('We introduce a simple schedule that halves the cost.');
  });

  it('does not repeat a title the sentence already names', () => {
    const out = tldr(ABSTRACT, 'Adaptive Loss Scaling');
    expect(out).toMatch(/^We propose adaptive loss scaling/);
  });

  it('joins a title with its own colon by a dash, and leaves a very long title out', () => {
    const abstract =
      'Training large models is expensive. We introduce a simple schedule that halves the cost without hurting accuracy.';
    expect(tldr(abstract, 'CoWR: Cosine Warmup Restarts')).toMatch(
      /^CoWR: Cosine Warmup Restarts — We introduce/,
    );
    expect(tldr(abstract, 'Sparse $\\ell_1$ Warmup')).toMatch(/^Sparse ℓ₁ Warmup: We introduce/);
    const long = `${'Very '.repeat(25)}Long Title`;
    expect(tldr(abstract, long)).toBe(
      'We introduce a simple schedule that halves the cost without hurting accuracy.',
    );
  });

  it('returns "" when there is no abstract to summarise', () => {
    expect(tldr('')).toBe('');
    expect(tldr('   \n\t ')).toBe('');
    expect(tldr('$$ {} \\\\ ... ---')).toBe('');
  });

  it('summarises a one-sentence abstract with that sentence', () => {
    expect(tldr('We release a benchmark of 10,000 annotated protein structures')).toBe(
      'We release a benchmark of 10,000 annotated protein structures.',
    );
  });

  it('handles a 50 kB abstract quickly and returns a bounded sentence', () => {
    const long = Array.from(
      { length: 400 },
      (_, i) => `Sentence ${i} describes yet another experiment on graphs.`,
    )
      .join(' ')
      .padEnd(50_000, ' filler');
    const started = performance.now();
    const out = tldr(`We propose a graph method. ${long}`);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(out.length).toBeGreaterThan(0);
    expect(wordCount(out)).toBeLessThanOrEqual(50);
  });

  it('bounds a 50 kB abstract without any full stop, marking the cut', () => {
    const out = tldr(Array.from({ length: 8000 }, (_, i) => `word${i % 50}`).join(' '));
    expect(wordCount(out)).toBeLessThanOrEqual(50);
    expect(out.endsWith('…')).toBe(true);
  });

  it('reads LaTeX-heavy abstracts as text', () => {
    const out = tldr(
      'Let $\\mathcal{X}\\subseteq\\mathbb{R}^d$ be compact. We prove that \\emph{gradient descent} on $f(x)=\\|Ax-b\\|_2^2$ converges at rate $O(1/T)$~\\cite{nesterov}. Experiments confirm the rate.',
      'Convergence of gradient descent',
    );
    expect(out).toContain('We prove that gradient descent');
    expect(out).not.toMatch(/\\|\$|\{|\}|cite/);
  });

  it('summarises non-English abstracts with one of their sentences', () => {
    const german =
      'Große Sprachmodelle sind teuer. Wir schlagen eine neue Methode zur Kompression vor, die den Speicherbedarf halbiert. Experimente zeigen kaum Genauigkeitsverlust.';
    const out = tldr(german);
    expect(german).toContain(out.replace(/\.$/, ''));
    const chinese = '大型语言模型的推理成本很高。我们提出了一种新的压缩方法。实验表明精度几乎没有下降。';
    expect(chinese).toContain(tldr(chinese));
  });

  it('never throws, stays short and invents no word, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), fc.option(fc.string({ maxLength: 200 })), (text, title) => {
        const out = tldr(text, title ?? undefined);
        expect(typeof out).toBe('string');
        expect(wordCount(out)).toBeLessThanOrEqual(50);
        expect(isFaithful(out, text, title ?? '')).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('leads with a title holding a TeX superscript as cleaned text, inventing no word ("~^1" found by fast-check)', () => {
    const out = tldr('0', '~^1');
    expect(out).toBe('~¹: 0.');
    expect(isFaithful(out, '0', '~^1')).toBe(true);
  });

  it('invents no word on sentence-like input either', () => {
    const word = fc.constantFrom(
      'we',
      'propose',
      'a',
      'model',
      'in',
      'this',
      'paper',
      'which',
      'results',
      '(x)',
      'on',
      'graphs',
      'However,',
      'show',
      '3.5%',
      'et',
      'al.',
      'the',
      'by',
      'using',
    );
    const sentence = fc.array(word, { minLength: 1, maxLength: 30 }).map((ws) => `${ws.join(' ')}.`);
    fc.assert(
      fc.property(fc.array(sentence, { maxLength: 12 }), (sentences) => {
        const text = sentences.join(' ');
        const out = tldr(text, 'A model for graphs');
        expect(isFaithful(out, text, 'A model for graphs')).toBe(true);
        if (words(text).length > 0) expect(out.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
