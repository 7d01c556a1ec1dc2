// Parses what a user types into words, quoted phrases, exclusions, filters and paper references (ids, URLs).
// Errors are values: a bad filter becomes a one-line message saying what to type instead.

export interface Filters {
  code?: boolean;
  /** Inclusive lower bound, YYYYMMDD: after:2025-01 keeps January 2025 and later. */
  after?: number;
  /** Exclusive upper bound, YYYYMMDD: before:2025-03 keeps February 2025 and earlier. */
  before?: number;
  /** Each entry is one author: every word of it must be in the same paper's author list. */
  authors: string[];
  /** Lowercase categories; "cs" or "cs.*" means the whole archive. */
  categories: string[];
  /** Each entry: every word of it must be in the paper's venue (journal reference or arXiv comment). */
  venues?: string[];
  /** 1-based result page (the "Next" button of a list sends it). */
  page?: number;
}

export interface ParsedQuery {
  /** Plain words in order (as typed, without quotes or filters). */
  words: string[];
  /** Quoted phrases, as typed. */
  phrases: string[];
  /** Words after a minus sign: papers containing them are left out. */
  excluded: string[];
  filters: Filters;
  /** arXiv ids found as bare ids or in URLs. */
  references: string[];
  /** The last word is still being typed (no space or punctuation after it): match it as a prefix too. */
  lastIsPrefix: boolean;
  notices: string[];
}

export type ParseResult = { ok: true; query: ParsedQuery } | { ok: false; message: string };

export const KNOWN_FILTERS = 'try code:, after:, before:, author:, category:, venue:';
/** Longer queries are cut: enough for a pasted abstract, bounded so a 1 MB paste stays fast. */
export const MAX_QUERY_CHARS = 20_000;

const NEW_ID = /^(\d{4}\.\d{4,5})(v\d+)?$/;
const OLD_ID = /^([a-z-]+(?:\.[a-z]{2})?\/\d{7})(v\d+)?$/i;
const URL_HINT = /^(?:https?:\/\/)?(?:www\.|export\.)?(?:arxiv\.org|alphaxiv\.org|huggingface\.co|hf\.co)\//i;

/** The arXiv id (no version) in a bare id, an `arXiv:` reference or an arXiv / Hugging Face URL. */
export function arxivIdOf(reference: string): string | undefined {
  let text = reference.trim().replace(/[)\].,;>]+$/, '');
  text = text.replace(/^<|^\(/, '');
  const prefixed = /^arxiv:\s*(.+)$/i.exec(text);
  if (prefixed) text = prefixed[1]!;
  let m = NEW_ID.exec(text) ?? OLD_ID.exec(text);
  if (m) return m[1]!;
  if (!URL_HINT.test(text)) return undefined;
  const path = text
    .replace(/^(?:https?:\/\/)?[^/]+\//i, '')
    .replace(/[?#].*$/, '')
    .replace(/\/+$/, '');
  const pm = /^(?:abs|pdf|html|papers|paper|overview)\/(.+)$/i.exec(path);
  if (!pm) return undefined;
  const rest = pm[1]!.replace(/\.pdf$/i, '');
  m = NEW_ID.exec(rest) ?? OLD_ID.exec(rest);
  return m ? m[1] : undefined;
}

function parseDate(value: string, name: string): number | string {
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(value);
  const hint = `${name}: takes a date like 2025-01 or 2025-01-15 (got "${value}")`;
  if (!m) return hint;
  const year = Number(m[1]);
  const month = m[2] === undefined ? 1 : Number(m[2]);
  const day = m[3] === undefined ? 1 : Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31) return hint;
  return year * 10000 + month * 100 + day;
}

const YES = new Set(['yes', 'y', 'true', '1', 'on']);
const NO = new Set(['no', 'n', 'false', '0', 'off']);

interface Lexeme {
  text: string;
  quoted: boolean;
  negated: boolean;
}

/** Splits on whitespace, keeping "quoted phrases" and key:"quoted values" whole. */
function lex(input: string, notices: string[]): Lexeme[] {
  const out: Lexeme[] = [];
  const s = input.replace(/[\u201c\u201d\u201e\u00ab\u00bb]/g, '"');
  const quoteCount = (s.match(/"/g) ?? []).length;
  let text = s;
  if (quoteCount % 2 === 1) {
    const last = s.lastIndexOf('"');
    text = s.slice(0, last) + ' ' + s.slice(last + 1);
    notices.push('ignored an unmatched quote (")');
  }
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '"' || (ch === '-' && text[i + 1] === '"')) {
      const negated = ch === '-';
      const start = i + (negated ? 2 : 1);
      const end = text.indexOf('"', start);
      out.push({ text: text.slice(start, end), quoted: true, negated });
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < text.length && !/\s/.test(text[j]!)) {
      if (text[j] === '"') {
        const end = text.indexOf('"', j + 1);
        j = end + 1;
        continue;
      }
      j++;
    }
    const word = text.slice(i, j);
    const negated = word.length > 1 && word[0] === '-' && /[\p{L}\p{N}]/u.test(word[1]!);
    out.push({ text: negated ? word.slice(1) : word, quoted: false, negated });
    i = j;
  }
  return out;
}

export function parseQuery(raw: string): ParseResult {
  const notices: string[] = [];
  let input = raw;
  if (input.length > MAX_QUERY_CHARS) {
    input = input.slice(0, MAX_QUERY_CHARS);
    notices.push(`the query was cut to its first ${MAX_QUERY_CHARS.toLocaleString('en-US')} characters`);
  }
  const query: ParsedQuery = {
    words: [],
    phrases: [],
    excluded: [],
    filters: { authors: [], categories: [] },
    references: [],
    lastIsPrefix: input.length > 0 && /[\p{L}\p{N}]$/u.test(input),
    notices,
  };
  for (const lexeme of lex(input, notices)) {
    if (lexeme.quoted) {
      if (lexeme.text.trim() === '') continue;
      if (lexeme.negated) query.excluded.push(lexeme.text);
      else query.phrases.push(lexeme.text);
      continue;
    }
    const word = lexeme.text;
    const id = arxivIdOf(word);
    if (id) {
      query.references.push(id);
      continue;
    }
    const filter = /^([a-zA-Z]{2,})(?::)(.+)$/.exec(word);
    if (filter && !/^https?$/i.test(filter[1]!)) {
      const error = applyFilter(query.filters, filter[1]!.toLowerCase(), unquote(filter[2]!));
      if (error) return { ok: false, message: error };
      continue;
    }
    if (lexeme.negated) query.excluded.push(word);
    else query.words.push(word);
  }
  // A trailing filter or phrase is not a word being typed.
  const tail = input.trimEnd().split(/\s+/).pop() ?? '';
  if (tail.includes(':') || tail.includes('"') || query.words.length === 0) query.lastIsPrefix = false;
  return { ok: true, query };
}

function unquote(value: string): string {
  return value.startsWith('"') && value.endsWith('"') && value.length >= 2 ? value.slice(1, -1) : value;
}

/** Applies one key:value filter; returns a message when the key or value is not understood. */
function applyFilter(filters: Filters, key: string, value: string): string | undefined {
  const v = value.trim();
  switch (key) {
    case 'code': {
      const lower = v.toLowerCase();
      if (YES.has(lower)) filters.code = true;
      else if (NO.has(lower)) filters.code = false;
      else return `code: takes yes or no (got "${value}")`;
      return undefined;
    }
    case 'after':
    case 'since':
    case 'from': {
      const d = parseDate(v, key);
      if (typeof d === 'string') return d;
      filters.after = Math.max(filters.after ?? 0, d);
      return undefined;
    }
    case 'before':
    case 'until': {
      const d = parseDate(v, key);
      if (typeof d === 'string') return d;
      filters.before = Math.min(filters.before ?? 99_999_999, d);
      return undefined;
    }
    case 'author':
    case 'by':
      if (v === '') return 'author: needs a name, e.g. author:hinton or author:"Geoffrey Hinton"';
      filters.authors.push(v);
      return undefined;
    case 'venue':
    case 'in':
      if (v === '') return 'venue: needs a conference or journal, e.g. venue:NeurIPS or venue:"ICSE 2026"';
      filters.venues = [...(filters.venues ?? []), v];
      return undefined;
    case 'category':
    case 'cat':
      if (!/^[a-z-]+(\.[a-z-]+|\.\*)?$/i.test(v))
        return `category: takes an arXiv category like cs.LG (got "${value}")`;
      filters.categories.push(v.toLowerCase().replace(/\.\*$/, ''));
      return undefined;
    case 'page': {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > 10_000)
        return `page: takes a page number like page:2 (got "${value}")`;
      filters.page = n;
      return undefined;
    }
    default:
      return `unknown filter ${key}: ${KNOWN_FILTERS}`;
  }
}
