import { describe, expect, it } from 'vitest';
import { CHANNEL, fakeWorld, member } from '../app/fakes.js';
import { as, run } from './run.js';

describe('/papers subscribe', () => {
  it('subscribes with the documented example and says when the next digest goes out, in local time', async () => {
    const world = await fakeWorld(new Date('2024-05-13T10:00:00Z')); // Monday, 12:00 in Berlin
    const view = as(
      await run(
        world,
        '/papers subscribe topics:"diffusion models; reward hacking" time:08:30 timezone:Europe/Berlin',
      ),
      'notice',
    );
    expect(view.title).toBe('Subscribed');
    expect(view.text).toBe('Subscribed to “diffusion models” and “reward hacking”.');
    expect(view.fields).toEqual([
      { name: 'Topics', value: 'diffusion models; reward hacking' },
      { name: 'Schedule', value: '5 papers every day at 08:30 (Europe/Berlin)' },
      { name: 'Next digest', value: 'Tue 14 May, 08:30 Europe/Berlin (in 20 h 30 min)' },
    ]);
    expect(view.ephemeral).toBe(true);
    const record = await world.store.getChannel(CHANNEL);
    expect(record).toMatchObject({
      topics: ['diffusion models', 'reward hacking'],
      time: '08:30',
      timezone: 'Europe/Berlin',
      updatedBy: 'ada',
    });
  });

  it('merges new topics into the existing ones without duplicates', async () => {
    const world = await fakeWorld();
    await run(world, '/papers subscribe diffusion models, RL');
    const view = as(await run(world, '/papers subscribe rl; Robotics'), 'notice');
    expect(view.text).toMatch(/^Subscribed to “Robotics”\. \(Already had “rl”\.\)/);
    expect((await world.store.getChannel(CHANNEL))?.topics).toEqual(['diffusion models', 'RL', 'Robotics']);
  });

  it('takes count and days, and skips days off when computing the next digest', async () => {
    const world = await fakeWorld(new Date('2024-05-17T18:00:00Z')); // Friday evening
    const view = as(await run(world, '/papers subscribe rl count:3 days:mon-fri time:7:05'), 'notice');
    expect(view.fields).toContainEqual({ name: 'Schedule', value: '3 papers every weekday at 07:05 (UTC)' });
    expect(view.fields).toContainEqual({
      name: 'Next digest',
      value: 'Mon 20 May, 07:05 UTC (in 2 days 13 h)',
    });
  });

  it.each([
    [
      'time:25:00',
      'Time: "25:00" is not a time: use 24-hour HH:MM from 00:00 to 23:59 (e.g. 08:30 or 17:00)',
    ],
    [
      'timezone:Berlin',
      'Timezone: "Berlin" is not a time zone: use an IANA name such as Europe/Berlin, America/New_York or UTC (did you mean Europe/Berlin?)',
    ],
    [
      'timezone:+02:00',
      'Timezone: "+02:00" is not a time zone: use an IANA name such as Europe/Berlin, America/New_York or UTC.',
    ],
    ['count:11', 'Count must be at most 10.'],
    ['count:0', 'Count must be at least 1.'],
    [
      'days:someday',
      'Days: "someday" is not a day: use mon..sun (e.g. mon,wed,fri or mon-fri), weekdays, weekends or daily.',
    ],
  ])('refuses %s saying what is allowed', async (option, message) => {
    const world = await fakeWorld();
    const view = as(await run(world, `/papers subscribe rl ${option}`), 'error');
    expect(view.text).toBe(message);
    expect(view.hint).toMatch(/^Usage: \/papers subscribe/);
    expect(await world.store.getChannel(CHANNEL)).toBeUndefined();
  });

  it('refuses more than 10 topics and topics over 100 characters', async () => {
    const world = await fakeWorld();
    const eleven = Array.from({ length: 11 }, (_, i) => `topic ${i}`).join('; ');
    expect(as(await run(world, `/papers subscribe ${eleven}`), 'error').text).toBe(
      'Topics: 11 topics given: at most 10 are allowed (separate them with ; or ,)',
    );
    expect(as(await run(world, `/papers subscribe ${'x'.repeat(101)}`), 'error').text).toMatch(
      /^Topics: topic "x+…" is 101 characters long: keep each topic to at most 100 characters\.$/,
    );
    await run(world, `/papers subscribe ${Array.from({ length: 9 }, (_, i) => `t${i}`).join(', ')}`);
    const view = as(await run(world, '/papers subscribe a, b'), 'error');
    expect(view.text).toBe(
      'This channel already has 9 topics; 10 is the most. Remove some with /papers unsubscribe.',
    );
  });

  it('asks for topics with the usage when none are given', async () => {
    const view = as(await run(await fakeWorld(), '/papers subscribe time:08:00'), 'error');
    expect(view.text).toMatch(/^Missing topics/);
    expect(view.hint).toContain('Example: /papers subscribe topics:"diffusion models; reward hacking"');
  });

  it('politely refuses people who cannot manage the channel', async () => {
    const world = await fakeWorld();
    const view = as(await run(world, '/papers subscribe rl', member()), 'error');
    expect(view.text).toBe('Only people who can manage this channel can use /papers subscribe.');
    expect(view.ephemeral).toBe(true);
    expect(await world.store.getChannel(CHANNEL)).toBeUndefined();
  });
});

describe('two admins at once', () => {
  it('says so when another change landed between reading and writing the topics', async () => {
    const world = await fakeWorld();
    await world.store.updateChannel(CHANNEL, { topics: ['diffusion'] }, 'ada');
    // A store whose first read is stale: another admin wrote right after it.
    const racing = Object.create(world.store) as typeof world.store;
    racing.getChannel = async (key) => {
      const before = await world.store.getChannel(key);
      await world.store.updateChannel(CHANNEL, { topics: ['diffusion', 'robotics'] }, 'eve');
      return before;
    };
    const view = as(
      await run({ ...world, services: { ...world.services, store: racing } }, '/papers subscribe rl'),
      'notice',
    );
    expect(view.text).toContain('Someone else changed this channel at the same moment');
  });
});

describe('time zone of a new subscription', () => {
  it("starts in the subscriber's zone when the platform knows it, and keeps the channel's zone after", async () => {
    const world = await fakeWorld();
    const ctx = {
      channel: CHANNEL,
      user: { id: 'U1', name: 'ada', canManage: true, timezone: 'Asia/Tokyo' },
    };
    await run(world, '/papers subscribe rl', ctx);
    expect((await world.store.getChannel(CHANNEL))?.timezone).toBe('Asia/Tokyo');
    await run(world, '/papers settings timezone:Europe/Paris', ctx);
    await run(world, '/papers subscribe robotics', ctx);
    expect((await world.store.getChannel(CHANNEL))?.timezone).toBe('Europe/Paris');
  });
});
