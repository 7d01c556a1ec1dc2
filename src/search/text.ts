// Text analysis shared by indexing and queries: folding, tokenising (with hyphenated compounds) and stemming.
import { porterStem } from './stem.js';
import { STOP_WORDS } from './stopwords.js';

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

/** Receives each token as a slice of a string with its hash, so known words need no new string. */
export type TokenSink = (source: string, start: number, end: number, hash: number) => void;

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** FNV-1a over UTF-16 code units; the scanner computes the same value as it reads. */
export function hashString(s: string, start = 0, end = s.length): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h;
}

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
    let partHash = FNV_OFFSET;
    let wordHash = FNV_OFFSET;
    let parts = 0;
    while (i < n) {
      c = folded.charCodeAt(i);
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 128 && isWordChar(c))) {
        partHash = Math.imul(partHash ^ c, FNV_PRIME);
        wordHash = Math.imul(wordHash ^ c, FNV_PRIME);
        i++;
        continue;
      }
      if (isHyphen(c) && i + 1 < n && isWordChar(folded.charCodeAt(i + 1))) {
        const len = i - partStart;
        if (len >= MIN_TOKEN && len <= MAX_TOKEN) sink(folded, partStart, i, partHash);
        parts++;
        i++;
        partStart = i;
        partHash = FNV_OFFSET;
        continue;
      }
      break;
    }
    const len = i - partStart;
    if (len >= MIN_TOKEN && len <= MAX_TOKEN) sink(folded, partStart, i, partHash);
    if (parts > 0 && parts <= 2) {
      const joined = folded.slice(start, i).replace(/[-\u2010\u2011]/g, '');
      if (joined.length <= MAX_TOKEN) sink(joined, 0, joined.length, wordHash);
    }
  }
}

/** Calls `emit` with each folded word (see scanTokens). */
export function forEachToken(text: string, emit: (token: string) => void): void {
  scanTokens(text, (source, start, end) =>
    emit(start === 0 && end === source.length ? source : source.slice(start, end)),
  );
}

export function tokens(text: string): string[] {
  const out: string[] = [];
  forEachToken(text, (t) => out.push(t));
  return out;
}

export function isStopWord(token: string): boolean {
  return STOP_WORDS.has(token);
}

/** A caching surface-word → index-term mapper (stop words → null). Bounded so hostile input cannot grow it. */
export class Analyzer {
  private cache = new Map<string, string | null>();
  constructor(private readonly limit = 1_000_000) {}

  term(token: string): string | null {
    let term = this.cache.get(token);
    if (term !== undefined) return term;
    term = STOP_WORDS.has(token) ? null : DIGIT.test(token) ? token : porterStem(token);
    if (this.cache.size >= this.limit) this.cache.clear();
    this.cache.set(token, term);
    return term;
  }

  /** The index term even for a stop word (quoted phrases and all-stop-word queries need them). */
  stem(token: string): string {
    return DIGIT.test(token) ? token : porterStem(token);
  }
}
