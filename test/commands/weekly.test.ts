// cadence:weekly through the real commands: what subscribe, settings and the digest preview say, and the round-up
// the scheduler then posts on the fake clock.
import { describe, expect, it } from 'vitest';
import { createDigestPlanner } from '../../src/digest/planner.js';
import { silentLogger } from '../../src/logger.js';
import { createScheduler } from '../../src/schedule/scheduler.js';
import { CHANNEL, type FakeWorld, fakeWorld, markAsSent, paper } from '../app/fakes.js';
import { echoSummarizer, RecordingPort } from '../digest/fakes.js';
import { as, run } from './run.js';

const at = (iso: string) => new Date(iso);
const MINUTE = 60_000;

/** Papers of the week of Mon 13 – Fri 17 May 2024, with different momentum, and one older hit. */
const WEEK = [
  paper({
    id: 'hot',
    title: 'Diffusion sampler that everyone upvotes',
    listed: '2024-05-14',
    trending: { upvotes: 120, velocity: 40, rank: 1 },
  }),
  paper({
    id: 'warm',
    title: 'Diffusion distillation in four steps',
    listed: '2024-05-15',
    trending: { upvotes: 20, velocity: 6, rank: 5 },
  }),
  paper({
    id: 'folding',
    title: 'Diffusion for protein folding',
    listed: '2024-05-16',
    trending: { upvotes: 15, velocity: 5, rank: 6 },
  }),
  paper({
    id: 'last-month',
    title: 'Diffusion transformers revisited',
    listed: '2024-04-10',
    trending: { upvotes: 500, velocity: 90, rank: 1 },
  }),
];

/** Papers the channel liked before: they teach it to like protein folding. */
const LIKED = Array.from({ length: 5 }, (_, i) =>
  paper({ id: `liked-${i}`, title: `Protein folding study ${i}`, listed: '2024-03-01' }),
);

async function weeklyWorld(now = '2024-05-13T10:00:00Z') {
  const world = await fakeWorld(at(now));
  world.search.upsert([...WEEK, ...LIKED]);
  return world;
}

/** The scheduler main.ts runs, on the world's store and clock, with the real planner over its catalog. */
function schedulerFor(world: FakeWorld) {
  const port = new RecordingPort('slack');
  const scheduler = createScheduler({
    store: world.store,
    planner: createDigestPlanner(world.search, { now: () => world.clock.ms() }),
    summarizer: echoSummarizer,
    papers: world.search,
    ports: [port],
    logger: silentLogger(),
    clock: world.clock,
    limits: { slack: { windowMs: 1, marginMs: 0 } },
  });
  /** Ticks once a minute, as the cron does, up to `until`. */
  async function runUntil(until: string) {
    const end = Date.parse(until);
    for (let t = world.clock.ms(); t < end; t += MINUTE) {
      world.clock.set(t);
      await scheduler.tick();
    }
    world.clock.set(end);
  }
  return { port, scheduler, runUntil };
}

const cardIds = (port: RecordingPort) =>
  port.shown.map((p) => (p.view.kind === 'list' ? p.view.cards.map((c) => c.id) : p.view.kind));

describe('cadence:weekly in subscribe and settings', () => {
  it('subscribes to a Friday round-up and says so, with the next one in local time', async () => {
    const world = await weeklyWorld();
    const view = as(
      await run(world, '/papers subscribe diffusion cadence:weekly day:fri timezone:Europe/Berlin'),
      'notice',
    );
    expect(view.fields).toContainEqual({
      name: 'Schedule',
      value: '5 papers in a weekly round-up, Fridays at 09:00 (Europe/Berlin)',
    });
    expect(view.fields).toContainEqual({
      name: 'Next digest',
      value: 'Fri 17 May, 09:00 Europe/Berlin (in 3 days 21 h)',
    });
    const settings = as(await run(world, '/papers settings'), 'notice');
    expect(settings.fields).toContainEqual({
      name: 'Cadence',
      value: 'Weekly round-up, Fridays 09:00 Europe/Berlin',
    });
    expect(settings.fields).toContainEqual({ name: 'Days', value: 'daily (when back to cadence:daily)' });
  });

  it('moves the round-up to another day, and goes back to the daily days with cadence:daily', async () => {
    const world = await weeklyWorld();
    await run(world, '/papers subscribe diffusion days:weekdays time:08:00');
    const weekly = as(await run(world, '/papers settings cadence:weekly'), 'notice');
    expect(weekly.text).toBe('Changed cadence daily → weekly, Fridays.');
    const tuesday = as(await run(world, '/papers settings day:tuesday'), 'notice');
    expect(tuesday.text).toBe('Changed cadence weekly, Fridays → weekly, Tuesdays.');
    expect(tuesday.fields).toContainEqual({
      name: 'Next digest',
      value: 'Tue 14 May, 08:00 UTC (in 22 h)',
    });
    const daily = as(await run(world, '/papers settings cadence:daily'), 'notice');
    expect(daily.text).toBe('Changed cadence weekly, Tuesdays → daily.');
    expect(daily.fields).toContainEqual({ name: 'Days', value: 'weekdays' });
    expect(await world.store.getChannel(CHANNEL)).toMatchObject({
      cadence: 'daily',
      weeklyDay: 'tue',
      days: ['mon', 'tue', 'wed', 'thu', 'fri'],
    });
  });

  it('moved to today after its time passed, posts nothing now and says so', async () => {
    const world = await weeklyWorld('2024-05-13T08:00:00Z');
    await run(world, '/papers subscribe diffusion days:tue-fri time:09:00');
    world.clock.set(at('2024-05-13T10:00:00Z'));
    const view = as(await run(world, '/papers settings cadence:weekly day:mon'), 'notice');
    expect(view.text).toBe(
      'Changed cadence daily → weekly, Mondays. Nothing goes out now for 09:00 today, as that time has passed: the next digest is below.',
    );
    expect(view.fields).toContainEqual({
      name: 'Next digest',
      value: 'Mon 20 May, 09:00 UTC (in 6 days 23 h)',
    });
    expect(await world.store.getDelivery(CHANNEL, '2024-05-13')).toMatchObject({ status: 'skipped' });
  });

  it('refuses a round-up day on a daily channel, and a day that is not one, saying how to fix it', async () => {
    const world = await weeklyWorld();
    await run(world, '/papers subscribe diffusion');
    const daily = as(await run(world, '/papers settings day:fri'), 'error');
    expect(daily.text).toMatch(/add cadence:weekly, e\.g\. cadence:weekly day:fri/);
    const bad = as(await run(world, '/papers settings cadence:weekly day:someday'), 'error');
    expect(bad.text).toMatch(/"someday" is not one day of the week/);
    const fortnightly = as(await run(world, '/papers settings cadence:fortnightly'), 'error');
    expect(fortnightly.text).toMatch(/must be daily or weekly/);
    expect(await world.store.getChannel(CHANNEL)).toMatchObject({ cadence: 'daily' });
  });

  it('previews the round-up in /papers digest: the week so far, saying when it goes out', async () => {
    const world = await weeklyWorld('2024-05-16T10:00:00Z');
    await run(world, '/papers subscribe diffusion cadence:weekly day:fri timezone:Europe/Berlin');
    const view = as(await run(world, '/papers digest'), 'list');
    expect(view.title).toBe('Weekly round-up preview: “diffusion”');
    expect(view.intro).toMatch(/^Weekly round-up, Fridays 09:00 Europe\/Berlin\./);
    expect(world.planner.requests.at(-1)).toMatchObject({ cadence: 'weekly', date: '2024-05-16' });
  });
});

describe('the weekly round-up on the fake clock', () => {
  it('posts once on Friday at 09:00 Berlin: the week’s papers by momentum, none the channel already got', async () => {
    const world = await weeklyWorld();
    await run(world, '/papers subscribe diffusion cadence:weekly day:fri timezone:Europe/Berlin count:2');
    // The daily digest it had before already brought the hottest paper of the week.
    await markAsSent(world.store, CHANNEL, ['hot'], '2024-05-14');
    const { port, runUntil } = schedulerFor(world);
    // Down from Monday until Friday morning: no slot was missed meanwhile.
    world.clock.set(at('2024-05-17T06:30:00Z'));
    await runUntil('2024-05-17T06:59:00Z');
    expect(port.shown).toEqual([]);
    await runUntil('2024-05-17T08:00:00Z');
    expect(cardIds(port)).toEqual([['warm', 'folding']]);
    const post = port.shown[0];
    expect(post?.view.kind === 'list' && post.view.title).toBe('Weekly round-up · week to Fri 17 May 2024');
    expect((await world.store.getDelivery(CHANNEL, '2024-05-17'))?.status).toBe('sent');
    // Later that day, and up to the next Friday's slot, nothing more.
    world.clock.set(at('2024-05-17T20:00:00Z'));
    await runUntil('2024-05-17T20:05:00Z');
    world.clock.set(at('2024-05-24T06:50:00Z'));
    await runUntil('2024-05-24T06:59:00Z');
    expect(port.shown).toHaveLength(1);
  });

  it('ranks what the channel’s votes taught it to like above mere momentum', async () => {
    const ranked = async (vote: boolean) => {
      const world = await weeklyWorld();
      await run(world, '/papers subscribe diffusion cadence:weekly day:fri count:1');
      if (vote) for (const p of LIKED) await run(world, `/papers vote ${p.id} up`);
      const { port, runUntil } = schedulerFor(world);
      world.clock.set(at('2024-05-17T08:55:00Z'));
      await runUntil('2024-05-17T09:01:00Z');
      return cardIds(port);
    };
    expect(await ranked(false)).toEqual([['hot']]);
    expect(await ranked(true)).toEqual([['folding']]);
  });

  it('says nothing new this week when every paper of the week was already sent', async () => {
    const world = await weeklyWorld();
    await run(world, '/papers subscribe diffusion cadence:weekly day:fri');
    await markAsSent(world.store, CHANNEL, ['hot', 'warm', 'folding'], '2024-05-15');
    const { port, runUntil } = schedulerFor(world);
    world.clock.set(at('2024-05-17T08:55:00Z'));
    await runUntil('2024-05-17T09:01:00Z');
    expect(port.shown.map((p) => p.view)).toEqual([
      { kind: 'notice', text: 'Nothing new on diffusion this week.' },
    ]);
  });
});
