// The search engine: turns a parsed query into weighted term slots, scores them with BM25F over the
// inverted index, applies filters and phrases, and returns hits with the terms that matched.
import type { Paper } from '../catalog/paper.js';
import type { AcronymTable } from './acronyms.js';
import { expansionTerms } from './acronyms.js';
import { sortedHas, U32List } from './arrays.js';
import { FIELD_COUNT, fieldTf, type InvertedIndex } from './inverted.js';
import type { RankingParams } from './params.js';
import { type Filters, type ParsedQuery, parseQuery } from './query.js';
import type { DocFacts, PaperStore } from './store.js';
import { type Analyzer, fold, isStopWord, tokens } from './text.js';
import type { SearchEngine, SearchHit, SearchOptions, SearchOutcome } from './types.js';
import { completions, TypoIndex, type VocabularyView } from './vocabulary.js';

export const MAX_LIMIT = 1000;
/** Phrase queries re-read at most this many candidates (best first) to check word order... */
const PHRASE_CANDIDATES = 2000;
/** ...and at least this many before estimating the total from them. */
const PHRASE_MIN_CHECKED = 250;

/** One way a query word can match: a term, or (for an acronym) all the terms of its expansion. */
interface Variant {
  term: number;
  /** An expansion's terms: the variant scores their average where all of them occur. */
  group?: number[];
  weight: number;
  label: string;
}

/** Unknown words a query gets spelling fixes for; the rest are searched as typed. */
const MAX_CORRECTED_WORDS = 12;

/** One query word: the doc's score for it is the best of its variants (exact, typo fix, completion, expansion). */
interface TermSlot {
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
interface GroupSlot {
  kind: 'group';
  terms: number[];
  unless: number[];
  weight: number;
  label: string;
}

type Slot = TermSlot | GroupSlot;

/** What rank scores in one go: a slot, or one variant of a word (sharing the word's `part` scores). */
interface Unit {
  slot: Slot;
  variants: Variant[];
  part?: Float32Array;
  bound: number;
  size: number;
}

interface Plan {
  slots: Slot[];
  phrases: RegExp[];
  phraseLabels: string[];
  excluded: number[];
  excludedPhrases: RegExp[];
  notices: string[];
}

interface Ranked {
  docs: number[];
  scores: number[];
  total: number;
  /** The total is estimated (phrases checked on the best candidates only). */
  approximate?: boolean;
}

export class Engine implements SearchEngine {
  private mult: Float32Array = new Float32Array(0);
  private multDocs = -1;
  private acc: Float32Array = new Float32Array(0);
  private slotAcc: Float32Array = new Float32Array(0);
  private counts: Uint8Array = new Uint8Array(0);
  private req: Uint8Array = new Uint8Array(0);
  private groupCount: Uint8Array = new Uint8Array(0);
  private groupAcc: Float32Array = new Float32Array(0);
  private groupTouched = new U32List(1024);
  /** Built at the first typo, then kept up to date as words arrive. */
  private typos: TypoIndex | undefined;
  private mask: Uint8Array = new Uint8Array(0);
  private touched = new U32List(1024);
  private slotTouched = new U32List(1024);
  /** Bitmap of the docs matched by slots that pruning gated (for the total; they are not scored). */
  private bits: Int32Array = new Int32Array(0);
  private bitsUsed = false;
  private cand: Uint32Array = new Uint32Array(1024);
  /** Per-doc scores of split words (see units), reused across queries. */
  private parts: Float32Array[] = [];
  private partsUsed = 0;

  constructor(
    readonly index: InvertedIndex,
    readonly store: PaperStore,
    readonly facts: DocFacts,
    readonly acronyms: AcronymTable,
    readonly params: RankingParams,
    readonly analyzer: Analyzer,
  ) {}

  warm(): void {
    this.prepare();
    this.index.sortedSurfaces();
    this.typos ??= new TypoIndex(this.index.surfaces);
  }

  get size(): number {
    return this.index.liveCount;
  }

  /** Releases the saved-index file a loaded engine reads papers from (no-op for a built engine). */
  close(): void {
    this.store.close?.();
  }

  /** The same index ranked with other parameters (experiments; shares all the data). */
  withParams(params: RankingParams): Engine {
    return new Engine(this.index, this.store, this.facts, this.acronyms, params, this.analyzer);
  }

  *all(): Iterable<Paper> {
    for (let d = 0; d < this.index.docCount; d++) {
      if (this.index.deleted[d] === 1) continue;
      const p = this.store.get(d);
      if (p) yield p;
    }
  }

  get(id: string): Paper | undefined {
    const doc = this.facts.ids.get(id.trim().toLowerCase());
    return doc === undefined ? undefined : this.store.get(doc);
  }

  upsert(papers: readonly Paper[]): void {
    const latest = new Map<string, Paper>();
    for (const p of papers) latest.set(p.id.toLowerCase(), p);
    const fresh = [...latest.values()];
    for (const p of fresh) {
      for (const key of [p.id, p.arxivId]) {
        if (!key) continue;
        const old = this.facts.ids.get(key.toLowerCase());
        if (old === undefined) continue;
        const oldPaper = this.store.get(old);
        this.index.remove(old);
        if (oldPaper) this.facts.forget(oldPaper, old);
        this.store.set(old, undefined);
      }
    }
    const first = this.index.docCount;
    this.index.add(fresh.map(docText));
    fresh.forEach((p, i) => {
      this.store.set(first + i, p);
      this.facts.add(first + i, p);
      this.acronyms.mine(p.title);
      this.acronyms.mine(p.abstract);
    });
    this.multDocs = -1;
  }

  resolve(reference: string): Paper | undefined {
    const ref = (reference ?? '').trim();
    if (!ref) return undefined;
    const direct = this.get(ref);
    if (direct) return direct;
    const parsed = parseQuery(ref);
    if (!parsed.ok) return undefined;
    if (parsed.query.references.length > 0) return this.get(parsed.query.references[0]!);
    const result = this.search(ref, { limit: 1, prefix: false });
    if (!result.ok) return undefined;
    const top = result.hits[0];
    if (!top) return undefined;
    if (fold(top.paper.title).replace(/\W+/g, ' ').trim() === fold(ref).replace(/\W+/g, ' ').trim())
      return top.paper;
    return (top.relevance ?? 0) >= 0.35 ? top.paper : undefined;
  }

  suggest(prefix: string, limit = 10): SearchHit[] {
    const text = (prefix ?? '').slice(0, 500);
    const n = Math.max(1, Math.min(limit, 25));
    if (text.trim() === '') return this.newest(n);
    const result = this.search(text, { limit: n, prefix: true });
    return result.ok ? result.hits : [];
  }

  search(query: string, options: SearchOptions = {}): SearchOutcome {
    try {
      return this.run(typeof query === 'string' ? query : String(query ?? ''), options);
    } catch (error) {
      return {
        ok: false,
        message: `search failed: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }

  private run(text: string, options: SearchOptions): SearchOutcome {
    if (text.trim() === '') {
      return {
        ok: false,
        message:
          'empty query: type a few words ("diffusion models"), an arXiv id or URL, or a filter (author:hinton)',
      };
    }
    const parsed = parseQuery(text);
    if (!parsed.ok) return parsed;
    const q = parsed.query;
    const limit = Math.max(1, Math.min(Math.floor(options.limit ?? 10), MAX_LIMIT));
    const page = q.filters.page;
    const offset = Math.max(0, Math.floor(options.offset ?? (page ? (page - 1) * limit : 0)));
    const notices = [...q.notices];
    const shown = shorten(text);

    if (q.references.length > 0) return this.lookup(q.references, notices);

    this.prepare();
    const expand = options.expand !== false;
    const prefixLast = options.prefix ?? q.lastIsPrefix;
    const plan = this.plan(q, expand, prefixLast);
    notices.push(...plan.notices);
    const hasFilters = filtersActive(q.filters);
    if (plan.slots.length === 0 && !hasFilters) {
      const why =
        q.words.length + q.phrases.length === 0
          ? 'it has no words to search for'
          : 'none of its words are in the catalog';
      return {
        ok: true,
        hits: [],
        total: 0,
        notice: joinNotices([`no papers match "${shown}": ${why}`, ...notices]),
      };
    }

    const maskLevel = this.buildMask(q.filters);
    let ranked: Ranked;
    if (plan.slots.length === 0) {
      ranked = this.listFiltered(q.filters, maskLevel, offset + limit);
      notices.push('newest first');
    } else {
      ranked = this.rank(plan, q.filters, maskLevel, offset + limit);
    }
    this.mask.fill(0, 0, this.index.docCount);

    if (ranked.total === 0) {
      const message = hasFilters
        ? `no papers match "${shown}" with these filters`
        : `no papers match "${shown}"`;
      return { ok: true, hits: [], total: 0, notice: joinNotices([message, ...notices]) };
    }
    const maxScore = this.maxScore(plan.slots);
    const hits: SearchHit[] = [];
    for (let i = offset; i < Math.min(ranked.docs.length, offset + limit); i++) {
      const doc = ranked.docs[i]!;
      const paper = this.store.get(doc);
      if (!paper) continue;
      const score = ranked.scores[i]!;
      hits.push({
        paper,
        score: round(score),
        matched: this.matched(doc, plan),
        relevance: maxScore > 0 ? round(Math.min(1, score / maxScore)) : undefined,
      });
    }
    const outcome: SearchOutcome = { ok: true, hits, total: ranked.total };
    if (ranked.approximate) {
      outcome.approximate = true;
      notices.push(`about ${ranked.total.toLocaleString('en-US')} papers have the phrase`);
    }
    const notice = joinNotices(notices);
    if (notice) outcome.notice = notice;
    return outcome;
  }

  private lookup(references: string[], notices: string[]): SearchOutcome {
    const hits: SearchHit[] = [];
    const missing: string[] = [];
    for (const ref of [...new Set(references)]) {
      const paper = this.get(ref);
      if (paper) hits.push({ paper, score: 1, matched: [ref], relevance: 1 });
      else missing.push(ref);
    }
    if (missing.length > 0) {
      notices.push(`${missing.length === 1 ? 'paper' : 'papers'} ${missing.join(', ')} not in the catalog`);
    }
    const outcome: SearchOutcome = { ok: true, hits, total: hits.length };
    const notice = joinNotices(
      hits.length === 0 ? [`no papers match ${missing.join(', ')}`, ...notices] : notices,
    );
    if (notice) outcome.notice = notice;
    return outcome;
  }

  private newest(limit: number): SearchHit[] {
    const ranked = this.listFiltered({ authors: [], categories: [] }, 0, limit);
    const hits: SearchHit[] = [];
    for (const doc of ranked.docs) {
      const paper = this.store.get(doc);
      if (paper) hits.push({ paper, score: 0, matched: [] });
    }
    return hits;
  }

  /** Per-doc BM25F multipliers w_f / (1 - b_f + b_f * len_f / avglen_f), refreshed after changes. */
  private prepare(): void {
    const idx = this.index;
    const n = idx.docCount;
    if (this.multDocs === n && this.mult.length >= n * FIELD_COUNT) return;
    if (this.acc.length < n) {
      const cap = Math.max(n, Math.ceil(this.acc.length * 1.5), 1024);
      this.acc = new Float32Array(cap);
      this.slotAcc = new Float32Array(cap);
      this.counts = new Uint8Array(cap);
      this.req = new Uint8Array(cap);
      this.groupCount = new Uint8Array(cap);
      this.groupAcc = new Float32Array(cap);
      this.mask = new Uint8Array(cap);
      this.bits = new Int32Array((cap >> 5) + 1);
      this.parts = [];
    }
    const mult = new Float32Array(n * FIELD_COUNT);
    const fields = [
      this.params.fields.title,
      this.params.fields.abstract,
      this.params.fields.authors,
      this.params.fields.keywords,
    ];
    const live = Math.max(1, idx.liveCount);
    for (let f = 0; f < FIELD_COUNT; f++) {
      const { weight, b } = fields[f]!;
      const avg = Math.max(1, idx.fieldTotals[f]! / live);
      for (let d = 0; d < n; d++) {
        mult[d * FIELD_COUNT + f] = weight / (1 - b + (b * idx.lens[d * FIELD_COUNT + f]!) / avg);
      }
    }
    this.mult = mult;
    this.multDocs = n;
  }

  private idf(term: number): number {
    const df = this.index.df[term] ?? 0;
    const n = Math.max(1, this.index.liveCount);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * Adds weight·BM25F(term, doc) to target for every doc containing the term, or with `keepMax` keeps the larger
   * of the two (variants of one word). Gated (pruning), only docs already in the accumulator are scored; the
   * others are only noted for the total.
   */
  private scoreTerm(
    term: number,
    weight: number,
    target: Float32Array,
    touched: U32List,
    gated: boolean,
    keepMax: boolean,
  ): void {
    const k1 = this.params.k1;
    const w = weight * this.idf(term) * (k1 + 1);
    const mult = this.mult;
    const gate = this.acc;
    for (const seg of this.index.segments) {
      if (term + 1 >= seg.offsets.length) continue;
      const docs = seg.docs;
      const tfs = seg.tfs;
      const end = seg.offsets[term + 1]!;
      for (let i = seg.offsets[term]!; i < end; i++) {
        const d = docs[i]!;
        if (gated && gate[d] === 0) continue;
        // fieldTf, written out: this is search's hottest loop, and the call cost 2–3 % of query time here.
        const p = tfs[i]!;
        const base = d * FIELD_COUNT;
        const tf =
          (p & 7) * mult[base]! +
          ((p >> 3) & 63) * mult[base + 1]! +
          ((p >> 9) & 3) * mult[base + 2]! +
          (p >> 11) * mult[base + 3]!;
        const s = (w * tf) / (k1 + tf);
        const prev = target[d]!;
        if (prev === 0) touched.push(d);
        if (!keepMax) target[d] = prev + s;
        else if (s > prev) target[d] = s;
      }
    }
  }

  /**
   * One pass over the postings of all `terms`: counts[d] += 1 per term (first touch listed in `list`) and
   * target[d] += weight·BM25F (gated: only for docs already in the accumulator).
   */
  private countTerms(
    terms: number[],
    weight: number,
    target: Float32Array,
    counts: Uint8Array,
    list: U32List,
    gated: boolean,
  ): void {
    const k1 = this.params.k1;
    const mult = this.mult;
    const gate = this.acc;
    for (const term of terms) {
      const w = weight * this.idf(term) * (k1 + 1);
      for (const seg of this.index.segments) {
        if (term + 1 >= seg.offsets.length) continue;
        const docs = seg.docs;
        const tfs = seg.tfs;
        const end = seg.offsets[term + 1]!;
        for (let i = seg.offsets[term]!; i < end; i++) {
          const d = docs[i]!;
          const c = counts[d]!;
          if (c === 0) list.push(d);
          counts[d] = c + 1;
          if (gated && gate[d] === 0) continue;
          const tf = fieldTf(tfs[i]!, mult, d);
          target[d] = target[d]! + (w * tf) / (k1 + tf);
        }
      }
    }
  }

  /** Keeps, per doc, the larger of target and the average weighted score of `terms` where all occur. */
  private maxGroup(
    terms: number[],
    weight: number,
    target: Float32Array,
    touched: U32List,
    gated: boolean,
  ): void {
    const acc = this.groupAcc;
    const counts = this.groupCount;
    const gt = this.groupTouched;
    gt.length = 0;
    this.countTerms(terms, weight / terms.length, acc, counts, gt, gated);
    const gate = this.acc;
    const list = gt.view();
    for (let i = 0; i < list.length; i++) {
      const d = list[i]!;
      if (counts[d] === terms.length) {
        if (!gated || gate[d] !== 0) {
          const prev = target[d]!;
          if (prev === 0) touched.push(d);
          if (acc[d]! > prev) target[d] = acc[d]!;
        }
      }
      acc[d] = 0;
      counts[d] = 0;
    }
  }

  private variantIdf(v: Variant): number {
    if (!v.group) return this.idf(v.term);
    let sum = 0;
    for (const t of v.group) sum += this.idf(t);
    return sum / v.group.length;
  }

  /** Calls fn(doc) for each (live or not) doc containing the term. */
  private eachDoc(term: number, fn: (doc: number) => void): void {
    for (const seg of this.index.segments) {
      if (term + 1 >= seg.offsets.length) continue;
      const end = seg.offsets[term + 1]!;
      for (let i = seg.offsets[term]!; i < end; i++) fn(seg.docs[i]!);
    }
  }

  private contains(term: number, doc: number): boolean {
    for (const seg of this.index.segments) {
      if (term + 1 >= seg.offsets.length) continue;
      if (sortedHas(seg.docs, seg.offsets[term]!, seg.offsets[term + 1]!, doc)) return true;
    }
    return false;
  }

  private vocabulary(): VocabularyView {
    return { words: this.index.surfaces, order: this.index.sortedSurfaces(), df: this.index.surfaceDf };
  }

  /** Turns the parsed query into scored slots: words with their variants, acronym expansions, phrases. */
  private plan(q: ParsedQuery, expand: boolean, prefixLast: boolean): Plan {
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
        s.weight * Math.max(0, ...s.variants.map((v) => v.weight * this.variantIdf(v)));
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

  /** 1 where the filters that need postings (authors, categories) allow the doc; returns the level to match. */
  private buildMask(filters: Filters): number {
    let level = 0;
    const mask = this.mask;
    for (const author of filters.authors) {
      const docs = this.authorDocs(author);
      for (const d of docs) if (mask[d] === level) mask[d] = level + 1;
      level++;
    }
    for (const venue of filters.venues ?? []) {
      for (const d of this.venueDocs(venue)) if (mask[d] === level) mask[d] = level + 1;
      level++;
    }
    if (filters.categories.length > 0) {
      for (const [name, list] of this.facts.categories) {
        if (!filters.categories.some((c) => name === c || name.startsWith(`${c}.`))) continue;
        const docs = list.view();
        for (let i = 0; i < docs.length; i++) {
          const d = docs[i]!;
          if (mask[d] === level) mask[d] = level + 1;
        }
      }
      level++;
    }
    return level;
  }

  /** Docs whose author list contains every word of the name (surname alone is enough). */
  private authorDocs(name: string): number[] {
    let result: number[] | null = null;
    for (const token of tokens(name)) {
      const id = this.index.termId(this.analyzer.term(token) ?? token);
      if (id === undefined) return [];
      const docs: number[] = [];
      for (const seg of this.index.segments) {
        if (id + 1 >= seg.offsets.length) continue;
        const end = seg.offsets[id + 1]!;
        for (let i = seg.offsets[id]!; i < end; i++)
          if (((seg.tfs[i]! >> 9) & 3) > 0) docs.push(seg.docs[i]!);
      }
      if (result === null) result = docs;
      else {
        const have = new Set(docs);
        result = result.filter((d) => have.has(d));
      }
    }
    return result ?? [];
  }

  /**
   * Docs whose venue (journal reference or comment) has every word of `venue`. The venue is indexed with the
   * abstract, so the postings narrow it down and only those papers are read to check the words are the venue's.
   */
  private venueDocs(venue: string): number[] {
    const words = tokens(venue).map(fold);
    let result: number[] | null = null;
    for (const token of words) {
      const id = this.index.termId(this.analyzer.term(token) ?? token);
      if (id === undefined) return [];
      const docs: number[] = [];
      for (const seg of this.index.segments) {
        if (id + 1 >= seg.offsets.length) continue;
        const end = seg.offsets[id + 1]!;
        for (let i = seg.offsets[id]!; i < end; i++)
          if (((seg.tfs[i]! >> 3) & 63) > 0) docs.push(seg.docs[i]!);
      }
      if (result === null) result = docs;
      else {
        const have = new Set(docs);
        result = result.filter((d) => have.has(d));
      }
    }
    return (result ?? []).filter((d) => {
      const paper = this.store.get(d);
      if (!paper) return false;
      const own = new Set(tokens(venueText(paper)).map(fold));
      return words.every((w) => own.has(w));
    });
  }

  private allowed(d: number, filters: Filters, maskLevel: number): boolean {
    if (this.index.deleted[d] === 1) return false;
    if (maskLevel > 0 && this.mask[d] !== maskLevel) return false;
    if (filters.code !== undefined && this.facts.hasCode(d) !== filters.code) return false;
    if (filters.after !== undefined || filters.before !== undefined) {
      const date = this.facts.dates[d]!;
      if (date === 0) return false;
      if (filters.after !== undefined && date < filters.after) return false;
      if (filters.before !== undefined && date >= filters.before) return false;
    }
    return true;
  }

  /** Filter-only queries: the matching papers, newest first. */
  private listFiltered(filters: Filters, maskLevel: number, k: number): Ranked {
    const docs: number[] = [];
    const n = this.index.docCount;
    for (let d = 0; d < n; d++) if (this.allowed(d, filters, maskLevel)) docs.push(d);
    const dates = this.facts.dates;
    const ranks = this.facts.ranks;
    const rankOf = (d: number) => ranks[d] || 9_999_999;
    const top = docs.length > k ? partialTop(docs, k, dates, rankOf) : docs;
    top.sort((a, b) => dates[b]! - dates[a]! || rankOf(a) - rankOf(b) || a - b);
    return { docs: top.slice(0, k), scores: top.slice(0, k).map(() => 0), total: docs.length };
  }

  /**
   * Scores the slots into the accumulator, then picks the best `k` allowed docs. Dynamic pruning
   * (term-at-a-time MaxScore): slots go in order of the most they can add to a score; once the k-th best
   * allowed score so far exceeds what all remaining slots together could add, a doc not yet in the
   * accumulator can no longer reach the top k, so the remaining slots only add to docs already there (and
   * the docs they match are only counted, which keeps the total exact). With required words (phrases),
   * only docs with the rarest required word can match, so every other slot is gated on it.
   */
  private rank(plan: Plan, filters: Filters, maskLevel: number, k: number): Ranked {
    const acc = this.acc;
    const touched = this.touched;
    touched.length = 0;
    const filtered =
      maskLevel > 0 ||
      filters.code !== undefined ||
      filters.after !== undefined ||
      filters.before !== undefined;
    const deleted = this.index.deleted;
    let required = 0;
    for (const slot of plan.slots) if (slot.kind === 'term' && slot.required) required++;
    const prune = plan.excluded.length === 0;
    const units = this.units(plan.slots, prune && required === 0);
    if (prune && required > 0) {
      let first = -1;
      units.forEach((u, i) => {
        if (u.slot.kind !== 'term' || !u.slot.required) return;
        if (first < 0 || u.size < units[first]!.size) first = i;
      });
      units.unshift(...units.splice(first, 1));
    } else if (prune) {
      units.sort((a, b) => b.bound - a.bound || a.size - b.size);
    }
    let remaining = 0;
    for (const u of units) remaining += u.bound;
    let gated = false;
    /** Once pruning starts: the docs (sorted) that can still reach the top k, which alone get scored. */
    let alive: Uint32Array | undefined;
    for (let i = 0; i < units.length; i++) {
      const unit = units[i]!;
      const { bound, size } = unit;
      if (prune && !gated && i > 0) {
        if (required > 0) gated = true;
        else if (size >= 1024 && touched.length >= k) {
          const theta = this.kthScore(k, filters, maskLevel, filtered);
          // The margin covers float32 rounding of the accumulated scores.
          if (remaining * (1 + 1e-5) < theta) {
            gated = true;
            alive = this.survivors(theta - remaining * (1 + 1e-5), filters, maskLevel, filtered);
          }
        }
      }
      remaining -= bound;
      if (alive) {
        // Looking docs up pays while they are few next to the postings; else walking is cheaper.
        if (alive.length * 3 < size) this.scoreAlive(unit, alive);
        else this.scoreWalking(unit, true);
        this.markUnit(unit);
        alive = this.narrow(alive, k, remaining);
      } else this.scoreWalking(unit, gated);
    }
    if (this.partsUsed > 0) {
      const list = touched.view();
      for (let p = 0; p < this.partsUsed; p++) {
        const part = this.parts[p]!;
        for (let i = 0; i < list.length; i++) part[list[i]!] = 0;
      }
      this.partsUsed = 0;
    }
    // Exclusions and phrase words that cannot match are marked in `counts` (255 = out).
    for (const term of plan.excluded) {
      this.eachDoc(term, (d) => {
        if (acc[d] !== 0) this.counts[d] = 255;
      });
    }
    const docs = touched.view();
    const n = docs.length;
    const req = this.req;
    const counts = this.counts;
    const phrases = plan.phrases.length > 0 || plan.excludedPhrases.length > 0;
    const heap = new TopK(k);
    const candidates = phrases
      ? { docs: new Uint32Array(n), scores: new Float64Array(n), size: 0 }
      : undefined;
    let total = 0;
    let floor = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const d = docs[i]!;
      const score = acc[d]!;
      const ok =
        counts[d] !== 255 &&
        req[d] === required &&
        deleted[d] !== 1 &&
        (!filtered || this.allowed(d, filters, maskLevel));
      acc[d] = 0;
      req[d] = 0;
      counts[d] = 0;
      if (!ok) continue;
      if (candidates) {
        candidates.docs[candidates.size] = d;
        candidates.scores[candidates.size++] = score;
      } else {
        total++;
        if (score >= floor) {
          heap.push(d, score);
          floor = heap.floor();
        }
      }
    }
    if (this.bitsUsed) total += this.countMarked(docs, filters, maskLevel, filtered);
    if (!candidates) {
      const { docs: top, scores } = heap.sorted();
      return { docs: top, scores, total };
    }
    return this.verifyPhrases(plan, candidates, k);
  }

  /**
   * The units rank scores: whole slots, or (split) one unit per variant of a word, so that a common word's
   * rare completions (high idf) go early and its common form (low idf, long postings) can be gated. The
   * variants of one word share a `part` array holding the word's score per doc so far (a doc scores its
   * best variant, never their sum).
   */
  private units(slots: Slot[], split: boolean): Unit[] {
    const units: Unit[] = [];
    for (const slot of slots) {
      if (slot.kind === 'term' && split && slot.variants.length > 1) {
        const part = this.part();
        for (const v of slot.variants) {
          const one: TermSlot = { ...slot, variants: [v] };
          units.push({ slot, variants: [v], part, bound: this.upperBound(one), size: this.postings(one) });
        }
      } else {
        const variants = slot.kind === 'term' ? slot.variants : [];
        units.push({ slot, variants, bound: this.upperBound(slot), size: this.postings(slot) });
      }
    }
    return units;
  }

  private part(): Float32Array {
    const i = this.partsUsed++;
    if (this.parts.length <= i) this.parts.push(new Float32Array(this.acc.length));
    return this.parts[i]!;
  }

  /** One variant of a split word: raises the doc's score for the word to this variant's where better. */
  private scorePiece(slot: TermSlot, variants: Variant[], part: Float32Array, gated: boolean): void {
    const slotAcc = this.slotAcc;
    const list = this.bestOfVariants(slot, variants, gated);
    const acc = this.acc;
    const touched = this.touched;
    for (let i = 0; i < list.length; i++) {
      const d = list[i]!;
      const s = slotAcc[d]!;
      slotAcc[d] = 0;
      const old = part[d]!;
      if (s <= old) continue;
      const prev = acc[d]!;
      if (prev === 0) touched.push(d);
      acc[d] = prev + (s - old);
      part[d] = s;
    }
  }

  /** Scores a unit by walking its postings (gated: only docs already in the accumulator). */
  private scoreWalking(unit: Unit, gated: boolean): void {
    const { slot, variants, part } = unit;
    if (slot.kind === 'group') this.scoreGroupSlot(slot, gated);
    else if (part) this.scorePiece(slot, variants, part, gated);
    else if (variants.length === 1 && !slot.required && !variants[0]!.group) {
      const v = variants[0]!;
      this.scoreTerm(v.term, slot.weight * v.weight, this.acc, this.touched, gated, false);
    } else this.scoreMaxSlot(slot, gated);
  }

  /**
   * The surviving docs that can still reach the top k once `remaining` more is added at most. The k best
   * of all are among them (scores only grow), so their k-th best score is a floor for the final one.
   */
  private narrow(alive: Uint32Array, k: number, remaining: number): Uint32Array {
    if (alive.length <= k) return alive;
    const acc = this.acc;
    const heap = new TopK(k);
    let floor = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < alive.length; i++) {
      const score = acc[alive[i]!]!;
      if (score <= floor) continue;
      heap.push(alive[i]!, score);
      floor = heap.floor();
    }
    const min = floor - remaining * (1 + 1e-5);
    let m = 0;
    for (let i = 0; i < alive.length; i++) {
      const d = alive[i]!;
      if (acc[d]! >= min) alive[m++] = d;
    }
    return alive.subarray(0, m);
  }

  /** The allowed docs in the accumulator scoring at least `min` so far, in doc order. */
  private survivors(min: number, filters: Filters, maskLevel: number, filtered: boolean): Uint32Array {
    const docs = this.touched.view();
    const acc = this.acc;
    const deleted = this.index.deleted;
    const out = new Uint32Array(docs.length);
    let m = 0;
    for (let i = 0; i < docs.length; i++) {
      const d = docs[i]!;
      if (acc[d]! < min || deleted[d] === 1) continue;
      if (filtered && !this.allowed(d, filters, maskLevel)) continue;
      out[m++] = d;
    }
    return out.subarray(0, m).sort();
  }

  /** Scores a gated unit for the surviving docs only, looking each up in the postings. */
  private scoreAlive(unit: Unit, docs: Uint32Array): void {
    const m = docs.length;
    const acc = this.acc;
    const slot = unit.slot;
    if (slot.kind === 'group') {
      const score = new Float32Array(m);
      const have = new Uint8Array(m);
      for (const t of slot.terms) this.gather(t, slot.weight / slot.terms.length, docs, score, have);
      const unless = new Uint8Array(m);
      for (const t of slot.unless) this.gather(t, 0, docs, undefined, unless);
      const need = slot.terms.length;
      const all = slot.unless.length > 0 ? slot.unless.length : 256;
      for (let j = 0; j < m; j++) {
        if (have[j] === need && unless[j]! < all) acc[docs[j]!] = acc[docs[j]!]! + score[j]!;
      }
      return;
    }
    const best = new Float32Array(m);
    const score = new Float32Array(m);
    const have = new Uint8Array(m);
    for (const v of unit.variants) {
      const terms = v.group ?? [v.term];
      score.fill(0);
      have.fill(0);
      for (const t of terms) this.gather(t, (slot.weight * v.weight) / terms.length, docs, score, have);
      for (let j = 0; j < m; j++) if (have[j] === terms.length && score[j]! > best[j]!) best[j] = score[j]!;
    }
    const part = unit.part;
    for (let j = 0; j < m; j++) {
      const s = best[j]!;
      if (s === 0) continue;
      const d = docs[j]!;
      if (part) {
        const old = part[d]!;
        if (s <= old) continue;
        acc[d] = acc[d]! + (s - old);
        part[d] = s;
      } else acc[d] = acc[d]! + s;
    }
  }

  /** For each of the sorted docs in the term's postings: have[j] += 1 and score[j] += weight·BM25F. */
  private gather(
    term: number,
    weight: number,
    docs: Uint32Array,
    score: Float32Array | undefined,
    have: Uint8Array,
  ): void {
    const k1 = this.params.k1;
    const w = weight * this.idf(term) * (k1 + 1);
    const mult = this.mult;
    for (const seg of this.index.segments) {
      if (term + 1 >= seg.offsets.length) continue;
      const postings = seg.docs;
      const tfs = seg.tfs;
      const hi = seg.offsets[term + 1]!;
      let p = seg.offsets[term]!;
      for (let j = 0; j < docs.length && p < hi; j++) {
        const d = docs[j]!;
        if (postings[p]! < d) p = seek(postings, p, hi, d);
        if (p >= hi) break;
        if (postings[p] !== d) continue;
        have[j] = have[j]! + 1;
        if (!score) continue;
        const tf = fieldTf(tfs[p]!, mult, d);
        score[j] = score[j]! + (w * tf) / (k1 + tf);
      }
    }
  }

  /**
   * Marks in `bits` the docs a gated unit matches, for the total. An acronym found for a typed expansion
   * counts its docs whole: those that also have every typed word match those words' own slots anyway.
   */
  private markUnit(unit: Unit): void {
    this.bitsUsed = true;
    const slot = unit.slot;
    if (slot.kind === 'group') this.markAll(slot.terms);
    else for (const v of unit.variants) this.markAll(v.group ?? [v.term]);
  }

  /** Sets in `bits` the docs that contain every one of `terms`. */
  private markAll(terms: number[]): void {
    const bits = this.bits;
    if (terms.length === 1) {
      this.markTerm(terms[0]!, bits);
      return;
    }
    const words = (this.index.docCount >> 5) + 1;
    const both = new Int32Array(words);
    const one = new Int32Array(words);
    this.markTerm(terms[0]!, both);
    for (let t = 1; t < terms.length; t++) {
      one.fill(0);
      this.markTerm(terms[t]!, one);
      for (let i = 0; i < words; i++) both[i] = both[i]! & one[i]!;
    }
    for (let i = 0; i < words; i++) bits[i] = bits[i]! | both[i]!;
  }

  private markTerm(term: number, bits: Int32Array): void {
    for (const seg of this.index.segments) {
      if (term + 1 >= seg.offsets.length) continue;
      const docs = seg.docs;
      const end = seg.offsets[term + 1]!;
      for (let i = seg.offsets[term]!; i < end; i++) {
        const d = docs[i]!;
        bits[d >> 5] = bits[d >> 5]! | (1 << (d & 31));
      }
    }
  }

  /** How many allowed docs the gated units matched beyond those in the accumulator; clears the bitmap. */
  private countMarked(inAcc: Uint32Array, filters: Filters, maskLevel: number, filtered: boolean): number {
    const bits = this.bits;
    for (let i = 0; i < inAcc.length; i++) {
      const d = inAcc[i]!;
      bits[d >> 5] = bits[d >> 5]! & ~(1 << (d & 31));
    }
    const words = (this.index.docCount >> 5) + 1;
    const deleted = this.index.deleted;
    const exact = !filtered && this.index.liveCount === this.index.docCount;
    let n = 0;
    for (let i = 0; i < words; i++) {
      let x = bits[i]!;
      if (x === 0) continue;
      bits[i] = 0;
      if (exact) {
        x -= (x >>> 1) & 0x55555555;
        x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
        n += (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
        continue;
      }
      while (x !== 0) {
        const low = x & -x;
        const d = (i << 5) + (31 - Math.clz32(low));
        x ^= low;
        if (deleted[d] !== 1 && (!filtered || this.allowed(d, filters, maskLevel))) n++;
      }
    }
    this.bitsUsed = false;
    return n;
  }

  /** The k-th best score among allowed docs in the accumulator (scores only grow, so a lower bound). */
  private kthScore(k: number, filters: Filters, maskLevel: number, filtered: boolean): number {
    const docs = this.touched.view();
    const acc = this.acc;
    const deleted = this.index.deleted;
    const heap = new TopK(k);
    let floor = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < docs.length; i++) {
      const d = docs[i]!;
      const score = acc[d]!;
      if (score <= floor || deleted[d] === 1) continue;
      if (filtered && !this.allowed(d, filters, maskLevel)) continue;
      heap.push(d, score);
      floor = heap.floor();
    }
    return floor;
  }

  /** The most a slot can add to a doc's score: BM25F saturates below weight·idf·(k1 + 1). */
  private upperBound(slot: Slot): number {
    const k1 = this.params.k1;
    if (slot.kind === 'group') {
      let idf = 0;
      for (const t of slot.terms) idf += this.idf(t);
      return (slot.weight * idf * (k1 + 1)) / Math.max(1, slot.terms.length);
    }
    let best = 0;
    for (const v of slot.variants) best = Math.max(best, v.weight * this.variantIdf(v));
    return slot.weight * best * (k1 + 1);
  }

  /** How many postings scoring the slot reads. */
  private postings(slot: Slot): number {
    const df = this.index.df;
    let n = 0;
    if (slot.kind === 'group') for (const t of slot.terms) n += df[t] ?? 0;
    else for (const v of slot.variants) for (const t of v.group ?? [v.term]) n += df[t] ?? 0;
    return n;
  }

  /** Per doc, the best score of any of the slot's variants, in slotAcc; returns the docs scored. */
  private bestOfVariants(slot: TermSlot, variants: Variant[], gated: boolean): Uint32Array {
    const slotAcc = this.slotAcc;
    const st = this.slotTouched;
    st.length = 0;
    for (const v of variants) {
      if (v.group) this.maxGroup(v.group, slot.weight * v.weight, slotAcc, st, gated);
      else this.scoreTerm(v.term, slot.weight * v.weight, slotAcc, st, gated, true);
    }
    return st.view();
  }

  private scoreMaxSlot(slot: TermSlot, gated: boolean): void {
    const slotAcc = this.slotAcc;
    const list = this.bestOfVariants(slot, slot.variants, gated);
    const acc = this.acc;
    const touched = this.touched;
    for (let i = 0; i < list.length; i++) {
      const d = list[i]!;
      const prev = acc[d]!;
      if (prev === 0) touched.push(d);
      acc[d] = prev + slotAcc[d]!;
      slotAcc[d] = 0;
      if (slot.required) this.req[d]!++;
    }
  }

  private scoreGroupSlot(slot: GroupSlot, gated: boolean): void {
    const slotAcc = this.slotAcc;
    const st = this.slotTouched;
    st.length = 0;
    const counts = this.groupCount;
    // The average over the expansion's words: three words of an expansion must not outweigh the one typed.
    this.countTerms(slot.terms, slot.weight / slot.terms.length, slotAcc, counts, st, gated);
    const need = slot.terms.length;
    // Papers that have every `unless` term already matched what was typed: marked 16 per term.
    if (slot.unless.length > 0) {
      const list = st.view();
      const cand = this.candidateBuffer(list.length);
      let m = 0;
      let sorted = true;
      for (let i = 0; i < list.length; i++) {
        const d = list[i]!;
        if ((counts[d]! & 15) !== need) continue;
        if (m > 0 && cand[m - 1]! > d) sorted = false;
        cand[m++] = d;
      }
      const some = cand.subarray(0, m);
      if (!sorted) some.sort();
      for (const term of slot.unless) {
        for (const seg of this.index.segments) {
          if (term + 1 >= seg.offsets.length) continue;
          addWherePresent(some, seg.docs, seg.offsets[term]!, seg.offsets[term + 1]!, counts, 16);
        }
      }
    }
    const unlessAll = slot.unless.length > 0 ? slot.unless.length * 16 : 256;
    const acc = this.acc;
    const touched = this.touched;
    const list = st.view();
    for (let i = 0; i < list.length; i++) {
      const d = list[i]!;
      const c = counts[d]!;
      if ((c & 15) === need && (c & ~15) < unlessAll) {
        const prev = acc[d]!;
        if (prev !== 0) acc[d] = prev + slotAcc[d]!;
        else if (!gated) {
          touched.push(d);
          acc[d] = slotAcc[d]!;
        }
      }
      slotAcc[d] = 0;
      counts[d] = 0;
    }
  }

  private candidateBuffer(n: number): Uint32Array {
    if (this.cand.length < n) this.cand = new Uint32Array(Math.max(n, this.cand.length * 2));
    return this.cand;
  }

  /**
   * Keeps candidates whose text has each quoted phrase (and no excluded phrase), checked best first. A
   * common phrase can have tens of thousands of candidates: once the page is full and enough have been
   * checked, the total is estimated from the share that passed.
   */
  private verifyPhrases(
    plan: Plan,
    candidates: { docs: Uint32Array; scores: Float64Array; size: number },
    k: number,
  ): Ranked {
    const queue = new BestFirst(candidates.docs, candidates.scores, candidates.size);
    const count = candidates.size;
    const outDocs: number[] = [];
    const outScores: number[] = [];
    let checked = 0;
    while (queue.size > 0 && checked < PHRASE_CANDIDATES) {
      if (outDocs.length >= k && checked >= PHRASE_MIN_CHECKED) break;
      const score = queue.topScore();
      const doc = queue.pop();
      checked++;
      const paper = this.store.get(doc);
      if (!paper) continue;
      const text = fold(
        `${paper.title}\n${paper.abstract}\n${(paper.keywords ?? []).join(', ')}\n${venueText(paper)}`,
      );
      if (!plan.phrases.every((re) => re.test(text))) continue;
      if (plan.excludedPhrases.some((re) => re.test(text))) continue;
      outDocs.push(doc);
      outScores.push(score);
    }
    const exact = checked === count;
    const total = exact ? outDocs.length : Math.round((outDocs.length / Math.max(1, checked)) * count);
    return { docs: outDocs.slice(0, k), scores: outScores.slice(0, k), total, approximate: !exact };
  }

  private maxScore(slots: Slot[]): number {
    const k1 = this.params.k1;
    let total = 0;
    for (const s of slots) {
      if (s.kind === 'term') {
        if (s.label === '') continue;
        const best = Math.max(0, ...s.variants.map((v) => v.weight * this.variantIdf(v)));
        total += s.weight * best * (k1 + 1);
      }
    }
    return total;
  }

  /** The words (as typed, or the correction, completion or expansion used) that this doc matched. */
  private matched(doc: number, plan: Plan): string[] {
    const out: string[] = [];
    for (const s of plan.slots) {
      if (s.kind === 'term') {
        if (s.label === '') continue;
        const v = s.variants.find((x) =>
          x.group ? x.group.every((t) => this.contains(t, doc)) : this.contains(x.term, doc),
        );
        if (v) out.push(v.label);
      } else if (
        s.terms.every((t) => this.contains(t, doc)) &&
        !(s.unless.length > 0 && s.unless.every((t) => this.contains(t, doc)))
      ) {
        out.push(s.label);
      }
    }
    out.push(...plan.phraseLabels);
    return [...new Set(out)];
  }
}

/** Where a paper appeared, as its source says: the journal reference and the authors' comment. */
export function venueText(p: Paper): string {
  return [p.journalRef, p.comment].filter(Boolean).join('\n');
}

export function docText(p: Paper) {
  const venue = venueText(p);
  return {
    title: p.title,
    // The venue is searched with the abstract ("ISSTA", "NeurIPS 2025 spotlight").
    abstract: venue ? `${p.abstract}\n${venue}` : p.abstract,
    authors: (p.authors ?? []).join(', '),
    keywords: (p.keywords ?? []).join(', '),
  };
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

function filtersActive(f: Filters): boolean {
  return (
    f.code !== undefined ||
    f.after !== undefined ||
    f.before !== undefined ||
    f.authors.length > 0 ||
    f.categories.length > 0 ||
    (f.venues?.length ?? 0) > 0
  );
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
}

function joinNotices(notices: string[]): string | undefined {
  const unique = [...new Set(notices.filter(Boolean))];
  return unique.length > 0 ? unique.join('; ') : undefined;
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

/** The k newest (then best ranked) docs, without sorting all of them. */
function partialTop(docs: number[], k: number, dates: Uint32Array, rankOf: (d: number) => number): number[] {
  const heap = new TopK(k);
  for (const d of docs) heap.push(d, dates[d]! * 1e7 - rankOf(d));
  return heap.sorted().docs;
}

/** A bounded min-heap keeping the k best (score desc, then doc asc). */
export class TopK {
  private docs: number[] = [];
  private scores: number[] = [];
  constructor(private readonly k: number) {}

  private worse(i: number, j: number): boolean {
    const si = this.scores[i]!;
    const sj = this.scores[j]!;
    return si < sj || (si === sj && this.docs[i]! > this.docs[j]!);
  }

  private swap(i: number, j: number): void {
    const d = this.docs[i]!;
    this.docs[i] = this.docs[j]!;
    this.docs[j] = d;
    const s = this.scores[i]!;
    this.scores[i] = this.scores[j]!;
    this.scores[j] = s;
  }

  /** The score a doc needs to enter (once full; before that, anything enters). */
  floor(): number {
    return this.docs.length < this.k ? Number.NEGATIVE_INFINITY : this.scores[0]!;
  }

  push(doc: number, score: number): void {
    if (this.k <= 0) return;
    if (this.docs.length < this.k) {
      this.docs.push(doc);
      this.scores.push(score);
      let i = this.docs.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!this.worse(i, p)) break;
        this.swap(i, p);
        i = p;
      }
      return;
    }
    const rootScore = this.scores[0]!;
    if (score < rootScore || (score === rootScore && doc > this.docs[0]!)) return;
    this.docs[0] = doc;
    this.scores[0] = score;
    let i = 0;
    const n = this.docs.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.worse(l, m)) m = l;
      if (r < n && this.worse(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }

  sorted(): { docs: number[]; scores: number[] } {
    const order = this.docs.map((_, i) => i);
    order.sort((a, b) => this.scores[b]! - this.scores[a]! || this.docs[a]! - this.docs[b]!);
    return { docs: order.map((i) => this.docs[i]!), scores: order.map((i) => this.scores[i]!) };
  }
}

/** Candidates taken best first: a max-heap built in linear time, popped as needed. */
class BestFirst {
  private docs: Uint32Array;
  private scores: Float64Array;
  size: number;

  /** Takes over the arrays (their first `size` entries). */
  constructor(docs: Uint32Array, scores: Float64Array, size: number) {
    this.docs = docs;
    this.scores = scores;
    this.size = size;
    for (let i = (this.size >> 1) - 1; i >= 0; i--) this.down(i);
  }

  topScore(): number {
    return this.scores[0]!;
  }

  pop(): number {
    const doc = this.docs[0]!;
    this.size--;
    this.docs[0] = this.docs[this.size]!;
    this.scores[0] = this.scores[this.size]!;
    this.down(0);
    return doc;
  }

  /** Better: higher score, then lower doc number (catalog order). */
  private better(i: number, j: number): boolean {
    const a = this.scores[i]!;
    const b = this.scores[j]!;
    return a > b || (a === b && this.docs[i]! < this.docs[j]!);
  }

  private down(start: number): void {
    let i = start;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < this.size && this.better(l, m)) m = l;
      if (r < this.size && this.better(r, m)) m = r;
      if (m === i) return;
      const d = this.docs[i]!;
      this.docs[i] = this.docs[m]!;
      this.docs[m] = d;
      const s = this.scores[i]!;
      this.scores[i] = this.scores[m]!;
      this.scores[m] = s;
      i = m;
    }
  }
}

/** The first index in the sorted postings [p, hi) holding a doc >= d, given postings[p] < d (galloping). */
function seek(postings: Uint32Array, from: number, hi: number, d: number): number {
  let p = from;
  let step = 1;
  let q = p + 1;
  while (q < hi && postings[q]! < d) {
    p = q;
    step *= 2;
    q = p + step;
  }
  let a = p + 1;
  let b = Math.min(q, hi);
  while (a < b) {
    const mid = (a + b) >>> 1;
    if (postings[mid]! < d) a = mid + 1;
    else b = mid;
  }
  return a;
}

/** counts[d] += add for each doc of the sorted `docs` that also occurs in the sorted postings [lo, hi). */
function addWherePresent(
  docs: Uint32Array,
  postings: Uint32Array,
  lo: number,
  hi: number,
  counts: Uint8Array,
  add: number,
): void {
  let p = lo;
  for (let i = 0; i < docs.length && p < hi; i++) {
    const d = docs[i]!;
    if (postings[p]! < d) p = seek(postings, p, hi, d);
    if (p >= hi) break;
    if (postings[p] === d) counts[d] = counts[d]! + add;
  }
}
