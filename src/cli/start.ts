// `paperboy start`: the bot as `npm start` runs it — the server with platform tokens, else the local console.
import { type StartOptions, start } from '../main.js';
import { type CliCommand, parseCli } from './kit.js';

/** The command over `run` (main.ts's start; a test passes its own). */
export function startCommand(
  run: (env: NodeJS.ProcessEnv, options: StartOptions) => Promise<number> = start,
): CliCommand {
  return {
    name: 'start',
    summary: 'start Paperboy: Discord/Slack when their tokens are set, else the local console',
    usage: 'paperboy start   (configured by the environment and .env; see README "Configuration reference")',
    async run(args, io) {
      parseCli(args, {}, false);
      // bin/paperboy.js has read .env into the environment before any command runs.
      return run(io.env, { envFileRead: true });
    },
  };
}

export default startCommand();
