// `paperboy console`: the local console — interactive at a terminal, or runs --eval lines / piped lines and exits.
import { createServices } from '../app/services.js';
import { runConsoleApp } from '../platforms/console/app.js';
import { startConsoleBackground } from '../platforms/console/background.js';
import { type CliCommand, intOption, parseCli, UsageError } from './kit.js';

/** Problems the person can fix (configuration, catalog files, the database URL) are usage errors: exit 2. */
const FIXABLE = new Set(['ConfigError', 'StoreOpenError', 'CatalogError']);

const command: CliCommand = {
  name: 'console',
  summary: 'talk to Paperboy in the terminal (the console is a channel too)',
  usage: 'paperboy console [--eval "/papers search rl"]... [--no-color] [--width N]',
  async run(args, io) {
    const { values, positionals } = parseCli(
      args,
      {
        eval: { type: 'string', short: 'e', multiple: true },
        'no-color': { type: 'boolean' },
        width: { type: 'string' },
      },
      true,
    );
    // `paperboy console search rl` reads as one line, like --eval "search rl".
    const evals = [...(values.eval ?? []), ...(positionals.length > 0 ? [positionals.join(' ')] : [])];
    try {
      const { cardActions, papersCommands } = await import('../main.js');
      return await runConsoleApp({
        env: io.env,
        evals,
        ...(values['no-color'] ? { color: false } : {}),
        ...(values.width !== undefined ? { width: intOption(values.width, 'width', 40, 400, 80) } : {}),
        stdin: process.stdin,
        stdout: process.stdout,
        stderr: process.stderr,
        commands: papersCommands,
        createServices: (config, logger) => createServices(config, { logger }),
        startBackground: (services, port, config, note) =>
          startConsoleBackground(services, port, config, note, { cardActions }),
      });
    } catch (error) {
      if (error instanceof Error && FIXABLE.has(error.name)) throw new UsageError(error.message);
      throw error;
    }
  },
};
export default command;
