// `paperboy start`: the bot as `npm start` runs it — the server with platform tokens, else the local console.
import { start } from '../main.js';
import { type CliCommand, parseCli } from './kit.js';

const command: CliCommand = {
  name: 'start',
  summary: 'start Paperboy: Discord/Slack when their tokens are set, else the local console',
  usage: 'paperboy start   (configured by the environment and .env; see README "Configuration reference")',
  async run(args, io) {
    parseCli(args, {}, false);
    return start(io.env);
  },
};
export default command;
