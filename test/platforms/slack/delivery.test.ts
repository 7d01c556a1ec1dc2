import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSlackDelivery, DELIVERY_RETRY } from '../../../src/platforms/slack/delivery.js';
import type { RetryPolicy } from '../../../src/retry.js';
import { captureLogger, MemoryStore } from '../../digest/fakes.js';
import { FakeClock } from '../../support/fake-clock.js';
import { MockSlack } from './mock-slack.js';
import { card, hostileCard } from './views.js';

let mock: MockSlack;
beforeAll(async () => {
  mock = await new MockSlack().start();
});
afterAll(async () => {
  await mock.stop();
});
beforeEach(() => {
  mock.calls.length = 0;
  mock.history.clear();
  mock.threads.clear();
  mock.script = () => undefined;
});

const channel = { platform: 'slack' as const, workspace: 'T1', channel: 'C1' };

interface PortOptions {
  minIntervalMs?: number;
  maxRetryWaitMs?: number;
  token?: string;
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
}

/** The port on a fake clock: every wait (pacing, Retry-After, back-off) is recorded and moves the clock at once. */
function makePort(options: PortOptions = {}) {
  const kv = new MemoryStore();
  const { logger } = captureLogger();
  const clock = new FakeClock();
  const sleeps: number[] = [];
  const port = createSlackDelivery({
    tokenFor: async (team) => (team === 'T1' ? (options.token ?? 'xoxb-t1') : undefined),
    apiUrl: mock.apiUrl,
    kv,
    logger,
    minIntervalMs: options.minIntervalMs ?? 0,
    maxRetryWaitMs: options.maxRetryWaitMs ?? 5000,
    retry: options.retry ?? { retries: 0 },
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    clock,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.advance(ms);
    },
    random: () => 0.5,
  });
  return { port, kv, sleeps };
}

/** The blocks as posted, as text (form-encoded JSON, or already decoded). */
const blocksOf = (body: { blocks?: unknown } | undefined) =>
  typeof body?.blocks === 'string' ? body.blocks : JSON.stringify(body?.blocks ?? null);

const digest = (n: number) => ({
  kind: 'list' as const,
  title: 'Today’s papers on diffusion',
  cards: Array.from({ length: n }, (_, i) => card(i)),
});

describe('Slack digest delivery', () => {
  it('posts a digest again without its images when Slack cannot download one, so the post is not lost', async () => {
    mock.script = (call) =>
      call.method === 'chat.postMessage' && blocksOf(call.body).includes('"image_url"')
        ? {
            status: 200,
            json: {
              ok: false,
              error: 'invalid_blocks',
              errors: ['downloading image failed [json-pointer:/blocks/1/accessory/image_url]'],
            },
          }
        : undefined;
    const { port } = makePort();
    const view = {
      ...digest(2),
      cards: [
        card(0, { thumbnail: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/gone.png' }),
        card(1),
      ],
    };
    const result = await port.deliver({ channel, view, nonce: 'n-img' });
    expect(result.ok).toBe(true);
    const posts = mock.called('chat.postMessage');
    expect(posts).toHaveLength(2);
    expect(blocksOf(posts[0]?.body)).toContain('"alt_text"');
    expect(blocksOf(posts[1]?.body)).not.toContain('image');
    expect(blocksOf(posts[1]?.body)).toContain('Diffusion Models for Protein Design 0');
  });

  it('posts with chat.postMessage, unfurling off, with the workspace token, and returns the message ts', async () => {
    const { port } = makePort();
    const result = await port.deliver({ channel, view: digest(3), nonce: 'n1' });
    expect(result.ok && result.messageIds).toHaveLength(1);
    const [post] = mock.called('chat.postMessage');
    expect(post?.body).toMatchObject({ channel: 'C1', token: 'xoxb-t1' });
    // Form-encoded by the Web API client: booleans arrive as text.
    expect(String(post?.body.unfurl_links)).toBe('false');
    expect(String(post?.body.unfurl_media)).toBe('false');
    expect(String(post?.body.text)).toContain('Today’s papers on diffusion');
  });

  it('splits an oversized digest into messages of at most 50 blocks, paced apart on the clock', async () => {
    const { port, sleeps } = makePort({ minIntervalMs: 300 });
    const result = await port.deliver({ channel, view: digest(30), nonce: 'n2' });
    expect(result.ok && result.messageIds.length).toBe(3);
    const posts = mock.called('chat.postMessage');
    expect(posts).toHaveLength(3);
    for (const p of posts) expect((p.body.blocks as unknown[]).length).toBeLessThanOrEqual(50);
    // The fake clock stands still while Slack answers: each later post waits the whole interval.
    expect(sleeps).toEqual([300, 300]);
  });

  it('keeps <!channel> in a title inert in the post', async () => {
    const { port } = makePort();
    await port.deliver({
      channel,
      view: { kind: 'list', title: 'Digest', cards: [hostileCard] },
      nonce: 'n3',
    });
    const [post] = mock.called('chat.postMessage');
    const json = JSON.stringify(post?.body);
    expect(json).not.toMatch(/<!channel>|<!here>|<@U123/);
    expect(json).toContain('&lt;!channel&gt;');
  });

  it('waits out a 429 Retry-After before posting again', async () => {
    let limited = false;
    mock.script = (call) => {
      if (call.method === 'chat.postMessage' && !limited) {
        limited = true;
        return { status: 429, headers: { 'retry-after': '1' }, json: { ok: false, error: 'ratelimited' } };
      }
      return undefined;
    };
    const { port, sleeps } = makePort();
    const result = await port.deliver({ channel, view: digest(1), nonce: 'n4' });
    expect(result.ok).toBe(true);
    expect(mock.called('chat.postMessage')).toHaveLength(2);
    expect(sleeps).toEqual([1000]);
  });

  it('hands a long Retry-After back to the scheduler as rate-limited', async () => {
    mock.script = (call) =>
      call.method === 'chat.postMessage'
        ? { status: 429, headers: { 'retry-after': '120' }, json: { ok: false, error: 'ratelimited' } }
        : undefined;
    const { port } = makePort();
    const result = await port.deliver({ channel, view: digest(1), nonce: 'n5' });
    expect(result).toEqual({ ok: false, kind: 'rate-limited', retryAfterMs: 120_000 });
  });

  for (const error of ['channel_not_found', 'not_in_channel', 'is_archived', 'account_inactive']) {
    it(`marks the channel unreachable on ${error}`, async () => {
      mock.script = (call) =>
        call.method === 'chat.postMessage' ? { json: { ok: false, error } } : undefined;
      const { port } = makePort();
      expect(await port.deliver({ channel, view: digest(1), nonce: `n-${error}` })).toEqual({
        ok: false,
        kind: 'unreachable',
        reason: error,
      });
    });
  }

  it('calls a 5xx transient, tried once when the policy allows no retry (the Web API client retries nothing)', async () => {
    mock.script = (call) =>
      call.method === 'chat.postMessage' ? { status: 503, json: { ok: false } } : undefined;
    const { port, sleeps } = makePort();
    const result = await port.deliver({ channel, view: digest(1), nonce: 'n6' });
    expect(result.ok === false && result.kind).toBe('transient');
    expect(mock.called('chat.postMessage')).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('retries a 5xx through the RetryPolicy, waiting its back-off on the clock, then posts', async () => {
    let failures = 0;
    mock.script = (call) => {
      if (call.method !== 'chat.postMessage' || failures >= 2) return undefined;
      failures++;
      return { status: 503, json: { ok: false } };
    };
    const { port, sleeps } = makePort({ retry: { retries: 2, baseMs: 500, maxMs: 5000, jitter: 'none' } });
    const result = await port.deliver({ channel, view: digest(1), nonce: 'n6-retry' });
    expect(result.ok).toBe(true);
    expect(mock.called('chat.postMessage')).toHaveLength(3);
    expect(sleeps).toEqual([500, 1000]);
  });

  it('gives up after the policy’s retries, with the default policy’s jittered back-off', async () => {
    mock.script = (call) =>
      call.method === 'chat.postMessage' ? { status: 500, json: { ok: false } } : undefined;
    const { port, sleeps } = makePort({ retry: DELIVERY_RETRY });
    const result = await port.deliver({ channel, view: digest(1), nonce: 'n6-give-up' });
    expect(result).toMatchObject({ ok: false, kind: 'transient', reason: 'http 500' });
    expect(mock.called('chat.postMessage')).toHaveLength(3);
    // Equal jitter at random 0.5: three quarters of 500 and of 1000.
    expect(sleeps).toEqual([375, 750]);
  });

  it('does not retry an answer that says what is wrong (ok: false)', async () => {
    mock.script = (call) =>
      call.method === 'chat.postMessage' ? { json: { ok: false, error: 'msg_too_long' } } : undefined;
    const { port } = makePort({ retry: DELIVERY_RETRY });
    const result = await port.deliver({ channel, view: digest(1), nonce: 'n6-answered' });
    expect(result).toEqual({ ok: false, kind: 'transient', reason: 'msg_too_long' });
    expect(mock.called('chat.postMessage')).toHaveLength(1);
  });

  it('is unreachable for a workspace it is not installed in', async () => {
    const { port } = makePort();
    const result = await port.deliver({
      channel: { ...channel, workspace: 'T-GONE' },
      view: digest(1),
      nonce: 'n7',
    });
    expect(result.ok === false && result.kind).toBe('unreachable');
    expect(mock.called('chat.postMessage')).toHaveLength(0);
  });

  it('on retry after a partial failure posts only the messages not yet sent', async () => {
    let n = 0;
    mock.script = (call) => {
      if (call.method !== 'chat.postMessage') return undefined;
      n += 1;
      return n === 2 ? { status: 500, json: { ok: false } } : undefined;
    };
    const { port } = makePort();
    const first = await port.deliver({ channel, view: digest(30), nonce: 'n8' });
    expect(first.ok).toBe(false);
    const second = await port.deliver({ channel, view: digest(30), nonce: 'n8' });
    expect(second.ok && second.messageIds.length).toBe(3);
    // One sent, one failed, then only the two left.
    expect(mock.called('chat.postMessage')).toHaveLength(4);
  });
});

describe('Slack: a retried post that timed out', () => {
  /** Slack posts the first chat.postMessage but its answer never comes (the client gives up after 300 ms). */
  function firstPostUnanswered() {
    let first = true;
    mock.script = (call) => {
      if (call.method !== 'chat.postMessage' || !first) return undefined;
      first = false;
      return { unanswered: true };
    };
  }
  const policy = { retries: 2, baseMs: 500, maxMs: 5000, jitter: 'none' as const };

  it('finds the post in the channel history by its key and does not post it again', async () => {
    firstPostUnanswered();
    const { port, sleeps } = makePort({ retry: policy, timeoutMs: 300 });
    const result = await port.deliver({ channel, view: digest(1), nonce: 'timed-out' });
    const posted = mock.history.get('C1') ?? [];
    expect(posted).toHaveLength(1);
    expect(result).toMatchObject({ ok: true, messageIds: [posted[0]?.ts] });
    expect(mock.called('chat.postMessage')).toHaveLength(1);
    expect(mock.called('conversations.history')).toHaveLength(1);
    expect(sleeps).toEqual([500]);
  });

  it('finds a follow-up that timed out among its thread’s replies and does not post it again', async () => {
    const { port: digestPort } = makePort();
    const sent = await digestPort.deliver({ channel, view: digest(1), nonce: 'digest-t' });
    const parent = sent.ok ? (sent.messageIds[0] as string) : '';
    firstPostUnanswered();
    const { port } = makePort({ retry: policy, timeoutMs: 300 });
    const followup = { kind: 'notice' as const, text: 'Code released for Paper 0: https://github.com/a/b' };
    const result = await port.deliver({ channel, view: followup, nonce: 'fu-timed-out', replyTo: parent });
    const replies = mock.threads.get(`C1/${parent}`) ?? [];
    expect(replies).toHaveLength(1);
    expect(result).toEqual({ ok: true, messageIds: [replies[0]?.ts] });
    expect(mock.called('conversations.replies')).toHaveLength(1);
    expect(mock.called('chat.postMessage')).toHaveLength(2);
  });

  it('a second delivery of the post while the first still waits for Slack posts nothing more', async () => {
    // Slack is slow: the first post lands only after the scheduler, tired of waiting, asked again.
    let land = () => {};
    const lands = new Promise<void>((r) => {
      land = r;
    });
    let first = true;
    mock.script = (call) => {
      if (call.method !== 'chat.postMessage' || !first) return undefined;
      first = false;
      return { unanswered: true, lands };
    };
    const { port } = makePort({ retry: policy, timeoutMs: 300 });
    const post = { channel, view: digest(1), nonce: 'asked-twice' };
    const a = port.deliver(post);
    await mock.waitFor('chat.postMessage');
    const b = port.deliver(post);
    // Long enough for an unserialised second delivery to look at the history and post.
    await new Promise((r) => setTimeout(r, 100));
    land();
    const [ra, rb] = await Promise.all([a, b]);
    const posted = mock.history.get('C1') ?? [];
    expect(posted).toHaveLength(1);
    expect(mock.called('chat.postMessage')).toHaveLength(1);
    expect(ra).toMatchObject({ ok: true, messageIds: [posted[0]?.ts] });
    expect(rb).toEqual(ra);
  });

  it('posts again, once, when the failed try did not reach the channel', async () => {
    let failed = false;
    mock.script = (call) => {
      if (call.method !== 'chat.postMessage' || failed) return undefined;
      failed = true;
      return { status: 503, json: { ok: false } };
    };
    const { port } = makePort({ retry: policy });
    const result = await port.deliver({ channel, view: digest(1), nonce: 'not-posted' });
    expect(result.ok).toBe(true);
    expect(mock.called('conversations.history')).toHaveLength(1);
    expect(mock.called('chat.postMessage')).toHaveLength(2);
    expect(mock.history.get('C1')).toHaveLength(1);
  });
});

describe('Slack follow-ups in a digest’s thread', () => {
  const followup = { kind: 'notice' as const, text: 'Code released for Paper 0: https://github.com/a/b ★12' };

  it('posts a follow-up as a reply in the thread of the digest message, not in the channel', async () => {
    const { port } = makePort();
    const sent = await port.deliver({ channel, view: digest(1), nonce: 'digest-1' });
    const parent = sent.ok ? sent.messageIds[0] : undefined;
    const reply = await port.deliver({ channel, view: followup, nonce: 'fu-1', replyTo: parent! });
    expect(reply.ok).toBe(true);
    const [, posted] = mock.called('chat.postMessage');
    expect(posted?.body).toMatchObject({ channel: 'C1', thread_ts: parent, text: followup.text });
    expect(mock.history.get('C1')?.map((m) => m.ts)).toEqual([parent]);
    expect(mock.threads.get(`C1/${parent}`)?.map((m) => m.text)).toEqual([followup.text]);
  });

  it('after a crash, finds the reply in the thread (conversations.replies) and does not post it again', async () => {
    const { port: digestPort } = makePort();
    const sent = await digestPort.deliver({ channel, view: digest(1), nonce: 'digest-2' });
    const parent = sent.ok ? sent.messageIds[0]! : '';
    const kv = new CrashOnceStore();
    const port = createSlackDelivery({
      tokenFor: async () => 'xoxb-t1',
      apiUrl: mock.apiUrl,
      kv,
      logger: captureLogger().logger,
      minIntervalMs: 0,
      retry: { retries: 0 },
    });
    const first = await port.deliver({ channel, view: followup, nonce: 'fu-2', replyTo: parent });
    expect(first.ok).toBe(false);
    const retry = await port.deliver({ channel, view: followup, nonce: 'fu-2', replyTo: parent });
    expect(retry).toEqual({ ok: true, messageIds: [mock.threads.get(`C1/${parent}`)?.[0]?.ts] });
    expect(mock.called('conversations.replies')).toHaveLength(1);
    expect(mock.called('conversations.replies')[0]?.body).toMatchObject({ ts: parent });
    expect(mock.called('chat.postMessage')).toHaveLength(2);
  });
});

/** A store that "crashes" (throws) the first time a delivery records what it posted. */
class CrashOnceStore extends MemoryStore {
  crashed = false;
  override async setValue(namespace: string, key: string, value: string) {
    if (namespace === 'slack-delivery-progress' && !this.crashed) {
      this.crashed = true;
      throw new Error('process killed after chat.postMessage');
    }
    return super.setValue(namespace, key, value);
  }
}

/** A store that "crashes" the first time each post's delivery records what it posted. */
class CrashOncePerPost extends MemoryStore {
  crashed = new Set<string>();
  override async setValue(namespace: string, key: string, value: string) {
    if (namespace === 'slack-delivery-progress' && !this.crashed.has(key)) {
      this.crashed.add(key);
      throw new Error('process killed after chat.postMessage');
    }
    return super.setValue(namespace, key, value);
  }
}

describe('Slack digest delivery after a crash', () => {
  function crashPort() {
    const kv = new CrashOnceStore();
    const { logger, lines } = captureLogger();
    const port = createSlackDelivery({
      tokenFor: async () => 'xoxb-t1',
      apiUrl: mock.apiUrl,
      kv,
      logger,
      minIntervalMs: 0,
      retry: { retries: 0 },
    });
    return { port, lines };
  }

  it('posts each message with the digest key in its metadata', async () => {
    const { port } = makePort();
    await port.deliver({ channel, view: digest(2), nonce: 'key-meta' });
    const [post] = mock.called('chat.postMessage');
    expect(post?.body.metadata).toEqual({
      event_type: 'paperboy_digest',
      event_payload: { key: 'key-meta', part: 0 },
    });
  });

  it('finds a digest posted before the crash in the channel history and does not post it again', async () => {
    const { port } = crashPort();
    const first = await port.deliver({ channel, view: digest(2), nonce: 'key-crash' });
    expect(first.ok).toBe(false);
    expect(mock.called('chat.postMessage')).toHaveLength(1);
    const retry = await port.deliver({ channel, view: digest(2), nonce: 'key-crash' });
    const ts = mock.history.get('C1')?.[0]?.ts as string;
    expect(retry).toEqual({
      ok: true,
      messageIds: [ts],
      paperMessages: { '2505.10000': ts, '2505.10001': ts },
    });
    expect(mock.called('conversations.history')).toHaveLength(1);
    expect(mock.called('chat.postMessage')).toHaveLength(1);
  });

  it('posts again, and says delivery is at least once, when it may not read the history', async () => {
    mock.script = (call) =>
      call.method === 'conversations.history' ? { json: { ok: false, error: 'missing_scope' } } : undefined;
    const { port, lines } = crashPort();
    await port.deliver({ channel, view: digest(2), nonce: 'key-noscope' });
    const retry = await port.deliver({ channel, view: digest(2), nonce: 'key-noscope' });
    expect(retry.ok).toBe(true);
    expect(mock.called('chat.postMessage')).toHaveLength(2);
    expect(JSON.stringify(lines)).toContain('at least once');
  });
});

describe('Slack digest delivery in a workspace installed before scopes were added', () => {
  /** Slack's body for a scope the token lacks (see test/platforms/slack/files.test.ts for its source). */
  const lacking = (needed: string) => ({
    json: { ok: false, error: 'missing_scope', needed, provided: 'commands,chat:write' },
  });

  function port(workspaces: string[]) {
    const { logger, lines } = captureLogger();
    const delivery = createSlackDelivery({
      tokenFor: async (team) => (workspaces.includes(team) ? `xoxb-${team}` : undefined),
      apiUrl: mock.apiUrl,
      kv: new CrashOncePerPost(),
      logger,
      minIntervalMs: 0,
      retry: { retries: 0 },
    });
    return { delivery, lines };
  }

  it('says once per workspace which history scope to reinstall for, however many digests meet it', async () => {
    mock.script = (call) =>
      call.method === 'conversations.history' ? lacking('channels:history,groups:history') : undefined;
    const { delivery, lines } = port(['T1', 'T2']);
    const other = { ...channel, workspace: 'T2' };
    for (const [where, nonce] of [
      [channel, 'a'],
      [channel, 'b'],
      [other, 'c'],
    ] as const) {
      // Each delivery's first try dies after its post, so its retry looks at the history.
      await delivery.deliver({ channel: where, view: digest(1), nonce });
      expect((await delivery.deliver({ channel: where, view: digest(1), nonce })).ok).toBe(true);
    }
    const warned = lines.filter((l) =>
      String(l.msg).includes('the install lacks channels:history,groups:history'),
    );
    expect(warned.map((l) => l.team)).toEqual(['T1', 'T2']);
    expect(String(warned[0]?.msg)).toContain('reinstall the app');
  });

  it('hands the scheduler a reason naming the scope and the reinstall, logged once', async () => {
    mock.script = (call) => (call.method === 'chat.postMessage' ? lacking('chat:write') : undefined);
    const { delivery, lines } = port(['T1']);
    const first = await delivery.deliver({ channel, view: digest(1), nonce: 'x' });
    const second = await delivery.deliver({ channel, view: digest(1), nonce: 'y' });
    expect(first).toEqual({
      ok: false,
      kind: 'transient',
      reason: 'missing_scope: the install lacks chat:write; reinstall the Slack app to grant it',
    });
    expect(second).toEqual(first);
    const warnings = lines.filter((l) => l.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ team: 'T1', needed: 'chat:write' });
  });

  it('says it again when the scope is lost after a reinstall had granted it, without a restart', async () => {
    let granted = false;
    mock.script = (call) =>
      call.method === 'chat.postMessage' && !granted ? lacking('chat:write') : undefined;
    const { delivery, lines } = port(['T1']);
    await delivery.deliver({ channel, view: digest(1), nonce: 'lost-1' });
    await delivery.deliver({ channel, view: digest(1), nonce: 'lost-2' });
    granted = true; // reinstalled: the post goes through (its first try dies after posting; the retry finds it)
    await delivery.deliver({ channel, view: digest(1), nonce: 'back' });
    expect((await delivery.deliver({ channel, view: digest(1), nonce: 'back' })).ok).toBe(true);
    granted = false; // and the scope is lost again
    await delivery.deliver({ channel, view: digest(1), nonce: 'lost-3' });
    await delivery.deliver({ channel, view: digest(1), nonce: 'lost-4' });
    const warnings = lines.filter((l) => l.level === 40 && l.needed !== undefined);
    expect(warnings.map((l) => l.needed)).toEqual(['chat:write', 'chat:write']);
    expect(lines.some((l) => String(l.msg).includes('works again'))).toBe(true);
  });
});

describe('Slack digest delivery run twice', () => {
  it('posts nothing when a delivery that succeeded is run again (died before it was recorded as sent)', async () => {
    const { port } = makePort();
    const first = await port.deliver({ channel, view: digest(2), nonce: 'key-twice' });
    const again = await port.deliver({ channel, view: digest(2), nonce: 'key-twice' });
    expect(again).toEqual(first);
    expect(mock.called('chat.postMessage')).toHaveLength(1);
  });
});
