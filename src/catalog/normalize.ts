// Cleans text from catalogs (TeX, hard wraps, invisible characters, doubled links) and finds the links in it.
import { texToUnicode } from './tex.js';

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

/** Characters that need more than trimming (checked first so clean text stays cheap). */
const SPECIAL_CHARS =
  /[\\$`{}^_~\r\n\t\u0000-\u001F\u007F-\u009F\u00A0\u00AD\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF\uE000-\uE00F]/;
const NON_ASCII = /[^\x00-\x7F]/;

function hasUrlHint(s: string): boolean {
  return (
    s.includes('://') ||
    s.includes('www.') ||
    s.includes('.com/') ||
    s.includes('.co/') ||
    s.includes('.org/')
  );
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

/** Splits trailing sentence punctuation (and unbalanced closing brackets) off a URL. */
export function trimUrl(raw: string): { url: string; rest: string } {
  let url = raw;
  let rest = '';
  for (;;) {
    const last = url[url.length - 1];
    if (last === undefined) break;
    let strip = '.,;:!?\'"”’*>$'.includes(last);
    if (last === ')' || last === ']' || last === '}') {
      const open = last === ')' ? '(' : last === ']' ? '[' : '{';
      strip = url.split(open).length < url.split(last).length;
    }
    if (!strip) break;
    rest = last + rest;
    url = url.slice(0, -1);
  }
  return { url, rest };
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
  const special = SPECIAL_CHARS.test(raw);
  const urlHint = hasUrlHint(raw);
  if (!special && !urlHint && !raw.includes("''") && !raw.includes('--') && !raw.includes('  ')) {
    const trimmed = raw.trim();
    return { text: NON_ASCII.test(trimmed) ? trimmed.normalize('NFC') : trimmed, urls: [] };
  }
  let s = raw;
  if (special) {
    s = s.replace(CONTROLS, ' ').replace(INVISIBLE, '');
    if (s.includes('\u200C') || s.includes('\u200D')) s = s.replace(JOINERS, '');
    if (s.includes('\n') || s.includes('\r') || s.includes('\u2028') || s.includes('\u2029')) {
      s = unwrap(s, options.paragraphs ?? false);
    }
    if (s.includes('\t')) s = s.replace(/\t/g, ' ');
  }
  const shown: string[] = [];
  const urls: string[] = [];
  if (urlHint || s.includes('url')) s = protectUrls(s, shown, urls);
  const before = s;
  s = texToUnicode(s);
  s =
    s !== before || s.includes('  ') || s.includes('\u00A0') || s.includes('\uE00D')
      ? tidySpaces(s)
      : s.trim();
  if (shown.length > 0) s = restoreUrls(s, shown);
  return { text: NON_ASCII.test(s) ? s.normalize('NFC') : s, urls };
}

/** Clean one line of text (titles, names): TeX, invisible characters and whitespace. */
export function normalizeText(raw: string): string {
  return cleanText(raw).text;
}

/** Shortens text to at most `max` characters at a word boundary, with an ellipsis. */
export function truncateAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  const base = space > max * 0.6 ? cut.slice(0, space) : cut;
  // Never split a surrogate pair.
  const safe = /[\uD800-\uDBFF]$/.test(base) ? base.slice(0, -1) : base;
  return `${safe.replace(/[\s,;:.–—-]+$/, '')}…`;
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

/** The first code repository and the first project page among `urls`. */
export function linksFromUrls(urls: readonly string[]): { code?: string; project?: string } {
  const links: { code?: string; project?: string } = {};
  for (const url of urls) {
    const kind = classifyUrl(url);
    if (kind === 'code' && !links.code) links.code = url.replace(/\.git$/, '').replace(/\/$/, '');
    else if (kind === 'project' && !links.project) links.project = url;
  }
  return links;
}
