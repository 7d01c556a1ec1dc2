// `paperboy catalog`: placeholder until the catalog loaders land (issue P1).
import type { CliCommand } from './kit.js';
import { EXIT } from './kit.js';

const command: CliCommand = {
  name: 'catalog',
  summary: 'show the loaded paper catalog',
  usage: 'paperboy catalog [--catalog PATH]... [--json]',
  async run(_args, io) {
    io.err('paperboy catalog: the catalog loaders are being built\n');
    return EXIT.internal;
  },
};
export default command;
