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

  it('refuses a vote that is neither up nor down', async () => {
    const view = as(await run(world, '/papers vote 2405.04233 sideways', ada), 'error');
    expect(view.text).toMatch(/up or down/);
    expect(await world.store.listVotes(CHANNEL)).toEqual([]);
  });
});
