// The summariser's fast paths (char-table tokeniser, carried word lists, cue regexes gated by their words) give
// exactly what the plain definitions give, on hostile text as well as on abstracts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CLAIM_SUBJECT,
  CLAUSE_MARK,
  CUT_AFTER_COMMA,
  CUT_BARE,
  cutPointsOf,
  dropParentheticals,
  FINITE,
  MID_DOCUMENT,
  MID_DOCUMENT_HINT,
  MIN_CUT_WORDS,
  MIN_WORDS,
  mayOpen,
  mayPointBack,
  NEEDS_PREPOSITION,
  OPENER,
  POINTING_BACK,
  PREPOSITION,
  stripLeadIn,
  variants,
  wholeSentence,
} from '../../src/summarize/compress.js';
import {
  INTRODUCED,
  INTRODUCED_HINT,
  OWN_INSIDE,
  OWN_INSIDE_HINT,
} from '../../src/summarize/contribution.js';
import { ANAPHORA, BACKGROUND, CLAIM, FINDING, NOVEL, RESULT, wordFlags } from '../../src/summarize/cues.js';
import {
  analyze,
  CANDIDATE_FEATURES,
  candidate,
  candidateContext,
  INLINE_LOGIT,
  type ModelData,
  statsOf,
  tokenProbabilities,
} from '../../src/summarize/features.js';
import {
  KEY_IDEA,
  KEY_IDEA_HINT,
  OWN_RESULT,
  OWN_TESTED,
  ownFinding,
  PROBLEM,
  PROBLEM_OR_CONTRAST,
} from '../../src/summarize/key-points.js';
import modelJson from '../../src/summarize/model.json' with { type: 'json' };
import {
  ABBREVIATIONS,
  CITATION,
  CITATION_START,
  casedWords,
  MAX_SENTENCES,
  splitSentences,
  TEXISH,
  texish,
  wordCount,
  wordHash,
  words,
} from '../../src/summarize/text.js';
import { LOSS_SCALING } from './papers.js';
import { NO_WEIGHTS, TINY_STATS } from './tiny-stats.js';

const WORD = /[\p{L}\p{N}]+/gu;
const stats = TINY_STATS;

/** Pieces abstracts are made of. */
const ASCII_PIECES = [
  'We propose',
  'we show that',
  'We also find',
  'Results demonstrate',
  'We',
  'we',
  'WE',
  'propose',
  'show that',
  'This paper',
  'this work',
  'the authors',
  'our',
  'Our',
  'novel',
  'method',
  'outperforms',
  'achieved',
  'improving',
  'state-of-the-art',
  'results show',
  'experiments on',
  'empirically',
  'speed-up',
  'speedup',
  'however',
  'has been',
  'is a',
  'are an',
  'suffering',
  'recently',
  'these challenges',
  'the above problems',
  'both issues',
  'such settings',
  'In this paper,',
  'by using',
  'which is',
  'in order to',
  'on ImageNet',
  '(see Sec. 3)',
  '[12]',
  '(Smith et al., 2020)',
  '_we',
  'we_',
  'x_t',
  '2we',
  ',',
  ';',
  ':',
  '.',
  '  ',
  '\t',
  '12%',
  'and',
  'the',
  'graphs',
  'attention',
  ', which',
  'while also',
  'thereby',
  'is',
  'are',
  'based on',
  'taking into',
  'grounded in',
  'with',
  'for',
  '–',
  'in',
  'on',
  '(',
  ')',
  '[',
  ']',
];
/** Characters that trip word boundaries up: non-ASCII letters next to cue words, ligatures, astral letters. */
const HOSTILE_PIECES = [
  'É',
  'éwe',
  'weé',
  'İstanbul',
  'Straße',
  'αβ',
  '𝑥',
  '\ud800',
  'ﬁne',
  '—',
  '’',
  '3.5×',
];
/** Where clauses may be cut, as first written: a word count and parenthesis depth per character, then each regex. */
function plainCutPoints(sentence: string): number[] {
  const before = (i: number) => (sentence.slice(0, i).match(/[A-Za-z0-9\u0080-\uffff]+/g) ?? []).length;
  const inParens = (i: number) => {
    let depth = 0;
    for (const c of sentence.slice(0, i + 1)) {
      if (c === '(' || c === '[') depth++;
      else if ((c === ')' || c === ']') && depth > 0) depth--;
    }
    return depth > 0;
  };
  const starts = (regex: RegExp) => [...sentence.matchAll(regex)].map((m) => m.index);
  const points = new Set<number>();
  for (const at of [...starts(CUT_AFTER_COMMA), ...starts(CUT_BARE), ...starts(CLAUSE_MARK)]) {
    if (!inParens(at) && before(at) >= MIN_WORDS) points.add(at);
  }
  for (const at of starts(PREPOSITION)) {
    const word = (sentence.slice(0, at).match(/\S*$/)?.[0] ?? '').toLowerCase();
    if (inParens(at) || before(at) < MIN_CUT_WORDS) continue;
    if (/(?:ing|ed|en|wn)$/.test(word) || NEEDS_PREPOSITION.has(word)) continue;
    if (new RegExp(FINITE.source, 'i').test(sentence.slice(at - 1).replace(/^\w/, ' '))) continue;
    points.add(at);
  }
  return [...points].sort((a, b) => a - b);
}

/** Sentences as first split: every character looked at in turn. */
function plainSplit(text: string): string[] {
  const out: string[] = [];
  const push = (s: string) => {
    const t = s.trim();
    if (t.length > 0) out.push(t);
  };
  const abbreviation = (start: number, i: number) => {
    const before = /([\p{L}.]+)$/u.exec(text.slice(Math.max(start, i - 12), i))?.[1];
    return before !== undefined && (ABBREVIATIONS.has(before.toLowerCase()) || /^\p{Lu}$/u.test(before));
  };
  let start = 0;
  const n = text.length;
  for (let i = 0; i < n && out.length < MAX_SENTENCES; i++) {
    const c = text[i] as string;
    if (c === '。' || c === '！' || c === '？') {
      push(text.slice(start, i + 1));
      start = i + 1;
      continue;
    }
    if (c !== '.' && c !== '!' && c !== '?') continue;
    let j = i + 1;
    while (j < n && /["')\]”’]/.test(text[j] as string)) j++;
    if (j < n && text[j] !== ' ') {
      const lostSpace =
        j === i + 1 &&
        c === '.' &&
        /^[A-Z][a-z]/.test(text.slice(i + 1, i + 3)) &&
        i >= 3 &&
        /^[a-z]{3}$/.test(text.slice(i - 3, i)) &&
        !abbreviation(start, i);
      if (lostSpace) {
        push(text.slice(start, j));
        start = j;
      }
      continue;
    }
    let k = j;
    while (k < n && text[k] === ' ') k++;
    if (k >= n) break;
    if (!/[\p{Lu}\p{Lo}\d"“'([]/u.test(text[k] as string)) continue;
    if (c === '.' && abbreviation(start, i)) continue;
    push(text.slice(start, j));
    start = k;
    i = k - 1;
  }
  if (start < n && out.length < MAX_SENTENCES) push(text.slice(start));
  return out;
}

const joined = (pieces: readonly string[]) =>
  fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 16 }).chain((parts) =>
    fc
      .array(fc.constantFrom(' ', ' ', ' ', ', ', '-', ''), {
        minLength: parts.length,
        maxLength: parts.length,
      })
      .map((seps) => parts.map((p, i) => p + (seps[i] ?? ' ')).join('')),
  );
/** Mostly plain ASCII sentences (where the cue gates do their work), some with hostile characters. */
const sentence = fc.oneof(
  { weight: 3, arbitrary: joined(ASCII_PIECES) },
  { weight: 1, arbitrary: joined([...ASCII_PIECES, ...HOSTILE_PIECES]) },
);
const anyText = fc.oneof(
  sentence,
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

describe('summariser fast paths', () => {
  it('tokenises and counts words exactly as the Unicode regex does', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(words(text)).toEqual(text.toLowerCase().match(WORD) ?? []);
        expect(wordCount(text)).toBe((text.match(WORD) ?? []).length);
      }),
      { numRuns: 400 },
    );
  });

  it('lower-cases each word on its own and counts its capitals (-1 when it has non-ASCII letters)', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const original = text.match(WORD) ?? [];
        const capitals: number[] = [];
        expect(casedWords(text, capitals)).toEqual(original.map((w) => w.toLowerCase()));
        expect(capitals).toEqual(
          original.map((w) => (/[^\x00-\x7f]/.test(w) ? -1 : (w.match(/[A-Z]/g) ?? []).length)),
        );
      }),
      { numRuns: 400 },
    );
    expect(casedWords('We use GPT-4 and İstanbul', [])).toEqual(['we', 'use', 'gpt', '4', 'and', 'i̇stanbul']);
  });

  it('hashes each word as wordHash hashes it, capitals and non-ASCII letters included', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const hashes: number[] = [];
        const ws = casedWords(text, [], hashes);
        expect(hashes).toEqual(ws.map(wordHash));
      }),
      { numRuns: 400 },
    );
    const hashes: number[] = [];
    casedWords('GPT gpt İstanbul', [], hashes);
    expect(hashes[0]).toBe(hashes[1]);
    expect(hashes[0]).not.toBe(hashes[2]);
  });

  it('gives every compression the words and word count its text has', () => {
    fc.assert(
      fc.property(sentence, (s) => {
        for (const v of variants(s)) {
          if (v.tokens) expect(v.tokens).toEqual(words(v.text));
          expect(v.words).toBe(wordCount(v.text));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('marks as tidiest the sentence without its lead-in and parentheticals, as key points tidy it', () => {
    const check = (s: string) => {
      const lead = stripLeadIn(s) ?? s;
      const tidy = variants(s).filter((v) => v.tidiest);
      expect(tidy.map((v) => v.text)).toEqual([wholeSentence(dropParentheticals(lead) ?? lead).text]);
    };
    fc.assert(fc.property(sentence, check), { numRuns: 300 });
    for (const s of LOSS_SCALING.abstract.split(/(?<=\.) /)) check(s);
  });

  it('finds the sentence cues the regexes find, although it runs them only on sentences with their words', () => {
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 4 }), (sentences) => {
        const given = sentences.filter((s) => /[\p{L}\p{N}]/u.test(s));
        fc.pre(given.length > 0);
        const doc = analyze(given, undefined, stats);
        given.forEach((s, i) => {
          const cues = [...(doc.cues[i] as Uint8Array)].slice(0, 4);
          expect(cues).toEqual([CLAIM, FINDING, RESULT, BACKGROUND].map((r) => (r.test(s) ? 1 : 0)));
        });
      }),
      { numRuns: 300 },
    );
  });

  it('finds the claim and finding cues for every verb of their regexes', () => {
    const verbs = (regex: RegExp, first: string) =>
      (new RegExp(`\\(\\?:(${first}[^)]*)\\)`).exec(regex.source)?.[1] ?? '').split('|');
    const claims = verbs(CLAIM, 'propose');
    const findings = verbs(FINDING, 'show');
    expect(claims).toContain('learn');
    expect(findings).toContain('obtain');
    const given = [...claims, ...findings].flatMap((v) => [
      `We ${v} graphs.`,
      `This paper ${v.toUpperCase()} it.`,
    ]);
    const doc = analyze(given, undefined, stats);
    given.forEach((s, i) => {
      expect([...(doc.cues[i] as Uint8Array)].slice(0, 2)).toEqual([
        CLAIM.test(s) ? 1 : 0,
        FINDING.test(s) ? 1 : 0,
      ]);
    });
  });

  it('scores the "novel", "our" and anaphora cues of every candidate as the regexes do', () => {
    const at = (name: (typeof CANDIDATE_FEATURES)[number]) => CANDIDATE_FEATURES.indexOf(name);
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 3 }), (sentences) => {
        const given = sentences.filter((s) => /[\p{L}\p{N}]/u.test(s));
        fc.pre(given.length > 0);
        const doc = analyze(given, undefined, stats);
        const ctx = candidateContext(doc, tokenProbabilities(doc, NO_WEIGHTS));
        given.forEach((s, i) => {
          for (const v of [wholeSentence(s, doc.sentenceWords[i]?.length), ...variants(s).slice(1)]) {
            const f = candidate(ctx, i, v).features;
            expect(f[at('novel')]).toBe(NOVEL.test(v.text) ? 1 : 0);
            expect(f[at('our')]).toBe(/\bour\b/i.test(v.text) ? 1 : 0);
            expect(f[at('anaphora')]).toBe(ANAPHORA.test(v.text) ? 1 : 0);
          }
        });
      }),
      { numRuns: 200 },
    );
  });

  it('takes the token logit without writing rows for the shipped token columns (else update tokenLogit)', () => {
    expect(INLINE_LOGIT).toBe(true);
  });

  it('gives each word the probability the token model gives its feature row, without keeping the rows', () => {
    const model = modelJson as ModelData;
    const shipped = statsOf(model);
    fc.assert(
      fc.property(fc.array(sentence, { minLength: 1, maxLength: 4 }), fc.boolean(), (sentences, titled) => {
        const given = sentences.filter((s) => /[\p{L}\p{N}]/u.test(s));
        fc.pre(given.length > 0);
        const title = titled ? given[0] : undefined;
        const weights = titled ? model.withTitle : model.noTitle;
        const fused = analyze(given, title, shipped, weights);
        expect(fused.features).toEqual([]);
        expect(fused.probs).toEqual(tokenProbabilities(analyze(given, title, shipped), weights));
      }),
      { numRuns: 200 },
    );
  });

  it('gives each word the cue flags wordFlags gives it, model words read from the word table', () => {
    const model = modelJson as ModelData;
    const shipped = statsOf(model);
    // Every model word (flag words and their prefixes among them), some capitalised, and words outside the model.
    const vocab = [
      ...model.vocab,
      ...model.sentenceWords,
      'outperformed',
      'Suffering',
      'zzqx',
      'Über',
      'WE',
      'Our',
    ];
    for (let at = 0; at < vocab.length; at += 40) {
      const text = vocab.slice(at, at + 40).join(' ');
      const capitals: number[] = [];
      const ws = casedWords(text, capitals);
      const doc = analyze([text], undefined, shipped, model.noTitle);
      doc.types.forEach((w, k) => {
        expect(doc.typeFlags[k]).toBe(wordFlags(w, capitals[ws.indexOf(w)] as number));
      });
    }
  });

  it('finds the clause cuts the regexes find, counting words and parentheses only up to the last one', () => {
    fc.assert(
      fc.property(anyText, (s) => {
        expect(cutPointsOf(s)).toEqual(plainCutPoints(s));
      }),
      { numRuns: 500 },
    );
    // A verb after the first phrase and another after the second: each phrase is judged by the verbs after it.
    const s =
      'We train one large model for many tasks on graphs that is fast in practice when it was hard before.';
    expect(cutPointsOf(s)).toEqual(plainCutPoints(s));
  });

  it('splits sentences as a scan of every character does, jumping from stop to stop', () => {
    const pieces = [
      ...ASCII_PIECES,
      ...HOSTILE_PIECES,
      'e.g.',
      'i.e. the',
      'et al. (2020)',
      'J. Smith',
      'Fig. 2',
      '3.5',
      'models.We',
      'arXiv.Org',
      'Node.JS',
      '?',
      '!',
      '."',
      '.)',
      '。',
      '！',
      '？',
      '. 2',
      '. (',
      '.  A',
      'end.',
    ];
    fc.assert(
      fc.property(fc.oneof(joined(pieces), anyText), (s) => {
        expect(splitSentences(s)).toEqual(plainSplit(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('runs the pointing-back regex only on sentences opening with "we " or holding "form of"', () => {
    const pieces = [
      ...ASCII_PIECES,
      'We address these issues by proposing',
      'we tackle this problem, by introducing',
      'We go beyond these limitations and propose',
      'WE fill this gap and',
      'a solution to this problem, in the form of a',
      'one simple answer to these questions in the form of the',
      'In The Form Of an',
      'form',
      'of',
    ];
    fc.assert(
      fc.property(fc.oneof(joined(pieces), anyText), (s) => {
        if (POINTING_BACK.test(s)) expect(mayPointBack(s)).toBe(true);
      }),
      { numRuns: 2000 },
    );
    expect(stripLeadIn('We address these issues by proposing a sparse router for experts.')).toBe(
      'We propose a sparse router for experts.',
    );
  });

  it('runs the own-method, key-idea, name and TeX regexes only past hints that every match holds', () => {
    const pieces = [
      ...ASCII_PIECES,
      'show that our method',
      'Our deep model outperforms',
      'This approach is validated',
      'In practice, the proposed pipeline was evaluated',
      'first, ',
      ', ',
      'the resulting network achieves',
      'and the proposed model',
      'Of The Resulting deep-net framework',
      'applying our',
      'our',
      'the proposed',
      'The key idea',
      'main Idea',
      'KEY INSIGHT',
      'key component',
      'at its core',
      'At The Core',
      'the core of',
      'keys',
      'score',
      'called',
      'a method dubbed',
      'which we call',
      'we call it',
      'referred to as',
      'coined as',
      'named',
      'termed X',
      'SVDD',
      '"Deep SAD"',
      'Named',
      '$x$',
      '\\alpha',
      '{',
      '~',
      '`',
      "'",
      "''",
    ];
    fc.assert(
      fc.property(fc.oneof(joined(pieces), anyText), (s) => {
        if (OWN_INSIDE.test(s)) expect(OWN_INSIDE_HINT.test(s)).toBe(true);
        expect(ownFinding(s, OWN_RESULT)).toBe(OWN_RESULT.test(s));
        expect(ownFinding(s, OWN_TESTED)).toBe(OWN_TESTED.test(s));
        if (KEY_IDEA.test(s)) expect(KEY_IDEA_HINT.test(s)).toBe(true);
        if (INTRODUCED.test(s)) expect(INTRODUCED_HINT.test(s)).toBe(true);
        expect(texish(s)).toBe(TEXISH.test(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds problem words and contrasts in one scan as the two alternatives written apart do', () => {
    const apart = new RegExp(
      String.raw`\b(but|yet|despite|although|though|whereas|nevertheless|nonetheless|however)\b|${PROBLEM.source}`,
      'gi',
    );
    const all = (regex: RegExp, s: string) => [...s.matchAll(regex)].map((m) => [m.index, m[0], m[1]]);
    const pieces = [
      ...ASCII_PIECES,
      ...HOSTILE_PIECES,
      'but',
      'However,',
      'yet',
      'butter',
      'problems',
      'challenging',
      'fall short',
      'raises two questions',
      'relies heavily on',
      'rely on',
      'hard',
      'hardware',
    ];
    fc.assert(
      fc.property(fc.oneof(joined(pieces), anyText), (s) => {
        expect(all(PROBLEM_OR_CONTRAST, s)).toEqual(all(apart, s));
      }),
      { numRuns: 1000 },
    );
  });

  it('runs the document-reference and citation regexes only past hints that every match holds', () => {
    const pieces = [
      ...ASCII_PIECES,
      'in this paper',
      'within our work',
      'Throughout The Present study',
      'in this',
      'IN OUR',
      'paper.',
      '(Smith, 2019)',
      '(Smith and Jones 2020a; Lee et al. 1999)',
      '(GAN)',
      '(A',
      '[3, 4]',
      '[1-2]',
      '2021',
      'Lee',
    ];
    fc.assert(
      fc.property(fc.oneof(joined(pieces), anyText), (s) => {
        MID_DOCUMENT.lastIndex = 0;
        if (MID_DOCUMENT.test(s)) expect(MID_DOCUMENT_HINT.test(s)).toBe(true);
        CITATION.lastIndex = 0;
        if (CITATION.test(s)) expect(CITATION_START.test(s)).toBe(true);
      }),
      { numRuns: 2000 },
    );
    expect(stripLeadIn('Thus we study random graphs in this paper.')).toBe('We study random graphs.');
  });

  it('drops an opener only past mayOpen, which every opener before a claim passes', () => {
    const openers = [
      'With these observations',
      'In our experiments',
      'Regarding X',
      'For linear models',
      'A',
      '(b)',
    ];
    const subjects = ['we', 'We', 'our method', 'the proposed', 'This paper', 'they', 'it', '12', '—', ''];
    const opened = fc
      .tuple(
        fc.constantFrom(...openers),
        fc.constantFrom(',', ', ', ',  ', ',\t', ' ,'),
        fc.constantFrom(...subjects),
      )
      .map(([o, c, w]) => `${o}${c}${w} propose X.`);
    fc.assert(
      fc.property(fc.oneof(opened, sentence, anyText), (s) => {
        const m = OPENER.exec(s);
        if (m && CLAIM_SUBJECT.test(s.slice(m[0].length))) expect(mayOpen(s)).toBe(true);
      }),
      { numRuns: 3000 },
    );
    expect(mayOpen('With these observations, we propose X.')).toBe(true);
    expect(mayOpen('With these observations, it proposes X.')).toBe(false);
    expect(stripLeadIn('With these observations, we propose a sparse router.')).toBe(
      'We propose a sparse router.',
    );
  });
});
