import { describe, expect, it } from 'vitest';
import { CHANNEL, fakeWorld, member } from '../app/fakes.js';
import { as, run } from './run.js';

describe('/papers unsubscribe', () => {
  it('removes the named topics and keeps the rest', async () => {
    const world = await fakeWorld();
    await world.store.updateChannel(CHANNEL, { topics: ['diffusion', 'RL', 'robotics'] }, 'ada');
    const view = as(await run(world, '/papers unsubscribe rl; quantum'), 'notice');
    expect(view.text).toMatch(/^Unsubscribed from “RL”\. \(It was not subscribed to “quantum”\.\)/);
    expect((await world.store.getChannel(CHANNEL))?.topics).toEqual(['diffusion', 'robotics']);
  });

  it('removes every topic when none are named, and says the channel gets nothing now', async () => {
    const world = await fakeWorld();
    await world.store.updateChannel(CHANNEL, { topics: ['diffusion', 'RL'] }, 'ada');
    const view = as(await run(world, '/papers unsubscribe'), 'notice');
    expect(view.title).toBe('Unsubscribed');
    expect(view.text).toContain('This channel gets no digests now.');
    expect((await world.store.getChannel(CHANNEL))?.topics).toEqual([]);
  });

  it('a channel that unsubscribes from everything and subscribes again starts with follow-ups inline', async () => {
    const world = await fakeWorld();
    await world.store.updateChannel(CHANNEL, { topics: ['diffusion'] }, 'ada');
    await run(world, '/papers settings followups:off');
    await run(world, '/papers unsubscribe all');
    await run(world, '/papers subscribe robotics');
    const shown = as(await run(world, '/papers settings', member()), 'notice');
    expect(shown.fields).toContainEqual({ name: 'Follow-ups', value: expect.stringMatching(/^inline/) });
  });

  it('keeps the followups setting while the channel keeps a topic', async () => {
    const world = await fakeWorld();
    await world.store.updateChannel(CHANNEL, { topics: ['diffusion', 'rl'] }, 'ada');
    await run(world, '/papers settings followups:digest');
    await run(world, '/papers unsubscribe rl');
    await run(world, '/papers subscribe robotics');
    const shown = as(await run(world, '/papers settings', member()), 'notice');
    expect(shown.fields).toContainEqual({
      name: 'Follow-ups',
      value: 'digest: collected in the next digest',
    });
  });

  it('understands "all"', async () => {
    const world = await fakeWorld();
    await world.store.updateChannel(CHANNEL, { topics: ['diffusion'] }, 'ada');
    await run(world, '/papers unsubscribe all');
    expect((await world.store.getChannel(CHANNEL))?.topics).toEqual([]);
  });

  it('names the current topics when none of the given ones match', async () => {
    const world = await fakeWorld();
    await world.store.updateChannel(CHANNEL, { topics: ['diffusion'] }, 'ada');
    const view = as(await run(world, '/papers unsubscribe quantum'), 'error');
    expect(view).toMatchObject({
      text: 'This channel is not subscribed to “quantum”.',
      hint: expect.stringContaining('diffusion'),
    });
  });

  it('says there is nothing to remove on a channel without topics', async () => {
    expect(as(await run(await fakeWorld(), '/papers unsubscribe rl'), 'notice').title).toBe(
      'Nothing to remove',
    );
  });

  it('politely refuses people who cannot manage the channel', async () => {
    const world = await fakeWorld();
    await world.store.updateChannel(CHANNEL, { topics: ['diffusion'] }, 'ada');
    expect(as(await run(world, '/papers unsubscribe', member()), 'error').text).toMatch(
      /^Only people who can manage/,
    );
    expect((await world.store.getChannel(CHANNEL))?.topics).toEqual(['diffusion']);
  });
});
