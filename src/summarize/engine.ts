// The TL;DR engine over a given model: clean, split, score every sentence and compression, keep the best.

import { dropInnerClauses, finish, type Variant, variants, wholeSentence } from './compress.js';
import {
  composeClaim,
  fuseName,
  leans,
  methodName,
  ownSubject,
  ownWork,
  resolveSubject,
  secondaryClaim,
  stripSectionLabel,
  topicOnly,
} from './contribution.js';
import {
  analyze,
  CANDIDATE_FEATURES,
  type Candidate,
  candidate,
  candidateContext,
  type ModelData,
  type Stats,
  score,
  statsOf,
  TOKEN_FEATURES,
  type Weights,
} from './features.js';
import { cleanText, MAX_SENTENCES, splitSentences, wordCount } from './text.js';
import { leadWithTerm, leadWithTitle, type WordChance } from './title-lead.js';

/**
 * Only the best-scoring sentences are compressed and scored again: the TL;DR almost always comes from one of
 * them (dev ROUGE-1 moves by 0.06), and it keeps the summariser fast.
 */
const EXPAND = 3;

/**
 * How far below the best candidate's score a contribution statement that stands on its own ("We propose X…") may
 * be and still be taken instead of background or a sentence leaning on one not shown. Tuned on SciTLDR train.
 */
export const CONTRIBUTION_MARGIN = 0.5;
/** The same when the best candidate states no claim at all (background, a setting, a detail). */
export const BACKGROUND_MARGIN = 0.5;
/**
 * "While current literature predominantly favors policy-based algorithms, …" (B-Coder): a sentence that opens by
 * conceding what others do sets the scene; a contribution statement scored within this margin replaces it.
 */
export const CONCESSIVE_MARGIN = 1;
const CONCESSIVE = /^(?:while|although|though|whereas|despite|even though)\b/i;
/**
 * "Moreover, we present a … loss to further boost…" (SciTLDR dev BklhAj09K7) adds to the paper's claim: a
 * contribution statement that adds to none, scored within this margin, is the main one. The same margin as for
 * background; on SciTLDR train (2-fold) 0.25–2 all measure +0.01 to +0.03 ROUGE-1, within noise.
 */
export const SECONDARY_MARGIN = 0.5;
/**
 * How far below a sentence that only names the paper's topic ("We study X.") the claim or finding right after it
 * may be scored and still be taken. The same margin again; on SciTLDR train (2-fold) 0.5 and 1 both measure
 * −0.02 to 0.00 ROUGE-1, within noise.
 */
export const TOPIC_MARGIN = 0.5;

/** Candidates longer than this are only taken when nothing shorter exists. */
const MAX_WORDS = 40;
/** What a TL;DR may never exceed: past it, the text is cut at a clause (marked with …). */
const HARD_MAX_WORDS = 50;

export interface Ranked extends Candidate {
  score: number;
}

export interface Analysis {
  /** The abstract's sentences, cleaned. */
  sentences: string[];
  /** How many words each sentence has. */
  lengths: readonly number[];
  /** Every candidate (each sentence and its compressions), best first. */
  ranked: Ranked[];
  /** The chosen TL;DR, '' when there was nothing to summarise. */
  tldr: string;
  /** The same without the title leading it: for views that show the title above it. */
  untitled: string;
  /** Index in `sentences` of the sentence the TL;DR came from, -1 when none. */
  sentence: number;
  /** The name the abstract gives its method ("SVDD"), when it gives one. */
  name?: string | undefined;
  /** The compressions of sentence i (computed once, shared with key points). */
  variantsOf(i: number): Variant[];
  /** The compressions of sentence i when they were computed already (for the TL;DR). */
  knownVariants(i: number): Variant[] | undefined;
}

export interface TldrEngine {
  /** One sentence from a raw abstract (cleaned and split here); '' when there is nothing to summarise. */
  tldr(abstract: string, title?: string): string;
  /** The same from an abstract already split into sentences (SciTLDR's `source`). */
  fromSentences(sentences: readonly string[], title?: string): string;
  analyze(abstract: string, title?: string): Analysis;
  /** `clean: false` when the sentences come from cleanText already. */
  analyzeSentences(sentences: readonly string[], title?: string, clean?: boolean): Analysis;
  readonly stats: Stats;
}

/** Cleans given sentences and drops those without a letter or digit. */
export function prepareSentences(sentences: readonly string[], clean = true): string[] {
  const out: string[] = [];
  for (const s of joinWrappedLines(sentences).slice(0, MAX_SENTENCES)) {
    const text = stripSectionLabel(clean ? cleanText(s) : s);
    if (/[\p{L}\p{N}]/u.test(text)) out.push(text);
  }
  return out;
}

/** Ends like a sentence: a stop, maybe inside a quote or bracket. */
const SENTENCE_END = /[.?!:;]["'”’)\]]*\s*$/;
/** Whether a text ends like a sentence: most end on their stop, which settles it without running SENTENCE_END. */
function endsSentence(text: string): boolean {
  const c = text.charCodeAt(text.length - 1);
  return c === 46 || c === 63 || c === 33 || SENTENCE_END.test(text);
}
/** Starts like the rest of a sentence: a lower-case letter, a digit, an opening bracket or quote. */
const CONTINUATION = /^\s*[\p{Ll}\d([“‘"]/u;
/** Ends where no sentence can: on a comma, a hyphen or a word that needs what follows ("a method that"). */
const OPEN_END =
  /(?:[,–—-]|\b(?:a|an|the|of|to|in|on|at|by|for|from|with|and|or|but|that|which|whose|as|its|their|our|is|are|was|were|be|than|via|into|we)\b)\s*$/i;
/** Starts with a mark that ends or continues the previous piece (". To this end…"): such splits are left alone. */
const LEADING_MARK = /^\s*[.,;:!?]/;

/** Whether a bracket opened in the text is still open at its end ("…STARC (STAndardised Reward"). */
function unclosed(text: string): boolean {
  let depth = 0;
  for (let i = text.indexOf('('); i >= 0 && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40) depth++;
    else if (c === 41 && depth > 0) depth--;
  }
  return depth > 0;
}

/**
 * Given sentences split at a PDF's line ends ("Here we propose word2net, a method that" + "replaces their linear
 * parametrization…", as in SciTLDR) joined back: a piece that does not end like a sentence is continued by the next
 * when that one does not start like a sentence, or when the piece ends on a word that needs what follows or
 * inside brackets.
 */
export function joinWrappedLines(sentences: readonly string[]): readonly string[] {
  let out: string[] | undefined;
  for (let i = 0; i < sentences.length; i++) {
    const s = sentences[i] as string;
    const previous = out ? out[out.length - 1] : i > 0 ? sentences[i - 1] : undefined;
    const joins =
      previous !== undefined &&
      /\S/.test(previous) &&
      !endsSentence(previous) &&
      !LEADING_MARK.test(s) &&
      (CONTINUATION.test(s) || OPEN_END.test(previous) || unclosed(previous));
    if (joins) {
      out ??= sentences.slice(0, i);
      out[out.length - 1] = `${(previous as string).trimEnd()} ${s.trimStart()}`;
    } else out?.push(s);
  }
  return out ?? sentences;
}

/** Cuts an over-long text at the last clause boundary before the limit (else at a word), marking the cut. */
export function clampWords(text: string, max = HARD_MAX_WORDS, words = wordCount(text)): string {
  if (words <= max) return text;
  const tokens = text.split(/\s+/);
  let kept = tokens.slice(0, max).join(' ');
  const clause = Math.max(kept.lastIndexOf(', '), kept.lastIndexOf('; '), kept.lastIndexOf(': '));
  if (clause > kept.length * 0.5) kept = kept.slice(0, clause);
  return `${kept.replace(/[\s,;:.–—-]+$/, '')}…`;
}

/**
 * The EXPAND best-scoring candidates, best first, ties in their order: what a stable sort by score would put first,
 * without copying and sorting them all.
 */
function best3(ranked: readonly Ranked[]): Ranked[] {
  const top: Ranked[] = [];
  for (const c of ranked) {
    let at = top.length;
    while (at > 0 && (top[at - 1] as Ranked).score < c.score) at--;
    if (at >= EXPAND) continue;
    top.splice(at, 0, c);
    if (top.length > EXPAND) top.pop();
  }
  return top;
}

/** An analysis whose title-led TL;DR is built only when asked: cards and digests show the title and never need it. */
class Chosen implements Analysis {
  #led: string | undefined;
  constructor(
    readonly sentences: string[],
    readonly lengths: readonly number[],
    readonly ranked: Ranked[],
    readonly untitled: string,
    private readonly title: string | undefined,
    readonly sentence: number,
    readonly variantsOf: (i: number) => Variant[],
    readonly knownVariants: (i: number) => Variant[] | undefined,
    private readonly nameOf: () => string | undefined = () => undefined,
    private readonly chance: WordChance = () => undefined,
  ) {}
  get name(): string | undefined {
    return this.nameOf();
  }
  get tldr(): string {
    // Without a title, a term the abstract defines or the topic it opens with stands in for it (abstract-only
    // SciTLDR dev ROUGE-1 +0.43 ± 0.12, train 2-fold +0.51 ± 0.07: bench/lead-cv.ts).
    this.#led ??=
      this.title === undefined
        ? leadWithTerm(this.untitled, this.sentences, this.chance, HARD_MAX_WORDS)
        : leadWithTitle(this.untitled, this.title, this.chance, HARD_MAX_WORDS);
    return this.#led;
  }
}

/** The model's weights are read by column: a model trained on other columns would rank silently wrong. */
function checkColumns(model: ModelData): void {
  const same = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && a.every((x, i) => x === b[i]);
  if (!same(model.tokenFeatures, TOKEN_FEATURES) || !same(model.candidateFeatures, CANDIDATE_FEATURES)) {
    throw new Error(
      'TL;DR model: its feature columns differ from src/summarize/features.ts; retrain it ' +
        '(npm run build && node dist/bench/train-tldr.js)',
    );
  }
}

export function createEngine(model: ModelData): TldrEngine {
  checkColumns(model);
  const stats = statsOf(model);

  function analyzeSentences(given: readonly string[], title?: string, clean = true): Analysis {
    const sentences = prepareSentences(given, clean);
    const memo = new Map<number, Variant[]>();
    const variantsOf = (i: number): Variant[] => {
      let v = memo.get(i);
      if (!v) {
        v = variants(sentences[i] ?? '');
        memo.set(i, v);
      }
      return v;
    };
    const knownVariants = (i: number) => memo.get(i);
    if (sentences.length === 0)
      return new Chosen(sentences, [], [], '', undefined, -1, variantsOf, knownVariants);
    const hasTitle = title !== undefined && /[\p{L}\p{N}]/u.test(title);
    const weights: Weights = hasTitle ? model.withTitle : model.noTitle;
    const doc = analyze(sentences, hasTitle ? title : undefined, stats, weights);
    const ctx = candidateContext(doc, doc.probs);
    const rank = (c: Candidate): Ranked => ({
      sentence: c.sentence,
      variant: c.variant,
      features: c.features,
      score: score(c.features, weights),
    });
    const ranked = sentences.map((s, i) =>
      rank(candidate(ctx, i, wholeSentence(s, doc.sentenceWords[i]?.length))),
    );
    for (const base of best3(ranked)) {
      const vs = variantsOf(base.sentence);
      for (let v = 1; v < vs.length; v++) ranked.push(rank(candidate(ctx, base.sentence, vs[v] as Variant)));
    }
    // Sorted once, after the composed claims join below: a stable sort of the lot orders ties as sorting twice did.
    // Looked for only when a candidate needs it ("our approach" as subject, a claim that names nothing).
    let named = false;
    let found: string | undefined;
    const name = () => {
      if (!named) {
        found = methodName(sentences, title);
        named = true;
      }
      return found;
    };
    // "We propose a new method…" followed by what it is: the two composed are one more candidate.
    for (let i = 0; i + 1 < sentences.length; i++) {
      if ((doc.cues[i] as Uint8Array)[0] !== 1) continue;
      const composed = composeClaim(sentences[i] as string, sentences[i + 1] as string, name);
      if (composed) {
        const text = finish(composed);
        ranked.push(
          rank(candidate(ctx, i, { text, leadIn: true, paren: false, cut: false, words: wordCount(text) })),
        );
        const shorter = dropInnerClauses(text);
        if (shorter) {
          const words = wordCount(shorter);
          ranked.push(
            rank(candidate(ctx, i, { text: shorter, leadIn: true, paren: false, cut: true, words })),
          );
        }
      }
    }
    ranked.sort((a, b) => b.score - a.score);
    const fitting = ranked.find((c) => c.variant.words <= MAX_WORDS);
    let best =
      fitting ?? ranked.reduce((a, b) => (b.variant.words < a.variant.words ? b : a), ranked[0] as Ranked);
    const claims = (c: Ranked) => {
      const cues = doc.cues[c.sentence] as Uint8Array;
      return (
        cues[0] === 1 ||
        cues[1] === 1 ||
        ownWork(c.variant.text) ||
        (ownSubject(c.variant.text) && name() !== undefined)
      );
    };
    const standsAlone = (c: Ranked) => claims(c) && !leans(resolveSubject(c.variant.text, name));
    /** The best-ranked candidate scored at least `floor` that fits, passes `also` and stands alone, if any. */
    const standIn = (floor: number, also?: (c: Ranked) => boolean): Ranked | undefined => {
      for (const c of ranked) {
        if (c.score < floor) return undefined;
        if (c.variant.words <= MAX_WORDS && (also === undefined || also(c)) && standsAlone(c)) return c;
      }
      return undefined;
    };
    if (fitting && !standsAlone(best)) {
      // Background ("Diffusion models excel at…") or a claim leaning on a sentence not shown ("To achieve this
      // we…"): a stand-alone contribution statement scored nearly as well is the better TL;DR.
      const margin = claims(best)
        ? CONTRIBUTION_MARGIN
        : CONCESSIVE.test(best.variant.text)
          ? CONCESSIVE_MARGIN
          : BACKGROUND_MARGIN;
      const floor = best.score - margin;
      // A claim that leans only through its lead-in ("In order to address this issue, we investigate…", SciTLDR dev
      // HJaDJZ-0W) scores low whole, so it was never compressed: its compressions may stand alone, and are ranked.
      let added = false;
      for (let i = 0; i < sentences.length; i++) {
        const cues = doc.cues[i] as Uint8Array;
        if ((cues[0] !== 1 && cues[1] !== 1) || knownVariants(i) || !leans(sentences[i] as string)) continue;
        const vs = variantsOf(i);
        for (let v = 1; v < vs.length; v++) ranked.push(rank(candidate(ctx, i, vs[v] as Variant)));
        added = true;
      }
      if (added) ranked.sort((a, b) => b.score - a.score);
      best = standIn(floor) ?? best;
    }
    // Tested on the sentence, not the candidate: a compression may have dropped its "Finally,".
    if (fitting && secondaryClaim(sentences[best.sentence] as string)) {
      best =
        standIn(best.score - SECONDARY_MARGIN, (c) => !secondaryClaim(sentences[c.sentence] as string)) ??
        best;
    }
    // "We study the training process of DNNs from the Fourier analysis perspective." names the topic; "We
    // demonstrate a very universal Frequency Principle…" right after it (SciTLDR dev Skgb5h4KPH) is the claim.
    if (fitting && topicOnly(sentences[best.sentence] as string)) {
      const next = best.sentence + 1;
      const cues = doc.cues[next];
      if (cues && (cues[0] === 1 || cues[1] === 1) && !topicOnly(sentences[next] as string)) {
        best = standIn(best.score - TOPIC_MARGIN, (c) => c.sentence === next) ?? best;
      }
    }
    const text = fuseName(best.variant.text, name);
    const lead = hasTitle ? title : undefined;
    const lengths = doc.sentenceWords.map((w) => w.length);
    return new Chosen(
      sentences,
      lengths,
      ranked,
      clampWords(text, HARD_MAX_WORDS, text === best.variant.text ? best.variant.words : undefined),
      lead,
      best.sentence,
      variantsOf,
      knownVariants,
      name,
      (word) => {
        const k = doc.indexOf(word);
        return k === undefined ? undefined : doc.probs[k];
      },
    );
  }

  const analyzeText = (abstract: string, title?: string) =>
    analyzeSentences(splitSentences(cleanText(abstract)), title, false);

  return {
    stats,
    analyze: analyzeText,
    analyzeSentences,
    fromSentences: (sentences, title) => analyzeSentences(sentences, title).tldr,
    tldr: (abstract, title) => analyzeText(abstract, title).tldr,
  };
}
