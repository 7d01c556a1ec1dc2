// Follow-ups through the real Slack and Discord delivery code, against the mock Web API and REST API.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cardActions } from '../../commands/lib/actions.js';
import type { Paper } from '../../src/catalog/paper.js';
import { createDeliveryRunner } from '../../src/digest/runner.js';
import type { DeliveryPort, DigestRequest } from '../../src/digest/types.js';
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

/**
 * Thirteen papers: a digest of ten is split over messages on Discord (five action rows a message); Slack's 50
 * blocks take twelve cards, so its test lets the planner pick all thirteen.
 */
const many = Array.from({ length: 13 }, (_, i) =>
  paper({
    id: `2603.001${String(i).padStart(2, '0')}`,
    arxivId: `2603.001${String(i).padStart(2, '0')}`,
    title: `Diffusion study number ${i + 1}`,
    abstract: `diffusion ${'We study how denoising models behave when the noise schedule changes. '.repeat(6)}`,
    version: 1,
    listed: '2026-03-01',
  }),
);

/**
 * A digest of `papers` to the channel through `port`, then the catalog brings code for `changed` (default the
 * first paper): one follow-up pass. A file database, as in production.
 */
async function digestThenCodeReleased(
  port: DeliveryPort,
  key: ChannelKey,
  papers: readonly Paper[] = [before],
  changed: Paper = papers[0] as Paper,
  allPicked = false,
) {
  const clock = new FakeClock('2026-03-02T09:00:30Z');
  const dir = mkdtempSync(join(tmpdir(), 'followup-placement-'));
  stops.push(async () => rmSync(dir, { recursive: true, force: true }));
  store = await openStore(`sqlite:${join(dir, 'paperboy.db')}`, { clock });
  const search = new WordSearch(papers);
  const channel = await store.updateChannel(key, { topics: ['diffusion'], count: 10 }, 'ada');
  const digest = wordDigest(search);
  const digests = createDeliveryRunner({
    store,
    ...digest,
    ...(allPicked
      ? { planner: { select: (r: DigestRequest) => digest.planner.select({ ...r, count: papers.length }) } }
      : {}),
    ports: [port],
    logger: silentLogger(),
    clock,
    limits: { [key.platform]: { limit: 1000 } },
    // The buttons production puts under each card (they make a long digest split sooner).
    cardActions,
  });
  expect(await digests.run({ channel, slot: SLOT })).toBe('sent');
  search.upsert([
    paper({
      ...changed,
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

/** Slack delivery against a mock Slack, with its own key-value store: channel C1 of workspace T1. */
async function slackChannel() {
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
  return { mock, key, port };
}

/** Discord delivery against a mock Discord API, with its own store. */
async function discordChannel() {
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
  return { mock, key, port };
}

describe('follow-up placement on the platforms', () => {
  it('Slack: posts in the thread of the digest message (thread_ts), not in the channel', async () => {
    const { mock, key, port } = await slackChannel();
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
    const { mock, key, port } = await discordChannel();
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

  it('Discord: a follow-up on a paper in the second message of a split digest replies to that message', async () => {
    const { mock, key, port } = await discordChannel();
    const last = many[9] as Paper; // the tenth and last paper a ten-paper digest picks
    const s = await digestThenCodeReleased(port, key, many, last);
    const [delivery] = await s.listDeliveries(key);
    expect(delivery?.messageIds.length).toBeGreaterThan(1);
    // The message whose embeds show the last paper, as the channel has it.
    const holder = mock.posted.get(key.channel)?.find((m) => JSON.stringify(m.embeds).includes(last.title)) as
      | { id: string }
      | undefined;
    expect(holder?.id).toBeDefined();
    expect(holder?.id).not.toBe(delivery?.messageIds[0]);
    const followup = mock.find('POST', /^\/channels\/333333333333333333\/messages$/).at(-1);
    expect(followup?.body).toMatchObject({
      message_reference: { message_id: holder?.id, fail_if_not_exists: false },
      content: expect.stringContaining(`Code released for ${last.title}`),
    });
  });

  it('Slack: a follow-up on a paper in the second message of a split digest goes in that message’s thread', async () => {
    const { mock, key, port } = await slackChannel();
    const last = many.at(-1) as Paper;
    await digestThenCodeReleased(port, key, many, last, true);
    const posted = mock.history.get('C1') ?? [];
    expect(posted.length).toBeGreaterThan(1);
    const holder = posted.find((m) => JSON.stringify(m).includes(last.title));
    expect(holder?.ts).toBeDefined();
    expect(holder?.ts).not.toBe(posted[0]?.ts);
    const followup = mock.called('chat.postMessage').at(-1);
    expect(followup?.body).toMatchObject({
      thread_ts: holder?.ts,
      text: `Code released for ${last.title}: https://github.com/org/threads ★7`,
    });
    expect(mock.threads.get(`C1/${holder?.ts}`)).toHaveLength(1);
  });

  it('a digest recorded before the message map existed still gets its follow-up under its first message', async () => {
    const { mock, key, port: slack } = await slackChannel();
    // A port as older builds reported: message ids only.
    const port: DeliveryPort = {
      platform: 'slack',
      async deliver(post) {
        const result = await slack.deliver(post);
        return result.ok ? { ok: true, messageIds: result.messageIds } : result;
      },
    };
    const last = many.at(-1) as Paper;
    await digestThenCodeReleased(port, key, many, last, true);
    expect(mock.history.get('C1')?.length).toBeGreaterThan(1);
    const first = mock.history.get('C1')?.[0]?.ts;
    expect(mock.called('chat.postMessage').at(-1)?.body.thread_ts).toBe(first);
  });
});
