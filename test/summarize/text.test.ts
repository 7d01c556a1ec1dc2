import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/catalog/normalize.js';
import { cleanText, splitSentences, words } from '../../src/summarize/text.js';

describe('cleanText', () => {
  it('joins arXiv hard wraps and keeps paragraph breaks as sentence ends', () => {
    expect(cleanText('We propose a\nnew method\n\nIt works')).toBe('We propose a new method. It works');
  });

  it('unwraps LaTeX commands and math, keeping the words a reader should see', () => {
    const text = cleanText(
      'We train a \\textbf{fast} model with $\\alpha = 0.5$ and 95\\% accuracy~\\cite{smith2020} on \\emph{ImageNet}.',
    );
    expect(text).toBe('We train a fast model with α = 0.5 and 95% accuracy on ImageNet.');
  });

  it('reads a command followed by a subscript, and spaces an operator name from the word before', () => {
    // The catalog's normaliser, shared: digit subscripts become Unicode subscripts, as on the cards.
    expect(cleanText('We minimise the $\\ell_1$ norm with $\\alpha_t$ steps in $O(n\\log n)$ time.')).toBe(
      'We minimise the ℓ₁ norm with α_t steps in O(n log n) time.',
    );
  });

  it('puts back the space a comma between two words lacks, and leaves numbers and symbols alone (SciTLDR rJl_7mtULB)', () => {
    expect(cleanText('In this work,we propose two variations of the lifetime,We introduce.')).toBe(
      'In this work, we propose two variations of the lifetime, We introduce.',
    );
    expect(cleanText('Over 1,000 pairs of f(x,y) and 2,6-dimethyl groups (Code,build,Test).')).toBe(
      'Over 1,000 pairs of f(x,y) and 2,6-dimethyl groups (Code, build, Test).',
    );
  });

  it('closes a remark a brace was typed for and writes a bare superscript as one (arXiv 2508.04632, 2508.12880)', () => {
    expect(cleanText('We introduce Instruction Following Decorator (IFDecorator}, a framework.')).toBe(
      'We introduce Instruction Following Decorator (IFDecorator), a framework.',
    );
    // arXiv 2605.07385: a stray brace before the bracket's own close goes, and the bracket is not doubled.
    expect(
      cleanText('We propose VS3D (Velocity-Space 3D Asset editing}), an inversion-free framework.'),
    ).toBe('We propose VS3D (Velocity-Space 3D Asset editing), an inversion-free framework.');
    expect(cleanText('We propose S^2-Guidance, a novel method.')).toBe(
      'We propose S²-Guidance, a novel method.',
    );
  });

  it('drops numeric and author-year citations', () => {
    expect(cleanText('Transformers [12, 14] dominate (Vaswani et al., 2017).')).toBe(
      'Transformers dominate.',
    );
  });

  it('removes zero-width and direction marks', () => {
    expect(cleanText('Zero\u200bwidth \u202eand\u202c marks')).toBe('Zerowidth and marks');
  });
});

describe('cleanText, shared with the catalog', () => {
  it('cleans undefined macros and ties like the catalog does, instead of dropping the words', () => {
    expect(cleanText('We propose \\method, a new model; Table~1 shows \\ours{} wins.')).toBe(
      normalizeText('We propose \\method, a new model; Table~1 shows \\ours{} wins.'),
    );
    expect(cleanText('We propose \\method, a new model; Table~1 shows \\ours{} wins.')).toBe(
      'We propose method, a new model; Table 1 shows ours wins.',
    );
  });
});

describe('cleanText quotes', () => {
  it('turns TeX quotes into quote marks, and a pasted run of them into one', () => {
    expect(cleanText("We study ``robust'' training.")).toBe('We study “robust” training.');
    expect(cleanText('We propose an ``````````"ADaptive Fingerprint" model.')).toBe(
      'We propose an "ADaptive Fingerprint" model.',
    );
    expect(cleanText('Call `torch.compile` once.')).toBe('Call `torch.compile` once.');
  });
});

describe('splitSentences', () => {
  it('splits on sentence ends but not on abbreviations, initials or decimals', () => {
    const s = splitSentences(
      'We use e.g. graphs and cf. Fig. 2 from J. Smith et al. in 2020. Accuracy rises by 3.5 points. Is it robust? Yes!',
    );
    expect(s).toEqual([
      'We use e.g. graphs and cf. Fig. 2 from J. Smith et al. in 2020.',
      'Accuracy rises by 3.5 points.',
      'Is it robust?',
      'Yes!',
    ]);
  });

  it('splits where a lost space joined two sentences, but not inside names or abbreviations', () => {
    expect(
      splitSentences(
        'Hallucinations trigger failures in deployments.Unlike other domains, it lacks a suite.',
      ),
    ).toEqual(['Hallucinations trigger failures in deployments.', 'Unlike other domains, it lacks a suite.']);
    expect(splitSentences('We build on Node.JS and arXiv.Org with tools, e.g.Docker images.')).toHaveLength(
      1,
    );
  });

  it('splits Chinese and Japanese full stops without spaces', () => {
    expect(splitSentences('我们提出了一种新方法。实验表明它更好。')).toEqual([
      '我们提出了一种新方法。',
      '实验表明它更好。',
    ]);
  });

  it('keeps a closing quote or parenthesis with its sentence', () => {
    expect(splitSentences('We call it "fast." Then we test it.')).toEqual([
      'We call it "fast."',
      'Then we test it.',
    ]);
  });

  it('returns nothing for blank text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences('   ')).toEqual([]);
  });
});

describe('words', () => {
  it('lower-cases letter and digit runs in any script', () => {
    expect(words('GPT-4 beats Über-Modelle 模型')).toEqual(['gpt', '4', 'beats', 'über', 'modelle', '模型']);
  });
});
