// `paperboy channels`: every subscribed channel in the store (DATABASE_URL), its topics and its next digest.

import type { Clock } from '../clock.js';
import { systemClock } from '../clock.js';
import { ConfigError, readConfig } from '../config.js';
import { channelRows } from '../schedule/schedule-overview.js';
import { openStore, StoreOpenError } from '../store/index.js';
import { type CliCommand, type CliIO, EXIT, parseCli, UsageError } from './kit.js';

/** The command with its clock passed in, so a test decides what "next" is measured from. */
export async function runChannels(args: string[], io: CliIO, clock: Clock): Promise<number> {
  const { values } = parseCli(args, { json: { type: 'boolean' } }, false);
  let databaseUrl: string;
  try {
    databaseUrl = readConfig(io.env).databaseUrl;
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  let store: Awaited<ReturnType<typeof openStore>>;
  try {
    store = await openStore(databaseUrl);
  } catch (error) {
    if (error instanceof StoreOpenError) throw new UsageError(error.message);
    throw error;
  }
  try {
    const rows = await channelRows(store, await store.listChannels(), clock);
    if (values.json) {
      for (const row of rows) io.out(`${JSON.stringify(row)}\n`);
      return EXIT.ok;
    }
    if (rows.length === 0) {
      io.out('No channel is subscribed yet. Subscribe one with /papers subscribe <topics>.\n');
      return EXIT.ok;
    }
    const lines: string[] = [];
    for (const row of rows) {
      lines.push(row.channel, `  topics  ${row.topics.join('; ')}`, `  when    ${row.schedule}`);
      lines.push(`  next    ${row.next}`);
      if (row.status !== 'active') lines.push(`  status  ${row.status}`);
      lines.push('');
    }
    io.out(lines.join('\n'));
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

const command: CliCommand = {
  name: 'channels',
  summary: 'list the subscribed channels, their topics and their next digest',
  usage: [
    'paperboy channels [--json]',
    '',
    'Reads the store DATABASE_URL names (default sqlite:./data/paperboy.db), soonest digest first.',
    '--json          one {"channel","topics","schedule","next","nextAt","status"} object per line',
  ].join('\n'),
  run: (args, io) => runChannels(args, io, systemClock),
};
export default command;
