// /papers vote: the 👍 / 👎 under every paper, one changeable vote per member, counts answered privately.
import { beforeEach, describe, expect, it } from 'vitest';
import { CHANNEL, type FakeWorld, fakeWorld, member } from '../app/fakes.js';
import { as, run } from './run.js';

const ada = { ...member(), user: { id: 'U-ada', name: 'ada', canManage: false } };
const bob = { ...member(), user: { id: 'U-bob', name: 'bob', canManage: false } };
const boss = { ...member(), user: { id: 'U-boss', name: 'boss', canManage: true } };

describe('/papers vote', () => {
  let world: FakeWorld;
  beforeEach(async () => {
    world = await fakeWorld();
  });

  it('answers privately with the channel’s new counts, and lets a member change their vote', async () => {
    const first = as(await run(world, '/papers vote 2405.04233 up', ada), 'notice');
    expect(first.ephemeral).toBe(true);
    expect(first.text).toContain('👍 1 · 👎 0 in this channel');
    as(await run(world, '/papers vote 2405.04233 down', bob), 'notice');
    const changed = as(await run(world, '/papers vote 2405.04233 down', ada), 'notice');
    expect(changed.text).toContain('👍 0 · 👎 2 in this channel');
    expect(changed.text).toContain('Not for this channel');
    expect(changed.actions).toEqual([{ label: '👍 instead', command: '/papers vote 2405.04233 up' }]);
    expect(await world.store.voteCounts(CHANNEL, '2405.04233')).toEqual({ up: 0, down: 2 });
  });

  it('hides a paper from the channel on one 👎 from someone who manages it, not from one member', async () => {
    const member = as(await run(world, '/papers vote 2405.04233 down', ada), 'notice');
    expect(member.text).not.toContain('Not for this channel');
    const admin = as(await run(world, '/papers vote 2412.16145 down', boss), 'notice');
    expect(admin.text).toContain('Not for this channel');
    expect((await world.store.listVotes(CHANNEL)).map((v) => [v.paperId, v.admin])).toEqual([
      ['2405.04233', false],
      ['2412.16145', true],
    ]);
  });

  it('leaves a paper voted off the channel out of its search results, and out of their total', async () => {
    const ids = (v: Awaited<ReturnType<typeof run>>) => as(v, 'list').cards.map((c) => c.id);
    const before = as(await run(world, '/papers search reinforcement', ada), 'list');
    expect(ids(before)).toContain('2412.16145');
    await run(world, '/papers vote 2412.16145 down', boss);
    const after = as(await run(world, '/papers search reinforcement', ada), 'list');
    expect(ids(after)).not.toContain('2412.16145');
    expect(after.page?.total).toBe((before.page?.total ?? 0) - 1);
  });

  it('refuses a vote that is neither up nor down', async () => {
    const view = as(await run(world, '/papers vote 2405.04233 sideways', ada), 'error');
    expect(view.text).toMatch(/up or down/);
    expect(await world.store.listVotes(CHANNEL)).toEqual([]);
  });
});

describe('/papers settings and what votes taught', () => {
  it('shows what the channel’s votes taught, and forgets it on reset_learning:yes', async () => {
    const world = await fakeWorld();
    await world.store.updateChannel(CHANNEL, { topics: ['diffusion'] }, 'ada');
    await run(world, '/papers vote 2405.04233 up', ada);
    await run(world, '/papers vote 2405.04233 up', bob);
    await run(world, '/papers vote 2412.16145 down', ada);
    const before = as(await run(world, '/papers settings', member()), 'notice');
    const learned = before.fields?.find((f) => f.name === 'Learned from votes');
    expect(learned?.value).toMatch(/\(2 voted papers; reset_learning:yes forgets it\)$/);

    world.clock.set(new Date('2024-05-13T11:00:00Z'));
    const reset = as(await run(world, '/papers settings reset_learning:yes'), 'notice');
    expect(reset.text).toMatch(/^Forgot what this channel’s votes taught/);
    const after = as(await run(world, '/papers settings', member()), 'notice');
    expect(after.fields?.map((f) => f.name)).not.toContain('Learned from votes');
    // The votes themselves stay: counts on the buttons do not change.
    expect(await world.store.voteCounts(CHANNEL, '2405.04233')).toEqual({ up: 2, down: 0 });
  });

  it('lets only people who manage the channel reset the learning', async () => {
    const world = await fakeWorld();
    const view = await run(world, '/papers settings reset_learning:yes', member());
    expect(view.kind).toBe('error');
  });
});
