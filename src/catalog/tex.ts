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
  STYLE,
  SUBSCRIPT,
  SUPERSCRIPT,
  SYMBOLS,
} from './tex-tables.js';

// Private-use placeholders for escaped characters, so later passes do not read them as TeX syntax.
const P_DOLLAR = '\uE002';
const P_LBRACE = '\uE003';
const P_RBRACE = '\uE004';
const P_UNDERSCORE = '\uE005';

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
export const TIE = /(?<=[\p{L}\p{N}.,])~(?=[\p{L}\p{N}\\\uE000])/gu;
const DISPLAY_MATH = /\$\$([^$]{1,2000})\$\$|\\\(([\s\S]{1,2000}?)\\\)|\\\[([\s\S]{1,2000}?)\\\]/g;
const MAX_INLINE_MATH = 400;

const GREEK_WORD = new RegExp(
  `(?<![A-Za-z\\\\])(${Object.keys(GREEK)
    .sort((a, b) => b.length - a.length)
    .join('|')})(?![A-Za-z])`,
  'g',
);
/** Font commands bareMath reads without their backslash ("mathbb R", "textbf{x}"). */
const BARE_FONTS = 'math(?:sf|cal|bb|bf|rm|it|tt|frak|scr)|text(?:bf|it|tt|sf|rm|sc)|boldsymbol|operatorname';
const BARE_FONT = new RegExp(
  String.raw`(?<![A-Za-z\\])(${BARE_FONTS})(?:\s*\{([^{}]*)\}|\s+([A-Za-z0-9])(?![A-Za-z0-9]))`,
  'g',
);
/**
 * A name bareMath reads (BARE_FONT's and BARE_SQRT's) as a whole word: "mathbb", "textbf", "sqrt", but not
 * "mathematical" or "mathematics", which only cost another pass for nothing. settled() asks the same.
 */
export const BARE_NAME = new RegExp(String.raw`(?<![A-Za-z\\])(?:${BARE_FONTS}|sqrt)(?![A-Za-z])`);
const BARE_FOOTNOTE = /\\?footnote\s*\{([^{}]*)\}/g;
const ORDINAL = /(?<=([A-Za-z0-9]))\^\{?(st|nd|rd|th)\}?(?![A-Za-z])/g;
const BARE_SQRT = /(?<![A-Za-z\\])sqrt(?:\s*\{([^{}]*)\}|\s+([A-Za-z0-9]+)(?![A-Za-z0-9]))/g;
const MATH_TOKEN = '(?:[A-Za-z]|[\\u0391-\\u03A9\\u03B1-\\u03C9\\u03D1\\u03D5\\u03D6\\u03F1]|\\d+)';
const BARE_RELATION = new RegExp(
  `(?<=(?:^|[\\s(])${MATH_TOKEN}) (le|leq|ge|geq|neq|ll|gg) (?=${MATH_TOKEN}(?:[\\s.,;:)]|$))`,
  'g',
);
const BARE_SCRIPT_WORD = /([\^_])(star|ast|prime|top|circ|dagger|infty)(?![A-Za-z])/g;
const BRACED_SCRIPT = /([\^_])\s*\{([^{}]*)\}/g;
const SUP_SHORT = /(?<=\S)\^(\d+|[A-Za-z](?![A-Za-z])|[*'∗⋆′∘⊤†]|[\u0391-\u03C9])/g;
/** In math the base may sit outside the $…$ (PM$_{10}$), so no base is required there. */
const SUP_SHORT_MATH = /\^(\d+|[A-Za-z](?![A-Za-z])|[*'∗⋆′∘⊤†]|[\u0391-\u03C9])/g;
const SUB_SHORT_MATH = /_(\d+|[A-Za-z](?![A-Za-z])|[\u0391-\u03C9])/g;

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
    .replace(/`([^`'\s][^`'\n]{0,200}?)'(?![A-Za-z])/g, '‘$1’')
    .replace(/(?<=\p{L})`(?=\p{L})/gu, '’');
}

function isLetter(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

/**
 * For every `{` and `[` of `s`, the index just past the group it opens, or -1 when it never closes: one pass
 * with a stack per bracket kind. Looking for each group's end from its opening would rescan to the end of the
 * text for every unclosed `\frac{` (quadratic: 50 kB took 1.5 s).
 */
export function groupEnds(s: string): Int32Array {
  const ends = new Int32Array(s.length).fill(-1);
  const braces: number[] = [];
  const brackets: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 123) braces.push(i);
    else if (c === 91) brackets.push(i);
    else if (c === 125 || c === 93) {
      const open = (c === 125 ? braces : brackets).pop();
      if (open !== undefined) ends[open] = i + 1;
    }
  }
  return ends;
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

function readArgs(s: string, ends: () => Int32Array, from: number, count: number, tokenArgs: boolean) {
  const args: string[] = [];
  let pos = from;
  while (args.length < count) {
    while (s[pos] === ' ') pos++;
    if (args.length === 0 && s[pos] === '[') {
      const end = ends()[pos] as number;
      if (end < 0) return null;
      pos = end;
      continue;
    }
    if (s[pos] === '{') {
      const end = ends()[pos] as number;
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
  let table: Int32Array | undefined;
  const ends = () => {
    table ??= groupEnds(s);
    return table;
  };
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
      const read = readArgs(s, ends, j, TWO_ARGS.has(name) ? 2 : 1, TOKEN_ARG.has(name));
      if (read) {
        const args = read.args.map((arg) => texCommands(arg, depth + 1));
        out += renderCommand(name, args);
        i = read.end;
        continue;
      }
      // "\textbf MedSAM", "\operatorname softmax": a style without braces styles what follows, which stays as
      // text; the command's name would read as a word ("textbf MedSAM").
      if (STYLE.has(name)) {
        i = j;
        continue;
      }
    }
    const symbol = SYMBOLS[name] ?? name;
    // \sqrt{n}\log n: a word-like operator must not glue onto the word before it.
    const prev = out.charCodeAt(out.length - 1);
    const glued = isLetter(symbol[0]) && (isLetter(out[out.length - 1]) || (prev >= 48 && prev <= 57));
    out += glued ? ` ${symbol}` : symbol;
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
  if (/^\([^()]*\)$/.test(content)) return `${op}${content}`;
  return `${op}(${content})`;
}

function scripts(s: string, math: boolean): string {
  if (!s.includes('^') && !s.includes('_')) return s;
  let prev = '';
  // 1^{st} → 1st, t^{th} → t-th.
  let out = s.includes('^')
    ? s.replace(ORDINAL, (_m, base: string, suffix: string) => (/\d/.test(base) ? suffix : `-${suffix}`))
    : s;
  for (
    let k = 0;
    k < 8 && out !== prev && (out.includes('^{') || out.includes('_{') || /[\^_]\s+\{/.test(out));
    k++
  ) {
    prev = out;
    out = out.replace(BRACED_SCRIPT, (_m, op: '^' | '_', c: string) => script(op, c));
  }
  out = out.replace(math ? SUP_SHORT_MATH : SUP_SHORT, (m, c: string) => {
    const r = script('^', c);
    return r.startsWith('^') ? m : r;
  });
  if (math) {
    out = out.replace(SUB_SHORT_MATH, (m, c: string) => {
      const r = script('_', c);
      return r.startsWith('_') ? m : r;
    });
  }
  return out;
}

/** The inside of $…$: commands, scripts, and grouping braces removed. */
function mathToText(content: string): string {
  if (/^\s*-{1,3}\s*$/.test(content)) return '–';
  let s = texCommands(content);
  s = scripts(s, true);
  return s.replace(/[{}]/g, '').trim();
}

/** Is `content` (between two dollars) TeX math rather than the text between two prices ("$5 to $10")? */
function isMath(content: string): boolean {
  const t = content.trim();
  if (t.length === 0) return false;
  if (/\s$/.test(content) && /^\d/.test(t)) return false;
  if (/^-{1,3}$/.test(t)) return true;
  if (/^\d.*[-–/]$/.test(t)) return false;
  return true;
}

/**
 * $…$ segments become text. A pair that reads as prices ("$5 to $10") is left alone, and its closing
 * dollar may still open real math ("under $100. Results $x_1$").
 */
function inlineMath(s: string): string {
  let out = '';
  let from = 0;
  let open = s.indexOf('$');
  while (open >= 0) {
    const close = s.indexOf('$', open + 1);
    if (close < 0) break;
    const content = s.slice(open + 1, close);
    if (content.trim() === '') {
      out += `${s.slice(from, open)} `;
      from = close + 1;
      open = s.indexOf('$', from);
    } else if (content.length <= MAX_INLINE_MATH && isMath(content)) {
      out += s.slice(from, open) + mathToText(content);
      from = close + 1;
      open = s.indexOf('$', from);
    } else {
      open = close;
    }
  }
  return out + s.slice(from);
}

/**
 * HF pages drop TeX's backslashes (sigma_{1:T}^2, mathsf{…}, {varphi}): recover the math where the
 * context proves it is math, and convert the same Greek names elsewhere in that text.
 */
function bareMath(s: string): string {
  if (!/[_^{}]/.test(s) && !BARE_NAME.test(s)) return s;
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
  out = out.replace(BARE_FOOTNOTE, ' ($1)');
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

/** A brace group that is a set ({ADD, UPDATE, DELETE}, {3, 8}) rather than TeX grouping. */
function isSet(content: string): boolean {
  const t = content.trim();
  if (t === ',') return false;
  return t.includes(',') && t.split(',').every((part) => part.trim().split(/\s+/).length <= 3);
}

/**
 * Braces are TeX grouping except in sets: grouping braces go ({φ} → φ, {\\em X} residue → X),
 * sets stay, and unmatched braces left by broken macros are dropped.
 */
function braces(s: string): string {
  if (!s.includes('{') && !s.includes('}')) return s;
  let out = s;
  for (let k = 0; k < 10; k++) {
    const next = out.replace(/\{([^{}]*)\}/g, (_m, c: string) =>
      isSet(c) ? `${P_LBRACE}${c}${P_RBRACE}` : c,
    );
    if (next === out) break;
    out = next;
  }
  if (out.includes('{') || out.includes('}')) {
    out = out.replace(/(?<=[\p{L}\p{N}])\{(?=[\p{L}\p{N}])/gu, ' ').replace(/[{}]/g, '');
  }
  return out;
}

function restorePlaceholders(s: string): string {
  if (!/[\uE002-\uE005]/.test(s)) return s;
  return s
    .replaceAll(P_DOLLAR, '$')
    .replaceAll(P_LBRACE, '{')
    .replaceAll(P_RBRACE, '}')
    .replaceAll(P_UNDERSCORE, '_');
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
  if (s.includes('$$') || s.includes('\\(') || s.includes('\\[')) {
    s = s.replace(DISPLAY_MATH, (_m, display?: string, paren?: string, bracket?: string) =>
      mathToText(display ?? paren ?? bracket ?? ''),
    );
  }
  if (s.includes('$')) s = inlineMath(s);
  s = texCommands(s);
  s = bareMath(s);
  s = scripts(s, false);
  s = braces(s);
  if (s.includes('--')) {
    s = s
      .replace(/---/g, '—')
      .replace(/(?<=\d)--(?=\d)/g, '–')
      .replace(/(?<=\s)--(?=\s)/g, '–');
  }
  return restorePlaceholders(s);
}
