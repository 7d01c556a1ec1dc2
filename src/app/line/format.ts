// Formatting option values back into a command line that parses to exactly them (what Actions carry).
import type { CommandSpec, OptionSpec } from '../command.js';
import { parseOptions } from './bind.js';
import { HELP_FLAGS, TOP_LEVEL } from './split.js';
import { tokenize } from './tokenize.js';

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
    // Bare `-h` or `?` would ask for help instead, so such text is named: `paper:-h`.
    if (back.ok && back.options[rest.name] === rest.text && !HELP_FLAGS.has(bare.trim())) {
      return [...head, bare].join(' ');
    }
    pairs.push(`${rest.name}:${quote(rest.text)}`);
  }
  return [...head, ...pairs].join(' ');
}
