// Tokenizing a typed command: words, quoted strings (curly and foreign quotes too) and key:value pairs.

/** Opening quote → the characters that may close it (phones and Slack turn "…" into “…”, Germans type „…“). */
const QUOTES: Record<string, readonly string[]> = {
  '"': ['"', '”', '“'],
  '“': ['”', '"', '“'],
  '„': ['“', '”', '"'],
  '«': ['»'],
  "'": ["'", '’'],
  '‘': ['’', "'", '‘'],
  '‚': ['‘', '’'],
};
/** Single quotes double as apostrophes ('90s, don't), so an unclosed one is just a character. */
const APOSTROPHES = new Set(["'", '‘', '‚']);

const isSpace = (ch: string | undefined) => ch !== undefined && /\s/u.test(ch);

export type Token =
  | { kind: 'word'; value: string; raw: string; quoted: boolean }
  | { kind: 'pair'; key: string; value: string; raw: string; quoted: boolean; emptyValue: boolean };

export type Tokenized = { ok: true; tokens: Token[] } | { ok: false; message: string };

interface Scanned {
  value: string;
  /** The text as it should be passed on for free text: delimiting quotes normalised to straight double quotes. */
  raw: string;
  quoted: boolean;
  end: number;
}

/**
 * One line's scan. `unclosed` holds the openers already known to have no closer before the end of the text:
 * scanning on from a later opener of the same kind would look at a subset of the same characters and fail
 * again, so each kind fails once per line. Without it, `'a 'a 'a …` rescanned to the end from every
 * apostrophe (quadratic: 40 kB took 8 s).
 */
interface ScanState {
  unclosed: Set<string>;
  /** Characters examined inside quotes, for the tests that hold tokenize to one pass. */
  steps: number;
}

/** Reads a quoted string (from its opening quote) plus anything glued to its end, or fails when unclosed. */
function scanQuoted(text: string, start: number, state: ScanState): Scanned | { error: string } | undefined {
  const open = text[start] as string;
  if (state.unclosed.has(open)) return undefined;
  const closers = QUOTES[open] ?? [];
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i] as string;
    // A single quote only closes before a space or the end, so "'don't stop'" keeps its apostrophe.
    if (closers.includes(ch) && (!APOSTROPHES.has(open) || i + 1 >= text.length || isSpace(text[i + 1]))) {
      break;
    }
    i++;
  }
  state.steps += i - start;
  if (i >= text.length) {
    if (APOSTROPHES.has(open)) {
      state.unclosed.add(open);
      return undefined;
    }
    const preview = text.slice(start + 1, start + 31).trim();
    const shown = preview.length < text.length - start - 1 ? `${preview}…` : preview;
    return {
      error: `A quote is not closed (after ${open}${shown}). Close it, or remove it.`,
    };
  }
  const inner = text.slice(start + 1, i);
  let end = i + 1;
  while (end < text.length && !isSpace(text[end])) end++;
  const tail = text.slice(i + 1, end);
  const raw = inner.includes('"') ? text.slice(start, end) : `"${inner}"${tail}`;
  return { value: inner + tail, raw, quoted: true, end };
}

function scanBare(text: string, start: number): Scanned {
  let end = start;
  while (end < text.length && !isSpace(text[end])) end++;
  const value = text.slice(start, end);
  return { value, raw: value, quoted: false, end };
}

function scanValue(text: string, start: number, state: ScanState): Scanned | { error: string } {
  const ch = text[start];
  if (ch !== undefined && ch in QUOTES) {
    const quoted = scanQuoted(text, start, state);
    if (quoted) return quoted;
  }
  return scanBare(text, start);
}

/** `key:` at a word start; `https://…` and `arXiv:2505.01234`-like values are sorted out by the caller. */
const KEY = /^([A-Za-z][A-Za-z0-9_-]{0,31}):(?!\/\/)/;

/**
 * Splits text into words, quoted strings and `key:value` pairs in one pass. Errors are values: the only failure
 * is an unclosed double quote, reported in words a user can act on. `work` counts the characters examined.
 */
export function tokenize(text: string, work?: { steps: number }): Tokenized {
  const tokens: Token[] = [];
  const state: ScanState = { unclosed: new Set(), steps: 0 };
  const result = tokenizeWith(text, tokens, state);
  if (work) work.steps += state.steps;
  return result;
}

function tokenizeWith(text: string, tokens: Token[], state: ScanState): Tokenized {
  let i = 0;
  while (i < text.length) {
    if (isSpace(text[i])) {
      i++;
      continue;
    }
    const key = KEY.exec(text.slice(i, i + 34));
    if (key) {
      const name = key[1] as string;
      const valueStart = i + key[0].length;
      if (valueStart >= text.length || isSpace(text[valueStart])) {
        tokens.push({ kind: 'pair', key: name, value: '', raw: key[0], quoted: false, emptyValue: true });
        i = valueStart;
        continue;
      }
      const scanned = scanValue(text, valueStart, state);
      if ('error' in scanned) return { ok: false, message: scanned.error };
      tokens.push({
        kind: 'pair',
        key: name,
        value: scanned.value,
        raw: `${key[0]}${scanned.raw}`,
        quoted: scanned.quoted,
        emptyValue: false,
      });
      i = scanned.end;
      continue;
    }
    const scanned = scanValue(text, i, state);
    if ('error' in scanned) return { ok: false, message: scanned.error };
    tokens.push({ kind: 'word', value: scanned.value, raw: scanned.raw, quoted: scanned.quoted });
    i = scanned.end;
  }
  return { ok: true, tokens };
}
