// Splitting a typed line into its subcommand and the text after it, whichever way /papers was written.

/** The top-level command every subcommand lives under. */
export const TOP_LEVEL = 'papers';

/** Typed alone after a subcommand (`/papers search --help`), these ask for that command's help. */
export const HELP_FLAGS: ReadonlySet<string> = new Set(['?', '-h', '--help']);

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
