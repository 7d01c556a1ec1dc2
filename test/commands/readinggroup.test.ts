// /papers readinggroup: who may schedule, what each action answers, and the fix-it messages.
import { beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { createReadingGroupJobs } from '../../src/reading-group/jobs.js';
import { admin, CHANNEL, type FakeWorld, fakeWorld, member } from '../app/fakes.js';
import { RecordingPort } from '../digest/fakes.js';
import { as, run } from './run.js';

const ada = {
  ...member(),
  user: { id: 'U-ada', name: 'ada', canManage: false, timezone: 'America/New_York' },
};

/** The reading group's scheduled jobs on this test world, posting to a recording Slack port. */
function readingGroupJobs(world: FakeWorld) {
  const port = new RecordingPort('slack');
  const jobs = createReadingGroupJobs({
    store: world.store,
    papers: world.search,
    summarizer: world.summarizer,
    ports: [port],
    clock: world.clock,
    logger: silentLogger(),
    owner: 'test',
  });
  return { port, jobs };
}

/** Thursday 15:00 UTC meetings, ada in the rotation with her paper nominated, and Thursday's meeting announced. */
async function announcedThursday(world: FakeWorld) {
  await run(world, '/papers readinggroup schedule day:thu time:15:00 timezone:UTC');
  await run(world, '/papers readinggroup join', ada);
  await run(world, '/papers readinggroup nominate 2405.04233', ada);
  const { port, jobs } = readingGroupJobs(world);
  world.clock.set('2024-05-15T15:00:00Z');
  await jobs.tick();
  expect(port.shown).toHaveLength(1);
  return { port, jobs };
}

describe('/papers readinggroup', () => {
  let world: FakeWorld;
  beforeEach(async () => {
    world = await fakeWorld();
  });

  it('lets only people who manage the channel schedule or end the meetings', async () => {
    const refused = as(await run(world, '/papers readinggroup schedule day:thu time:15:00', ada), 'error');
    expect(refused.text).toMatch(/Only people who can manage this channel can change this/);
    expect(as(await run(world, '/papers readinggroup off', ada), 'error').text).toMatch(/Only people/);
    expect(await world.store.getReadingGroup(CHANNEL)).toBeUndefined();
    // Everyone else may look, nominate and join.
    expect(as(await run(world, '/papers readinggroup', ada), 'notice').title).toBe('Reading group');
    as(await run(world, '/papers readinggroup join', ada), 'notice');
    as(await run(world, '/papers readinggroup nominate 2405.04233', ada), 'notice');
  });

  it('schedules a meeting, says when the next one is, and keeps what is not changed', async () => {
    const set = as(
      await run(world, '/papers readinggroup schedule day:thursday time:15:00 timezone:europe/berlin'),
      'notice',
    );
    expect(set.title).toBe('Reading group scheduled');
    expect(set.fields).toContainEqual({ name: 'Next meeting', value: 'Thu 16 May, 15:00 (Europe/Berlin)' });
    const moved = as(await run(world, '/papers readinggroup schedule time:16:30'), 'notice');
    expect(moved.title).toBe('Reading group moved');
    expect(await world.store.getReadingGroup(CHANNEL)).toMatchObject({
      day: 'thu',
      time: '16:30',
      timezone: 'Europe/Berlin',
    });
  });

  it('says how to fix a schedule without a day, or with two days or a bad zone', async () => {
    expect(as(await run(world, '/papers readinggroup schedule time:15:00'), 'error').hint).toMatch(/day:thu/);
    expect(
      as(await run(world, '/papers readinggroup schedule day:mon,tue time:15:00'), 'error').text,
    ).toMatch(/one weekday/);
    expect(
      as(await run(world, '/papers readinggroup schedule day:mon time:15:00 timezone:Mars/Base'), 'error')
        .text,
    ).toMatch(/timezone/i);
  });

  it('queues nominations once, counts votes once, and shows the queue most votes first with Vote buttons', async () => {
    await run(world, '/papers readinggroup nominate 2405.04233', ada);
    const twice = as(await run(world, '/papers readinggroup nominate 2405.04233', admin()), 'notice');
    expect(twice.title).toBe('Already nominated');
    await run(world, '/papers readinggroup nominate 2412.16145', ada);
    as(await run(world, '/papers readinggroup vote 2412.16145', admin()), 'notice');
    const queue = as(await run(world, '/papers readinggroup', ada), 'list');
    expect(queue.cards.map((c) => c.id)).toEqual(['2412.16145', '2405.04233']);
    expect(queue.cards[0]?.reason).toBe('1 vote · nominated by ada');
    expect(queue.cards[0]?.actions).toEqual([
      { label: 'Vote', command: '/papers readinggroup vote 2412.16145' },
    ]);
    expect(queue.intro).toContain('No meeting is scheduled');
    const missing = as(await run(world, '/papers readinggroup vote 2501.00001', ada), 'error');
    expect(missing.text).toMatch(/not in the reading group’s queue|could not find/);
    expect(as(await run(world, '/papers readinggroup vote', ada), 'error').hint).toMatch(/vote 2405/);
  });

  it('joins and leaves the rotation, and shows who presents next', async () => {
    await run(world, '/papers readinggroup schedule day:thu time:15:00 timezone:UTC');
    const joined = as(await run(world, '/papers readinggroup join', ada), 'notice');
    expect(joined.title).toBe('You joined the presenter rotation');
    expect(as(await run(world, '/papers readinggroup join', ada), 'notice').title).toMatch(/already/);
    const shown = as(await run(world, '/papers readinggroup', ada), 'notice');
    expect(shown.text).toContain('Next meeting: Thu 16 May, 15:00 (UTC), presented by ada.');
    expect(shown.actions?.[0]?.label).toBe('Leave the rotation');
    expect(as(await run(world, '/papers readinggroup leave', ada), 'notice').title).toBe(
      'You left the presenter rotation',
    );
  });

  it('takes a volunteer any time before the announcement, which names them instead of the rotation’s pick', async () => {
    await run(world, '/papers readinggroup schedule day:thu time:15:00 timezone:UTC');
    await run(world, '/papers readinggroup join', ada);
    await run(world, '/papers readinggroup nominate 2405.04233', ada);
    // Monday: three days before the meeting, two before its announcement.
    const took = as(await run(world, '/papers readinggroup present', member()), 'notice');
    expect(took.title).toBe('You present');
    expect(took.text).toBe(
      'Thank you: you present on Thu 16 May, 15:00 (UTC). The announcement the day before names you with the queue’s top-voted paper.',
    );
    expect(took.actions).toEqual([{ label: 'I can’t present', command: '/papers readinggroup withdraw' }]);
    const again = as(await run(world, '/papers readinggroup present', member()), 'notice');
    expect(again.title).toBe('You present already');
    expect(again.actions?.[0]?.command).toBe('/papers readinggroup withdraw');
    const late = as(await run(world, '/papers readinggroup present', ada), 'notice');
    expect(late.title).toBe('Someone presents already');
    expect(late.text).toContain('bob volunteered to present already on Thu 16 May, 15:00 (UTC)');
    expect(as(await run(world, '/papers readinggroup', ada), 'list').intro).toContain(
      'presented by bob (volunteered).',
    );

    const { port, jobs } = readingGroupJobs(world);
    world.clock.set('2024-05-15T15:00:00Z');
    await jobs.tick();
    const [announcement] = port.shown;
    expect(JSON.stringify(announcement?.view)).toContain('Presenting: bob (volunteered).');
    expect(announcement?.view.kind === 'list' && announcement.view.mentions).toEqual(['U2']);
    // After the announcement the volunteer still holds it; withdrawing leaves it to whoever presses first.
    expect(as(await run(world, '/papers readinggroup present', ada), 'notice').title).toBe(
      'Someone presents already',
    );
    const gone = as(await run(world, '/papers readinggroup withdraw', member()), 'notice');
    expect(gone.title).toBe('You no longer present');
    expect(gone.text).toMatch(/^Nobody presents on Thu 16 May, 15:00 \(UTC\) now/);
    const taken = as(await run(world, '/papers readinggroup present', ada), 'notice');
    expect(taken.title).toBe('You present');
    expect(taken.text).toMatch(/you present “.+” on Thu 16 May, 15:00 \(UTC\)\. The reminder/);
    expect(await world.store.getMeeting(CHANNEL, '2024-05-16')).toMatchObject({
      presenter: 'U-ada',
      volunteered: true,
    });
  });

  it('gives the meeting back to the rotation when a volunteer withdraws before the announcement', async () => {
    await run(world, '/papers readinggroup schedule day:thu time:15:00 timezone:UTC');
    await run(world, '/papers readinggroup join', ada);
    await run(world, '/papers readinggroup present', member());
    const nothing = as(await run(world, '/papers readinggroup withdraw', ada), 'notice');
    expect(nothing.title).toBe('You were not presenting');
    const gone = as(await run(world, '/papers readinggroup withdraw', member()), 'notice');
    expect(gone.title).toBe('You no longer present');
    expect(gone.text).toBe(
      'The rotation picks who presents on Thu 16 May, 15:00 (UTC) again, unless someone volunteers first.',
    );
    expect(as(await run(world, '/papers readinggroup', ada), 'notice').text).toContain(
      'Next meeting: Thu 16 May, 15:00 (UTC), presented by ada.',
    );
    // Someone else may volunteer now.
    expect(as(await run(world, '/papers readinggroup present', ada), 'notice').title).toBe('You present');
  });

  it('moves a volunteer to the meeting’s new date when the schedule changes, and names them in the reply', async () => {
    await run(world, '/papers readinggroup schedule day:thu time:15:00 timezone:UTC');
    await run(world, '/papers readinggroup join', ada);
    await run(world, '/papers readinggroup nominate 2405.04233', ada);
    await run(world, '/papers readinggroup present', member());
    const moved = as(await run(world, '/papers readinggroup schedule day:fri'), 'notice');
    expect(moved.text).toContain(
      'bob had volunteered to present the next meeting and now presents it on Fri 17 May, 15:00 (UTC); if that does not suit them, they can withdraw',
    );
    expect(await world.store.getVolunteer(CHANNEL, '2024-05-16')).toBeUndefined();
    expect(await world.store.getVolunteer(CHANNEL, '2024-05-17')).toMatchObject({ user: 'U2', name: 'bob' });
    expect(as(await run(world, '/papers readinggroup', ada), 'list').intro).toContain(
      'Next meeting: Fri 17 May, 15:00 (UTC), presented by bob (volunteered).',
    );
    // A time change on the same day keeps the hold where it is, and says nothing of it.
    const later = as(await run(world, '/papers readinggroup schedule time:16:00'), 'notice');
    expect(later.text).not.toContain('bob');
    expect(await world.store.getVolunteer(CHANNEL, '2024-05-17')).toMatchObject({ user: 'U2' });

    const { port, jobs } = readingGroupJobs(world);
    world.clock.set('2024-05-16T16:00:00Z');
    await jobs.tick();
    expect(JSON.stringify(port.shown[0]?.view)).toContain('Presenting: bob (volunteered).');
    expect(await world.store.getMeeting(CHANNEL, '2024-05-17')).toMatchObject({
      presenter: 'U2',
      volunteered: true,
    });
  });

  it('drops a volunteer whose meeting moved to a date someone else presents, and says so', async () => {
    await run(world, '/papers readinggroup schedule day:thu time:15:00 timezone:UTC');
    await run(world, '/papers readinggroup present', member());
    // Someone took Friday meanwhile (a volunteer racing the schedule change, through another worker).
    await world.store.volunteer(CHANNEL, '2024-05-17', 'U-ada', 'ada');
    const moved = as(await run(world, '/papers readinggroup schedule day:fri'), 'notice');
    expect(moved.text).toContain(
      'bob had volunteered to present the next meeting, but ada presents on Fri 17 May, 15:00 (UTC) already, so bob no longer presents.',
    );
    expect(await world.store.getVolunteer(CHANNEL, '2024-05-16')).toBeUndefined();
    expect(await world.store.getVolunteer(CHANNEL, '2024-05-17')).toMatchObject({ user: 'U-ada' });
  });

  it('moves an announced meeting to the new date with its paper and presenter, announced there once', async () => {
    const { port, jobs } = await announcedThursday(world);
    world.clock.set('2024-05-15T18:00:00Z');
    const moved = as(await run(world, '/papers readinggroup schedule day:fri'), 'notice');
    expect(moved.text).toMatch(
      /The meeting on Thu 16 May, 15:00 \(UTC\) moves to Fri 17 May, 15:00 \(UTC\): “.+”, presented by ada\./,
    );
    expect(await world.store.getMeeting(CHANNEL, '2024-05-16')).toBeUndefined();
    expect(await world.store.getMeeting(CHANNEL, '2024-05-17')).toMatchObject({
      paperId: '2405.04233',
      presenter: 'U-ada',
    });
    expect(await world.store.listNominations(CHANNEL)).toEqual([]);
    // Nothing more for Thursday; Friday is announced a day before, once, and reminded an hour before.
    world.clock.set('2024-05-16T14:30:00Z');
    expect(await jobs.tick()).toEqual([]);
    world.clock.set('2024-05-16T15:00:00Z');
    await jobs.tick();
    await jobs.tick();
    world.clock.set('2024-05-17T14:00:00Z');
    await jobs.tick();
    expect(port.shown).toHaveLength(3);
    expect(JSON.stringify(port.shown[1]?.view)).toContain('Presenting: ada (rotation)');
    expect(await world.store.getDelivery(CHANNEL, '2024-05-17 reading-group')).toMatchObject({
      status: 'sent',
    });
    expect(await world.store.getDelivery(CHANNEL, '2024-05-17 reading-reminder')).toMatchObject({
      status: 'sent',
    });
    expect(await world.store.getDelivery(CHANNEL, '2024-05-16 reading-reminder')).toBeUndefined();
  });

  it('keeps an announced meeting whose time changes that day, says the new time, and reminds with it', async () => {
    const { port, jobs } = await announcedThursday(world);
    world.clock.set('2024-05-15T18:00:00Z');
    const moved = as(await run(world, '/papers readinggroup schedule time:17:00'), 'notice');
    expect(moved.text).toContain(
      'The meeting announced for Thu 16 May, 15:00 (UTC) now starts at Thu 16 May, 17:00 (UTC). The announcement posted keeps the old time and is not posted again; the reminder an hour before gives the new time.',
    );
    expect(moved.fields).toContainEqual({ name: 'Next meeting', value: 'Thu 16 May, 17:00 (UTC)' });
    expect(await world.store.getMeeting(CHANNEL, '2024-05-16')).toMatchObject({
      paperId: '2405.04233',
      presenter: 'U-ada',
    });
    // The old reminder time passes quietly; the reminder comes an hour before the new time, with it.
    world.clock.set('2024-05-16T14:00:00Z');
    expect(await jobs.tick()).toEqual([
      { channel: expect.any(String), slot: '2024-05-16 reading-group', outcome: 'done' },
    ]);
    expect(port.shown).toHaveLength(1);
    world.clock.set('2024-05-16T16:00:00Z');
    await jobs.tick();
    await jobs.tick();
    expect(port.shown).toHaveLength(2);
    expect(JSON.stringify(port.shown[1]?.view)).toContain(
      'Reading group in an hour · Thu 16 May, 17:00 (UTC)',
    );
    expect(await world.store.getDelivery(CHANNEL, '2024-05-16 reading-reminder')).toMatchObject({
      status: 'sent',
    });
  });

  it('says when a reminder already posted has the old time, and says nothing extra before an announcement', async () => {
    await run(world, '/papers readinggroup schedule day:thu time:15:00 timezone:UTC');
    await run(world, '/papers readinggroup nominate 2405.04233', ada);
    const { port, jobs } = readingGroupJobs(world);
    // Before the announcement, the change needs no word: the announcement shows the new time.
    const early = as(await run(world, '/papers readinggroup schedule time:15:30'), 'notice');
    expect(early.text).not.toContain('now starts at');
    world.clock.set('2024-05-16T14:45:00Z');
    await jobs.tick();
    expect(port.shown).toHaveLength(2);
    const late = as(await run(world, '/papers readinggroup schedule time:16:00'), 'notice');
    expect(late.text).toContain(
      'now starts at Thu 16 May, 16:00 (UTC). The announcement posted keeps the old time and is not posted again; the reminder went out already with the old time too, so tell the channel.',
    );
    world.clock.set('2024-05-16T15:00:00Z');
    await jobs.tick();
    expect(port.shown).toHaveLength(2);
  });

  it('says a meeting announced without a paper is reminded at its new time only once it has one', async () => {
    await run(world, '/papers readinggroup schedule day:thu time:15:00 timezone:UTC');
    const { port, jobs } = readingGroupJobs(world);
    world.clock.set('2024-05-15T15:00:00Z');
    await jobs.tick();
    expect(port.shown).toHaveLength(1);
    const moved = as(await run(world, '/papers readinggroup schedule time:17:00'), 'notice');
    expect(moved.text).toContain(
      'now starts at Thu 16 May, 17:00 (UTC). The announcement posted keeps the old time and is not posted again; the reminder an hour before gives the new time once the meeting has a paper.',
    );
  });

  it('keeps the meeting on the new date when one is there, and puts the moved paper first in the queue', async () => {
    await run(world, '/papers readinggroup schedule day:thu time:15:00 timezone:UTC');
    await run(world, '/papers readinggroup join', ada);
    await run(world, '/papers readinggroup nominate 2405.04233', ada);
    // Friday has its meeting already (recorded under an earlier schedule, or by another worker).
    await world.store.recordMeeting(CHANNEL, {
      date: '2024-05-17',
      paperId: '2412.16145',
      presenter: 'U2',
      presenterName: 'bob',
    });
    const { jobs } = readingGroupJobs(world);
    world.clock.set('2024-05-15T15:00:00Z');
    await jobs.tick();
    expect(await world.store.getMeeting(CHANNEL, '2024-05-16')).toMatchObject({ paperId: '2405.04233' });
    await world.store.nominate(CHANNEL, 'p-voted', 'cy');
    await world.store.voteNomination(CHANNEL, 'p-voted', 'cy');
    const moved = as(await run(world, '/papers readinggroup schedule day:fri'), 'notice');
    expect(moved.text).toMatch(
      /The meeting on Thu 16 May, 15:00 \(UTC\) cannot move to Fri 17 May, 15:00 \(UTC\), which has its meeting already \(“.+”\), so it is off: “.+” goes back to the front of the queue\. ada no longer presents it\./,
    );
    expect(await world.store.getMeeting(CHANNEL, '2024-05-16')).toBeUndefined();
    expect(await world.store.getMeeting(CHANNEL, '2024-05-17')).toMatchObject({ paperId: '2412.16145' });
    expect((await world.store.listNominations(CHANNEL)).map((n) => n.paperId)).toEqual([
      '2405.04233',
      'p-voted',
    ]);
  });

  it('leaves a meeting that has begun where it was', async () => {
    await run(world, '/papers readinggroup schedule day:thu time:15:00 timezone:UTC');
    await run(world, '/papers readinggroup nominate 2405.04233', ada);
    await world.store.recordMeeting(CHANNEL, {
      date: '2024-05-16',
      paperId: '2405.04233',
      presenter: null,
      presenterName: null,
    });
    world.clock.set('2024-05-16T15:30:00Z');
    const moved = as(await run(world, '/papers readinggroup schedule day:fri'), 'notice');
    expect(moved.text).not.toContain('moves to');
    expect(await world.store.getMeeting(CHANNEL, '2024-05-16')).toMatchObject({ paperId: '2405.04233' });
  });

  it('names a volunteer in an announcement without a paper, and makes the paper they nominate the meeting’s', async () => {
    await run(world, '/papers readinggroup schedule day:thu time:15:00 timezone:UTC');
    await run(world, '/papers readinggroup join', ada);
    await run(world, '/papers readinggroup present', member());
    const { port, jobs } = readingGroupJobs(world);
    world.clock.set('2024-05-15T15:00:00Z');
    await jobs.tick();
    const announcement = as(port.shown[0]!.view, 'notice');
    expect(announcement.text).toMatch(
      /^Presenting: bob \(volunteered\)\. No paper is nominated for this meeting yet: bob, please choose the paper you present and nominate it/,
    );
    expect(announcement.actions?.map((a) => a.label)).toEqual(['Reading group queue']);

    const chosen = as(await run(world, '/papers readinggroup nominate 2405.04233', member()), 'notice');
    expect(chosen.title).toBe('Paper chosen for the next meeting');
    expect(chosen.text).toMatch(
      /^The meeting on Thu 16 May, 15:00 \(UTC\) was announced without a paper: “.+” is its paper now/,
    );
    expect(await world.store.getMeeting(CHANNEL, '2024-05-16')).toMatchObject({
      paperId: '2405.04233',
      presenter: 'U2',
    });
    expect(await world.store.listNominations(CHANNEL)).toEqual([]);
    // The next nomination waits in the queue for the week after, as usual.
    expect(as(await run(world, '/papers readinggroup nominate 2412.16145', ada), 'notice').title).toBe(
      'Nominated for the reading group',
    );
    world.clock.set('2024-05-16T14:00:00Z');
    await jobs.tick();
    expect(port.shown).toHaveLength(2);
    const reminder = JSON.stringify(port.shown[1]?.view);
    expect(reminder).toContain('bob presents.');
    expect(reminder).toContain('2405.04233');
  });

  it('asks whoever takes over a meeting announced without a paper to nominate the one they present', async () => {
    await run(world, '/papers readinggroup schedule day:thu time:15:00 timezone:UTC');
    const { jobs } = readingGroupJobs(world);
    world.clock.set('2024-05-15T15:00:00Z');
    await jobs.tick();
    const took = as(await run(world, '/papers readinggroup present', ada), 'notice');
    expect(took.text).toMatch(
      /you present on Thu 16 May, 15:00 \(UTC\)\. No paper is chosen for it yet: nominate the one you present/,
    );
  });

  it('asks for a meeting before taking or withdrawing a volunteer', async () => {
    expect(as(await run(world, '/papers readinggroup present', ada), 'error').text).toMatch(
      /no reading group/,
    );
    await run(world, '/papers readinggroup schedule day:thu time:15:00 timezone:UTC');
    as(await run(world, '/papers readinggroup present', ada), 'notice');
    expect(as(await run(world, '/papers readinggroup off'), 'notice').title).toBe('Reading group off');
    expect(as(await run(world, '/papers readinggroup present', ada), 'error').text).toMatch(
      /no reading group/,
    );
    expect(as(await run(world, '/papers readinggroup withdraw', ada), 'error').text).toMatch(
      /no reading group/,
    );
  });
});
