// Binding a tokenized line to a command's declared options: key:value pairs, positionals and free text.
import type { CommandSpec, OptionSpec } from '../command.js';
import type { RawOptions } from '../dispatch.js';
import { didYouMean } from './did-you-mean.js';
import { type Token, tokenize } from './tokenize.js';

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
