import { describe, expect, it, vi } from 'vitest';
import type { DeliveryResult } from '../../src/digest/types.js';
import { createMetrics } from '../../src/metrics.js';
import { createScheduler, type SchedulerDeps } from '../../src/schedule/scheduler.js';
import type { ChannelKey, ChannelSettings } from '../../src/store/types.js';
import {
  captureLogger,
  fixedClock,
  MemoryStore,
  paper,
  RecordingPort,
  type Script,
  WordSearch,
  wordDigest,
} from '../digest/fakes.js';

const MINUTE = 60_000;
const papers = Array.from({ length: 40 }, (_, i) =>
  paper({
    id: `2501.${String(10000 + i)}`,
    title: `Diffusion paper number ${i}`,
    abstract: 'diffusion',
    listed: '2025-01-01',
    trending: { rank: i + 1 },
  }),
);

function harness(start: string, script?: Script, extra: Partial<SchedulerDeps> = {}) {
  const clock = fixedClock(start);
  const store = new MemoryStore(clock);
  const search = new WordSearch(papers);
  const postedAt: Array<{ channel: string; at: string }> = [];
  const port = new RecordingPort('discord', (post, attempt) => {
    postedAt.push({ channel: post.channel.channel, at: clock.now().toISOString().slice(0, 16) });
    return script ? script(post, attempt) : { ok: true, messageIds: [] };
  });
  const { logger, lines } = captureLogger();
  const deps: SchedulerDeps = {
    store,
    ...wordDigest(search),
    ports: [port],
    logger,
    clock,
    graceHours: 6,
    retry: { backoffMs: 1, transientRetries: 1 },
    ...extra,
  };
  const scheduler = createScheduler(deps);
  const add = (channel: string, settings: Partial<ChannelSettings>, createdAt?: string) =>
    store.addChannel(key(channel), { topics: ['diffusion'], count: 1, ...settings }, createdAt);
  /** Ticks once a minute from the current clock to `until` (exclusive), like the cron would. */
  async function runUntil(until: string) {
    const end = Date.parse(until);
    for (let t = clock.now().getTime(); t < end; t += MINUTE) {
      clock.set(t);
      await scheduler.tick();
    }
    clock.set(end);
  }
  return { store, clock, port, postedAt, lines, scheduler, deps, add, runUntil };
}

const key = (channel: string): ChannelKey => ({ platform: 'discord', workspace: 'g1', channel });

describe('schedule across daylight-saving changes', () => {
  it('posts 09:00 and a skipped 02:30 in Berlin once a day on spring-forward, at the right minute', async () => {
    const h = harness('2025-03-29T00:00:00Z');
    h.add('nine', { time: '09:00', timezone: 'Europe/Berlin' });
    h.add('gap', { time: '02:30', timezone: 'Europe/Berlin' });
    await h.runUntil('2025-04-01T00:00:00Z');
    expect(h.postedAt.filter((p) => p.channel === 'nine').map((p) => p.at)).toEqual([
      '2025-03-29T08:00',
      '2025-03-30T07:00',
      '2025-03-31T07:00',
    ]);
    // 02:30 does not exist on the 30th: it goes out at 03:00 CEST (01:00Z), once.
    expect(h.postedAt.filter((p) => p.channel === 'gap').map((p) => p.at)).toEqual([
      '2025-03-29T01:30',
      '2025-03-30T01:00',
      '2025-03-31T00:30',
    ]);
  });

  it('posts a repeated 02:30 in Berlin once on fall-back, at its first occurrence', async () => {
    const h = harness('2025-10-25T00:00:00Z');
    h.add('nine', { time: '09:00', timezone: 'Europe/Berlin' });
    h.add('twice', { time: '02:30', timezone: 'Europe/Berlin' });
    await h.runUntil('2025-10-28T00:00:00Z');
    expect(h.postedAt.filter((p) => p.channel === 'nine').map((p) => p.at)).toEqual([
      '2025-10-25T07:00',
      '2025-10-26T08:00',
      '2025-10-27T08:00',
    ]);
    expect(h.postedAt.filter((p) => p.channel === 'twice').map((p) => p.at)).toEqual([
      '2025-10-25T00:30',
      '2025-10-26T00:30',
      '2025-10-27T01:30',
    ]);
  });

  it('posts 09:00 New York once on each change day, and a repeated 01:30 once', async () => {
    const spring = harness('2025-03-08T00:00:00Z');
    spring.add('nine', { time: '09:00', timezone: 'America/New_York' });
    spring.add('gap', { time: '02:30', timezone: 'America/New_York' });
    await spring.runUntil('2025-03-11T00:00:00Z');
    expect(spring.postedAt.filter((p) => p.channel === 'nine').map((p) => p.at)).toEqual([
      '2025-03-08T14:00',
      '2025-03-09T13:00',
      '2025-03-10T13:00',
    ]);
    expect(spring.postedAt.filter((p) => p.channel === 'gap').map((p) => p.at)).toEqual([
      '2025-03-08T07:30',
      '2025-03-09T07:00',
      '2025-03-10T06:30',
    ]);

    const fall = harness('2025-11-01T00:00:00Z');
    fall.add('nine', { time: '09:00', timezone: 'America/New_York' });
    fall.add('twice', { time: '01:30', timezone: 'America/New_York' });
    await fall.runUntil('2025-11-04T00:00:00Z');
    expect(fall.postedAt.filter((p) => p.channel === 'nine').map((p) => p.at)).toEqual([
      '2025-11-01T13:00',
      '2025-11-02T14:00',
      '2025-11-03T14:00',
    ]);
    expect(fall.postedAt.filter((p) => p.channel === 'twice').map((p) => p.at)).toEqual([
      '2025-11-01T05:30',
      '2025-11-02T05:30',
      '2025-11-03T06:30',
    ]);
  });
});

describe('which channels are due', () => {
  it('serves only chosen weekdays, and not paused, topic-less or unreachable channels', async () => {
    // Fri 9 May to Mon 12 May 2025.
    const h = harness('2025-05-09T00:00:00Z');
    h.add('weekdays', { days: ['mon', 'tue', 'wed', 'thu', 'fri'] });
    h.add('paused', { paused: true });
    h.add('no-topics', { topics: [] });
    const gone = h.add('gone', {});
    gone.unreachable = { reason: 'Missing Access', since: '2025-05-01T00:00:00Z' };
    await h.runUntil('2025-05-13T00:00:00Z');
    expect(h.postedAt.map((p) => `${p.channel} ${p.at}`)).toEqual([
      'weekdays 2025-05-09T09:00',
      'weekdays 2025-05-12T09:00',
    ]);
  });

  it('logs a channel with an impossible time zone once and keeps serving the others', async () => {
    const h = harness('2025-05-09T08:58:00Z');
    h.add('mars', { timezone: 'Mars/Olympus_Mons' });
    h.add('earth', {});
    await h.runUntil('2025-05-09T09:05:00Z');
    expect(h.postedAt.map((p) => p.channel)).toEqual(['earth']);
    expect(h.lines.filter((l) => l.channel === 'discord:g1:mars' && l.level === 50)).toHaveLength(1);
  });

  it('does not owe a channel the slot from before it subscribed', async () => {
    const h = harness('2025-05-09T10:00:00Z');
    h.add('new', { time: '09:00' }, '2025-05-09T09:30:00Z');
    await h.runUntil('2025-05-09T10:05:00Z');
    expect(h.postedAt).toEqual([]);
    await h.runUntil('2025-05-10T09:01:00Z');
    expect(h.postedAt.map((p) => p.at)).toEqual(['2025-05-10T09:00']);
  });
});

describe('catch-up after downtime', () => {
  it('ticks once at start, so a slot missed while down goes out without waiting for the minute', async () => {
    const h = harness('2025-05-09T10:00:00Z');
    h.add('a', { time: '09:00' });
    h.scheduler.start();
    await vi.waitFor(() => expect(h.port.shown).toHaveLength(1), { timeout: 5_000 });
    await h.scheduler.stop();
    expect(h.lines.some((l) => l.msg === 'digest scheduler started')).toBe(true);
  });

  it('still posts a slot missed by less than the grace, as soon as the process is back', async () => {
    const h = harness('2025-05-09T14:59:00Z');
    h.add('late', { time: '09:00' });
    const report = await h.scheduler.tick();
    expect(report.outcomes.sent).toBe(1);
    expect(h.postedAt.map((p) => p.at)).toEqual(['2025-05-09T14:59']);
    await h.runUntil('2025-05-09T16:00:00Z');
    expect(h.postedAt).toHaveLength(1);
  });

  it('skips and logs a slot missed by more than the grace, and keeps the next one', async () => {
    const h = harness('2025-05-09T15:01:00Z');
    h.add('late', { time: '09:00' });
    const report = await h.scheduler.tick();
    expect(report.skipped).toBe(1);
    expect(h.postedAt).toEqual([]);
    const delivery = await h.store.getDelivery(key('late'), '2025-05-09');
    expect(delivery?.status).toBe('skipped');
    expect(delivery?.error).toMatch(/missed by 6 h/);
    const warning = h.lines.find((l) => l.msg === 'missed digest slot is older than the grace; skipped');
    expect(warning).toMatchObject({ channel: 'discord:g1:late', slot: '2025-05-09' });
    await h.runUntil('2025-05-10T09:01:00Z');
    expect(h.postedAt.map((p) => p.at)).toEqual(['2025-05-10T09:00']);
  });

  it('re-sends a digest left pending by a crash with the same papers and nonce', async () => {
    const h = harness('2025-05-09T09:30:00Z');
    h.add('crashed', { time: '09:00', count: 2 });
    // A previous process recorded its intent and died before confirming; its lease has run out.
    const before = await h.store.claimDelivery(
      key('crashed'),
      '2025-05-09',
      ['2501.10007', '2501.10003'],
      'old',
      1,
    );
    h.clock.advance(5);
    await h.scheduler.tick();
    expect(h.port.shown).toHaveLength(1);
    const post = h.port.shown[0];
    expect(post?.nonce).toBe(before?.nonce);
    expect(post?.view.kind === 'list' && post.view.cards.map((c) => c.id)).toEqual([
      '2501.10007',
      '2501.10003',
    ]);
    expect((await h.store.getDelivery(key('crashed'), '2025-05-09'))?.status).toBe('sent');
  });

  it('gives up a pending digest still undelivered after the grace', async () => {
    const h = harness('2025-05-09T15:30:00Z');
    h.add('stuck', { time: '09:00' });
    await h.store.claimDelivery(key('stuck'), '2025-05-09', ['2501.10000'], 'old', 1);
    h.clock.advance(5);
    const report = await h.scheduler.tick();
    expect(report.gaveUp).toBe(1);
    expect(h.postedAt).toEqual([]);
    expect((await h.store.getDelivery(key('stuck'), '2025-05-09'))?.status).toBe('failed');
  });
});

describe('delivery through the schedule', () => {
  it('marks a channel that keeps refusing posts unreachable after three tries, without holding up others', async () => {
    const h = harness(
      '2025-05-09T09:00:00Z',
      (post): DeliveryResult =>
        post.channel.channel === 'deleted'
          ? { ok: false, kind: 'unreachable', reason: 'Unknown Channel' }
          : { ok: true, messageIds: [] },
    );
    h.add('deleted', {});
    h.add('fine', {});
    await h.runUntil('2025-05-09T09:10:00Z');
    expect(h.port.shownIn('discord:g1:fine')).toHaveLength(1);
    expect(h.postedAt.filter((p) => p.channel === 'deleted').map((p) => p.at)).toEqual([
      '2025-05-09T09:00',
      '2025-05-09T09:01',
      '2025-05-09T09:02',
    ]);
    const gone = await h.store.getChannel(key('deleted'));
    expect(gone?.unreachable?.reason).toBe('Unknown Channel');
    expect((await h.store.getDelivery(key('deleted'), '2025-05-09'))?.status).toBe('failed');
    await h.runUntil('2025-05-10T10:00:00Z');
    expect(h.postedAt.filter((p) => p.channel === 'deleted')).toHaveLength(3);
    expect(h.port.shownIn('discord:g1:fine')).toHaveLength(2);
  });

  it('posts "nothing new" once, or nothing, when every matching paper was already sent', async () => {
    const h = harness('2025-05-09T09:00:00Z');
    h.add('notice', { topics: ['quantum'], whenEmpty: 'notice' });
    h.add('quiet', { topics: ['quantum'], whenEmpty: 'silent' });
    await h.runUntil('2025-05-09T10:00:00Z');
    expect(h.port.shown.map((p) => [p.channel.channel, p.view])).toEqual([
      ['notice', { kind: 'notice', text: 'Nothing new on quantum today.' }],
    ]);
    expect((await h.store.getDelivery(key('quiet'), '2025-05-09'))?.status).toBe('skipped');
  });

  it('counts digests skipped per platform: nothing new, already sent, missed beyond the grace', async () => {
    const metrics = createMetrics({ defaults: false });
    const h = harness('2025-05-09T15:01:00Z', undefined, { metrics });
    h.add('late', { time: '09:00' });
    // Subscribed this morning: yesterday's 15:00 is not theirs to miss.
    h.add('quiet', { topics: ['quantum'], whenEmpty: 'silent', time: '15:00' }, '2025-05-09T10:00:00Z');
    h.add('sent', { time: '15:00' }, '2025-05-09T10:00:00Z');
    await h.scheduler.tick();
    // A restarted process finds the slot it had already sent.
    await createScheduler(h.deps).tick();
    const text = await metrics.registry.getSingleMetricAsString('paperboy_digests_skipped_total');
    expect(text).toContain('paperboy_digests_skipped_total{platform="discord",reason="missed"} 1');
    expect(text).toContain('paperboy_digests_skipped_total{platform="discord",reason="nothing-new"} 1');
    expect(text).toContain('paperboy_digests_skipped_total{platform="discord",reason="already-sent"} 2');
  });

  it('never sends a channel the same paper twice over many days', async () => {
    const h = harness('2025-05-01T00:00:00Z');
    h.add('daily', { count: 3 });
    await h.runUntil('2025-05-16T00:00:00Z');
    const ids = h.port.shown.flatMap((p) => (p.view.kind === 'list' ? p.view.cards.map((c) => c.id) : []));
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
    // Day 14 onwards has nothing left: a notice each day, never an empty list.
    expect(h.port.shown.at(-1)?.view.kind).toBe('notice');
  });

  it('lets two schedulers on one store post each slot once', async () => {
    const clock = fixedClock('2025-05-09T09:00:00Z');
    const store = new MemoryStore(clock);
    const search = new WordSearch(papers);
    const port = new RecordingPort('discord');
    const make = () =>
      createScheduler({
        store,
        ...wordDigest(search),
        ports: [port],
        logger: captureLogger().logger,
        clock,
      });
    for (let i = 0; i < 30; i++) store.addChannel(key(`c${i}`), { topics: ['diffusion'], time: '09:00' });
    const [a, b] = [make(), make()];
    await Promise.all([a.tick(), b.tick(), a.tick()]);
    expect(port.calls).toHaveLength(30);
    expect(new Set(port.calls.map((c) => c.channel.channel)).size).toBe(30);
  });
});

describe('other once-a-minute jobs', () => {
  it('runs them at each tick’s instant after the digests, and keeps ticking when one fails', async () => {
    const seen: string[] = [];
    const { scheduler, lines } = harness('2025-01-06T08:00:00Z', undefined, {
      alsoEachTick: [
        {
          async tick(now: Date) {
            seen.push(now.toISOString());
            throw new Error('reading group store down');
          },
        },
        { tick: async (now: Date) => seen.push(`second ${now.toISOString()}`) },
      ],
    });
    await scheduler.tick(new Date('2025-01-06T08:01:00Z'));
    expect(seen).toEqual(['2025-01-06T08:01:00.000Z', 'second 2025-01-06T08:01:00.000Z']);
    expect(lines.some((l) => l.msg === 'scheduled job failed')).toBe(true);
  });
});
