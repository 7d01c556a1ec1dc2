// The plan stage: a parsed query becomes slots (one per word, with its variants: exact, typo fixes,
// completions, acronym expansions), phrases and exclusions. Reads the vocabulary, never scores a doc.
import type { AcronymTable } from './acronyms.js';
import { expansionTerms } from './acronyms.js';
import type { InvertedIndex } from './inverted.js';
import type { RankingParams } from './params.js';
import { type Variant, variantIdf } from './postings.js';
import type { ParsedQuery } from './query.js';
import { type Analyzer, fold, isStopWord, tokens } from './text.js';
import { completions, TypoIndex, type VocabularyView } from './vocabulary.js';

export type { Variant } from './postings.js';

/** Unknown words a query gets spelling fixes for; the rest are searched as typed. */
const MAX_CORRECTED_WORDS = 12;

/** One query word: the doc's score for it is the best of its variants (exact, typo fix, completion, expansion). */
export interface TermSlot {
  kind: 'term';
  variants: Variant[];
  weight: number;
  required: boolean;
  label: string;
}

/**
 * An alternative wording (an acronym's expansion, or the acronym of a typed expansion): counts only where
 * all its terms occur, and not where all the `unless` terms (what was typed) occur too.
 */
export interface GroupSlot {
  kind: 'group';
  terms: number[];
  unless: number[];
  weight: number;
  label: string;
}

export type Slot = TermSlot | GroupSlot;

/** What the rank stage scores for a query: its slots, plus the phrase checks and exclusions it applies. */
export interface Plan {
  slots: Slot[];
  phrases: RegExp[];
  phraseLabels: string[];
  excluded: number[];
  excludedPhrases: RegExp[];
  notices: string[];
}

/** Plans queries over one index: keeps the typo index it builds at the first unknown word. */
export class Planner {
  /** Built at the first typo, then kept up to date as words arrive. */
  private typos: TypoIndex | undefined;

  constructor(
    readonly index: InvertedIndex,
    readonly analyzer: Analyzer,
    readonly acronyms: AcronymTable,
    readonly params: RankingParams,
  ) {}

  /** Builds what the first typo or completion would otherwise pay for. */
  warm(): void {
    this.index.sortedSurfaces();
    this.typos ??= new TypoIndex(this.index.surfaces);
  }

  private vocabulary(): VocabularyView {
    return { words: this.index.surfaces, order: this.index.sortedSurfaces(), df: this.index.surfaceDf };
  }

  /** Turns the parsed query into scored slots: words with their variants, acronym expansions, phrases. */
  plan(q: ParsedQuery, expand: boolean, prefixLast: boolean): Plan {
    const notices: string[] = [];
    const slots: Slot[] = [];
    const byTerm = new Map<string, TermSlot>();
    const idx = this.index;
    const wordTokens: { token: string; last: boolean; label: string }[] = [];
    // Spelling fixes cost a scan each: a pasted paragraph of unknown words must not take seconds.
    let correctionsLeft = MAX_CORRECTED_WORDS;
    q.words.forEach((word, wi) => {
      const toks = tokens(word);
      const bare = word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
      toks.forEach((token, ti) => {
        const label = toks.length === 1 && fold(bare) === token ? bare : token;
        wordTokens.push({ token, label, last: wi === q.words.length - 1 && ti === toks.length - 1 });
      });
    });
    const addWord = (token: string, required: boolean, allowPrefix: boolean, label = token): void => {
      const term = this.analyzer.term(token);
      if (term === null) return;
      const existing = byTerm.get(term);
      if (existing) {
        existing.weight += 1;
        existing.required ||= required;
        return;
      }
      const variants: Variant[] = [];
      const termId = idx.termId(term);
      const df = termId === undefined ? 0 : idx.df[termId]!;
      if (termId !== undefined && df > 0) variants.push({ term: termId, weight: 1, label });
      if (expand) {
        if (df <= 2 && /^[a-z]{4,}$/.test(token)) {
          if (correctionsLeft > 0) this.addCorrections(token, df, termId, variants);
          else if (correctionsLeft === 0)
            notices.push(`spelling checked for the first ${MAX_CORRECTED_WORDS} unknown words only`);
          correctionsLeft--;
        }
        if (allowPrefix && /^[\p{L}\p{N}]{2,}$/u.test(token)) this.addCompletions(token, termId, variants);
      }
      if (variants.length === 0) {
        if (required) {
          // A phrase word missing from the catalog: nothing can match the phrase.
          const slot: TermSlot = { kind: 'term', variants: [], weight: 1, required: true, label: token };
          byTerm.set(term, slot);
          slots.push(slot);
        }
        return;
      }
      variants.sort((a, b) => b.weight - a.weight);
      const slot: TermSlot = {
        kind: 'term',
        variants: dedupeVariants(variants),
        weight: 1,
        required,
        label: token,
      };
      byTerm.set(term, slot);
      slots.push(slot);
    };
    for (const { token, last, label } of wordTokens) addWord(token, false, last && prefixLast, label);

    const phrases: RegExp[] = [];
    const phraseLabels: string[] = [];
    for (const phrase of q.phrases) {
      const words = phraseWords(phrase);
      if (words.length === 0) continue;
      for (const token of tokens(phrase)) addWord(token, true, false);
      if (words.length > 1) {
        phrases.push(phraseRegExp(words));
        phraseLabels.push(words.join(' '));
      }
    }

    if (expand) this.addAcronyms(q, slots, byTerm);

    const excluded: number[] = [];
    const excludedPhrases: RegExp[] = [];
    for (const word of q.excluded) {
      const words = phraseWords(word);
      if (words.length > 1) excludedPhrases.push(phraseRegExp(words));
      else
        for (const token of tokens(word)) {
          const term = this.analyzer.term(token);
          const id = term === null ? undefined : idx.termId(term);
          if (id !== undefined) excluded.push(id);
        }
    }

    const max = this.params.maxTerms;
    const termSlots = slots.filter((s): s is TermSlot => s.kind === 'term' && !s.required);
    if (termSlots.length > max) {
      const strength = (s: TermSlot) =>
        s.weight * Math.max(0, ...s.variants.map((v) => v.weight * variantIdf(this.index, v)));
      const keep = new Set(termSlots.sort((a, b) => strength(b) - strength(a)).slice(0, max));
      const kept = slots.filter((s) => s.kind !== 'term' || s.required || keep.has(s));
      notices.push(`long query: searched its ${max} most distinctive words`);
      return { slots: kept, phrases, phraseLabels, excluded, excludedPhrases, notices };
    }
    return { slots, phrases, phraseLabels, excluded, excludedPhrases, notices };
  }

  /** Typo tolerance: for a word the catalog lacks (or nearly lacks), much more common words 1–2 edits away. */
  private addCorrections(token: string, df: number, termId: number | undefined, variants: Variant[]): void {
    const idx = this.index;
    this.typos ??= new TypoIndex(idx.surfaces);
    // One edit first; two only for long words that have no one-edit neighbour (cheaper and closer).
    let found = this.typos.corrections(token, 1, 256);
    if (token.length >= 8 && !found.some((c) => idx.surfaceDf[c.id]! > df)) {
      found = this.typos.corrections(token, 2, 256);
    }
    // A correction must be clearly more common than what was typed (a typo can occur in a catalog too).
    const floor = df === 0 ? 1 : Math.max(3, df * 5);
    const usable = found
      .filter((c) => c.distance > 0 && idx.surfaceDf[c.id]! >= floor && idx.surfaceTerm[c.id]! >= 0)
      .filter((c) => idx.surfaceTerm[c.id] !== termId)
      .sort((a, b) => a.distance - b.distance || idx.surfaceDf[b.id]! - idx.surfaceDf[a.id]!);
    if (usable.length === 0) return;
    const best = usable[0]!;
    const bestDf = idx.surfaceDf[best.id]!;
    for (const c of usable.slice(0, 4)) {
      const cdf = idx.surfaceDf[c.id]!;
      if (c !== best && (c.distance > best.distance || cdf * 4 < bestDf)) continue;
      const scale = c === best ? 1 : Math.sqrt(cdf / bestDf);
      variants.push({
        term: idx.surfaceTerm[c.id]!,
        weight: this.params.fuzzy * scale,
        label: idx.surfaces[c.id]!,
      });
    }
  }

  /** The word being typed: its most common completions, below the word itself. */
  private addCompletions(token: string, termId: number | undefined, variants: Variant[]): void {
    const idx = this.index;
    for (const id of completions(this.vocabulary(), token, 8)) {
      const term = idx.surfaceTerm[id]!;
      if (term < 0 || term === termId) continue;
      variants.push({ term, weight: this.params.prefix, label: idx.surfaces[id]! });
    }
  }

  /**
   * Acronyms find their expansions and expansions their acronyms (catalog definitions plus the hand list).
   * An expansion is one more variant of the acronym typed (a paper scores the better of the two); an
   * acronym found for a typed expansion counts only for papers lacking the expansion. Either way a paper
   * that writes both is not counted twice. A word is read as an acronym when typed like one (two capitals: RL, MoE, K-FAC) or, in
   * lower case, when it is a well-known one (rlhf, moe).
   */
  private addAcronyms(q: ParsedQuery, slots: Slot[], byTerm: Map<string, TermSlot>): void {
    const idx = this.index;
    const w = this.params.acronym;
    if (w <= 0) return;
    const seen = new Set<string>();
    const text = q.words.join(' ');
    const termIds = (terms: string[]) => {
      const ids = terms.map((t) => idx.termId(t));
      return ids.some((id) => id === undefined || idx.df[id] === 0) ? undefined : (ids as number[]);
    };
    for (const word of text.split(/[^\p{L}\p{N}-]+/u)) {
      if (word.length < 2 || isStopWord(fold(word))) continue;
      const typedAsAcronym = (word.match(/\p{Lu}/gu)?.length ?? 0) >= 2;
      if (!typedAsAcronym && !this.acronyms.isWellKnown(word)) continue;
      const own = this.analyzer.term(fold(word).replace(/[^\p{L}\p{N}]/gu, ''));
      let slot = own === null ? undefined : byTerm.get(own);
      const expansions = this.acronyms.expansions(word);
      const top = expansions[0]?.count ?? 1;
      for (const e of expansions) {
        const key = e.terms.join(' ');
        if (seen.has(key) || e.terms.every((t) => byTerm.has(t))) continue;
        const ids = termIds(e.terms);
        if (!ids) continue;
        seen.add(key);
        const share = expansions.length > 1 ? e.count / top : 1;
        const variant: Variant = { term: -1, group: ids, weight: w * share, label: e.text };
        if (slot) slot.variants.push(variant);
        else {
          slot = { kind: 'term', variants: [variant], weight: 1, required: false, label: word };
          slots.push(slot);
          if (own !== null) byTerm.set(own, slot);
        }
      }
    }
    const stems = expansionTerms(text);
    for (let i = 0; i < stems.length; i++) {
      for (const acronym of this.acronyms.startingWith(stems[i]!)) {
        for (const expansion of this.acronyms.expansions(acronym)) {
          const n = expansion.terms.length;
          if (i + n > stems.length || !expansion.terms.every((t, k) => stems[i + k] === t)) continue;
          const term = this.analyzer.term(acronym);
          if (term === null || byTerm.has(term) || seen.has(term)) continue;
          const id = idx.termId(term);
          const ids = termIds(expansion.terms);
          if (id === undefined || idx.df[id] === 0 || !ids) continue;
          seen.add(term);
          slots.push({
            kind: 'group',
            terms: [id],
            unless: ids,
            weight: w,
            label: this.acronyms.display(acronym),
          });
        }
      }
    }
  }
}

function dedupeVariants(variants: Variant[]): Variant[] {
  const seen = new Set<number>();
  return variants.filter((v) => {
    if (v.group) return true;
    if (seen.has(v.term)) return false;
    seen.add(v.term);
    return true;
  });
}

function phraseWords(phrase: string): string[] {
  return fold(phrase)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** Words in order, separated by spaces or punctuation, each allowing a plural or possessive ending. */
function phraseRegExp(words: string[]): RegExp {
  const parts = words.map((w) => `${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:s|es|'s)?`);
  // Plain ASCII needs no Unicode mode, which makes the check several times faster.
  if (words.every((w) => /^[a-z0-9]+$/.test(w))) {
    return new RegExp(`(?<![a-z0-9])${parts.join('[^a-z0-9]{1,3}')}(?![a-z0-9])`);
  }
  return new RegExp(`(?<![\\p{L}\\p{N}])${parts.join('[^\\p{L}\\p{N}]{1,3}')}(?![\\p{L}\\p{N}])`, 'u');
}
