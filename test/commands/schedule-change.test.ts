// Subscribe state: unsubscribing everything starts the next subscription afresh, and a change never moves a digest
// the reply does not mention.
import { describe, expect, it } from 'vitest';
import { CHANNEL, fakeWorld, markAsSent } from '../app/fakes.js';
import { as, run } from './run.js';

const at = (iso: string) => new Date(iso);

describe('subscribing again after unsubscribing from everything', () => {
  it('starts from the defaults, not the old count, days and time', async () => {
    const world = await fakeWorld(at('2024-05-13T08:00:00Z'));
    await run(world, '/papers subscribe rl count:3 days:mon-fri time:07:05 timezone:Europe/Berlin');
    await run(world, '/papers settings exclude:survey when-empty:silent');
    await run(world, '/papers unsubscribe');
    const view = as(await run(world, '/papers subscribe diffusion'), 'notice');
    expect(view.fields).toContainEqual({ name: 'Schedule', value: '5 papers every day at 09:00 (UTC)' });
    expect(await world.store.getChannel(CHANNEL)).toMatchObject({
      topics: ['diffusion'],
      count: 5,
      time: '09:00',
      timezone: 'UTC',
      exclude: [],
      whenEmpty: 'notice',
      days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'],
    });
  });

  it('is owed no digest for a time that passed before it subscribed again', async () => {
    const world = await fakeWorld(at('2024-05-13T08:00:00Z'));
    await run(world, '/papers subscribe rl');
    await run(world, '/papers unsubscribe');
    world.clock.set(at('2024-05-13T10:00:00Z'));
    const view = as(await run(world, '/papers subscribe rl'), 'notice');
    expect(view.fields).toContainEqual({ name: 'Next digest', value: 'Tue 14 May, 09:00 UTC (in 23 h)' });
    // The scheduler owes a channel no slot from before its creation.
    expect((await world.store.getChannel(CHANNEL))?.createdAt).toBe('2024-05-13T10:00:00.000Z');
  });
});

describe('changing one setting', () => {
  it('leaves a digest that is due alone when the time did not change', async () => {
    const world = await fakeWorld(at('2024-05-13T08:00:00Z'));
    await run(world, '/papers subscribe rl time:09:30');
    world.clock.set(at('2024-05-13T09:31:00Z')); // due a minute ago; the scheduler's tick is still to come
    const view = as(await run(world, '/papers settings count:3'), 'notice');
    expect(view.text).toBe('Changed papers per digest 5 → 3.');
    expect(await world.store.getDelivery(CHANNEL, '2024-05-13')).toBeUndefined();
  });

  it('moved to a time that has passed today, posts nothing now and says so', async () => {
    const world = await fakeWorld(at('2024-05-13T08:00:00Z'));
    await run(world, '/papers subscribe rl time:18:00');
    world.clock.set(at('2024-05-13T10:00:00Z'));
    const view = as(await run(world, '/papers settings time:09:00'), 'notice');
    expect(view.text).toBe(
      'Changed time 18:00 → 09:00. Nothing goes out now for 09:00 today, as that time has passed: the next digest is below.',
    );
    expect(view.fields).toContainEqual({ name: 'Next digest', value: 'Tue 14 May, 09:00 UTC (in 23 h)' });
    expect(await world.store.getDelivery(CHANNEL, '2024-05-13')).toMatchObject({ status: 'skipped' });
  });

  it('moved later on a day whose digest already went out, shows tomorrow as the next one', async () => {
    const world = await fakeWorld(at('2024-05-13T08:00:00Z'));
    await run(world, '/papers subscribe rl time:09:00');
    world.clock.set(at('2024-05-13T10:00:00Z'));
    await markAsSent(world.store, CHANNEL, ['p1'], '2024-05-13');
    const view = as(await run(world, '/papers settings time:18:00'), 'notice');
    expect(view.fields).toContainEqual({
      name: 'Next digest',
      value: 'Tue 14 May, 18:00 UTC (in 32 h)',
    });
  });

  it("resumed after today's time passed while paused, posts nothing now and says so", async () => {
    const world = await fakeWorld(at('2024-05-13T08:00:00Z'));
    await run(world, '/papers subscribe rl time:09:00');
    await run(world, '/papers settings pause');
    world.clock.set(at('2024-05-13T10:00:00Z'));
    const view = as(await run(world, '/papers settings resume'), 'notice');
    expect(view.text).toBe(
      'Changed digests paused → active. Nothing goes out now for 09:00 today, as that time has passed: the next digest is below.',
    );
    expect(await world.store.getDelivery(CHANNEL, '2024-05-13')).toMatchObject({ status: 'skipped' });
  });
});
