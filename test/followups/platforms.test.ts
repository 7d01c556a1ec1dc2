// Follow-ups through the real Slack and Discord delivery code, against the mock Web API and REST API.
import { afterEach, describe, expect, it } from 'vitest';
import type { Paper } from '../../src/catalog/paper.js';
import { createDeliveryRunner } from '../../src/digest/runner.js';
import type { DeliveryPort } from '../../src/digest/types.js';
import { createFollowupRunner } from '../../src/followups/runner.js';
import { silentLogger } from '../../src/logger.js';
import { createDiscordDelivery } from '../../src/platforms/discord/delivery.js';
import { createRest } from '../../src/platforms/discord/rest.js';
import { createSlackDelivery } from '../../src/platforms/slack/delivery.js';
import { type ChannelKey, type OpenedStore, openStore } from '../../src/store/index.js';
import { paper, WordSearch, wordDigest } from '../digest/fakes.js';
import { MockDiscord } from '../platforms/discord/mock-discord.js';
import { MockSlack } from '../platforms/slack/mock-slack.js';
import { FakeClock } from '../support/fake-clock.js';

const SLOT = '2026-03-02';
const before = paper({
  id: '2603.00007',
  arxivId: '2603.00007',
  title: 'Diffusion for threads',
  abstract: 'diffusion',
  version: 1,
  listed: '2026-03-01',
});

let store: OpenedStore | undefined;
const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  await store?.close();
  store = undefined;
  for (const stop of stops.splice(0)) await stop();
});

/** A digest of `before` to the channel through `port`, then the catalog brings code: one follow-up pass. */
async function digestThenCodeReleased(port: DeliveryPort, key: ChannelKey) {
  const clock = new FakeClock('2026-03-02T09:00:30Z');
  store = await openStore('sqlite::memory:', { clock });
  const search = new WordSearch([before]);
  const channel = await store.updateChannel(key, { topics: ['diffusion'], count: 1 }, 'ada');
  const digests = createDeliveryRunner({
    store,
    ...wordDigest(search),
    ports: [port],
    logger: silentLogger(),
    clock,
    limits: { [key.platform]: { limit: 1000 } },
  });
  expect(await digests.run({ channel, slot: SLOT })).toBe('sent');
  search.upsert([
    paper({
      ...(before as Paper),
      links: { code: 'https://github.com/org/threads' },
      trending: { stars: 7 },
    }),
  ]);
  const followups = createFollowupRunner({
    store,
    papers: search,
    ports: [port],
    clock,
    logger: silentLogger(),
  });
  expect(await followups.pass()).toEqual({ posted: 1, failed: 0 });
  return store;
}

describe('follow-up placement on the platforms', () => {
  it('Slack: posts in the thread of the digest message (thread_ts), not in the channel', async () => {
    const mock = await new MockSlack().start();
    stops.push(() => mock.stop());
    const key: ChannelKey = { platform: 'slack', workspace: 'T1', channel: 'C1' };
    const kv = await openStore('sqlite::memory:');
    stops.push(() => kv.close());
    const port = createSlackDelivery({
      tokenFor: async () => 'xoxb-t1',
      apiUrl: mock.apiUrl,
      kv,
      logger: silentLogger(),
      minIntervalMs: 0,
      retry: { retries: 0 },
    });
    await digestThenCodeReleased(port, key);
    const [digest, followup] = mock.called('chat.postMessage');
    const digestTs = mock.history.get('C1')?.[0]?.ts;
    expect(digest?.body.thread_ts).toBeUndefined();
    expect(followup?.body).toMatchObject({
      channel: 'C1',
      thread_ts: digestTs,
      text: 'Code released for Diffusion for threads: https://github.com/org/threads ★7',
    });
    expect(mock.history.get('C1')).toHaveLength(1);
    expect(mock.threads.get(`C1/${digestTs}`)).toHaveLength(1);
  });

  it('Discord: posts a reply referencing the digest message', async () => {
    const mock = await new MockDiscord().start();
    stops.push(() => mock.stop());
    const kv = await openStore('sqlite::memory:');
    stops.push(() => kv.close());
    const key: ChannelKey = { platform: 'discord', workspace: '1', channel: '333333333333333333' };
    const port = createDiscordDelivery({
      rest: createRest({ apiUrl: mock.url, token: 'bot-token' }),
      store: kv,
      logger: silentLogger(),
    });
    const s = await digestThenCodeReleased(port, key);
    const [digest, followup] = mock.find('POST', /^\/channels\/333333333333333333\/messages$/);
    const digestId = (await s.listDeliveries(key))[0]?.messageIds[0];
    expect(digestId).toBeDefined();
    expect(digest?.body).not.toHaveProperty('message_reference');
    expect(followup?.body).toMatchObject({
      message_reference: { message_id: digestId, fail_if_not_exists: false },
      content: expect.stringContaining('Code released for Diffusion for threads'),
    });
  });
});
