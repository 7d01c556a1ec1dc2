import { describe, expect, it } from 'vitest';
import { createDeliveryRunner, type RunnerDeps } from '../../src/digest/runner.js';
import type { DeliveryResult } from '../../src/digest/types.js';
import type { ChannelKey, Platform } from '../../src/store/types.js';
import type { Summarizer } from '../../src/summarize/types.js';
import {
  captureLogger,
  MemoryStore,
  paper,
  RecordingPort,
  type Script,
  WordSearch,
  wordDigest,
} from './fakes.js';

const SLOT = '2025-05-09';
const papers = Array.from({ length: 12 }, (_, i) =>
  paper({ id: `p${i}`, title: `Diffusion study ${i}`, abstract: 'diffusion', listed: '2025-05-01' }),
);

function setup(script: Script, extra: Partial<RunnerDeps> = {}, platform: Platform = 'discord') {
  const store = new MemoryStore();
  const search = new WordSearch(papers);
  const port = new RecordingPort(platform, script);
  const { logger, lines } = captureLogger();
  const runner = createDeliveryRunner({
    store,
    ...wordDigest(search),
    ports: [port],
    logger,
    retry: { backoffMs: 20, deliverTimeoutMs: 200 },
    ...extra,
  });
  const channel = (name: string) =>
    store.addChannel({ platform, workspace: 'w', channel: name }, { topics: ['diffusion'], count: 2 });
  return { store, search, port, runner, lines, channel };
}

const key = (name: string, platform: Platform = 'discord'): ChannelKey => ({
  platform,
  workspace: 'w',
  channel: name,
});

describe('delivering one digest', () => {
  it('records the intended papers before posting and marks them sent after', async () => {
    let pendingWhilePosting: string | undefined;
    const t = setup(async (post) => {
      pendingWhilePosting = (await t.store.getDelivery(post.channel, SLOT))?.status;
      return { ok: true, messageIds: ['m'] };
    });
    const outcome = await t.runner.run({ channel: t.channel('a'), slot: SLOT });
    expect(outcome).toBe('sent');
    expect(pendingWhilePosting).toBe('pending');
    const d = await t.store.getDelivery(key('a'), SLOT);
    expect(d).toMatchObject({ status: 'sent', paperIds: ['p0', 'p1'] });
    expect(t.port.calls[0]?.nonce).toBe(d?.nonce);
  });

  it('waits for Retry-After when the platform answers 429, then posts once', async () => {
    const started = Date.now();
    const t = setup((_post, attempt) =>
      attempt === 1
        ? { ok: false, kind: 'rate-limited', retryAfterMs: 300 }
        : { ok: true, messageIds: ['m'] },
    );
    expect(await t.runner.run({ channel: t.channel('a'), slot: SLOT })).toBe('sent');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(t.port.calls).toHaveLength(2);
    expect(t.port.shown).toHaveLength(1);
  });

  it('holds every post to a rate-limited Discord bot until Retry-After has passed', async () => {
    const times: number[] = [];
    let limited = false;
    const t = setup(() => {
      times.push(Date.now());
      if (!limited) {
        limited = true;
        return { ok: false, kind: 'rate-limited', retryAfterMs: 250 };
      }
      return { ok: true, messageIds: [] };
    });
    const first = t.runner.run({ channel: t.channel('a'), slot: SLOT });
    await new Promise((r) => setTimeout(r, 30));
    const second = t.runner.run({ channel: t.channel('b'), slot: SLOT });
    expect(await Promise.all([first, second])).toEqual(['sent', 'sent']);
    const [rejected, ...later] = times as [number, ...number[]];
    for (const at of later) expect(at - rejected).toBeGreaterThanOrEqual(240);
  });

  it('retries a 500 with back-off, then posts', async () => {
    const t = setup((_post, attempt) =>
      attempt <= 2 ? { ok: false, kind: 'transient', reason: 'HTTP 500' } : { ok: true, messageIds: ['m'] },
    );
    expect(await t.runner.run({ channel: t.channel('a'), slot: SLOT })).toBe('sent');
    expect(t.port.calls).toHaveLength(3);
  });

  it('treats a post that never answers as a timeout and retries it with the same nonce', async () => {
    const t = setup((_post, attempt) =>
      attempt === 1 ? new Promise<DeliveryResult>(() => {}) : { ok: true, messageIds: ['m'] },
    );
    expect(await t.runner.run({ channel: t.channel('a'), slot: SLOT })).toBe('sent');
    expect(t.port.calls).toHaveLength(2);
    expect(t.port.calls[0]?.nonce).toBe(t.port.calls[1]?.nonce);
  });

  it('leaves a delivery pending after a few failures and resumes it later with the same papers and nonce', async () => {
    let down = true;
    const t = setup(() =>
      down ? { ok: false, kind: 'transient', reason: 'HTTP 503' } : { ok: true, messageIds: [] },
    );
    const channel = t.channel('a');
    expect(await t.runner.run({ channel, slot: SLOT })).toBe('later');
    expect(t.port.calls).toHaveLength(4);
    const pending = await t.store.getDelivery(key('a'), SLOT);
    expect(pending).toMatchObject({ status: 'pending', error: 'HTTP 503', owner: null });
    // A better paper arrives meanwhile: the retry still sends what was recorded.
    t.search.upsert([paper({ id: 'new', title: 'Diffusion diffusion diffusion', abstract: 'diffusion' })]);
    down = false;
    expect(await t.runner.run({ channel, slot: SLOT })).toBe('sent');
    const sent = t.port.shown[0];
    expect(sent?.nonce).toBe(pending?.nonce);
    expect(sent?.view.kind === 'list' && sent.view.cards.map((c) => c.id)).toEqual(pending?.paperIds);
  });

  it('counts refusals of a deleted channel and marks it unreachable on the third', async () => {
    const t = setup(() => ({ ok: false, kind: 'unreachable', reason: 'Missing Permissions' }));
    const channel = t.channel('gone');
    expect(await t.runner.run({ channel, slot: SLOT })).toBe('later');
    expect(await t.runner.run({ channel, slot: SLOT })).toBe('later');
    expect(await t.runner.run({ channel, slot: SLOT })).toBe('unreachable');
    const record = await t.store.getChannel(key('gone'));
    expect(record?.unreachable?.reason).toBe('Missing Permissions');
    expect(record?.failures).toBe(3);
    expect(await t.runner.run({ channel, slot: SLOT })).toBe('done');
    expect(t.port.calls).toHaveLength(3);
  });

  it('keeps other channels moving while one is backing off', async () => {
    const done: string[] = [];
    const t = setup(
      (post, attempt) => {
        if (post.channel.channel === 'flaky' && attempt <= 2)
          return { ok: false, kind: 'transient', reason: '500' };
        done.push(post.channel.channel);
        return { ok: true, messageIds: [] };
      },
      { retry: { backoffMs: 300 }, limits: { discord: { concurrency: 1 } } },
    );
    const runs = ['flaky', 'b', 'c', 'd'].map((name) =>
      t.runner.run({ channel: t.channel(name), slot: SLOT }),
    );
    expect(await Promise.all(runs)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(done).toEqual(['b', 'c', 'd', 'flaky']);
  });

  it('falls back to the built-in summary of the abstract when the summariser fails', async () => {
    const broken: Summarizer = {
      summarize: async () => {
        throw new Error('LLM down');
      },
      overview: async () => ({ themes: '', lines: [] }),
    };
    const t = setup(() => ({ ok: true, messageIds: [] }), { summarizer: broken });
    await t.runner.run({
      channel: t.store.addChannel(key('a'), { topics: ['diffusion'], count: 1 }),
      slot: SLOT,
    });
    const view = t.port.shown[0]?.view;
    // The abstract is the one word "diffusion"; the built-in summariser makes it a sentence.
    expect(view?.kind === 'list' && view.cards[0]?.tldr).toBe('Diffusion.');
    expect(t.lines.some((l) => l.msg === 'summary failed; using the abstract')).toBe(true);
  });

  it('summarises a paper once for all the channels that get it', async () => {
    const calls: string[] = [];
    const counting: Summarizer = {
      summarize: async (p) => {
        calls.push(p.id);
        return { tldr: `About ${p.id}.`, keyPoints: [], by: 'builtin' };
      },
      overview: async () => ({ themes: '', lines: [] }),
    };
    const t = setup(() => ({ ok: true, messageIds: [] }), { summarizer: counting });
    await Promise.all(['a', 'b', 'c'].map((name) => t.runner.run({ channel: t.channel(name), slot: SLOT })));
    expect(t.port.shown).toHaveLength(3);
    expect(calls.sort()).toEqual(['p0', 'p1']);
  });

  it('leaves a slot another worker holds alone', async () => {
    const t = setup(() => ({ ok: true, messageIds: [] }));
    const channel = t.channel('a');
    await t.store.claimDelivery(key('a'), SLOT, ['p5'], 'other-replica', 60_000);
    expect(await t.runner.run({ channel, slot: SLOT })).toBe('busy');
    expect(t.port.calls).toHaveLength(0);
  });
});
