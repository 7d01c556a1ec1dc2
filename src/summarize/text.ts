// Text plumbing for the summariser: cleaning abstracts (LaTeX, citations, hard wraps), sentences and words.
import { normalizeText } from '../catalog/normalize.js';

/** Abstracts longer than this are cut (at a sentence end) before summarising, so a 50 kB paste stays fast. */
export const MAX_INPUT_CHARS = 12_000;
/** Sentences considered per abstract: real abstracts have 3–15. */
export const MAX_SENTENCES = 40;

/**
 * Text the catalog's normaliser has work on: TeX commands, math, groups, ties, TeX quotes, a stray closing brace
 * ("Decorator (IFDecorator}, a framework", arXiv 2508.04632) and a bare superscript ("S^2-Guidance" reads
 * "S²-Guidance", arXiv 2508.12880).
 */
export const TEXISH = /[\\$`{}^~]|''/;

/**
 * Whether TEXISH matches, asked of each character on its own: `includes` finds a character several times faster
 * than a regex scans for a class of them.
 */
export function texish(text: string): boolean {
  return (
    text.includes('\\') ||
    text.includes('$') ||
    text.includes('`') ||
    text.includes('{') ||
    text.includes('}') ||
    text.includes('^') ||
    text.includes('~') ||
    text.includes("''")
  );
}
export const CITATION =
  /\s*(?:\[(?:\d+(?:\s*[-–,]\s*\d+)*)\]|\((?:[A-Z][\p{L}'-]+(?: et al\.?| and [A-Z][\p{L}'-]+)?,? (?:19|20)\d\d[a-z]?(?:;\s*)?)+\))/gu;

/**
 * What every citation holds: "[1", or "(Smith" and a year before the bracket closes. "(A" alone opens most
 * acronyms ("(GAN)"), and CITATION, which tries every space, then ran on nearly every abstract for nothing.
 */
export const CITATION_START = /\[\d|\([A-Z][^()]*(?:19|20)\d\d/;
const INVISIBLE = /[\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060\ufeff]/;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'g');

/**
 * "(IFDecorator}": a bracketed remark with no brace in it that a brace closes, not one where a stray brace comes
 * before the bracket's own close ("(Velocity-Space 3D Asset editing})", arXiv 2605.07385).
 */
const STRAY_BRACE_CLOSE = /\(([^(){}\\$]{1,80})\}(?!\s*\))/g;

const MISSING_COMMA_SPACE = /[a-z],[A-Za-z]/;
const COMMA_BETWEEN_WORDS = /(\p{Ll}{2}),(?=\p{L}{2})/gu;

/** Makes an abstract readable: joins hard wraps, unwraps LaTeX, drops citations, normalises spaces. */
export function cleanText(raw: string): string {
  let text = raw.length > MAX_INPUT_CHARS * 2 ? raw.slice(0, MAX_INPUT_CHARS * 2) : raw;
  if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
  // A blank line ends a paragraph; a single newline is arXiv's hard wrap.
  if (text.includes('\n'))
    text = text.replace(/([^.!?:\s])[ \t]*\n[ \t]*\n\s*/g, '$1. ').replace(/\s*\n\s*/g, ' ');
  // Each pass runs only when its trigger character is there: most abstracts need none of them.
  // A pasted run of TeX quotes (```` or '''') is one quote mark, not a wall of them.
  if (text.includes('````') || text.includes("''''")) text = text.replace(/(?:``|''){2,}`?/g, '"');
  // TeX, TeX quotes, ties and invisible characters: the catalog's normaliser, so a summary reads like the card.
  // "Decorator (IFDecorator}, a framework" (arXiv 2508.04632): a brace typed for the bracket that opened the remark
  // closes it; the normaliser drops a stray brace and would leave the "(" open in the TL;DR.
  if (text.includes('}')) text = text.replace(STRAY_BRACE_CLOSE, '($1)');
  if (texish(text)) text = normalizeText(text);
  if (text.includes('`') || text.includes("''")) text = text.replace(/(?:``|'')+`?/g, '"');
  if (text.includes('""')) text = text.replace(/"{2,}/g, '"');
  if (CITATION_START.test(text)) text = text.replace(CITATION, '');
  if (INVISIBLE.test(text)) text = text.replace(INVISIBLE_ALL, '');
  // "In this work,we propose" (SciTLDR rJl_7mtULB): a comma typed without its space between two words. Letters on
  // both sides only, so "f(x,y)", "2,6-" and "1,000" keep theirs.
  if (MISSING_COMMA_SPACE.test(text)) text = text.replace(COMMA_BETWEEN_WORDS, '$1, ');
  // Only runs that are not already one plain space: rewriting every space cost more than the rest of cleaning.
  text = text.replace(/\s\s+|[^\S ]/g, ' ').replace(/\s+([,.;:!?])/g, '$1');
  return text.trim();
}

/** Words before a full stop that do not end a sentence. */
export const ABBREVIATIONS = new Set([
  'e.g',
  'i.e',
  'al',
  'etc',
  'vs',
  'cf',
  'fig',
  'figs',
  'eq',
  'eqs',
  'sec',
  'secs',
  'tab',
  'no',
  'nos',
  'resp',
  'approx',
  'dr',
  'prof',
  'mr',
  'ms',
  'st',
  'ref',
  'refs',
  'viz',
  'ca',
  'incl',
  'esp',
  'ch',
  'vol',
  'pp',
  'thm',
  'def',
  'lem',
  'prop',
  'alg',
  'u.s',
  'w.r.t',
  'a.k.a',
  'et',
  'ibid',
]);

/*
 * The loops below read `String.prototype.charCodeAt.call(text, i)` rather than `text.charCodeAt(i)`, and slice and
 * lower-case words the same way: `text.charCodeAt` looks the method up on the string, strings come in many internal
 * shapes (sliced, joined, two-byte, …), and in these loops that lookup went megamorphic and cost more than reading
 * the character. Through String.prototype the method is a constant the compiler inlines.
 */

/** What may end a sentence: . ! ? and 。！？ */
const STOPS = /[.!?\u3002\uff01\uff1f]/g;

/** Splits cleaned text into sentences on . ! ? (and their CJK forms), minding abbreviations and decimals. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  // Counted here rather than read from out.length on every character: that read too went megamorphic.
  let count = 0;
  let start = 0;
  const n = text.length;
  for (let i = 0; i < n && count < MAX_SENTENCES; i++) {
    // The next stop, found by the regex engine: stepping through every character here cost more than the rest.
    STOPS.lastIndex = i;
    if (!STOPS.test(text)) break;
    i = STOPS.lastIndex - 1;
    const c = String.prototype.charCodeAt.call(text, i);
    // 。！？ end a sentence with or without a following space.
    if (c === 0x3002 || c === 0xff01 || c === 0xff1f) {
      count = push(out, text.slice(start, i + 1));
      start = i + 1;
      continue;
    }
    if (c !== 46 && c !== 33 && c !== 63) continue; // . ! ?
    let j = i + 1;
    while (j < n && /["')\]”’]/.test(text[j] as string)) j++;
    if (j < n && text.charCodeAt(j) !== 32) {
      // "…in real-world deployments.Unlike general…": a lost space, when a lower-case word ends the sentence and
      // a capitalised word starts the next (not "Node.JS", "arXiv.Org" or "e.g.The").
      if (j === i + 1 && c === 46 && missingSpace(text, start, i)) {
        count = push(out, text.slice(start, j));
        start = j;
      }
      continue;
    }
    let k = j;
    while (k < n && String.prototype.charCodeAt.call(text, k) === 32) k++;
    if (k >= n) break;
    const next = text[k] as string;
    if (!/[\p{Lu}\p{Lo}\d"“'([]/u.test(next)) continue;
    if (c === 46 && abbreviationBefore(text, start, i)) continue;
    count = push(out, text.slice(start, j));
    start = k;
    i = k - 1;
  }
  if (start < n && count < MAX_SENTENCES) push(out, text.slice(start));
  return out;
}

/** Whether the full stop at i closes an abbreviation ("e.g", "al") or an initial ("J."), not a sentence. */
function abbreviationBefore(text: string, start: number, i: number): boolean {
  const before = /([\p{L}.]+)$/u.exec(text.slice(Math.max(start, i - 12), i))?.[1];
  return before !== undefined && (ABBREVIATIONS.has(before.toLowerCase()) || /^\p{Lu}$/u.test(before));
}

/** Whether the full stop at i ends a sentence whose next one follows without a space ("models.We show"). */
function missingSpace(text: string, start: number, i: number): boolean {
  const after = text.charCodeAt(i + 1);
  const then = text.charCodeAt(i + 2);
  if (!(after >= 65 && after <= 90 && then >= 97 && then <= 122)) return false;
  for (let b = i - 3; b < i; b++) {
    const ch = text.charCodeAt(b);
    if (b < 0 || ch < 97 || ch > 122) return false;
  }
  return !abbreviationBefore(text, start, i);
}

/** Adds a sentence unless it is blank; returns how many there are. */
function push(out: string[], sentence: string): number {
  const s = sentence.trim();
  if (s.length > 0) out.push(s);
  return out.length;
}

const WORD = /[\p{L}\p{N}]+/gu;
const LETTER = /^[\p{L}\p{N}]/u;

/**
 * Per UTF-16 code unit of the Basic Multilingual Plane: 1 when it is a letter or digit. Built on first use (~2 ms):
 * tokenising is the summariser's innermost loop, and a table lookup is what a Unicode regex costs per character.
 */
let bmpWord: Uint8Array | undefined;

function wordTable(): Uint8Array {
  if (bmpWord) return bmpWord;
  const table = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    // Surrogates are decided in pairs, by wordUnits.
    if (c >= 0xd800 && c <= 0xdfff) continue;
    if (c < 128) table[c] = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : 0;
    else table[c] = LETTER.test(String.fromCharCode(c)) ? 1 : 0;
  }
  bmpWord = table;
  return table;
}

/** Code units of the character at i when it is a letter or digit, 0 otherwise. */
function wordUnits(table: Uint8Array, text: string, i: number, c: number): number {
  if (c >= 0xd800 && c <= 0xdbff) return LETTER.test(text.slice(i, i + 2)) ? 2 : 0;
  return table[c] as number;
}

/**
 * Lower-cased letter/digit runs: the units the summariser's features count. The same as
 * `text.toLowerCase().match(/[\p{L}\p{N}]+/gu)`, scanned by character code: summarising tokenises every sentence
 * and candidate, and the regex was the cost.
 */
export function words(text: string): string[] {
  const out: string[] = [];
  const n = text.length;
  const table = wordTable();
  let start = -1;
  let plain = true;
  for (let i = 0; i < n; i++) {
    const c = String.prototype.charCodeAt.call(text, i);
    const units = wordUnits(table, text, i, c);
    if (units > 0) {
      if (start < 0) {
        start = i;
        plain = true;
      }
      if (c >= 128 || (c >= 65 && c <= 90)) plain = false;
      if (units === 2) i++;
    } else if (start >= 0) {
      pushWord(out, String.prototype.slice.call(text, start, i), plain);
      start = -1;
    }
  }
  if (start >= 0) pushWord(out, text.slice(start), plain);
  return out;
}

/**
 * The TL;DR model's words: each letter/digit run lower-cased on its own, and in `capitals` its count of ASCII
 * capitals (-1 when it has non-ASCII letters): one scan instead of tokenising and then inspecting every word.
 */
export function casedWords(text: string, capitals: number[], hashes?: number[]): string[] {
  const out: string[] = [];
  const n = text.length;
  const table = wordTable();
  let start = -1;
  let upper = 0;
  let h = HASH_OFFSET;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? String.prototype.charCodeAt.call(text, i) : 32;
    const units = i < n ? wordUnits(table, text, i, c) : 0;
    if (units > 0) {
      if (start < 0) {
        start = i;
        upper = 0;
        h = HASH_OFFSET;
      }
      if (c >= 128) upper = -1;
      else if (c >= 65 && c <= 90) {
        if (upper >= 0) upper++;
        h = Math.imul(h ^ (c + 32), HASH_PRIME);
      } else h = Math.imul(h ^ c, HASH_PRIME);
      if (units === 2) i++;
    } else if (start >= 0) {
      const token = text.slice(start, i);
      const word = upper === 0 ? token : String.prototype.toLowerCase.call(token);
      out.push(word);
      capitals.push(upper);
      // Non-ASCII words are hashed from their lower-cased form: lower-casing may change their length.
      if (hashes) hashes.push(upper < 0 ? wordHash(word) : h);
      start = -1;
    }
  }
  return out;
}

const HASH_OFFSET = 0x811c9dc5 | 0;
const HASH_PRIME = 0x01000193;

/**
 * FNV-1a over a word's UTF-16 code units: what casedWords gives per word in `hashes`, computed as it reads them,
 * so the summariser numbers an abstract's words without V8 hashing each new word string again.
 */
export function wordHash(word: string): number {
  return hashOnward(word, HASH_OFFSET);
}

/** wordHash of a longer key continued over `word` from `h`: "we propose" is hashOnward("propose", hashOnward(" ", wordHash("we"))). */
export function hashOnward(word: string, h: number): number {
  let x = h;
  for (let i = 0; i < word.length; i++)
    x = Math.imul(x ^ String.prototype.charCodeAt.call(word, i), HASH_PRIME);
  return x;
}

function pushWord(out: string[], token: string, plain: boolean): void {
  if (plain) {
    out.push(token);
    return;
  }
  const folded = String.prototype.toLowerCase.call(token);
  // Lower-casing can change what counts as a letter (İ → i + a combining dot): re-split as the regex would.
  if (folded.length === token.length) out.push(folded);
  else for (const w of folded.match(WORD) ?? []) out.push(w);
}

/** How many letter/digit runs the text has (as words() would find), without building them; counts stop at `atMost`. */
export function wordCount(text: string, atMost = Number.POSITIVE_INFINITY): number {
  const table = wordTable();
  let n = 0;
  let inWord = false;
  const length = text.length;
  for (let i = 0; i < length && n < atMost; i++) {
    const c = String.prototype.charCodeAt.call(text, i);
    const units = wordUnits(table, text, i, c);
    if (units === 2) i++;
    const isWord = units > 0;
    if (isWord && !inWord) n++;
    inWord = isWord;
  }
  return n;
}

export function capitalize(text: string): string {
  const c = String.prototype.charCodeAt.call(text, 0);
  // Most sentences start with a capital, a digit or a bracket already: nothing to build.
  if (c < 128 && !(c >= 97 && c <= 122)) return text;
  const first = text.codePointAt(0);
  if (first === undefined) return text;
  const ch = String.fromCodePoint(first);
  return ch.toUpperCase() + text.slice(ch.length);
}
