// A digest run in its own process, for the restart test: real SQLite store, platform = HTTP mock in the parent.
// Env: DATABASE_URL, PLATFORM_URL, NOW (ISO instant of the tick), LEASE_MS.
import { pino } from 'pino';
import type { DeliveryPort, DeliveryResult } from '../../../src/digest/types.js';
import { createScheduler } from '../../../src/schedule/scheduler.js';
import { openStore } from '../../../src/store/index.js';
import { WordSearch, wordDigest } from '../fakes.js';
import { restartPapers } from './restart-papers.js';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`restart-child: ${name} is not set`);
  return value;
};

// One clock for the run and its store (leases, stamps): a restart "after the lease" is a later NOW.
const clock = { now: () => new Date(env('NOW')) };
const store = await openStore(env('DATABASE_URL'), { clock });
const search = new WordSearch(restartPapers);
const platformUrl = env('PLATFORM_URL');

const port: DeliveryPort = {
  platform: 'discord',
  async deliver(post): Promise<DeliveryResult> {
    const ids = post.view.kind === 'list' ? post.view.cards.map((c) => c.id) : [];
    const response = await fetch(platformUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channel: post.channel.channel, nonce: post.nonce, ids }),
    });
    if (!response.ok) return { ok: false, kind: 'transient', reason: `HTTP ${response.status}` };
    const body = (await response.json()) as { id: string };
    return { ok: true, messageIds: [body.id] };
  },
};

const scheduler = createScheduler({
  store,
  ...wordDigest(search),
  ports: [port],
  logger: pino({ level: 'warn' }, pino.destination(2)),
  clock,
  leaseMs: Number(env('LEASE_MS')),
  limits: { discord: { concurrency: 3 } },
});
const report = await scheduler.tick();
process.stdout.write(`${JSON.stringify(report)}\n`);
await store.close();
