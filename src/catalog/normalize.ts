// Cleans text from catalogs (TeX, hard wraps, invisible characters, doubled links) and finds the links in it.

import { truncate } from '../text/truncate.js';
import { BARE_NAME, TIE, texToUnicode } from './tex.js';

// Placeholders that keep URLs away from the TeX passes: \uE000 index \uE001.
const URL_OPEN = '\uE000';
const URL_CLOSE = '\uE001';

/** Control characters (not tab or newline): replaced by a space so the words around them stay apart. */
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]+/g;
/**
 * Invisible or dangerous characters, removed: zero-width space, word joiner, BOM, soft hyphen, LRM/RLM,
 * bidi embeddings/overrides/isolates (Trojan-source style), our own placeholder range.
 * ZWNJ and ZWJ are handled apart: they carry meaning in Persian/Indic scripts and in emoji sequences.
 */
const INVISIBLE = /[\u00AD\u200B\u200E\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\uE000-\uE00F]/g;
const JOINERS = /\u200C(?![\p{L}\p{M}])|(?<![\p{L}\p{M}])\u200C|\u200D(?!\p{Extended_Pictographic})/gu;

// What a text contains, found in one pass so clean text (most of a 50,000-paper catalog) stays cheap.
const F_CONTROL = 1;
const F_NEWLINE = 2;
const F_TAB = 4;
const F_INVISIBLE = 8;
const F_JOINER = 16;
const F_TEX = 32;
const F_PAIR = 64; // '' -- or two spaces / a no-break space
const F_URL = 128;
const F_NON_ASCII = 256;

// ASCII character → what it may need: 1 control, 2 newline, 3 tab, 4 TeX, 5 may pair (' - space), 6 slash, 7 dot.
const ASCII_CLASS = (() => {
  const t = new Uint8Array(128);
  for (let c = 0; c < 32; c++) t[c] = 1;
  t[127] = 1;
  t[10] = 2;
  t[13] = 2;
  t[9] = 3;
  for (const ch of '\\$`{}^_~') t[ch.charCodeAt(0)] = 4;
  for (const ch of "'- ") t[ch.charCodeAt(0)] = 5;
  t[47] = 6;
  t[46] = 7;
  return t;
})();

/** One pass over the text: which clean-up steps it needs. */
function scan(s: string): number {
  let flags = 0;
  let p1 = 0;
  let p2 = 0;
  let p3 = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) {
      const k = ASCII_CLASS[c]!;
      if (k !== 0) {
        if (k === 4) flags |= F_TEX;
        else if (k === 5) {
          if (p1 === c) flags |= F_PAIR; // '' -- and two spaces
        } else if (k === 6) {
          // "://", or a bare host path: ".com/", ".co/", ".org/"
          if (p1 === 58 || p1 === 109 || p1 === 111 || p1 === 103) flags |= F_URL;
        } else if (k === 7) {
          if (p1 === 119 && p2 === 119 && p3 === 119) flags |= F_URL; // "www."
        } else flags |= k === 1 ? F_CONTROL : k === 2 ? F_NEWLINE : F_TAB;
      }
    } else {
      flags |= F_NON_ASCII;
      if (c <= 0x9f) flags |= F_CONTROL;
      else if (c === 0xa0) flags |= F_PAIR;
      else if (c === 0x200c || c === 0x200d) flags |= F_JOINER;
      else if (
        c === 0xad ||
        (c >= 0x200b && c <= 0x200f) ||
        (c >= 0x2028 && c <= 0x202e) ||
        (c >= 0x2060 && c <= 0x206f) ||
        c === 0xfeff ||
        (c >= 0xe000 && c <= 0xe00f)
      ) {
        flags |= c === 0x2028 || c === 0x2029 ? F_NEWLINE : F_INVISIBLE;
      }
    }
    p3 = p2;
    p2 = p1;
    p1 = c;
  }
  return flags;
}

/** http(s) and www URLs, and bare code-host paths (github.com/owner/repo) that abstracts often give. */
const URL_RE =
  /((?:https?:\/\/|www\.)(?:[^\s<>"{}|\\^`[\]\uE000-\uE00F]|\\[_~%#&])+|(?<![\w./@-])(?:github\.com|gitlab\.com|bitbucket\.org|huggingface\.co|codeberg\.org)\/(?:[^\s<>"{}|\\^`[\]\uE000-\uE00F]|\\[_~%#&])+)(\}?\{\s*[^{}\s]*\s*\}?)?/gi;
const TEX_URL = /(?<![A-Za-z])\\?url\s*\{\s*((?:https?:\/\/|www\.)[^{}\s]+)\s*\}/g;
const TEX_HREF = /(?<![A-Za-z])\\?href\s*\{\s*((?:https?:\/\/|www\.)[^{}\s]+)\s*\}\s*\{([^{}]*)\}/g;

export interface CleanText {
  text: string;
  /** URLs found, cleaned (no doubled copy, no trailing punctuation), as absolute https?:// URLs, in order. */
  urls: string[];
}

const TRAILING = '.,;:!?\'"”’*>$';
const OPENER: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/**
 * Splits trailing sentence punctuation (and unbalanced closing brackets) off a URL. The brackets are counted
 * once and the counts kept as characters come off, so 50,000 closing brackets cost one pass, not 50,000.
 */
export function trimUrl(raw: string): { url: string; rest: string } {
  const count: Record<string, number> = { '(': 0, ')': 0, '[': 0, ']': 0, '{': 0, '}': 0 };
  for (const ch of raw) if (ch in count) count[ch] = (count[ch] as number) + 1;
  let end = raw.length;
  while (end > 0) {
    const last = raw[end - 1] as string;
    const open = OPENER[last];
    const strip = open ? (count[open] as number) < (count[last] as number) : TRAILING.includes(last);
    if (!strip) break;
    if (open) count[last] = (count[last] as number) - 1;
    end--;
  }
  return { url: raw.slice(0, end), rest: raw.slice(end) };
}

/** A URL made absolute (https:// for www. and bare hosts), TeX escapes removed; undefined when not usable. */
export function absoluteUrl(raw: string): string | undefined {
  let u = raw.replace(/\\([_~%#&])/g, '$1');
  if (!/^https?:\/\//i.test(u)) u = `https://${u}`;
  try {
    const parsed = new URL(u);
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
    if (!parsed.hostname.includes('.')) return undefined;
    return u;
  } catch {
    return undefined;
  }
}

function sameUrl(a: string, b: string): boolean {
  const canon = (s: string) =>
    s
      .trim()
      .replace(/^https?:\/\//i, '')
      .replace(/^www\./i, '')
      .replace(/[/.]+$/, '')
      .toLowerCase();
  return canon(a) === canon(b);
}

/** Replaces URLs by placeholders (so TeX passes leave them alone), collecting their clean forms. */
function protectUrls(s: string, shown: string[], urls: string[]): string {
  let text = s;
  if (text.includes('url') || text.includes('href')) {
    text = text
      .replace(TEX_HREF, (_m, url: string, label: string) =>
        label.trim() === '' || sameUrl(label, url) ? url : `${label.trim()} (${url})`,
      )
      .replace(TEX_URL, '$1');
  }
  return text.replace(URL_RE, (match: string, found: string, braced?: string) => {
    const { url, rest } = trimUrl(found);
    const abs = absoluteUrl(url);
    if (!abs) return match;
    shown.push(url.replace(/\\([_~%#&])/g, '$1'));
    urls.push(abs);
    const token = `${URL_OPEN}${shown.length - 1}${URL_CLOSE}${rest}`;
    // Hugging Face renders \href{u}{u} as "u{u}", some crawls as "u}{u": drop the second copy.
    if (braced === undefined) return token;
    if (!braced.includes('{')) return token + braced;
    const copy = trimUrl(braced.replace(/^\}?\{\s*/, '').replace(/\s*\}$/, ''));
    const sameCopy = rest === '' && (copy.url === '' || sameUrl(copy.url, url));
    return sameCopy ? token + copy.rest : token + braced;
  });
}

function restoreUrls(s: string, shown: string[]): string {
  return s.replace(/\uE000(\d+)\uE001/g, (_m, i: string) => shown[Number(i)] ?? '');
}

/** Hard line wraps become spaces; blank lines become paragraph breaks (kept only when asked). */
function unwrap(s: string, paragraphs: boolean): string {
  // Most hard-wrapped abstracts have neither paragraphs nor hyphen breaks: one cheap pass.
  if (!s.includes('-\n') && !s.includes('\r') && !/\n[ \t]*\n|[\u2028\u2029]/.test(s)) {
    return s.replace(/[ \t]*\n\s*/g, ' ');
  }
  return s.replace(/[ \t]*(?:\r\n?|\n|[\u2028\u2029])\s*/g, (m: string, offset: number, whole: string) => {
    if ((m.match(/\r\n?|\n|[\u2028\u2029]/g)?.length ?? 0) > 1) return paragraphs ? '\uE00D' : ' ';
    // arXiv wraps lines at spaces only, so a line ending in "-" is a real hyphen (state-of-the-\nart).
    const prev = whole.charCodeAt(offset - 1);
    const before = whole.charCodeAt(offset - 2);
    const letter = (before >= 65 && before <= 90) || (before >= 97 && before <= 122) || before > 0xbf;
    return m[0] !== ' ' && m[0] !== '\t' && prev === 45 && letter ? '' : ' ';
  });
}

function tidySpaces(s: string): string {
  return s
    .replace(/[ \u00A0\u2009\u202F]{2,}|\u00A0/g, ' ')
    .replace(/ +(?=[.,;:!?)](?:\s|$))/g, '')
    .replace(/\( +/g, '(')
    .replace(/ *\uE00D */g, '\n\n')
    .trim();
}

/** The clean text of `raw` and the URLs it contains. `paragraphs` keeps blank-line paragraph breaks. */
export function cleanText(raw: string, options: { paragraphs?: boolean } = {}): CleanText {
  const flags = scan(raw);
  // TeX accents become combining marks, so TeX text needs NFC even when it was ASCII.
  const nfc = (t: string) => (flags & (F_NON_ASCII | F_TEX) ? t.normalize('NFC') : t);
  if ((flags & ~F_NON_ASCII) === 0) return { text: nfc(raw.trim()), urls: [] };
  let s = raw;
  if (flags & F_CONTROL) s = s.replace(CONTROLS, ' ');
  if (flags & F_INVISIBLE) s = s.replace(INVISIBLE, '');
  if (flags & F_JOINER) s = s.replace(JOINERS, '');
  if (flags & F_NEWLINE) s = unwrap(s, options.paragraphs ?? false);
  if (flags & F_TAB) s = s.replace(/\t/g, ' ');
  const shown: string[] = [];
  const urls: string[] = [];
  if (flags & F_URL || (flags & F_TEX && s.includes('url'))) s = protectUrls(s, shown, urls);
  const before = s;
  if (flags & (F_TEX | F_PAIR)) s = texToUnicode(s);
  s = s !== before || flags & (F_PAIR | F_CONTROL | F_TAB) || s.includes('\uE00D') ? tidySpaces(s) : s.trim();
  if (shown.length > 0) s = restoreUrls(s, shown);
  return { text: nfc(s), urls };
}

/** Clean one line of text (titles, names): TeX, invisible characters and whitespace. */
export function normalizeText(raw: string): string {
  return cleanTextStable(raw).text;
}

/** Shortens text to at most `max` UTF-16 units (the catalog's LIMITS) at a word boundary, with an ellipsis. */
export function truncateAtWord(text: string, max: number): string {
  return truncate(text, max, 'utf16', { atWord: true });
}

const CODE_HOSTS =
  /^(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org|gitee\.com|git\.sr\.ht|sourceforge\.net|gist\.github\.com)$/i;
/** Links to the paper itself, not to its code or project. */
const PAPER_HOSTS =
  /(?:^|\.)(?:arxiv\.org|doi\.org|openreview\.net|semanticscholar\.org|aclanthology\.org)$/i;

export type LinkKind = 'code' | 'project' | 'paper';

/** Code repository, project page, or a link to the paper itself (ignored as a link). */
export function classifyUrl(url: string): LinkKind {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'paper';
  }
  const host = parsed.hostname.toLowerCase();
  const path = parsed.pathname;
  if (CODE_HOSTS.test(host)) return path.split('/').filter(Boolean).length >= 1 ? 'code' : 'project';
  if (/^(?:www\.)?(?:huggingface\.co|hf\.co)$/.test(host)) {
    if (path.startsWith('/spaces/')) return 'code';
    if (path.startsWith('/papers/')) return 'paper';
    return 'project';
  }
  if (PAPER_HOSTS.test(host)) return 'paper';
  return 'project';
}

/** Files and resolvers that are not a page about the paper: a .ps.gz or .pdf download, a DOI link. */
const NOT_A_PAGE = /\.(?:pdf|ps|ps\.gz|gz|tar|tgz|zip|djvu|eps)$/i;
const DOI_RESOLVER = /^(?:www\.|dx\.)?doi\.org$|^hdl\.handle\.net$/i;

/** True when a URL is a web page someone could browse (a project link), not a file download or a DOI. */
export function isWebPage(url: string): boolean {
  try {
    const u = new URL(url);
    return !NOT_A_PAGE.test(u.pathname) && !DOI_RESOLVER.test(u.hostname);
  } catch {
    return false;
  }
}

/** The first code repository and the first project page among `urls`. */
export function linksFromUrls(urls: readonly string[]): { code?: string; project?: string } {
  const links: { code?: string; project?: string } = {};
  for (const url of urls) {
    const kind = classifyUrl(url);
    if (kind === 'code' && !links.code) links.code = url.replace(/\.git$/, '').replace(/\/$/, '');
    else if (kind === 'project' && !links.project && isWebPage(url)) links.project = url;
  }
  return links;
}

/** What one cleaning pass can leave for another: TeX characters, TeX quotes and dashes. */
const MAY_CLEAN_AGAIN = /[\\$~{}^_`]|''|--/;

/** TeX characters and pairs that settled() does not follow through texToUnicode: their text gets another pass. */
const UNSETTLED = new RegExp(`[\\\\$\`{}^_]|''|${BARE_NAME.source}`);
/** What texToUnicode turns into a dash: ---, and -- between digits or between spaces. */
const DASHES = /---|(?<=\d)--(?=\d)|(?<=\s)--(?=\s)/;
const TIE_AT = new RegExp(TIE.source, 'u');
/** What tidySpaces changes, and space at either end. */
const UNTIDY = /[ \u00A0\u2009\u202F]{2}|\u00A0| (?=[.,;:!?)](?:\s|$))|\( |\uE00D|^\s|\s$/;

/**
 * True only when cleanText(text) is text itself, for text whose TeX is at most ties (~) and double hyphens: the
 * leftovers of most first passes ("~10%", "pre--post"). Each test is the condition under which one step of
 * cleanText leaves such text alone: no character scan() sends to another step (controls, wraps, tabs, invisible
 * characters, URLs), no tie TIE replaces, no dash texToUnicode makes, nothing for tidySpaces, already NFC. Braces,
 * dollars, scripts, backslashes, TeX quotes and anything bareMath reads are left to another pass.
 */
export function settled(text: string): boolean {
  const flags = scan(text);
  if ((flags & ~(F_NON_ASCII | F_TEX | F_PAIR)) !== 0) return false;
  if (UNSETTLED.test(text) || UNTIDY.test(text)) return false;
  if (text.includes('~') && TIE_AT.test(text)) return false;
  if (text.includes('--') && DASHES.test(text)) return false;
  return (flags & F_NON_ASCII) === 0 || text.normalize('NFC') === text;
}

/**
 * cleanText until nothing changes (at most four passes). One pass can uncover more to clean ("~{0}" → "~0" →
 * " 0"), and a catalog Paperboy wrote must load back unchanged, so what loaders keep is a fixed point. Text
 * without TeX characters is done after the first pass.
 */
export function cleanTextStable(raw: string, options: { paragraphs?: boolean } = {}): CleanText {
  let result = cleanText(raw, options);
  // A pass over settled text would give it back as it is: most texts with TeX left after one pass are settled.
  for (let pass = 1; pass < 4 && MAY_CLEAN_AGAIN.test(result.text) && !settled(result.text); pass++) {
    const again = cleanText(result.text, options);
    if (again.text === result.text) break;
    result = { text: again.text, urls: result.urls.length > 0 ? result.urls : again.urls };
  }
  return result;
}
