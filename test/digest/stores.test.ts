// The digest schedule on the real stores: SQLite files and PostgreSQL (embedded), including two replicas.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeliveryResult } from '../../src/digest/types.js';
import { createScheduler, type SchedulerDeps } from '../../src/schedule/scheduler.js';
import { openStore } from '../../src/store/index.js';
import type { ChannelKey, ChannelSettings, Store } from '../../src/store/types.js';
import { createTestDatabase, createTestSchema, describeWithPostgres } from '../support/postgres.js';
import { jitteryPort, twoReplicas } from '../support/replicas.js';
import {
  captureLogger,
  fixedClock,
  paper,
  RecordingPort,
  type Script,
  WordSearch,
  wordDigest,
} from './fakes.js';

const papers = Array.from({ length: 30 }, (_, i) =>
  paper({
    id: `2501.${String(20000 + i)}`,
    title: `${i % 2 ? 'Diffusion' : 'RLHF'} result number ${i}`,
    abstract: i % 2 ? 'diffusion' : 'rlhf',
    listed: '2025-01-01',
    trending: { rank: i + 1 },
  }),
);
const key = (channel: string): ChannelKey => ({ platform: 'slack', workspace: 'T1', channel });

async function subscribe(store: Store, channel: string, settings: Partial<ChannelSettings> = {}) {
  await store.updateChannel(
    key(channel),
    { topics: ['diffusion', 'rlhf'], count: 2, time: '09:00', ...settings },
    'test',
  );
}

function scheduler(
  store: Store,
  port: RecordingPort,
  clock: ReturnType<typeof fixedClock>,
  extra: Partial<SchedulerDeps> = {},
) {
  const search = new WordSearch(papers);
  return createScheduler({
    store,
    ...wordDigest(search),
    ports: [port],
    logger: captureLogger().logger,
    clock,
    retry: { backoffMs: 1, transientRetries: 1 },
    limits: { slack: { windowMs: 1, marginMs: 0 } },
    ...extra,
  });
}

const at = (date: string, time: string) => `${date}T${time}:00Z`;
const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/**
 * The schedule's first day. Channels are created on the injected clock the afternoon before, after that day's
 * 09:00 slot, so no slot is missed before DAY1 whatever the wall clock says. 28 February 2028 runs the schedule
 * across a leap day.
 */
const DAY1 = () => '2028-02-28';
const CREATED = () => at(addDays(DAY1(), -1), '12:00');

type Clock = ReturnType<typeof fixedClock>;

function describeOnStore(name: string, open: (clock: Clock) => Promise<Store>) {
  describe(`digest schedule on ${name}`, () => {
    it('posts each channel once a day and never repeats a paper', async () => {
      const day = DAY1();
      const clock = fixedClock(CREATED());
      const store = await open(clock);
      await subscribe(store, 'a');
      await subscribe(store, 'b', { count: 3 });
      const port = new RecordingPort('slack');
      const s = scheduler(store, port, clock);
      for (let d = 0; d < 4; d++) {
        for (const time of ['09:00', '09:01', '13:30']) {
          clock.set(at(addDays(day, d), time));
          await s.tick();
        }
      }
      expect(port.calls).toHaveLength(8);
      for (const ch of ['a', 'b']) {
        const ids = port
          .shownIn(`slack:T1:${ch}`)
          .flatMap((p) => (p.view.kind === 'list' ? p.view.cards.map((c) => c.id) : []));
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids).toHaveLength(ch === 'a' ? 8 : 12);
      }
      const ledger = await store.listDeliveries(key('a'));
      expect(ledger.map((d) => d.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
      await store.close();
    });

    it('resumes a delivery left pending by a dead worker with its papers and nonce', async () => {
      const day = DAY1();
      const clock = fixedClock(CREATED());
      const store = await open(clock);
      await subscribe(store, 'a');
      clock.set(at(day, '09:00'));
      const dead = await store.claimDelivery(key('a'), day, ['2501.20005', '2501.20008'], 'dead-worker', 30);
      // The dead worker's 30 ms lease ran out long before 09:10.
      clock.set(at(day, '09:10'));
      const port = new RecordingPort('slack');
      await scheduler(store, port, clock).tick();
      expect(port.calls).toHaveLength(1);
      expect(port.calls[0]?.nonce).toBe(dead?.nonce);
      const view = port.calls[0]?.view;
      expect(view?.kind === 'list' && view.cards.map((c) => c.id)).toEqual(['2501.20005', '2501.20008']);
      expect((await store.getDelivery(key('a'), day))?.status).toBe('sent');
      await store.close();
    });

    it('marks a vanished channel unreachable after three tries and keeps serving the others', async () => {
      const day = DAY1();
      const clock = fixedClock(CREATED());
      const store = await open(clock);
      await subscribe(store, 'gone');
      await subscribe(store, 'ok');
      const script: Script = (post): DeliveryResult =>
        post.channel.channel === 'gone'
          ? { ok: false, kind: 'unreachable', reason: 'channel_not_found' }
          : { ok: true, messageIds: ['1'] };
      const port = new RecordingPort('slack', script);
      const s = scheduler(store, port, clock);
      for (const time of ['09:00', '09:01', '09:02', '09:03', '09:04']) {
        clock.set(at(day, time));
        await s.tick();
      }
      expect(port.calls.filter((c) => c.channel.channel === 'gone')).toHaveLength(3);
      expect(port.shownIn('slack:T1:ok')).toHaveLength(1);
      const gone = await store.getChannel(key('gone'));
      expect(gone?.unreachable?.reason).toBe('channel_not_found');
      expect((await store.getDelivery(key('gone'), day))?.status).toBe('failed');
      await store.close();
    });

    it('records a slot missed beyond the grace as skipped, and a silent empty day too', async () => {
      const day = DAY1();
      const clock = fixedClock(CREATED());
      const store = await open(clock);
      await subscribe(store, 'late');
      await subscribe(store, 'quiet', { topics: ['quantum'], whenEmpty: 'silent' });
      const port = new RecordingPort('slack');
      clock.set(at(day, '15:30'));
      await scheduler(store, port, clock).tick();
      clock.set(at(addDays(day, 1), '09:00'));
      await scheduler(store, port, clock).tick();
      expect(await store.getDelivery(key('late'), day)).toMatchObject({
        status: 'skipped',
        error: expect.stringMatching(/missed by 6\.5 h/),
      });
      expect((await store.getDelivery(key('quiet'), addDays(day, 1)))?.status).toBe('skipped');
      expect(port.calls.map((c) => c.channel.channel)).toEqual(['late']);
      await store.close();
    });
  });
}

describe('SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'paperboy-digest-'));
  let n = 0;
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  describeOnStore('SQLite', (clock) => openStore(`sqlite:${join(dir, `t${++n}.db`)}`, { clock }));
});

describeWithPostgres('PostgreSQL', () => {
  let database: string;
  beforeAll(async () => {
    database = await createTestDatabase('digest');
  });
  describeOnStore('PostgreSQL', async (clock) =>
    openStore(await createTestSchema(database, 'digest'), { clock }),
  );

  it('lets two schedulers on one database post each slot exactly once', async () => {
    const url = await createTestSchema(database, 'replicas');
    const day = DAY1();
    const clock = fixedClock(CREATED());
    const setup = await openStore(url, { clock });
    const channels = Array.from({ length: 60 }, (_, i) => `c${i}`);
    for (const c of channels) await subscribe(setup, c);
    await setup.close();
    // Two replicas: separate connection pools, one platform that records every request.
    const [storeA, storeB] = await twoReplicas(url, clock);
    const port = jitteryPort('m');
    clock.set(at(day, '09:00'));
    const a = scheduler(storeA, port, clock);
    const b = scheduler(storeB, port, clock);
    const reports = await Promise.all([a.tick(), b.tick()]);
    clock.set(at(day, '09:01'));
    await Promise.all([a.tick(), b.tick()]);
    expect(port.calls).toHaveLength(60);
    expect(new Set(port.calls.map((c) => c.channel.channel)).size).toBe(60);
    // Both did part of the work.
    expect(reports[0].outcomes.sent ?? 0).toBeGreaterThan(0);
    expect(reports[1].outcomes.sent ?? 0).toBeGreaterThan(0);
    expect((reports[0].outcomes.sent ?? 0) + (reports[1].outcomes.sent ?? 0)).toBe(60);
    for (const c of channels) expect((await storeA.getDelivery(key(c), day))?.status).toBe('sent');
    await Promise.all([storeA.close(), storeB.close()]);
  });
});
