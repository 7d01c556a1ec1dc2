// Turns the TeX that arXiv and Hugging Face text carries (accents, quotes, commands, math) into readable Unicode.
import {
  ACCENT_MARKS,
  BLACKBOARD,
  DROP_ARG,
  GREEK,
  KEEP_ARG,
  MATH_ACCENTS,
  SCRIPT_WORDS,
  SPECIAL_LETTERS,
  SUBSCRIPT,
  SUPERSCRIPT,
  SYMBOLS,
} from './tex-tables.js';

// Private-use placeholders for escaped characters, so later passes do not read them as TeX syntax.
const P_DOLLAR = '\uE002';
const P_LBRACE = '\uE003';
const P_RBRACE = '\uE004';
const P_UNDERSCORE = '\uE005';
const P_CARET = '\uE006';

const ESCAPES: Record<string, string> = {
  $: P_DOLLAR,
  '{': P_LBRACE,
  '}': P_RBRACE,
  _: P_UNDERSCORE,
  '%': '%',
  '&': '&',
  '#': '#',
  '\\': ' ',
  ',': ' ',
  ';': ' ',
  ':': ' ',
  '>': ' ',
  ' ': ' ',
  '!': '',
  '-': '',
  '/': '',
  '@': '',
};

const SYMBOL_ACCENT =
  /\{?\\(["'`^~=.])\s*(?:\{\s*(\\[ij](?![A-Za-z])|[A-Za-z])\s*\}|(\\[ij](?![A-Za-z])|[A-Za-z]))\}?/g;
const LETTER_ACCENT =
  /\{?\\([uvHckrdb])(?:\s*\{\s*(\\[ij](?![A-Za-z])|[A-Za-z])\s*\}|\s+([A-Za-z])(?![A-Za-z]))\}?/g;
const SPECIAL = /\{?\\(ss|ae|AE|oe|OE|aa|AA|o|O|l|L)(?![A-Za-z])(?:\{\}|\s(?=[a-z]))?\}?/g;
const ESCAPE = /\\([$&%#_{}\\,;:> !\-/@])/g;
const TIE = /(?<=[\p{L}\p{N}.,])~(?=[\p{L}\p{N}\\])/gu;
const MATH_SEGMENT =
  /\$\$([^$]{1,2000})\$\$|\\\(([\s\S]{1,2000}?)\\\)|\\\[([\s\S]{1,2000}?)\\\]|\$([^$]{1,400})\$/g;

const GREEK_WORD = new RegExp(
  `(?<![A-Za-z\\\\])(${Object.keys(GREEK)
    .sort((a, b) => b.length - a.length)
    .join('|')})(?![A-Za-z])`,
  'g',
);
const BARE_FONT =
  /(?<![A-Za-z\\])(math(?:sf|cal|bb|bf|rm|it|tt|frak|scr)|text(?:bf|it|tt|sf|rm|sc)|boldsymbol|operatorname)(?:\s*\{([^{}]*)\}|\s+([A-Za-z0-9])(?![A-Za-z0-9]))/g;
const BARE_SQRT = /(?<![A-Za-z\\])sqrt(?:\s*\{([^{}]*)\}|\s+([A-Za-z0-9]+)(?![A-Za-z0-9]))/g;
const MATH_TOKEN = '(?:[A-Za-z]|[\\u0391-\\u03A9\\u03B1-\\u03C9\\u03D1\\u03D5\\u03D6\\u03F1]|\\d+)';
const BARE_RELATION = new RegExp(
  `(?<=(?:^|[\\s(])${MATH_TOKEN}) (le|leq|ge|geq|neq|ll|gg) (?=${MATH_TOKEN}(?:[\\s.,;:)]|$))`,
  'g',
);
const BARE_SCRIPT_WORD = /([\^_])(star|ast|prime|top|circ|dagger|infty)(?![A-Za-z])/g;
const BRACED_SCRIPT = /([\^_])\s*\{([^{}]*)\}/g;
const SUP_SHORT = /(?<=\S)\^(\d+|[A-Za-z](?![A-Za-z])|[*'∗⋆′∘⊤†]|[\u0391-\u03C9])/g;
const SUB_SHORT = /(?<=\S)_(\d+|[A-Za-z](?![A-Za-z])|[\u0391-\u03C9])/g;

function combine(base: string, mark: string): string {
  const letter = base.startsWith('\\') ? base.slice(1) : base;
  return letter + mark;
}

/** Accented letters: na\"ive, {\'e}, \c{c}, \v s, \'{\i}, \o, \ss. */
export function texAccents(s: string): string {
  if (!s.includes('\\')) return s;
  return s
    .replace(SYMBOL_ACCENT, (m, accent: string, braced?: string, bare?: string) => {
      const base = braced ?? bare;
      const mark = ACCENT_MARKS[accent];
      if (!base || !mark) return m;
      return restoreBraces(m, combine(base, mark));
    })
    .replace(LETTER_ACCENT, (m, accent: string, braced?: string, bare?: string) => {
      const base = braced ?? bare;
      const mark = ACCENT_MARKS[accent];
      if (!base || !mark) return m;
      return restoreBraces(m, combine(base, mark));
    })
    .replace(SPECIAL, (m, name: string) => restoreBraces(m, SPECIAL_LETTERS[name] ?? m));
}

/** Keeps a brace the accent pattern swallowed when the group it belonged to was not the accent's own. */
function restoreBraces(match: string, replacement: string): string {
  const open = match.startsWith('{');
  const close = match.endsWith('}') && !/\{[^{}]*\}$/.test(match.slice(open ? 1 : 0).replace(/^\\./, ''));
  if (open && !close) return `{${replacement}`;
  if (!open && close) return `${replacement}}`;
  return replacement;
}

/** ``quoted'' → “quoted”, `quoted' → ‘quoted’. */
export function texQuotes(s: string): string {
  if (!s.includes('`') && !s.includes("''")) return s;
  return s
    .replace(/``\s*([^`]*?)\s*''/g, '“$1”')
    .replace(/``/g, '“')
    .replace(/''/g, '”')
    .replace(/`([^`'\s][^`'\n]{0,200}?)'(?![A-Za-z])/g, '‘$1’');
}

function isLetter(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

/** Index just past the group that opens at `open` (a `{` or `[`), or -1 when it never closes. */
function groupEnd(s: string, open: number): number {
  const opener = s[open];
  const closer = opener === '[' ? ']' : '}';
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i];
    if (c === opener) depth++;
    else if (c === closer) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

const TWO_ARGS = new Set(['frac', 'dfrac', 'tfrac', 'binom', 'textcolor', 'colorbox']);
/** Commands that may take an unbraced single-token argument (\hat x, \mathbb R, \sqrt 2). */
const TOKEN_ARG = new Set([
  ...Object.keys(MATH_ACCENTS),
  'mathbb',
  'mathcal',
  'mathscr',
  'mathfrak',
  'mathbf',
  'mathrm',
  'boldsymbol',
  'bm',
  'sqrt',
  'frac',
  'dfrac',
  'tfrac',
]);

function readArgs(s: string, from: number, count: number, tokenArgs: boolean) {
  const args: string[] = [];
  let pos = from;
  while (args.length < count) {
    while (s[pos] === ' ') pos++;
    if (args.length === 0 && s[pos] === '[') {
      const end = groupEnd(s, pos);
      if (end < 0) return null;
      pos = end;
      continue;
    }
    if (s[pos] === '{') {
      const end = groupEnd(s, pos);
      if (end < 0) return null;
      args.push(s.slice(pos + 1, end - 1));
      pos = end;
    } else if (tokenArgs && pos < s.length && s[pos] !== '}') {
      if (s[pos] === '\\') {
        let j = pos + 1;
        while (isLetter(s[j])) j++;
        args.push(s.slice(pos, Math.max(j, pos + 2)));
        pos = Math.max(j, pos + 2);
      } else {
        const cp = s.codePointAt(pos) ?? 0;
        const len = cp > 0xffff ? 2 : 1;
        args.push(s.slice(pos, pos + len));
        pos += len;
      }
    } else {
      return null;
    }
  }
  return { args, end: pos };
}

/** Wraps a fraction part in parentheses unless it is one token. */
function part(s: string): string {
  const t = s.trim();
  return /^[\p{L}\p{N}.]+$/u.test(t) ? t : `(${t})`;
}

function renderCommand(name: string, args: string[]): string {
  const a = (args[0] ?? '').trim();
  if (DROP_ARG.has(name)) return '';
  switch (name) {
    case 'textcolor':
    case 'colorbox':
      return args[1] ?? '';
    case 'footnote':
      return ` (${a})`;
    case 'textsuperscript':
      return script('^', a);
    case 'textsubscript':
      return script('_', a);
    case 'mathbb':
      return BLACKBOARD[a] ?? a;
    case 'sqrt':
      return `√${part(a)}`;
    case 'frac':
    case 'dfrac':
    case 'tfrac':
      return `${part(a)}/${part(args[1] ?? '')}`;
    case 'binom':
      return `C(${a}, ${(args[1] ?? '').trim()})`;
  }
  const mark = MATH_ACCENTS[name];
  if (mark && [...a].length === 1) return a + mark;
  return args[0] ?? '';
}

/** Replaces \commands: arguments kept or dropped, symbols and Greek as Unicode, unknown macros by their name. */
export function texCommands(s: string, depth = 0): string {
  if (!s.includes('\\') || depth > 20) return s;
  let out = '';
  let i = 0;
  while (i < s.length) {
    const bs = s.indexOf('\\', i);
    if (bs < 0) {
      out += s.slice(i);
      break;
    }
    out += s.slice(i, bs);
    let j = bs + 1;
    while (isLetter(s[j])) j++;
    if (j === bs + 1) {
      // A backslash before a non-letter that is no known escape: drop the backslash.
      i = bs + 1;
      continue;
    }
    const name = s.slice(bs + 1, j);
    if (s[j] === '*') j++;
    if (KEEP_ARG.has(name) || DROP_ARG.has(name)) {
      const read = readArgs(s, j, TWO_ARGS.has(name) ? 2 : 1, TOKEN_ARG.has(name));
      if (read) {
        const args = read.args.map((arg) => texCommands(arg, depth + 1));
        out += renderCommand(name, args);
        i = read.end;
        continue;
      }
    }
    out += SYMBOLS[name] ?? name;
    i = j;
  }
  return out;
}

/** One sub- or superscript: Unicode script characters when they all exist, else ^x or ^(…). */
export function script(op: '^' | '_', raw: string): string {
  const c = raw.trim();
  if (c.length === 0) return '';
  const word = SCRIPT_WORDS[c];
  if (word !== undefined) return op === '^' ? word : `_${word}`;
  const greek = GREEK[c];
  const content = greek ?? c;
  const table = op === '^' ? SUPERSCRIPT : SUBSCRIPT;
  let mapped = '';
  for (const ch of content) {
    const m = table[ch];
    if (m === undefined) {
      mapped = '';
      break;
    }
    mapped += m;
  }
  if (mapped) return mapped;
  if (/^[\p{L}\p{N}]+$/u.test(content)) return `${op}${content}`;
  return `${op}(${content})`;
}

function scripts(s: string, math: boolean): string {
  if (!s.includes('^') && !s.includes('_')) return s;
  let prev = '';
  let out = s;
  for (
    let k = 0;
    k < 8 && out !== prev && (out.includes('^{') || out.includes('_{') || /[\^_]\s+\{/.test(out));
    k++
  ) {
    prev = out;
    out = out.replace(BRACED_SCRIPT, (_m, op: '^' | '_', c: string) => script(op, c));
  }
  out = out.replace(SUP_SHORT, (m, c: string) => {
    const r = script('^', c);
    return r.startsWith('^') ? m : r;
  });
  if (math) {
    out = out.replace(SUB_SHORT, (m, c: string) => {
      const r = script('_', c);
      return r.startsWith('_') ? m : r;
    });
  }
  return out;
}

/** The inside of $…$: commands, scripts, and grouping braces removed. */
function mathToText(content: string): string {
  let s = texCommands(content);
  s = scripts(s, true);
  return s.replace(/[{}]/g, '').trim();
}

/** Is `content` (between two dollars) TeX math rather than two prices ("$5 to $10")? */
function isMath(content: string): boolean {
  if (content.length === 0 || /^\s|\s$/.test(content)) return false;
  return !/^\d[\d.,]*\s*[KMBkmb]?[\s\-–]*$/.test(content);
}

/**
 * HF pages drop TeX's backslashes (sigma_{1:T}^2, mathsf{…}, {varphi}): recover the math where the
 * context proves it is math, and convert the same Greek names elsewhere in that text.
 */
function bareMath(s: string): string {
  if (!/[_^{}]|math[a-z]{2}|sqrt/.test(s)) return s;
  const names = new Set<string>();
  const greekIn = (text: string) =>
    text.replace(GREEK_WORD, (name: string) => {
      names.add(name);
      return GREEK[name] ?? name;
    });
  let out = s.replace(BARE_FONT, (_m, font: string, braced?: string, token?: string) => {
    const content = braced ?? token ?? '';
    if (font === 'mathbb') return BLACKBOARD[content.trim()] ?? content;
    return font.startsWith('math') ? greekIn(content) : content;
  });
  out = out.replace(BARE_SQRT, (_m, braced?: string, token?: string) => `√${part(braced ?? token ?? '')}`);
  out = out.replace(BARE_SCRIPT_WORD, (_m, op: string, word: string) =>
    op === '^' ? (SCRIPT_WORDS[word] ?? word) : `_${SCRIPT_WORDS[word] ?? word}`,
  );
  out = out.replace(GREEK_WORD, (name: string, _g: string, offset: number, whole: string) => {
    const next = whole[offset + name.length];
    const prev = whole[offset - 1];
    const capital = name[0] !== name[0]?.toLowerCase();
    const inMath =
      (next !== undefined && '_^{}'.includes(next)) ||
      (prev !== undefined && '{_^'.includes(prev)) ||
      (capital && next === '(');
    if (!inMath) return name;
    names.add(name);
    return GREEK[name] ?? name;
  });
  if (names.size > 0) {
    out = out.replace(GREEK_WORD, (name: string) => (names.has(name) ? (GREEK[name] ?? name) : name));
    out = out.replace(BARE_RELATION, (_m, rel: string) => ` ${SYMBOLS[rel] ?? rel} `);
  }
  return out;
}

/** Drops braces around single words ({φ} → φ), which TeX uses only for grouping. */
function looseBraces(s: string): string {
  if (!s.includes('{')) return s;
  let out = s;
  for (let k = 0; k < 3 && out.includes('{'); k++) {
    const next = out.replace(/\{([^{}\s]*)\}/g, '$1');
    if (next === out) break;
    out = next;
  }
  return out;
}

function restorePlaceholders(s: string): string {
  if (!/[\uE002-\uE006]/.test(s)) return s;
  return s
    .replaceAll(P_DOLLAR, '$')
    .replaceAll(P_LBRACE, '{')
    .replaceAll(P_RBRACE, '}')
    .replaceAll(P_UNDERSCORE, '_')
    .replaceAll(P_CARET, '^');
}

const TEXISH = /[\\$`{}^_~]|''|--/;

/** Whole TeX clean-up of one text whose URLs are already protected. */
export function texToUnicode(input: string): string {
  if (!TEXISH.test(input)) return input;
  let s = input;
  if (s.includes('~')) s = s.replace(TIE, ' ');
  if (s.includes('\\')) {
    s = texAccents(s);
    s = s.replace(ESCAPE, (_m, c: string) => ESCAPES[c] ?? c);
  }
  s = texQuotes(s);
  if (s.includes('$') || s.includes('\\(') || s.includes('\\[')) {
    s = s.replace(MATH_SEGMENT, (m, display?: string, paren?: string, bracket?: string, inline?: string) => {
      const content = display ?? paren ?? bracket ?? inline ?? '';
      if (inline !== undefined && !isMath(inline)) return m;
      return mathToText(content);
    });
  }
  s = texCommands(s);
  s = bareMath(s);
  s = scripts(s, false);
  s = looseBraces(s);
  if (s.includes('--')) {
    s = s
      .replace(/---/g, '—')
      .replace(/(?<=\d)--(?=\d)/g, '–')
      .replace(/(?<=\s)--(?=\s)/g, '–');
  }
  return restorePlaceholders(s);
}
