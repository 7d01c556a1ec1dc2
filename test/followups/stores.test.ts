// Follow-ups with two replicas on one real PostgreSQL database: each change of each paper posted once.
import { beforeAll, expect, it } from 'vitest';
import { stateOf } from '../../src/followups/detect.js';
import { createFollowupRunner } from '../../src/followups/runner.js';
import { openStore } from '../../src/store/index.js';
import type { ChannelKey, Store } from '../../src/store/types.js';
import { captureLogger, paper, WordSearch } from '../digest/fakes.js';
import { FakeClock } from '../support/fake-clock.js';
import { createTestDatabase, createTestSchema, describeWithPostgres } from '../support/postgres.js';
import { jitteryPort, twoReplicas } from '../support/replicas.js';

const SLOT = '2026-03-02';
const key = (channel: string): ChannelKey => ({ platform: 'slack', workspace: 'T1', channel });
const received = paper({
  id: '2603.00042',
  arxivId: '2603.00042',
  title: 'A paper that gets better',
  version: 1,
  listed: '2026-03-01',
});
/** What the catalog refresh brought since: code, v2 and a venue. */
const now = paper({
  ...received,
  version: 2,
  links: { code: 'https://github.com/org/better' },
  trending: { stars: 12 },
  comment: 'Accepted at ICML 2026',
});

/** A channel that received the paper in a digest whose message is `m-<channel>`. */
async function sentDigest(store: Store, channel: string) {
  await store.updateChannel(key(channel), { topics: ['better'] }, 'test');
  const d = await store.claimDelivery(key(channel), SLOT, [received.id], 'setup', 60_000);
  await store.recordSnapshots(key(channel), SLOT, [
    { paperId: received.id, state: { ...stateOf(received) } },
  ]);
  await store.markSent(d!.id, [`m-${channel}`]);
}

describeWithPostgres('follow-ups on PostgreSQL', () => {
  let database: string;
  beforeAll(async () => {
    database = await createTestDatabase('followups');
  });

  it('lets two replicas post each follow-up exactly once, in the digest’s thread', async () => {
    const url = await createTestSchema(database, 'followup_replicas');
    const clock = new FakeClock('2026-03-03T10:00:00Z');
    const setup = await openStore(url, { clock });
    const channels = Array.from({ length: 30 }, (_, i) => `c${i}`);
    for (const c of channels) await sentDigest(setup, c);
    await setup.close();

    const [storeA, storeB] = await twoReplicas(url, clock);
    const port = jitteryPort('reply');
    const search = new WordSearch([now]);
    const runner = (store: Store, owner: string) =>
      createFollowupRunner({
        store,
        papers: search,
        ports: [port],
        clock,
        logger: captureLogger().logger,
        owner,
      });
    const [a, b] = [runner(storeA, 'replica-a'), runner(storeB, 'replica-b')];
    const first = await Promise.all([a.pass(), b.pass()]);
    const again = await Promise.all([a.pass(), b.pass()]);

    const changes = 3;
    expect(first[0].posted + first[1].posted).toBe(channels.length * changes);
    expect(again).toEqual([
      { posted: 0, failed: 0 },
      { posted: 0, failed: 0 },
    ]);
    // Not one request twice: claims kept the replicas apart.
    expect(port.calls).toHaveLength(channels.length * changes);
    const posted = port.calls.map(
      (c) => `${c.channel.channel} ${c.view.kind === 'notice' ? c.view.text : ''}`,
    );
    expect(new Set(posted).size).toBe(channels.length * changes);
    for (const call of port.calls) expect(call.replyTo).toBe(`m-${call.channel.channel}`);
    for (const c of channels) {
      expect((await storeA.listFollowups(key(c))).map((f) => [f.change, f.status])).toEqual([
        ['code', 'sent'],
        ['venue', 'sent'],
        ['version:2', 'sent'],
      ]);
    }
    await Promise.all([storeA.close(), storeB.close()]);
  });
});
