import { describe, expect, it } from 'vitest';
import { CHANNEL, fakeWorld, markAsSent, member } from '../app/fakes.js';
import { as, run } from './run.js';

describe('/papers digest', () => {
  it("previews the channel's own topics with an overview and each pick's reason", async () => {
    const world = await fakeWorld();
    await world.store.updateChannel(
      CHANNEL,
      { topics: ['diffusion'], count: 3, timezone: 'Asia/Tokyo' },
      'ada',
    );
    const view = as(await run(world, '/papers digest', member()), 'list');
    expect(view.title).toBe('Digest preview: “diffusion”');
    expect(view.intro).toBe('Themes: 1 papers.');
    expect(view.cards.map((c) => [c.id, c.reason])).toEqual([['2405.04233', 'matches: diffusion']]);
    expect(view.ephemeral).toBe(true);
    expect(world.planner.requests.at(-1)).toMatchObject({
      topics: ['diffusion'],
      count: 3,
      date: '2024-05-13',
    });
  });

  it('never previews papers the channel already got, and commits nothing', async () => {
    const world = await fakeWorld();
    await world.store.updateChannel(CHANNEL, { topics: ['reinforcement'] }, 'ada');
    await markAsSent(world.store, CHANNEL, ['2412.16145']);
    const view = as(await run(world, '/papers digest'), 'list');
    expect(view.cards.map((c) => c.id)).toEqual(['2403.03950']);
    await run(world, '/papers digest');
    expect(await world.store.listDeliveries(CHANNEL)).toHaveLength(1);
  });

  it('previews other topics given inline, split on ; and ,', async () => {
    const world = await fakeWorld();
    const view = as(await run(world, '/papers digest diffusion; reward, value functions'), 'list');
    expect(world.planner.requests.at(-1)?.topics).toEqual(['diffusion', 'reward', 'value functions']);
    expect(view.cards.length).toBeGreaterThan(1);
  });

  it('offers a Share button that posts the same preview to the channel', async () => {
    const world = await fakeWorld();
    const preview = as(await run(world, '/papers digest diffusion models; rl'), 'list');
    const share = preview.actions?.find((a) => a.label === 'Share to channel');
    expect(share?.command).toBe('/papers digest diffusion models; rl share:yes');
    const shared = as(await run(world, share!.command), 'list');
    expect(shared.ephemeral).toBe(false);
    expect(shared.actions).toBeUndefined();
    expect(shared.title).toBe("Today's papers on “diffusion models” and “rl”");
    expect(shared.cards.map((c) => c.id)).toEqual(preview.cards.map((c) => c.id));
  });

  it('explains subscribe when the channel has no topics', async () => {
    const view = as(await run(await fakeWorld(), '/papers digest'), 'notice');
    expect(view.title).toBe('This channel has no topics yet');
    expect(view.text).toContain('/papers subscribe');
  });

  it('says when there is nothing new', async () => {
    const world = await fakeWorld();
    await world.store.updateChannel(CHANNEL, { topics: ['diffusion'] }, 'ada');
    await markAsSent(world.store, CHANNEL, ['2405.04233']);
    const view = as(await run(world, '/papers digest'), 'notice');
    expect(view.title).toBe('Nothing new on “diffusion” today');
    expect(view.text).toMatch(/already been sent/);
  });

  it('applies the channel exclude words and notes a pause', async () => {
    const world = await fakeWorld();
    await world.store.updateChannel(CHANNEL, { topics: ['rl'], exclude: ['llm'], paused: true }, 'ada');
    const view = as(await run(world, '/papers digest'), 'list');
    expect(view.cards.map((c) => c.id)).toEqual(['2403.03950']);
    expect(view.intro).toContain('Digests are paused here');
  });
});
