// A follow-up pass in its own process, for the restart test: real SQLite store, platform = HTTP mock in the parent.
// Env: DATABASE_URL, PLATFORM_URL, NOW (ISO instant of the pass), LEASE_MS.
import { pino } from 'pino';
import type { DeliveryPort, DeliveryResult } from '../../../src/digest/types.js';
import { createFollowupRunner } from '../../../src/followups/runner.js';
import { openStore } from '../../../src/store/index.js';
import { WordSearch } from '../../digest/fakes.js';
import { refreshed } from './followup-papers.js';

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`followup-child: ${name} is not set`);
  return value;
};

// One clock for the run and its store (leases, stamps): a restart "after the lease" is a later NOW.
const clock = { now: () => new Date(env('NOW')) };
const store = await openStore(env('DATABASE_URL'), { clock });
const platformUrl = env('PLATFORM_URL');

const port: DeliveryPort = {
  platform: 'discord',
  async deliver(post): Promise<DeliveryResult> {
    const text = post.view.kind === 'notice' ? post.view.text : '';
    const response = await fetch(platformUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channel: post.channel.channel, nonce: post.nonce, replyTo: post.replyTo, text }),
    });
    if (!response.ok) return { ok: false, kind: 'transient', reason: `HTTP ${response.status}` };
    const body = (await response.json()) as { id: string };
    return { ok: true, messageIds: [body.id] };
  },
};

const runner = createFollowupRunner({
  store,
  papers: new WordSearch(refreshed),
  ports: [port],
  clock,
  logger: pino({ level: 'warn' }, pino.destination(2)),
  leaseMs: Number(env('LEASE_MS')),
});
const report = await runner.pass();
process.stdout.write(`${JSON.stringify(report)}\n`);
await store.close();
