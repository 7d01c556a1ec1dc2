import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  classifyUrl,
  cleanText,
  cleanTextStable,
  linksFromUrls,
  normalizeText,
  settled,
  truncateAtWord,
} from '../../src/catalog/normalize.js';

const clean = (s: string) => normalizeText(s);

describe('TeX accents and quotes', () => {
  it.each([
    ['na\\"ive', 'naïve'],
    ["caf{\\'e}", 'café'],
    ["L\\'eon B\\'erard", 'Léon Bérard'],
    ['Fran\\c{c}ois', 'François'],
    ['\\v{S}koda', 'Škoda'],
    ["Mart\\'{\\i}n", 'Martín'],
    ['Erd\\H{o}s', 'Erdős'],
    ['Bj{\\o}rn', 'Bjørn'],
    ['Stra\\ss e', 'Straße'],
    ['\\textbf{na\\"{i}ve}', 'naïve'],
  ])('%s → %s', (input, expected) => {
    expect(clean(input)).toBe(expected);
  });

  it("turns ``quotes'' and `single quotes' into typographic ones", () => {
    expect(clean("require ``differentiable'' proxy models")).toBe('require “differentiable” proxy models');
    expect(clean("a `quoted' word")).toBe('a ‘quoted’ word');
  });

  it('composes combining marks (NFC) so é typed two ways compares equal', () => {
    expect(clean('cafe\u0301')).toBe('café');
    expect(clean('cafe\u0301').length).toBe(4);
  });
});

describe('math leftovers', () => {
  it.each([
    ['variance sigma_{1:T}^2 and Sigma_{max}^2', 'variance σ_(1:T)² and Σ_max²'],
    ['a reward model ({varphi}) to train {varphi}.', 'a reward model (φ) to train φ.'],
    ['an O(mathsf{Var^star M Gamma S A K}) bound; Gamma le S', 'an O(Var* M Γ S A K) bound; Γ ≤ S'],
    ['order mathcal O(K^{2/3}) and mathcal O(sqrt K)', 'order O(K^(2/3)) and O(√K)'],
    ['experts k_{ast} is known', 'experts k_* is known'],
    ['approximate Q^* using Q^{pi_{sft}}', 'approximate Q* using Q^(π_sft)'],
    ['above 974\\% improvement', 'above 974% improvement'],
    ['regularizing the chi^2 divergence', 'regularizing the χ² divergence'],
  ])('%s', (input, expected) => {
    expect(clean(input)).toBe(expected);
  });

  it('renders $…$ math and drops the dollars, but leaves prices alone', () => {
    expect(clean('a $\\beta$-weighted loss in $\\mathbb{R}^d$ with $O(\\sqrt{n}\\log n)$ cost')).toBe(
      'a β-weighted loss in ℝ^d with O(√n log n) cost',
    );
    expect(clean('costs $1.61/hour versus $0.16/hour')).toBe('costs $1.61/hour versus $0.16/hour');
    expect(clean('under $100. Results $x_1$')).toBe('under $100. Results x₁');
    expect(clean('up to $63$% faster')).toBe('up to 63% faster');
  });

  it('drops \\mathbf, \\emph, \\textbf and citations but keeps their text', () => {
    expect(clean('a \\mathbf{fast} \\emph{and} \\textbf{simple} method~\\cite{smith2020}.')).toBe(
      'a fast and simple method.',
    );
  });

  it('drops an unbraced \\textbf or \\operatorname and keeps the words it styles', () => {
    // The name alone would read as a word: "We propose textbf MedSAM".
    expect(clean('We propose \\textbf MedSAM, a model.')).toBe('We propose MedSAM, a model.');
    expect(clean('the \\operatorname softmax of \\boldsymbol\\alpha')).toBe('the softmax of α');
  });

  it('keeps sets in braces and drops grouping braces', () => {
    expect(clean('operations {ADD, UPDATE, DELETE, NOOP}')).toBe('operations {ADD, UPDATE, DELETE, NOOP}');
    expect(clean('22{,}879 images')).toBe('22,879 images');
    expect(clean('the {Adaptive Negative Sampling} method')).toBe('the Adaptive Negative Sampling method');
    expect(clean('we propose JanusNet}, a framework')).toBe('we propose JanusNet, a framework');
  });

  it('turns TeX dashes into typographic dashes without touching command-line flags', () => {
    expect(clean('pages 10--20 --- and more -- here; use --help')).toBe(
      'pages 10–20 — and more – here; use --help',
    );
  });
});

describe('links in text', () => {
  it('drops the doubled copy Hugging Face leaves after a link and splits off sentence punctuation', () => {
    const r = cleanText(
      'The code is available at https://github.com/masa-ue/SVDD{https://github.com/masa-ue/SVDD}.',
    );
    expect(r.text).toBe('The code is available at https://github.com/masa-ue/SVDD.');
    expect(r.urls).toEqual(['https://github.com/masa-ue/SVDD']);
  });

  it('handles the u}{u form, \\url{} and \\href{}{}', () => {
    expect(cleanText('at https://github.com/a/b}{https://github.com/a/b.').text).toBe(
      'at https://github.com/a/b.',
    );
    expect(cleanText('see \\url{https://x.example.org/p_q}').urls).toEqual(['https://x.example.org/p_q']);
    expect(cleanText('our \\href{https://example.org/site}{project page}.').text).toBe(
      'our project page (https://example.org/site).',
    );
  });

  it('keeps balanced parentheses in URLs but not a closing one that ends the sentence', () => {
    expect(cleanText('(see https://en.wikipedia.org/wiki/Foo_(bar))').urls).toEqual([
      'https://en.wikipedia.org/wiki/Foo_(bar)',
    ]);
    expect(cleanText('(code: https://github.com/a/b)').urls).toEqual(['https://github.com/a/b']);
  });

  it('finds bare code-host paths and www. links, made absolute', () => {
    expect(cleanText('Code: github.com/org/repo. Demo: www.example.org/demo').urls).toEqual([
      'https://github.com/org/repo',
      'https://www.example.org/demo',
    ]);
  });

  it('leaves URLs untouched by the TeX passes (underscores, tildes)', () => {
    const r = cleanText('at https://github.com/a/my_repo~x and $x_1$');
    expect(r.text).toBe('at https://github.com/a/my_repo~x and x₁');
  });

  it('classifies code repositories, project pages, and links to the paper itself', () => {
    expect(classifyUrl('https://github.com/masa-ue/SVDD')).toBe('code');
    expect(classifyUrl('https://gitlab.com/group/project')).toBe('code');
    expect(classifyUrl('https://huggingface.co/spaces/org/demo')).toBe('code');
    expect(classifyUrl('https://sermanet.github.io/rewards')).toBe('project');
    expect(classifyUrl('https://sites.google.com/view/few-shot-icpl/home')).toBe('project');
    expect(classifyUrl('https://arxiv.org/abs/2505.01234')).toBe('paper');
    expect(
      linksFromUrls(['https://arxiv.org/abs/1', 'https://x.github.io/p', 'https://github.com/a/b.git']),
    ).toEqual({
      code: 'https://github.com/a/b',
      project: 'https://x.github.io/p',
    });
  });
});

describe('whitespace and invisible characters', () => {
  it("joins arXiv's hard line wraps, keeping real hyphens and paragraph breaks", () => {
    expect(cleanText('multiple\nmodalities and state-of-the-\nart models').text).toBe(
      'multiple modalities and state-of-the-art models',
    );
    expect(cleanText('First paragraph.\n\n  Second one.', { paragraphs: true }).text).toBe(
      'First paragraph.\n\nSecond one.',
    );
    expect(cleanText('First paragraph.\n\nSecond one.').text).toBe('First paragraph. Second one.');
  });

  it('removes zero-width and bidi control characters but keeps emoji sequences and Persian ZWNJ', () => {
    expect(clean('zero\u200bwidth\u2060 and \u202eevil\u202c \ufeffBOM')).toBe('zerowidth and evil BOM');
    expect(clean('family 👨\u200d👩\u200d👧')).toBe('family 👨\u200d👩\u200d👧');
    expect(clean('\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645')).toBe(
      '\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645',
    );
  });

  it('turns control characters into spaces and collapses runs of spaces', () => {
    expect(clean('  Control\u0000chars\u0007 and\ttabs  ')).toBe('Control chars and tabs');
  });

  it('never throws and always returns trimmed NFC text without invisible controls', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        const out = cleanText(s, { paragraphs: true }).text;
        expect(out).toBe(out.normalize('NFC'));
        expect(out).toBe(out.trim());
        expect(/[\u0000-\u0008\u200b\u202a-\u202e\u2066-\u2069\ufeff\ue000-\ue00f]/.test(out)).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on TeX-shaped noise', () => {
    const tex = fc.constantFrom(
      '\\',
      '{',
      '}',
      '$',
      '^',
      '_',
      '~',
      '`',
      "'",
      '"',
      'frac',
      'sqrt',
      'alpha',
      ' ',
      'x',
      '1',
      'http://a.b/c',
    );
    fc.assert(
      fc.property(fc.array(tex, { maxLength: 40 }), (parts) => {
        expect(typeof normalizeText(parts.join(''))).toBe('string');
      }),
      { numRuns: 400 },
    );
  });
});

describe('truncateAtWord', () => {
  it('cuts at a word boundary with an ellipsis, within the limit', () => {
    const t = truncateAtWord('word '.repeat(100), 50);
    expect(t.length).toBeLessThanOrEqual(50);
    expect(t.endsWith('word…')).toBe(true);
  });

  it('never splits a surrogate pair', () => {
    const t = truncateAtWord('🚀'.repeat(100), 21);
    expect(t).toBe(`${'🚀'.repeat(10)}…`);
  });
});

describe('titles from the arXiv listing', () => {
  it.each([
    ['Med-R$^3$: Enhancing Reasoning', 'Med-R³: Enhancing Reasoning'],
    ['$\\text{S}^2$Q-VDiT: Quantized Video', 'S²Q-VDiT: Quantized Video'],
    ['H$_{2}$OT: Hourglass Tokenizer', 'H₂OT: Hourglass Tokenizer'],
    ['Memorization $\\neq$ Understanding', 'Memorization ≠ Understanding'],
    ["Don't Pass$\\mathtt{@}k$: A Bayesian Framework", "Don't Pass@k: A Bayesian Framework"],
    ['A\\textsuperscript{2}FM: An Adaptive Agent', 'A²FM: An Adaptive Agent'],
    ['$φ-$DeepONet: A Neural Operator', 'φ-DeepONet: A Neural Operator'],
    ['With \\$100 Budget', 'With $100 Budget'],
    ['UpSafe$^\\circ$C: Upcycling', 'UpSafe°C: Upcycling'],
  ])('%s', (input, expected) => {
    expect(clean(input)).toBe(expected);
  });
});

describe('cleaning to a fixed point', () => {
  it('cleans undefined macros and ~ ties, and what one pass uncovers for the next', () => {
    expect(
      cleanTextStable('We propose \\method, a new model: \\ours{} beats all~\\cite{x} on Table~1.').text,
    ).toBe('We propose method, a new model: ours beats all on Table 1.');
    expect(cleanTextStable(',~{0').text).toBe(', 0');
    for (const s of ['Fig.~{2} and ~{~}x', '$\\alpha$~{\\bf bold}', "``a'' -- {b}"]) {
      const once = cleanTextStable(s).text;
      expect(cleanTextStable(once).text).toBe(once);
    }
  });
});

describe('settled: text another cleaning pass would give back unchanged', () => {
  it('takes "mathematical" for a word, not for a bare TeX font', () => {
    // arXiv 2508.05592 "a novel framework for synthesizing challenging mathematical problems": settled as it is.
    expect(settled('We propose MathSmith for synthesizing challenging mathematical problems.')).toBe(true);
    expect(settled('A mathbb R and x_1')).toBe(false);
  });

  // The pieces of text settled() must judge: ties and hyphens in every context, what it turns away (TeX, spaces
  // tidySpaces removes, URLs, wraps, invisible and decomposed characters) and words bareMath reads.
  const piece = fc.constantFrom(
    '~',
    '-',
    '--',
    '---',
    ' ',
    '  ',
    'a',
    'Z',
    'é',
    'e\u0301',
    '1',
    '.',
    ',',
    '(',
    ')',
    ':',
    '/',
    '\u00A0',
    '\u2009',
    '\n',
    '\t',
    '\u200B',
    '\uE00D',
    '\uE002',
    "'",
    "''",
    '_',
    '^',
    '$',
    '{',
    '}',
    '\\',
    '`',
    'url',
    'mathbf x',
    'textbf x',
    'operatorname x',
    'mathematical ',
    'varphi',
    'sqrt 2',
    'Gamma(',
    'WWW.A.COM',
    'GITHUB.COM/a/b',
    'https://a.io/x--1',
    'www.b.org',
  );

  it('is true only of text that cleanText gives back as it is', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        if (!settled(text)) return;
        expect(cleanText(text).text).toBe(text);
        expect(cleanText(text, { paragraphs: true }).text).toBe(text);
      }),
      { numRuns: 3000 },
    );
  });

  it('holds for the ties and hyphens a first pass commonly leaves', () => {
    for (const text of ['a ~10% gain', 'pre--post training', 'about ~5 ms (e.g. on GPUs)', 'Café ~ 3×']) {
      expect(settled(text)).toBe(true);
      expect(cleanText(text).text).toBe(text);
    }
  });

  it('is false where another pass changes the text', () => {
    for (const text of [
      'Gaia~G',
      '15~30 s',
      'pages 10--20',
      'a -- b',
      'x---y',
      'a  b',
      'x_1',
      '$43',
      'pre--post ( a)',
    ]) {
      expect(settled(text)).toBe(false);
    }
  });

  it('leaves cleanTextStable as it was: the fixed point of cleanText', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const out = cleanTextStable(parts.join('')).text;
        if (settled(out)) expect(cleanText(out).text).toBe(out);
      }),
      { numRuns: 1000 },
    );
  });
});
