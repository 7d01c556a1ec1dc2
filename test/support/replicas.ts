// Two replicas on one real database for the exactly-once tests: their own connection pools, one Slack that jitters.
import { type OpenedStore, type OpenStoreOptions, openStore } from '../../src/store/index.js';
import { RecordingPort } from '../digest/fakes.js';

/** Two stores on one database, each with its own pool, as two bot processes would open them. */
export async function twoReplicas(
  url: string,
  clock: OpenStoreOptions['clock'],
): Promise<[OpenedStore, OpenedStore]> {
  return [await openStore(url, { poolMax: 4, clock }), await openStore(url, { poolMax: 4, clock })];
}

/** One Slack for both replicas that answers each post after a random few milliseconds, so their posts interleave. */
export function jitteryPort(messageId: string): RecordingPort {
  return new RecordingPort('slack', async () => {
    await new Promise((r) => setTimeout(r, Math.random() * 5));
    return { ok: true, messageIds: [messageId] };
  });
}
