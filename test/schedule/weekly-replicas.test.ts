// The weekly round-up on the real embedded PostgreSQL: two replicas post each round-up once, and restarts and
// downtime follow the daily digest's rules (catch-up within the grace, skipped beyond it, never twice).
import { beforeAll, expect, it } from 'vitest';
import { createDigestPlanner } from '../../src/digest/planner.js';
import { createScheduler } from '../../src/schedule/scheduler.js';
import { openStore } from '../../src/store/index.js';
import type { ChannelKey, Store } from '../../src/store/types.js';
import {
  captureLogger,
  echoSummarizer,
  fixedClock,
  paper,
  RecordingPort,
  WordSearch,
} from '../digest/fakes.js';
import { createTestDatabase, createTestSchema, describeWithPostgres } from '../support/postgres.js';
import { jitteryPort, twoReplicas } from '../support/replicas.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Two diffusion papers listed each day of March and April 2025. */
const papers = Array.from({ length: 122 }, (_, i) =>
  paper({
    id: `2503.${String(40000 + i)}`,
    title: `Diffusion finding ${i}`,
    abstract: 'diffusion',
    listed: new Date(Date.UTC(2025, 2, 1) + Math.floor(i / 2) * DAY).toISOString().slice(0, 10),
    trending: { upvotes: (i * 7) % 31, velocity: (i * 3) % 11 },
  }),
);
const key = (channel: string): ChannelKey => ({ platform: 'slack', workspace: 'T1', channel });
type Clock = ReturnType<typeof fixedClock>;

function scheduler(store: Store, port: RecordingPort, clock: Clock) {
  const search = new WordSearch(papers);
  return createScheduler({
    store,
    planner: createDigestPlanner(search, { now: () => clock.ms() }),
    summarizer: echoSummarizer,
    papers: search,
    ports: [port],
    logger: captureLogger().logger,
    clock,
    graceHours: 6,
    limits: { slack: { windowMs: 1, marginMs: 0 } },
  });
}

/** Round-ups every Friday at 09:00 Berlin, subscribed on Monday 24 March 2025. */
async function subscribeWeekly(url: string, clock: Clock, channels: readonly string[]) {
  const setup = await openStore(url, { clock });
  for (const c of channels) {
    await setup.updateChannel(
      key(c),
      {
        topics: ['diffusion'],
        count: 2,
        time: '09:00',
        timezone: 'Europe/Berlin',
        cadence: 'weekly',
        weeklyDay: 'fri',
      },
      'test',
    );
  }
  await setup.close();
}

describeWithPostgres('weekly round-up on PostgreSQL', () => {
  let database: string;
  beforeAll(async () => {
    database = await createTestDatabase('weekly');
  });

  it('lets two replicas post each round-up once, on both sides of the spring-forward week', async () => {
    const url = await createTestSchema(database, 'weekly_replicas');
    const clock = fixedClock('2025-03-24T12:00:00Z');
    const channels = Array.from({ length: 30 }, (_, i) => `w${i}`);
    await subscribeWeekly(url, clock, channels);
    const [storeA, storeB] = await twoReplicas(url, clock);
    const port = jitteryPort('m');
    const postedAt = new Map<string, string[]>();
    const a = scheduler(storeA, port, clock);
    const b = scheduler(storeB, port, clock);
    const sent = { a: 0, b: 0 };
    async function tickBoth(from: string, to: string) {
      for (let t = Date.parse(from); t < Date.parse(to); t += MINUTE) {
        clock.set(t);
        const before = port.shown.length;
        const [ra, rb] = await Promise.all([a.tick(), b.tick()]);
        sent.a += ra.outcomes.sent ?? 0;
        sent.b += rb.outcomes.sent ?? 0;
        for (const post of port.shown.slice(before)) {
          const list = postedAt.get(post.channel.channel) ?? [];
          list.push(new Date(t).toISOString().slice(0, 16));
          postedAt.set(post.channel.channel, list);
        }
      }
    }
    // Friday 28 March is on winter time (08:00Z); Friday 4 April on summer time (07:00Z).
    await tickBoth('2025-03-28T07:58:00Z', '2025-03-28T08:03:00Z');
    await tickBoth('2025-04-04T06:58:00Z', '2025-04-04T07:03:00Z');
    expect(port.calls).toHaveLength(60);
    for (const c of channels) expect(postedAt.get(c), c).toEqual(['2025-03-28T08:00', '2025-04-04T07:00']);
    expect(sent.a).toBeGreaterThan(0);
    expect(sent.b).toBeGreaterThan(0);
    expect(sent.a + sent.b).toBe(60);
    // Each round-up brought new papers of its own week, never one from the week before.
    for (const c of channels) {
      const [first, second] = port
        .shownIn(`slack:T1:${c}`)
        .map((p) => (p.view.kind === 'list' ? p.view.cards.map((card) => card.id) : []));
      expect(first).toHaveLength(2);
      expect(second).toHaveLength(2);
      expect(new Set([...(first ?? []), ...(second ?? [])]).size).toBe(4);
    }
    const ledger = await storeA.listDeliveries(key('w0'));
    expect(ledger.map((d) => [d.slot, d.status])).toEqual([
      ['2025-04-04', 'sent'],
      ['2025-03-28', 'sent'],
    ]);
    await Promise.all([storeA.close(), storeB.close()]);
  });

  it('catches up a round-up missed by less than the grace after a restart, once, and skips an older one', async () => {
    const url = await createTestSchema(database, 'weekly_restart');
    const clock = fixedClock('2025-03-24T12:00:00Z');
    await subscribeWeekly(url, clock, ['late', 'crashed']);
    // A replica claimed "crashed" at 09:00 and died before posting; everything was down until 11:30 Berlin.
    const dying = await openStore(url, { clock });
    clock.set('2025-03-28T08:00:00Z');
    const dead = await dying.claimDelivery(key('crashed'), '2025-03-28', [papers[60]!.id], 'dead', 60_000);
    await dying.close();

    clock.set('2025-03-28T10:30:00Z');
    const port = new RecordingPort('slack');
    const [storeA, storeB] = [await openStore(url, { clock }), await openStore(url, { clock })];
    // Both replicas come back at once.
    await Promise.all([scheduler(storeA, port, clock).tick(), scheduler(storeB, port, clock).tick()]);
    expect(port.shown.map((p) => p.channel.channel).sort()).toEqual(['crashed', 'late']);
    // The crashed post went out as it was recorded: same papers, same idempotency key.
    const resent = port.shownIn('slack:T1:crashed')[0];
    expect(resent?.nonce).toBe(dead?.nonce);
    expect(resent?.view.kind === 'list' && resent.view.cards.map((c) => c.id)).toEqual([papers[60]!.id]);
    await Promise.all([storeA.close(), storeB.close()]);

    // Another restart the same day posts nothing again.
    const restarted = await openStore(url, { clock });
    clock.set('2025-03-28T12:00:00Z');
    await scheduler(restarted, port, clock).tick();
    expect(port.shown).toHaveLength(2);

    // Down for the whole of the next Friday: beyond the grace, that round-up is skipped, not posted late.
    clock.set('2025-04-04T14:00:00Z');
    const report = await scheduler(restarted, port, clock).tick();
    expect(report.skipped).toBe(2);
    expect(port.shown).toHaveLength(2);
    expect(await restarted.getDelivery(key('late'), '2025-04-04')).toMatchObject({
      status: 'skipped',
      error: expect.stringMatching(/missed by 7 h/),
    });
    // The week after goes out as usual.
    clock.set('2025-04-11T07:00:00Z');
    await scheduler(restarted, port, clock).tick();
    expect(port.shown).toHaveLength(4);
    await restarted.close();
  });
});
