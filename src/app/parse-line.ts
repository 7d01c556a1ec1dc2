// Parses a command typed as one line of text (Slack, the console) against the same declarations Discord uses.
import type { View } from '../views/types.js';
import type { CommandSpec, OptionSpec } from './command.js';
import { admit, type RawOptions, runCommand, usageError } from './dispatch.js';
import type { CommandContext, Services } from './types.js';

/** The top-level command every subcommand lives under. */
export const TOP_LEVEL = 'papers';

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

/** Levenshtein distance, for "did you mean". */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0] as number;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j] as number;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      prev[j] = Math.min(above + 1, (prev[j - 1] as number) + 1, diagonal + cost);
      diagonal = above;
    }
  }
  return prev[b.length] as number;
}

/** The closest candidate within a typo's reach (or a prefix of it), if any. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const name of candidates) {
    const n = name.toLowerCase();
    const distance = n.startsWith(w) && w.length >= 3 ? 0.5 : editDistance(w, n);
    if (!best || distance < best.distance) best = { name, distance };
  }
  if (!best) return undefined;
  const reach = w.length <= 4 ? 1 : 2;
  return best.distance <= reach ? best.name : undefined;
}

/** A plausible value for the "needs a value" message. */
function example(option: OptionSpec | undefined): string {
  if (option?.choices?.[0]) return option.choices[0].value;
  if (option?.kind === 'integer') return '3';
  if (option?.kind === 'boolean') return 'yes';
  return '"…"';
}

const normaliseKey = (key: string) => key.toLowerCase().replace(/_/g, '-');

export type ParsedOptions = { ok: true; options: RawOptions } | { ok: false; message: string };

/**
 * Turns the text after the subcommand into raw option values:
 * - `key:value`, `key:"quoted value"` (also `key: value`) set the option of that name;
 * - other words fill the positional options in declaration order; a `rest` option takes every remaining word
 *   (joined by single spaces, quotes kept, so a search still sees its "exact phrases"); the words right after an
 *   unquoted `rest:value` continue it (`topics:language models`);
 * - a `key:value` whose key is not declared is an error, unless the command takes free text, where it stays
 *   part of that text (`author:smith`, `arXiv:2505.01234`) — but a near-miss like `tme:` is still an error.
 */
export function parseOptions(spec: Pick<CommandSpec, 'options'>, text: string): ParsedOptions {
  const tokenized = tokenize(text);
  if (!tokenized.ok) return tokenized;
  const declared = spec.options as Record<string, OptionSpec>;
  const names = Object.keys(declared);
  const byKey = new Map(names.map((n) => [normaliseKey(n), n]));
  const hasRest = names.some((n) => declared[n]?.positional === 'rest');

  const options: RawOptions = {};
  const words: Extract<Token, { kind: 'word' }>[] = [];
  const tokens = tokenized.tokens;
  // `topics:language models`: the words after an unquoted rest option continue it, up to the next key:value.
  let continuing: string | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.kind === 'word') {
      if (continuing) options[continuing] = `${options[continuing]} ${token.raw}`;
      else words.push(token);
      continue;
    }
    continuing = undefined;
    const name = byKey.get(normaliseKey(token.key));
    if (!name) {
      const guess = didYouMean(token.key, names);
      if (hasRest && !guess) {
        words.push({ kind: 'word', value: token.raw, raw: token.raw, quoted: false });
        continue;
      }
      const hint = guess ? ` Did you mean ${guess}?` : '';
      return {
        ok: false,
        message: `Unknown option "${token.key}".${hint} Options: ${names.join(', ') || 'none'}.`,
      };
    }
    if (name in options) return { ok: false, message: `${name} is given twice; give it once.` };
    let value = token.value;
    // `time: 08:30` — people put a space after the colon; the next word is the value.
    const next = tokens[i + 1];
    if (token.emptyValue && next?.kind === 'word') {
      value = next.value;
      i++;
    }
    if (value.trim() === '')
      return { ok: false, message: `${name} needs a value, e.g. ${name}:${example(declared[name])}` };
    options[name] = value;
    if (declared[name]?.positional === 'rest' && !token.quoted) continuing = name;
  }

  const positional = names.filter((n) => declared[n]?.positional !== undefined);
  let w = 0;
  for (let p = 0; p < positional.length && w < words.length; p++) {
    const name = positional[p] as string;
    const option = declared[name] as OptionSpec;
    if (name in options) continue;
    if (option.positional === 'rest') {
      const reserved = positional
        .slice(p + 1)
        .filter((n) => declared[n]?.positional === 'one' && declared[n]?.required && !(n in options)).length;
      const take = Math.max(1, words.length - w - reserved);
      options[name] = words
        .slice(w, w + take)
        .map((t) => t.raw)
        .join(' ');
      w += take;
    } else {
      options[name] = (words[w] as Token).value;
      w++;
    }
  }
  if (w < words.length) {
    const extra = words
      .slice(w)
      .map((t) => t.raw)
      .join(' ');
    const keys = names.filter((n) => declared[n]?.positional === undefined);
    const hint = keys.length > 0 ? ` Name the option, e.g. ${keys[0]}:value.` : '';
    return { ok: false, message: `Unexpected "${extra}".${hint}` };
  }
  return { ok: true, options };
}

export interface SplitLine {
  /** The subcommand as typed (lower-cased), undefined when the line was just `/papers`. */
  sub: string | undefined;
  /** Everything after the subcommand. */
  args: string;
}

/** `/papers search rl`, `papers search rl`, `/search rl` and `search rl` all mean the same. */
export function splitCommandLine(line: string): SplitLine {
  let text = line.trim();
  const prefix = new RegExp(`^/?${TOP_LEVEL}(?=\\s|$)`, 'i').exec(text);
  if (prefix) text = text.slice(prefix[0].length).trim();
  else if (text.startsWith('/')) text = text.slice(1);
  const match = /^(\S+)\s*([\s\S]*)$/.exec(text);
  if (!match) return { sub: undefined, args: '' };
  return { sub: (match[1] as string).toLowerCase(), args: (match[2] as string).trim() };
}

export type ParsedLine =
  | { ok: true; spec: CommandSpec; options: RawOptions }
  | { ok: false; spec?: CommandSpec; view: View };

const HELP_WORDS = new Set(['?', '-h', '--help', 'help']);

/**
 * The longest line read (characters). Slack's message box and Discord's option values (6,000) stay below it;
 * anything longer is refused before any parsing, whatever it holds.
 */
export const MAX_LINE_LENGTH = 8_000;

function lineTooLong(length: number): View {
  return {
    kind: 'error',
    text: `That command is ${length.toLocaleString('en-US')} characters long; Paperboy reads at most ${MAX_LINE_LENGTH.toLocaleString('en-US')}.`,
    hint: 'Shorten it: a search needs only a few words.',
    ephemeral: true,
  };
}

/**
 * Parses a whole line (`/papers subscribe topics:"a; b" time:08:30`) against the subcommands. A line with no
 * subcommand, or `<sub> --help`, goes to the `help` subcommand when there is one.
 */
export function parseLine(line: string, commands: readonly CommandSpec[]): ParsedLine {
  if (line.length > MAX_LINE_LENGTH) return { ok: false, view: lineTooLong(line.length) };
  const { sub, args } = splitCommandLine(line);
  const help = commands.find((c) => c.isHelp);
  if (sub === undefined || HELP_WORDS.has(sub)) {
    if (!help) return { ok: false, view: { kind: 'error', text: 'Type a command.', ephemeral: true } };
    const parsed = parseOptions(help, sub === 'help' ? args : '');
    if (!parsed.ok) return { ok: false, spec: help, view: usageError(help, parsed.message) };
    return { ok: true, spec: help, options: parsed.options };
  }
  const spec = commands.find((c) => c.name === sub);
  if (!spec) {
    const names = commands.map((c) => c.name);
    const guess = didYouMean(sub, names);
    return {
      ok: false,
      view: {
        kind: 'error',
        text: `There is no /${TOP_LEVEL} ${sub}.${guess ? ` Did you mean /${TOP_LEVEL} ${guess}?` : ''}`,
        hint: `Commands: ${names.join(', ')}. Type /${TOP_LEVEL} help for examples.`,
        ephemeral: true,
      },
    };
  }
  if (help && spec !== help && ['?', '-h', '--help'].includes(args)) {
    return { ok: true, spec: help, options: { command: spec.name } };
  }
  const parsed = parseOptions(spec, args);
  if (!parsed.ok) return { ok: false, spec, view: usageError(spec, parsed.message) };
  return { ok: true, spec, options: parsed.options };
}

/** Parses and runs one line: what the console calls. The rate limit comes before parsing. Never throws. */
export async function runLine(
  line: string,
  ctx: CommandContext,
  services: Services,
  commands: readonly CommandSpec[],
): Promise<{ view: View; spec?: CommandSpec }> {
  const refused = admit(ctx, services);
  if (refused) return { view: refused };
  const parsed = parseLine(line, commands);
  if (!parsed.ok) return { view: parsed.view, ...(parsed.spec ? { spec: parsed.spec } : {}) };
  const view = await runCommand(parsed.spec, parsed.options, ctx, services, { admitted: true });
  return { view, spec: parsed.spec };
}

/** Quotes a value so the tokenizer reads it back as exactly one piece with exactly this value. */
function quote(value: string): string {
  if (!/[\s"'“”„«»‘’‚]/u.test(value)) return value;
  const candidates = [`"${value}"`, `«${value}»`, `“${value}”`, `'${value}'`, `‘${value}’`];
  for (const candidate of candidates) {
    const back = tokenize(`k:${candidate}`);
    if (back.ok && back.tokens.length === 1 && back.tokens[0]?.value === value) return candidate;
  }
  return `"${value.replace(/["”“]/g, "'")}"`;
}

/**
 * Writes the command line that parses back to exactly these option values: what Actions carry (paging,
 * "Summarize", "Share"). Free text goes first and bare when that reads back unchanged, else as `name:"…"`.
 */
export function formatCommandLine(
  spec: Pick<CommandSpec, 'name' | 'options'>,
  values: Record<string, string | number | boolean | undefined>,
): string {
  const declared = spec.options as Record<string, OptionSpec>;
  const head = [`/${TOP_LEVEL}`, spec.name];
  const pairs: string[] = [];
  let rest: { name: string; text: string } | undefined;
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const text = typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
    if (text.trim() === '') continue;
    if (declared[name]?.positional === 'rest' && !rest) rest = { name, text };
    else pairs.push(`${name}:${quote(text)}`);
  }
  if (rest) {
    const bare = [rest.text, ...pairs].join(' ');
    const back = parseOptions(spec, bare);
    if (back.ok && back.options[rest.name] === rest.text) return [...head, bare].join(' ');
    pairs.push(`${rest.name}:${quote(rest.text)}`);
  }
  return [...head, ...pairs].join(' ');
}
