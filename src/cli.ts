// The `paperboy` command line: dispatches to one module per subcommand.
import { type CliCommand, type CliIO, EXIT, processIO, UsageError } from './cli/kit.js';

type Loader = () => Promise<CliCommand>;

/** Subcommands load lazily so `paperboy --help` does not pay for the chat SDKs. */
const COMMANDS: Record<string, { summary: string; load: Loader }> = {
  start: {
    summary: 'start the bot (Discord/Slack when their tokens are set, else the local console)',
    load: async () => (await import('./cli/start.js')).default,
  },
  catalog: {
    summary: 'show the loaded paper catalog',
    load: async () => (await import('./cli/catalog.js')).default,
  },
  channels: {
    summary: 'list the subscribed channels, their topics and their next digest',
    load: async () => (await import('./cli/channels.js')).default,
  },
  console: {
    summary: 'talk to Paperboy in the terminal, or run /papers lines with --eval',
    load: async () => (await import('./cli/console.js')).default,
  },
  digest: {
    summary: 'preview (or commit) a digest selection for topics or a channel',
    load: async () => (await import('./cli/digest.js')).default,
  },
  sources: {
    summary: 'refresh the live paper sources (Hugging Face, arXiv) or show their status',
    load: async () => (await import('./cli/sources.js')).default,
  },
  search: {
    summary: 'search the catalog (words, "phrases", filters, ids or URLs)',
    load: async () => (await import('./cli/search.js')).default,
  },
  summarize: {
    summary: 'TL;DR, key points, authors and links of one paper',
    load: async () => (await import('./cli/summarize.js')).default,
  },
  tldr: {
    summary: 'one-sentence TL;DR of an abstract, or of every line of a JSONL file',
    load: async () => (await import('./cli/tldr.js')).default,
  },
  commands: {
    summary: 'print the /papers declarations for Discord (--discord) or Slack (--slack-manifest)',
    load: async () => (await import('./cli/commands.js')).default,
  },
  register: {
    summary: 'install the /papers slash command on Discord (--guild ID for one server)',
    load: async () => (await import('./cli/register.js')).default,
  },
};

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'paperboy — trending research papers for Discord, Slack and your terminal',
    '',
    'Usage: paperboy <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `paperboy <command> --help` for the options of one command.',
    '',
  ].join('\n');
}

export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(help());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    io.out('paperboy 0.1.0\n');
    return EXIT.ok;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.err(`paperboy: unknown command "${name}". Run \`paperboy --help\` to see the commands.\n`);
    return EXIT.usage;
  }
  const command = await entry.load();
  try {
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(`${command.summary}\n\nUsage: ${command.usage}\n`);
      return EXIT.ok;
    }
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`paperboy ${name}: ${error.message}\n`);
      return EXIT.usage;
    }
    io.err(`paperboy ${name}: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.internal;
  }
}
