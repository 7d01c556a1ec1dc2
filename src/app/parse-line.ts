// Parses a command typed as one line of text (Slack, the console) against the same declarations Discord uses,
// with the pieces in line/ (split, tokenize, bind, did-you-mean); line/run.ts runs a parsed line.
import type { View } from '../views/types.js';
import type { CommandSpec } from './command.js';
import { type RawOptions, usageError } from './dispatch.js';
import { parseOptions } from './line/bind.js';
import { didYouMean } from './line/did-you-mean.js';
import { HELP_FLAGS, splitCommandLine, TOP_LEVEL } from './line/split.js';

export type ParsedLine =
  | { ok: true; spec: CommandSpec; options: RawOptions }
  | { ok: false; spec?: CommandSpec; view: View };

const HELP_WORDS = new Set([...HELP_FLAGS, 'help']);

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
  if (help && spec !== help && HELP_FLAGS.has(args)) {
    return { ok: true, spec: help, options: { command: spec.name } };
  }
  const parsed = parseOptions(spec, args);
  if (!parsed.ok) return { ok: false, spec, view: usageError(spec, parsed.message) };
  return { ok: true, spec, options: parsed.options };
}
