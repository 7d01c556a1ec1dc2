// /papers notify: each member opts in to pings on their own topics, and out again.
import { describe, expect, it } from 'vitest';
import { CHANNEL, fakeWorld, member } from '../app/fakes.js';
import { as, run } from './run.js';

describe('/papers notify', () => {
  it('keeps a member’s own topics until they switch pings off', async () => {
    const world = await fakeWorld();
    const on = as(
      await run(world, '/papers notify me topics:"offline RL; world models"', member()),
      'notice',
    );
    expect(on.title).toBe('Pings on');
    expect(on.text).toContain('“offline RL” or “world models”');
    expect(await world.store.listNotify(CHANNEL)).toEqual([
      expect.objectContaining({ user: 'U2', topics: ['offline RL', 'world models'] }),
    ]);
    const off = as(await run(world, '/papers notify off', member()), 'notice');
    expect(off.text).toBe('This channel’s digests will not mention you any more.');
    expect(await world.store.listNotify(CHANNEL)).toEqual([]);
  });

  it('asks for topics when none are given', async () => {
    const world = await fakeWorld();
    const view = as(await run(world, '/papers notify me', member()), 'error');
    expect(view.hint).toMatch(/topics:/);
    expect(await world.store.listNotify(CHANNEL)).toEqual([]);
  });
});
