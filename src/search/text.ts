// Text analysis shared by indexing and queries: folding, tokenising (with hyphenated compounds) and stemming.

import { STOP_WORDS } from '../text/stop-words.js';
import { porterStem } from './stem.js';

/** Read once: the analyzer's hot loop tests it per token. */
const SEARCH_STOP_WORDS = STOP_WORDS.search;
const NON_ASCII = /[^\x00-\x7f]/;
const MARKS = /\p{M}+/gu;
const DIGIT = /\d/;

export const MIN_TOKEN = 2;
export const MAX_TOKEN = 40;

/** Lowercase without accents: "Naïve Bayes" → "naive bayes". Fast path for ASCII text. */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  if (!NON_ASCII.test(lower)) return lower;
  return lower.normalize('NFKD').replace(MARKS, '').replace(/ß/g, 'ss');
}

/**
 * Receives each token as a slice of a string, with two independent 32-bit hashes of its characters (a
 * 64-bit fingerprint), so known words are found without making a string. A `joined` token is the slice
 * with its hyphens removed ("pre-trained" → pretrained).
 */
export type TokenSink = (
  source: string,
  start: number,
  end: number,
  h1: number,
  h2: number,
  joined: boolean,
) => void;

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** The fingerprint the scanner computes: FNV-1a and a polynomial hash over the UTF-16 code units. */
export function fingerprint(s: string): [number, number] {
  let h1 = FNV_OFFSET;
  let h2 = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, FNV_PRIME);
    h2 = (Math.imul(h2, 31) + c) | 0;
  }
  return [h1, h2];
}

/** The text of a token the scanner reported. */
export function tokenText(source: string, start: number, end: number, joined: boolean): string {
  const slice = start === 0 && end === source.length ? source : source.slice(start, end);
  return joined ? slice.replace(HYPHEN_CHARS, '') : slice;
}

const HYPHEN_CHARS = /[-\u2010\u2011]/g;

/** Character classes beyond ASCII, filled lazily: 1 letter or digit, 2 anything else. */
const CLASS = new Uint8Array(65536);
const LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;

function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
  let k = CLASS[c]!;
  if (k === 0) {
    k = c >= 0xd800 && c <= 0xdfff ? 2 : LETTER_OR_DIGIT.test(String.fromCharCode(c)) ? 1 : 2;
    CLASS[c] = k;
  }
  return k === 1;
}

function isHyphen(c: number): boolean {
  return c === 45 || c === 0x2010 || c === 0x2011;
}

/**
 * Scans folded words, hashing as it reads. A hyphenated compound of two or three parts also yields the
 * parts joined ("pre-trained" → pre, trained, pretrained; "K-FAC" → fac, kfac) so either spelling finds
 * the other.
 */
export function scanTokens(text: string, sink: TokenSink): void {
  const folded = fold(text);
  const n = folded.length;
  let i = 0;
  while (i < n) {
    let c = folded.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 128 && isWordChar(c)))) {
      i++;
      continue;
    }
    const start = i;
    let partStart = i;
    let p1 = FNV_OFFSET;
    let p2 = 0;
    let w1 = FNV_OFFSET;
    let w2 = 0;
    let parts = 0;
    let letters = false;
    while (i < n) {
      c = folded.charCodeAt(i);
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 128 && isWordChar(c))) {
        if (c > 57) letters = true;
        p1 = Math.imul(p1 ^ c, FNV_PRIME);
        p2 = (Math.imul(p2, 31) + c) | 0;
        w1 = Math.imul(w1 ^ c, FNV_PRIME);
        w2 = (Math.imul(w2, 31) + c) | 0;
        i++;
        continue;
      }
      if (isHyphen(c) && i + 1 < n && isWordChar(folded.charCodeAt(i + 1))) {
        const len = i - partStart;
        if (len >= MIN_TOKEN && len <= MAX_TOKEN) sink(folded, partStart, i, p1, p2, false);
        parts++;
        i++;
        partStart = i;
        p1 = FNV_OFFSET;
        p2 = 0;
        continue;
      }
      break;
    }
    const len = i - partStart;
    if (len >= MIN_TOKEN && len <= MAX_TOKEN) sink(folded, partStart, i, p1, p2, false);
    // Number ranges ("5-6") are not compounds.
    if (parts > 0 && parts <= 2 && letters && i - start - parts <= MAX_TOKEN)
      sink(folded, start, i, w1, w2, true);
  }
}

/** Calls `emit` with each folded word (see scanTokens). */
export function forEachToken(text: string, emit: (token: string) => void): void {
  scanTokens(text, (source, start, end, _h1, _h2, joined) => emit(tokenText(source, start, end, joined)));
}

export function tokens(text: string): string[] {
  const out: string[] = [];
  forEachToken(text, (t) => out.push(t));
  return out;
}

export function isStopWord(token: string): boolean {
  return SEARCH_STOP_WORDS.has(token);
}

/** A caching surface-word → index-term mapper (stop words → null). Bounded so hostile input cannot grow it. */
export class Analyzer {
  private cache = new Map<string, string | null>();
  constructor(private readonly limit = 1_000_000) {}

  term(token: string): string | null {
    let term = this.cache.get(token);
    if (term !== undefined) return term;
    term = SEARCH_STOP_WORDS.has(token) ? null : DIGIT.test(token) ? token : porterStem(token);
    if (this.cache.size >= this.limit) this.cache.clear();
    this.cache.set(token, term);
    return term;
  }

  /** Like term(), without the cache: the index looks each new word up once and keeps the answer itself. */
  termOnce(token: string): string | null {
    return SEARCH_STOP_WORDS.has(token) ? null : DIGIT.test(token) ? token : porterStem(token);
  }

  /** The index term even for a stop word (quoted phrases and all-stop-word queries need them). */
  stem(token: string): string {
    return DIGIT.test(token) ? token : porterStem(token);
  }
}
