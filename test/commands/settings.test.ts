import { describe, expect, it } from 'vitest';
import { CHANNEL, fakeWorld, member } from '../app/fakes.js';
import { as, run } from './run.js';

describe('/papers settings', () => {
  it('shows the settings to anyone, with the next digest in local time', async () => {
    const world = await fakeWorld(new Date('2024-05-13T10:00:00Z'));
    await world.store.updateChannel(
      CHANNEL,
      { topics: ['diffusion'], time: '18:15', timezone: 'America/New_York' },
      'ada',
    );
    const view = as(await run(world, '/papers settings', member()), 'notice');
    expect(view.title).toBe('Settings for this channel');
    expect(view.fields).toEqual([
      { name: 'Topics', value: 'diffusion' },
      { name: 'Time', value: '18:15 (America/New_York)' },
      { name: 'Days', value: 'daily' },
      { name: 'Papers per digest', value: '5' },
      { name: 'Exclude', value: 'none' },
      { name: 'When nothing is new', value: 'post a short notice' },
      { name: 'Images', value: 'on' },
      { name: 'Status', value: 'active' },
      { name: 'Next digest', value: 'Mon 13 May, 18:15 America/New_York (in 12 h 15 min)' },
      { name: 'Last changed', value: '2024-05-13 10:00 UTC by ada' },
      {
        name: 'Follow-ups',
        value:
          'inline: one line in the digest’s thread when a paper gets code, a new version, a venue or Hub models',
      },
    ]);
  });

  it('chooses where follow-ups go with followups:inline|digest|off', async () => {
    const world = await fakeWorld();
    await world.store.updateChannel(CHANNEL, { topics: ['rl'] }, 'ada');
    const digest = as(await run(world, '/papers settings followups:digest'), 'notice');
    expect(digest.text).toBe('Follow-ups inline → digest.');
    const shown = as(await run(world, '/papers settings', member()), 'notice');
    expect(shown.fields).toContainEqual({
      name: 'Follow-ups',
      value: 'digest: collected in the next digest',
    });
    const off = as(await run(world, '/papers settings followups:OFF count:3'), 'notice');
    expect(off.text).toMatch(/^Follow-ups digest → off\. Changed papers per digest 5 → 3\./);
    const again = as(await run(world, '/papers settings followups:off'), 'notice');
    expect(again.text).toBe('Follow-ups stay off.');
    const wrong = await run(world, '/papers settings followups:sometimes');
    expect(wrong).toMatchObject({ kind: 'error', text: expect.stringMatching(/inline or digest or off/) });
    const refused = await run(world, '/papers settings followups:inline', member());
    expect(refused.kind).toBe('error');
  });

  it('changes several settings at once and lists what changed', async () => {
    const world = await fakeWorld();
    await world.store.updateChannel(CHANNEL, { topics: ['rl'] }, 'ada');
    const view = as(
      await run(
        world,
        '/papers settings time:07:45 days:mon,wed,fri exclude:"survey; position paper" count:2 when-empty:silent',
      ),
      'notice',
    );
    expect(view.title).toBe('Settings saved');
    expect(view.text).toMatch(
      /^Changed time 09:00 → 07:45, papers per digest 5 → 2, days daily → mon, wed, fri, exclude none → survey; position paper, when nothing is new notice → silent\./,
    );
    expect(await world.store.getChannel(CHANNEL)).toMatchObject({
      time: '07:45',
      days: ['mon', 'wed', 'fri'],
      exclude: ['survey', 'position paper'],
      count: 2,
      whenEmpty: 'silent',
    });
  });

  it('replaces the topics with topics:"a; b" and says what changed', async () => {
    const world = await fakeWorld();
    await world.store.updateChannel(CHANNEL, { topics: ['diffusion', 'rl'] }, 'ada');
    const view = as(await run(world, '/papers settings topics:"graph neural networks; RLHF"'), 'notice');
    expect(view.title).toBe('Settings saved');
    expect(view.text).toBe('Changed topics diffusion; rl → graph neural networks; RLHF.');
    expect((await world.store.getChannel(CHANNEL))?.topics).toEqual(['graph neural networks', 'RLHF']);
    const refused = await run(world, '/papers settings topics:transformers', member());
    expect(refused.kind).toBe('error');
    expect((await world.store.getChannel(CHANNEL))?.topics).toEqual(['graph neural networks', 'RLHF']);
  });

  it('leaves starting a subscription to subscribe: topics on an unsubscribed channel are refused', async () => {
    const world = await fakeWorld();
    const view = await run(world, '/papers settings topics:diffusion');
    expect(view).toMatchObject({ kind: 'error', hint: 'Subscribe first: /papers subscribe diffusion' });
    expect(await world.store.getChannel(CHANNEL)).toBeUndefined();
  });

  it('pauses and resumes', async () => {
    const world = await fakeWorld();
    await world.store.updateChannel(CHANNEL, { topics: ['rl'] }, 'ada');
    const paused = as(await run(world, '/papers settings pause'), 'notice');
    expect(paused.fields).toContainEqual({ name: 'Next digest', value: 'none: digests are paused' });
    expect((await world.store.getChannel(CHANNEL))?.paused).toBe(true);
    await run(world, '/papers settings digests:resume');
    expect((await world.store.getChannel(CHANNEL))?.paused).toBe(false);
  });

  it('switches digest thumbnails off with images:off and back on', async () => {
    const world = await fakeWorld();
    await world.store.updateChannel(CHANNEL, { topics: ['rl'] }, 'ada');
    const off = as(await run(world, '/papers settings images:off'), 'notice');
    expect(off.text).toMatch(/^Changed images on → off\./);
    expect(off.fields).toContainEqual({ name: 'Images', value: 'off' });
    expect((await world.store.getChannel(CHANNEL))?.images).toBe(false);
    await run(world, '/papers settings images:ON');
    expect((await world.store.getChannel(CHANNEL))?.images).toBe(true);
    const wrong = await run(world, '/papers settings images:maybe');
    expect(wrong.kind).toBe('error');
  });

  it('clears exclude words with "none"', async () => {
    const world = await fakeWorld();
    await world.store.updateChannel(CHANNEL, { topics: ['rl'], exclude: ['survey'] }, 'ada');
    await run(world, '/papers settings exclude:none');
    expect((await world.store.getChannel(CHANNEL))?.exclude).toEqual([]);
  });

  it('shows why a channel is unreachable, and resume clears it', async () => {
    const world = await fakeWorld();
    await world.store.updateChannel(CHANNEL, { topics: ['rl'] }, 'ada');
    await world.store.setUnreachable(CHANNEL, 'the bot was removed from the channel');
    const view = as(await run(world, '/papers settings', member()), 'notice');
    expect(view.fields).toContainEqual({
      name: 'Status',
      value:
        'unreachable since 2024-05-13: the bot was removed from the channel. Give Paperboy access to post here, then run /papers settings resume',
    });
    const resumed = as(await run(world, '/papers settings resume'), 'notice');
    expect(resumed.fields).toContainEqual({ name: 'Status', value: 'active' });
    expect((await world.store.getChannel(CHANNEL))?.unreachable).toBeNull();
  });

  it('refuses changes from people who cannot manage the channel, but lets them look', async () => {
    const world = await fakeWorld();
    await world.store.updateChannel(CHANNEL, { topics: ['rl'] }, 'ada');
    const view = as(await run(world, '/papers settings time:06:00', member()), 'error');
    expect(view.text).toBe(
      'Only people who can manage this channel can change this. Anyone can look: /papers settings',
    );
    expect((await world.store.getChannel(CHANNEL))?.time).toBe('09:00');
    expect(as(await run(world, '/papers settings pause', member()), 'error').ephemeral).toBe(true);
  });

  it.each([
    ['snooze', 'Digests must be pause or resume.'],
    ['when-empty:loud', 'When-empty must be notice or silent.'],
    [
      'timezone:Mars/Olympus',
      'Timezone: "Mars/Olympus" is not a time zone: use an IANA name such as Europe/Berlin, America/New_York or UTC.',
    ],
  ])('refuses %s with what is allowed', async (option, message) => {
    const view = as(await run(await fakeWorld(), `/papers settings ${option}`), 'error');
    expect(view.text).toBe(message);
  });
});
