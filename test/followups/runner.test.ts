// Follow-ups end to end on a real SQLite store: a digest goes out, the catalog changes, one line follows.
import { afterEach, describe, expect, it } from 'vitest';
import type { Paper, PaperInput } from '../../src/catalog/paper.js';
import { createDeliveryRunner } from '../../src/digest/runner.js';
import { createFollowupRunner, followupMode, setFollowupMode } from '../../src/followups/runner.js';
import { createScheduler } from '../../src/schedule/scheduler.js';
import { type ChannelKey, type OpenedStore, openStore } from '../../src/store/index.js';
import { captureLogger, paper, RecordingPort, WordSearch, wordDigest } from '../digest/fakes.js';
import { FakeClock } from '../support/fake-clock.js';

const general: ChannelKey = { platform: 'slack', workspace: 'T1', channel: 'C1' };
const SLOT = '2026-03-02';

let store: OpenedStore | undefined;
afterEach(async () => {
  await store?.close();
  store = undefined;
});

async function world() {
  const clock = new FakeClock('2026-03-02T09:00:30Z');
  store = await openStore('sqlite::memory:', { clock });
  const s = store;
  const search = new WordSearch([
    paper({
      id: '2603.00001',
      arxivId: '2603.00001',
      title: 'Diffusion without code',
      abstract: 'diffusion',
      listed: '2026-03-01',
      version: 1,
      links: { abs: 'https://arxiv.org/abs/2603.00001' },
    }),
  ]);
  const port = new RecordingPort('slack');
  const { logger } = captureLogger();
  const digests = createDeliveryRunner({
    store: s,
    ...wordDigest(search),
    ports: [port],
    logger,
    clock,
    // Slack's one post a second per channel is paced on real timers: not what these tests are about.
    limits: { slack: { limit: 1000 } },
  });
  const followups = (owner = 'replica-a') =>
    createFollowupRunner({ store: s, papers: search, ports: [port], clock, logger, owner });
  const channel = await s.updateChannel(general, { topics: ['diffusion'], count: 1 }, 'ada');
  /** The catalog refresh bringing a newer state of the paper. */
  const refresh = (change: Partial<PaperInput>) =>
    search.upsert([paper({ ...(search.get('2603.00001') as Paper), ...change })]);
  return { clock, store: s, search, port, digests, followups, channel, refresh };
}

describe('follow-ups on a paper a channel received', () => {
  it('posts one line in the digest’s thread when code is released, and never again', async () => {
    const w = await world();
    expect(await w.digests.run({ channel: w.channel, slot: SLOT })).toBe('sent');
    const digestMessage = 'm1';
    expect(await w.followups().pass()).toEqual({ posted: 0, failed: 0 });

    w.refresh({
      links: { abs: 'https://arxiv.org/abs/2603.00001', code: 'https://github.com/a/b' },
      trending: { stars: 12 },
    });
    expect(await w.followups().pass()).toEqual({ posted: 1, failed: 0 });
    expect(w.port.shown.at(-1)).toMatchObject({
      channel: general,
      replyTo: digestMessage,
      view: { kind: 'notice', text: 'Code released for Diffusion without code: https://github.com/a/b ★12' },
    });
    // Another pass, another process: nothing more for the same change.
    expect(await w.followups().pass()).toEqual({ posted: 0, failed: 0 });
    expect(await w.followups('replica-b').pass()).toEqual({ posted: 0, failed: 0 });
    expect(w.port.shown).toHaveLength(2);
    expect(await w.store.listFollowups(general)).toEqual([
      expect.objectContaining({ change: 'code', status: 'sent', replyTo: 'm1', messageIds: ['m2'] }),
    ]);
  });

  it('follows each new arXiv version once', async () => {
    const w = await world();
    await w.digests.run({ channel: w.channel, slot: SLOT });
    w.refresh({ version: 2 });
    await w.followups().pass();
    await w.followups().pass();
    w.refresh({ version: 3 });
    await w.followups().pass();
    expect(w.port.shown.slice(1).map((p) => (p.view.kind === 'notice' ? p.view.text : ''))).toEqual([
      'New arXiv version (v2) of Diffusion without code: https://arxiv.org/abs/2603.00001v2',
      'New arXiv version (v3) of Diffusion without code: https://arxiv.org/abs/2603.00001v3',
    ]);
  });

  it('reads the snapshots page by page, so a pass misses none past the first page', async () => {
    const w = await world();
    const channels = [w.channel];
    for (const channel of ['C2', 'C3']) {
      const key: ChannelKey = { ...general, channel };
      channels.push(await w.store.updateChannel(key, { topics: ['diffusion'], count: 1 }, 'ada'));
    }
    for (const channel of channels) expect(await w.digests.run({ channel, slot: SLOT })).toBe('sent');
    w.refresh({ version: 2 });
    const { logger } = captureLogger();
    const runner = createFollowupRunner({
      store: w.store,
      papers: w.search,
      ports: [w.port],
      clock: w.clock,
      logger,
      pageSize: 2,
    });
    expect(await runner.pass()).toEqual({ posted: 3, failed: 0 });
    const followed = w.port.shown.filter((p) => p.view.kind === 'notice').map((p) => p.channel.channel);
    expect(followed.sort()).toEqual(['C1', 'C2', 'C3']);
  });

  it('leaves a refused follow-up for a later pass and gives up on an unreachable channel', async () => {
    const w = await world();
    await w.digests.run({ channel: w.channel, slot: SLOT });
    w.refresh({ journalRef: 'NeurIPS 2026' });
    let answer: 'transient' | 'unreachable' | 'ok' = 'transient';
    const flaky = new RecordingPort('slack', () =>
      answer === 'ok'
        ? { ok: true, messageIds: [] }
        : answer === 'transient'
          ? { ok: false, kind: 'transient', reason: 'http 500' }
          : { ok: false, kind: 'unreachable', reason: 'channel_not_found' },
    );
    const runner = () =>
      createFollowupRunner({
        store: w.store,
        papers: w.search,
        ports: [flaky],
        clock: w.clock,
        logger: captureLogger().logger,
      });
    expect(await runner().pass()).toEqual({ posted: 0, failed: 1 });
    answer = 'ok';
    expect(await runner().pass()).toEqual({ posted: 1, failed: 0 });
    expect(flaky.shown[0]?.view).toEqual({
      kind: 'notice',
      text: 'Diffusion without code has a venue: NeurIPS 2026',
    });
    w.refresh({ version: 2 });
    answer = 'unreachable';
    expect(await runner().pass()).toEqual({ posted: 0, failed: 1 });
    expect(await runner().pass()).toEqual({ posted: 0, failed: 0 });
    expect((await w.store.listFollowups(general)).map((f) => [f.change, f.status])).toEqual([
      ['venue', 'sent'],
      ['version:2', 'failed'],
    ]);
  });

  it('followups:digest batches them into the next digest as a compact section, once', async () => {
    const w = await world();
    await setFollowupMode(w.store, general, 'digest');
    expect(await followupMode(w.store, general)).toBe('digest');
    await w.digests.run({ channel: w.channel, slot: SLOT });
    w.refresh({ version: 2, hub: { models: 3, datasets: 0, spaces: 0, top: { model: 'org/m' } } });
    expect(await w.followups().pass()).toEqual({ posted: 0, failed: 0 });
    expect(w.port.shown).toHaveLength(1);

    // The next day has nothing new: the notice carries the follow-ups.
    await w.digests.run({ channel: w.channel, slot: '2026-03-03' });
    const next = w.port.shown[1]?.view;
    expect(next).toEqual({
      kind: 'notice',
      text:
        'Nothing new on diffusion today.\n\nFollow-ups on papers you received:\n' +
        '• Models on the Hugging Face Hub for Diffusion without code: 3, top: https://huggingface.co/org/m\n' +
        '• New arXiv version (v2) of Diffusion without code: https://arxiv.org/abs/2603.00001v2',
    });
    expect((await w.store.listFollowups(general)).map((f) => f.status)).toEqual(['sent', 'sent']);
    await w.followups().pass();
    await w.digests.run({ channel: w.channel, slot: '2026-03-04' });
    expect(w.port.shown[2]?.view).toEqual({ kind: 'notice', text: 'Nothing new on diffusion today.' });
  });

  it('a retried digest re-sends only the follow-ups its first attempt took; newer ones wait', async () => {
    const w = await world();
    await setFollowupMode(w.store, general, 'digest');
    await w.digests.run({ channel: w.channel, slot: SLOT });
    w.refresh({ version: 2 });
    await w.followups().pass();
    // The platform shows the next digest but its answer is lost: the delivery stays pending.
    let lose = true;
    const port = new RecordingPort('slack', () =>
      lose ? { ok: false, kind: 'transient', reason: 'timeout' } : { ok: true, messageIds: ['m9'] },
    );
    const runner = createDeliveryRunner({
      store: w.store,
      ...wordDigest(w.search),
      ports: [port],
      logger: captureLogger().logger,
      clock: w.clock,
      limits: { slack: { limit: 1000 } },
      retry: { transientRetries: 0 },
    });
    expect(await runner.run({ channel: w.channel, slot: '2026-03-03' })).toBe('later');
    w.refresh({ version: 2, journalRef: 'ICML 2026' });
    await w.followups().pass();
    lose = false;
    expect(await runner.run({ channel: w.channel, slot: '2026-03-03' })).toBe('notice');
    const texts = port.calls.map((c) => (c.view.kind === 'notice' ? c.view.text : ''));
    expect(texts[0]).toBe(texts[1]);
    expect(texts[1]).not.toContain('venue');
    // The venue goes with the digest after.
    await runner.run({ channel: w.channel, slot: '2026-03-04' });
    expect(port.calls[2]?.view).toMatchObject({ text: expect.stringContaining('has a venue: ICML 2026') });
  });

  it('followups:off posts nothing, and a channel that chose silence still gets its digest follow-ups', async () => {
    const w = await world();
    await setFollowupMode(w.store, general, 'off');
    await w.digests.run({ channel: w.channel, slot: SLOT });
    w.refresh({ version: 2 });
    await w.followups().pass();
    expect(w.port.shown).toHaveLength(1);
    expect(await w.store.listFollowups(general)).toEqual([]);

    await setFollowupMode(w.store, general, 'digest');
    const silent = await w.store.updateChannel(general, { whenEmpty: 'silent' }, 'ada');
    await w.followups().pass();
    expect(await w.digests.run({ channel: silent, slot: '2026-03-03' })).toBe('notice');
    expect(w.port.shown[1]?.view).toMatchObject({
      kind: 'notice',
      text: expect.stringMatching(/^Follow-ups on papers you received:\n• New arXiv version \(v2\)/),
    });
  });

  it('runs after the scheduler’s digests, at most every interval', async () => {
    const w = await world();
    let passes = 0;
    const runner = w.followups();
    const scheduler = createScheduler({
      store: w.store,
      ...wordDigest(w.search),
      ports: [w.port],
      logger: captureLogger().logger,
      clock: w.clock,
      limits: { slack: { limit: 1000 } },
      alsoEachTick: [
        {
          tick: () => {
            passes++;
            return runner.tick();
          },
        },
      ],
    });
    // Subscribed at 09:00:30, so the first digest it is owed is at 09:01.
    const channel = await w.store.updateChannel(general, { time: '09:01' }, 'ada');
    expect(channel.time).toBe('09:01');
    w.clock.advance(60_000);
    await scheduler.tick();
    expect(w.port.shown).toHaveLength(1);
    w.refresh({ version: 2 });
    // The digest went out in this tick; its paper's follow-up waits for the next pass, 15 minutes on.
    w.clock.advance(60_000);
    await scheduler.tick();
    expect(w.port.shown).toHaveLength(1);
    w.clock.advance(15 * 60_000);
    await scheduler.tick();
    expect(passes).toBe(3);
    expect(w.port.shown.map((p) => p.view.kind)).toEqual(['list', 'notice']);
  });
});
