import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { OutgoingPost } from '../../../src/digest/types.js';
import { silentLogger } from '../../../src/logger.js';
import { createDiscordDelivery, messageNonce } from '../../../src/platforms/discord/delivery.js';
import { createRest } from '../../../src/platforms/discord/rest.js';
import { type OpenedStore, openStore } from '../../../src/store/index.js';
import type { PaperCard, View } from '../../../src/views/types.js';
import { FakeClock } from '../../support/fake-clock.js';
import { limitBreaches } from './limits-check.js';
import { MockDiscord } from './mock-discord.js';

const CHANNEL = '333333333333333333';
let mock: MockDiscord;
let store: OpenedStore;

beforeEach(async () => {
  mock = await new MockDiscord().start();
  store = await openStore('sqlite::memory:');
});
afterEach(async () => {
  await mock.stop();
  await store.close();
});

function delivery(rest = {}) {
  return createDiscordDelivery({
    rest: createRest({ apiUrl: mock.url, token: 'bot-token', ...rest }),
    store,
    logger: silentLogger(),
  });
}

function card(n: number, long = false): PaperCard {
  return {
    id: `2505.${String(n).padStart(5, '0')}`,
    title: `Paper ${n} @everyone`,
    tldr: long ? 't'.repeat(2500) : `TL;DR ${n}`,
    keyPoints: long ? ['k'.repeat(800), 'p'.repeat(800)] : [],
    authors: ['Ada Lovelace'],
    links: { abs: `https://arxiv.org/abs/2505.${n}` },
    reason: 'matches: diffusion',
    source: 'hf',
    date: '2025-05-02',
  };
}

function post(view: View, nonce = 'dg:42:2025-05-02'): OutgoingPost {
  return { channel: { platform: 'discord', workspace: '1', channel: CHANNEL }, view, nonce };
}

const digest: View = { kind: 'list', title: 'Your papers for Friday', cards: [card(1), card(2)] };

describe('Discord follow-ups', () => {
  it('posts a follow-up as a reply to the digest message, kept even if that message is gone', async () => {
    const sent = await delivery().deliver(post(digest));
    const parent = sent.ok ? sent.messageIds[0] : undefined;
    const followup: View = { kind: 'notice', text: 'Code released for Paper 1: https://github.com/a/b ★12' };
    const result = await delivery().deliver({ ...post(followup, 'fu-1'), replyTo: parent! });
    expect(result.ok).toBe(true);
    const [, reply] = mock.find('POST', /^\/channels\/333333333333333333\/messages$/);
    expect(reply!.body).toMatchObject({
      message_reference: { message_id: parent, fail_if_not_exists: false },
      nonce: 'fu-1',
      enforce_nonce: true,
    });
    expect(JSON.stringify(reply!.body)).toContain('Code released for Paper 1');
  });
});

describe('Discord digest delivery', () => {
  it('posts to the channel with the bot token, a nonce, enforce_nonce and no mentions', async () => {
    const result = await delivery().deliver(post(digest));
    expect(result).toMatchObject({ ok: true });
    const [req] = mock.find('POST', /^\/channels\/333333333333333333\/messages$/);
    expect(req!.headers.authorization).toBe('Bot bot-token');
    expect(req!.body).toMatchObject({
      nonce: 'dg:42:2025-05-02',
      enforce_nonce: true,
      allowed_mentions: { parse: [] },
    });
    expect((req!.body as { flags?: number }).flags).toBeUndefined();
    expect(limitBreaches(req!.body)).toEqual([]);
    expect(result.ok && result.messageIds).toHaveLength(1);
  });

  it('splits an oversized digest into several valid messages, each with its own short nonce', async () => {
    const big: View = {
      kind: 'list',
      title: 'Big digest',
      cards: Array.from({ length: 10 }, (_, i) => card(i + 1, true)),
    };
    const result = await delivery().deliver(post(big, 'a-rather-long-delivery-id-0123456789'));
    const reqs = mock.find('POST', /\/messages$/);
    expect(reqs.length).toBeGreaterThan(1);
    for (const r of reqs) expect(limitBreaches(r.body)).toEqual([]);
    const nonces = reqs.map((r) => (r.body as { nonce: string }).nonce);
    expect(new Set(nonces).size).toBe(reqs.length);
    for (const n of nonces) expect(n.length).toBeLessThanOrEqual(25);
    expect(result.ok && result.messageIds).toHaveLength(reqs.length);
    const titles = reqs.flatMap((r) => (r.body as { embeds: { footer: { text: string } }[] }).embeds);
    expect(titles.map((e) => e.footer.text)).toEqual(
      big.kind === 'list' ? big.cards.map((c) => `arXiv:${c.id}`) : [],
    );
  });

  it('does not double a digest when a delivery is retried (Discord dedupes the nonce)', async () => {
    const port = delivery();
    const first = await port.deliver(post(digest));
    const again = await port.deliver(post(digest));
    expect(again).toEqual(first);
    expect(messageNonce('x'.repeat(40), 0)).toBe(messageNonce('x'.repeat(40), 0));
  });

  it('waits out a 429 with Retry-After and then posts once', async () => {
    mock.script('POST', /\/messages$/, {
      status: 429,
      body: { message: 'You are being rate limited.', retry_after: 1, global: false },
      headers: { 'retry-after': '1' },
    });
    const started = Date.now();
    const result = await delivery().deliver(post(digest));
    expect(result).toMatchObject({ ok: true });
    const reqs = mock.find('POST', /\/messages$/);
    expect(reqs).toHaveLength(2);
    expect(reqs[1]!.at - reqs[0]!.at).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('hands a long rate limit back to the scheduler instead of holding the worker', async () => {
    mock.script('POST', /\/messages$/, {
      status: 429,
      body: { message: 'slow down', retry_after: 120, global: false },
      headers: { 'retry-after': '120' },
    });
    const result = await delivery({ maxRateLimitWaitMs: 5_000 }).deliver(post(digest));
    expect(result).toEqual({ ok: false, kind: 'rate-limited', retryAfterMs: expect.any(Number) });
    expect(
      result.ok === false && result.kind === 'rate-limited' && result.retryAfterMs,
    ).toBeGreaterThanOrEqual(120_000);
  });

  it('marks a channel unreachable on 403 Missing Permissions and on 404 Unknown Channel', async () => {
    mock.script('POST', /\/messages$/, {
      status: 403,
      body: { message: 'Missing Permissions', code: 50013 },
    });
    expect(await delivery().deliver(post(digest))).toEqual({
      ok: false,
      kind: 'unreachable',
      reason: 'Paperboy lacks permission to post here (Send Messages and Embed Links)',
    });
    mock.script('POST', /\/messages$/, { status: 404, body: { message: 'Unknown Channel', code: 10003 } });
    expect(await delivery().deliver(post(digest))).toEqual({
      ok: false,
      kind: 'unreachable',
      reason: 'the channel no longer exists',
    });
  });

  it('reports 5xx as transient after discord.js retried', async () => {
    const err = { status: 500, body: { message: 'oops' } };
    mock.script('POST', /\/messages$/, err, err, err);
    const result = await delivery({ retries: 2 }).deliver(post(digest));
    expect(result).toMatchObject({ ok: false, kind: 'transient' });
    expect(mock.find('POST', /\/messages$/)).toHaveLength(3);
  });

  it('succeeds when a 500 is followed by a success within the retries', async () => {
    mock.script('POST', /\/messages$/, { status: 502, body: { message: 'bad gateway' } });
    expect(await delivery({ retries: 2 }).deliver(post(digest))).toMatchObject({ ok: true });
  });

  it('reports a timeout as transient', async () => {
    mock.script('POST', /\/messages$/, 'hang', 'hang');
    const result = await delivery({ timeoutMs: 200, retries: 1 }).deliver(post(digest));
    expect(result).toEqual({ ok: false, kind: 'transient', reason: 'Discord did not answer in time' });
  });
});

describe('Discord digest delivery after a crash', () => {
  /** The store as seen by a process killed right after Discord accepted a message, before it was recorded. */
  function crashingStore() {
    let crashed = false;
    return {
      getValue: (ns: string, key: string) => store.getValue(ns, key),
      deleteValue: (ns: string, key: string) => store.deleteValue(ns, key),
      async setValue(ns: string, key: string, value: string) {
        if (ns === 'discord-delivery-progress' && !crashed) {
          crashed = true;
          throw new Error('process killed after the post');
        }
        return store.setValue(ns, key, value);
      },
    };
  }

  function port(clock: FakeClock, kv = crashingStore()) {
    return createDiscordDelivery({
      rest: createRest({ apiUrl: mock.url, token: 'bot-token' }),
      store: kv,
      logger: silentLogger(),
      clock,
    });
  }

  const posts = () => mock.find('POST', /^\/channels\/333333333333333333\/messages$/);

  it('past the nonce window, finds the message in the channel and does not post it again', async () => {
    mock.nonceMemoryMs = 0; // Discord has forgotten the nonce by the time the lease expires
    const clock = new FakeClock('2025-05-02T08:00:00Z');
    const delivery = port(clock);
    expect((await delivery.deliver(post(digest))).ok).toBe(false);
    expect(posts()).toHaveLength(1);
    clock.advance(6 * 60_000);
    const retry = await delivery.deliver(post(digest));
    expect(retry.ok).toBe(true);
    expect(posts()).toHaveLength(1);
    expect(mock.find('GET', /^\/channels\/333333333333333333\/messages$/)).toHaveLength(1);
  });

  it('within the nonce window, lets the nonce answer with the first message', async () => {
    const clock = new FakeClock('2025-05-02T08:00:00Z');
    const delivery = port(clock);
    await delivery.deliver(post(digest));
    clock.advance(30_000);
    const retry = await delivery.deliver(post(digest));
    expect(retry.ok).toBe(true);
    expect(mock.find('GET', /^\/channels\/333333333333333333\/messages$/)).toHaveLength(0);
    expect(new Set(posts().map((r) => JSON.stringify(r.body))).size).toBe(1);
  });

  it('a second delivery of the post while the first still waits for Discord posts nothing more', async () => {
    // Discord is slow: the first post lands only after the scheduler, tired of waiting, asked again, and past
    // the nonce window, so only the history check stands between the second delivery and a second message.
    mock.nonceMemoryMs = 0;
    let land = () => {};
    const lands = new Promise<void>((r) => {
      land = r;
    });
    mock.script('POST', /\/messages$/, { unanswered: true, lands });
    const clock = new FakeClock('2025-05-02T08:00:00Z');
    const delivery = createDiscordDelivery({
      rest: createRest({ apiUrl: mock.url, token: 'bot-token', timeoutMs: 300, retries: 0 }),
      store,
      logger: silentLogger(),
      clock,
    });
    const a = delivery.deliver(post(digest));
    await mock.waitFor('POST', /\/messages$/);
    clock.advance(6 * 60_000);
    const b = delivery.deliver(post(digest));
    // Long enough for a second delivery running beside the first to look at the history and queue its post.
    await new Promise((r) => setTimeout(r, 100));
    land();
    const [ra, rb] = await Promise.all([a, b]);
    expect(ra).toEqual({ ok: false, kind: 'transient', reason: 'Discord did not answer in time' });
    const landed = mock.posted.get(CHANNEL) ?? [];
    expect(landed).toHaveLength(1);
    expect(posts()).toHaveLength(1);
    expect(rb).toMatchObject({ ok: true, messageIds: [landed[0]?.id] });
  });

  it('sends nothing when a delivery that succeeded is run again (died before it was recorded as sent)', async () => {
    mock.nonceMemoryMs = 0;
    const delivery = createDiscordDelivery({
      rest: createRest({ apiUrl: mock.url, token: 'bot-token' }),
      store,
      logger: silentLogger(),
    });
    const first = await delivery.deliver(post(digest));
    const again = await delivery.deliver(post(digest));
    expect(again).toEqual(first);
    expect(posts()).toHaveLength(1);
  });
});
