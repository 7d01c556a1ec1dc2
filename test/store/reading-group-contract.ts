// A channel's reading group (meeting, queue and votes, rotation, meetings), written once and run against every backend.
import { describe, expect, it } from 'vitest';
import { type ChannelKey, openStore } from '../../src/store/index.js';
import { type ContractDatabases, storePerTest } from './contract.js';

const general: ChannelKey = { platform: 'discord', workspace: 'G1', channel: 'C-general' };
const random: ChannelKey = { platform: 'discord', workspace: 'G1', channel: 'C-random' };
const MINUTE = 60_000;

export function describeReadingGroupContract(
  name: string,
  databases: Pick<ContractDatabases, 'empty'>,
): void {
  describe(`Store reading group: ${name}`, () => {
    const t = storePerTest(databases);

    it('sets, changes, lists and removes a channel’s meeting', async () => {
      expect(await t.store.getReadingGroup(general)).toBeUndefined();
      await t.store.setReadingGroup(general, { day: 'thu', time: '15:00', timezone: 'Europe/Berlin' }, 'ada');
      t.clock.advance(MINUTE);
      const changed = await t.store.setReadingGroup(
        general,
        { day: 'fri', time: '16:30', timezone: 'Europe/Berlin' },
        'bob',
      );
      expect(changed).toMatchObject({ day: 'fri', time: '16:30', updatedBy: 'bob' });
      expect(changed.createdAt < changed.updatedAt).toBe(true);
      expect((await t.store.listReadingGroups()).map((g) => [g.channel, g.day])).toEqual([
        ['C-general', 'fri'],
      ]);
      expect(await t.store.removeReadingGroup(general)).toBe(true);
      expect(await t.store.removeReadingGroup(general)).toBe(false);
      expect(await t.store.listReadingGroups()).toEqual([]);
    });

    it('refuses a meeting that is not a weekday and HH:MM', async () => {
      await expect(
        t.store.setReadingGroup(general, { day: 'xyz' as 'mon', time: '15:00', timezone: 'UTC' }, 'ada'),
      ).rejects.toThrow(/meeting\.day/);
      await expect(
        t.store.setReadingGroup(general, { day: 'mon', time: '3pm', timezone: 'UTC' }, 'ada'),
      ).rejects.toThrow(/meeting\.time/);
    });

    it('queues a nomination once and counts one vote per member, most votes first', async () => {
      expect((await t.store.nominate(general, 'p1', 'ada')).created).toBe(true);
      t.clock.advance(MINUTE);
      expect((await t.store.nominate(general, 'p2', 'bob')).created).toBe(true);
      const again = await t.store.nominate(general, 'p1', 'cy');
      expect(again).toMatchObject({ created: false, nomination: { nominatedBy: 'ada' } });
      expect(await t.store.voteNomination(general, 'p2', 'ada')).toMatchObject({
        created: true,
        nomination: { voters: ['ada'] },
      });
      expect((await t.store.voteNomination(general, 'p2', 'ada'))?.created).toBe(false);
      expect(await t.store.voteNomination(general, 'unqueued', 'ada')).toBeUndefined();
      await t.store.nominate(random, 'p9', 'ada');
      expect((await t.store.listNominations(general)).map((n) => [n.paperId, n.voters.length])).toEqual([
        ['p2', 1],
        ['p1', 0],
      ]);
    });

    it('records a meeting once, taking its paper and votes out of the queue', async () => {
      await t.store.nominate(general, 'p1', 'ada');
      await t.store.voteNomination(general, 'p1', 'bob');
      const first = await t.store.recordMeeting(general, {
        date: '2026-03-05',
        paperId: 'p1',
        presenter: 'bob',
        presenterName: 'Bob',
      });
      expect(first).toMatchObject({
        created: true,
        meeting: { paperId: 'p1', presenter: 'bob', volunteered: false },
      });
      const second = await t.store.recordMeeting(general, {
        date: '2026-03-05',
        paperId: 'p2',
        presenter: 'cy',
        presenterName: 'Cy',
      });
      expect(second).toMatchObject({ created: false, meeting: { paperId: 'p1', presenter: 'bob' } });
      expect(await t.store.listNominations(general)).toEqual([]);
      // Nominated again later, it starts with no votes.
      await t.store.nominate(general, 'p1', 'ada');
      expect((await t.store.listNominations(general))[0]?.voters).toEqual([]);
      expect((await t.store.listMeetings(general)).map((m) => m.date)).toEqual(['2026-03-05']);
      expect(await t.store.getMeeting(general, '2026-03-12')).toBeUndefined();
    });

    it('gives a meeting announced without a paper the first one chosen after, once, out of the queue', async () => {
      expect(await t.store.setMeetingPaper(general, '2026-03-05', 'p1')).toBeUndefined();
      await t.store.recordMeeting(general, {
        date: '2026-03-05',
        paperId: null,
        presenter: 'bob',
        presenterName: 'Bob',
      });
      await t.store.nominate(general, 'p1', 'ada');
      await t.store.voteNomination(general, 'p1', 'cy');
      await t.store.nominate(general, 'p2', 'ada');
      expect(await t.store.setMeetingPaper(general, '2026-03-05', 'p1')).toMatchObject({
        date: '2026-03-05',
        paperId: 'p1',
        presenter: 'bob',
      });
      expect((await t.store.listNominations(general)).map((n) => n.paperId)).toEqual(['p2']);
      // The meeting has its paper now: a second choice changes nothing.
      expect(await t.store.setMeetingPaper(general, '2026-03-05', 'p2')).toBeUndefined();
      expect((await t.store.getMeeting(general, '2026-03-05'))?.paperId).toBe('p1');
      expect((await t.store.listNominations(general)).map((n) => n.paperId)).toEqual(['p2']);
      // Another channel's meeting of the same date is not touched.
      expect(await t.store.setMeetingPaper(random, '2026-03-05', 'p2')).toBeUndefined();
    });

    it('lets the first volunteer take the meeting over from the rotation’s pick', async () => {
      await t.store.recordMeeting(general, {
        date: '2026-03-05',
        paperId: 'p1',
        presenter: 'bob',
        presenterName: 'Bob',
      });
      expect(await t.store.volunteer(general, '2026-03-05', 'cy', 'Cy')).toMatchObject({
        announced: true,
        taken: true,
        created: true,
        meeting: { presenter: 'cy', presenterName: 'Cy', volunteered: true },
      });
      expect(await t.store.volunteer(general, '2026-03-05', 'dee', 'Dee')).toMatchObject({
        taken: false,
        created: false,
        meeting: { presenter: 'cy' },
      });
      expect(await t.store.volunteer(general, '2026-03-05', 'cy', 'Cy')).toMatchObject({
        taken: true,
        created: false,
      });
    });

    it('holds the first volunteer before the announcement, and the announcement names them', async () => {
      const first = await t.store.volunteer(general, '2026-03-05', 'cy', 'Cy');
      expect(first).toMatchObject({
        announced: false,
        taken: true,
        created: true,
        volunteer: { user: 'cy' },
      });
      expect(await t.store.volunteer(general, '2026-03-05', 'dee', 'Dee')).toMatchObject({
        announced: false,
        taken: false,
        created: false,
        volunteer: { user: 'cy', name: 'Cy' },
      });
      expect(await t.store.volunteer(general, '2026-03-05', 'cy', 'Cy')).toMatchObject({
        taken: true,
        created: false,
      });
      // Another meeting, another channel: their own volunteers.
      expect((await t.store.volunteer(general, '2026-03-12', 'dee', 'Dee')).taken).toBe(true);
      expect((await t.store.volunteer(random, '2026-03-05', 'dee', 'Dee')).taken).toBe(true);
      expect(await t.store.getVolunteer(general, '2026-03-05')).toMatchObject({ user: 'cy', name: 'Cy' });

      const { meeting } = await t.store.recordMeeting(general, {
        date: '2026-03-05',
        paperId: 'p1',
        presenter: 'bob',
        presenterName: 'Bob',
      });
      expect(meeting).toMatchObject({ presenter: 'cy', presenterName: 'Cy', volunteered: true });
      // The meeting carries the volunteer on; a later meeting keeps its own.
      expect(await t.store.getVolunteer(general, '2026-03-05')).toBeUndefined();
      expect(await t.store.getVolunteer(general, '2026-03-12')).toMatchObject({ user: 'dee' });
      expect(await t.store.getVolunteer(random, '2026-03-05')).toMatchObject({ user: 'dee' });
    });

    it('lets a volunteer withdraw before the announcement, and the presenter after it', async () => {
      await t.store.volunteer(general, '2026-03-05', 'cy', 'Cy');
      expect(await t.store.withdraw(general, '2026-03-05', 'dee')).toEqual({
        announced: false,
        withdrawn: false,
      });
      expect(await t.store.withdraw(general, '2026-03-05', 'cy')).toEqual({
        announced: false,
        withdrawn: true,
      });
      expect(await t.store.getVolunteer(general, '2026-03-05')).toBeUndefined();
      // With nobody held, the rotation's pick presents.
      await t.store.recordMeeting(general, {
        date: '2026-03-05',
        paperId: 'p1',
        presenter: 'bob',
        presenterName: 'Bob',
      });
      expect(await t.store.getMeeting(general, '2026-03-05')).toMatchObject({
        presenter: 'bob',
        volunteered: false,
      });
      expect(await t.store.withdraw(general, '2026-03-05', 'cy')).toEqual({
        announced: true,
        withdrawn: false,
      });
      expect(await t.store.withdraw(general, '2026-03-05', 'bob')).toEqual({
        announced: true,
        withdrawn: true,
      });
      expect(await t.store.getMeeting(general, '2026-03-05')).toMatchObject({
        presenter: null,
        presenterName: null,
        volunteered: false,
      });
      // Then anyone may take it.
      expect(await t.store.volunteer(general, '2026-03-05', 'dee', 'Dee')).toMatchObject({
        announced: true,
        taken: true,
        meeting: { presenter: 'dee', volunteered: true },
      });
    });

    it('tells exactly one of two volunteers at once, on two stores, that they present', async () => {
      const replica = await openStore(t.url, { clock: t.clock });
      try {
        for (const date of ['2026-03-05', '2026-03-12', '2026-03-19', '2026-03-26']) {
          const results = await Promise.all([
            t.store.volunteer(general, date, 'cy', 'Cy'),
            replica.volunteer(general, date, 'dee', 'Dee'),
          ]);
          expect(results.map((r) => r.taken).sort()).toEqual([false, true]);
          // Both are told the same presenter: the one the store holds.
          const held = await t.store.getVolunteer(general, date);
          for (const r of results) expect(r).toMatchObject({ announced: false, volunteer: held });
        }
      } finally {
        await replica.close();
      }
    });

    it('names a volunteer who comes while another store announces, whichever is first', async () => {
      const replica = await openStore(t.url, { clock: t.clock });
      try {
        for (const date of ['2026-03-05', '2026-03-12', '2026-03-19', '2026-03-26', '2026-04-02']) {
          const [recorded, volunteered] = await Promise.all([
            t.store.recordMeeting(general, { date, paperId: null, presenter: 'bob', presenterName: 'Bob' }),
            replica.volunteer(general, date, 'cy', 'Cy'),
          ]);
          expect(volunteered.taken).toBe(true);
          // Named by the announcement, or taken over right after it: never lost in between.
          expect(recorded.meeting.presenter === 'cy' || volunteered.announced).toBe(true);
          expect(await t.store.getMeeting(general, date)).toMatchObject({
            presenter: 'cy',
            volunteered: true,
          });
          expect(await t.store.getVolunteer(general, date)).toBeUndefined();
        }
      } finally {
        await replica.close();
      }
    });

    it('moves a meeting to another date with its paper and presenter', async () => {
      await t.store.recordMeeting(general, {
        date: '2026-03-05',
        paperId: 'p1',
        presenter: 'bob',
        presenterName: 'Bob',
      });
      const moved = await t.store.moveMeeting(general, '2026-03-05', '2026-03-06', 'ada');
      expect(moved).toMatchObject({
        moved: true,
        meeting: { date: '2026-03-06', paperId: 'p1', presenter: 'bob' },
      });
      expect(await t.store.getMeeting(general, '2026-03-05')).toBeUndefined();
      expect((await t.store.listMeetings(general)).map((m) => m.date)).toEqual(['2026-03-06']);
      expect(await t.store.listNominations(general)).toEqual([]);
      expect(await t.store.moveMeeting(general, '2026-03-05', '2026-03-07', 'ada')).toBeUndefined();
      expect(await t.store.moveMeeting(random, '2026-03-06', '2026-03-07', 'ada')).toBeUndefined();
    });

    it('keeps the meeting already on the new date and puts the moved paper at the front of the queue', async () => {
      await t.store.recordMeeting(general, {
        date: '2026-03-05',
        paperId: 'p1',
        presenter: 'bob',
        presenterName: 'Bob',
      });
      await t.store.recordMeeting(general, {
        date: '2026-03-06',
        paperId: 'p2',
        presenter: 'cy',
        presenterName: 'Cy',
      });
      await t.store.nominate(general, 'p3', 'cy');
      await t.store.voteNomination(general, 'p3', 'cy');
      t.clock.advance(MINUTE);
      const result = await t.store.moveMeeting(general, '2026-03-05', '2026-03-06', 'ada');
      expect(result).toMatchObject({
        moved: false,
        dropped: { date: '2026-03-05', paperId: 'p1' },
        kept: { date: '2026-03-06', paperId: 'p2', presenter: 'cy' },
      });
      expect((await t.store.listMeetings(general)).map((m) => [m.date, m.paperId])).toEqual([
        ['2026-03-06', 'p2'],
      ]);
      const queue = await t.store.listNominations(general);
      expect(queue.map((n) => [n.paperId, n.voters.length])).toEqual([
        ['p1', 0],
        ['p3', 1],
      ]);
      expect(queue[0]).toMatchObject({ nominatedBy: 'ada', requeuedAt: expect.any(String) });
      expect(queue[1]?.requeuedAt).toBeUndefined();
      // Chosen for the next meeting, it leaves the queue as any paper does.
      await t.store.recordMeeting(general, {
        date: '2026-03-13',
        paperId: 'p1',
        presenter: null,
        presenterName: null,
      });
      expect((await t.store.listNominations(general)).map((n) => n.paperId)).toEqual(['p3']);
    });

    it('keeps the rotation in join order; joining twice changes nothing', async () => {
      expect(await t.store.joinRotation(general, 'bob', 'Bob')).toBe(true);
      t.clock.advance(MINUTE);
      expect(await t.store.joinRotation(general, 'ada', 'Ada')).toBe(true);
      expect(await t.store.joinRotation(general, 'bob', 'Bob')).toBe(false);
      expect((await t.store.listMembers(general)).map((m) => m.user)).toEqual(['bob', 'ada']);
      expect(await t.store.leaveRotation(general, 'bob')).toBe(true);
      expect(await t.store.leaveRotation(general, 'bob')).toBe(false);
      expect((await t.store.listMembers(general)).map((m) => m.name)).toEqual(['Ada']);
    });

    it('is forgotten with the channel', async () => {
      await t.store.setReadingGroup(general, { day: 'thu', time: '15:00', timezone: 'UTC' }, 'ada');
      await t.store.nominate(general, 'p1', 'ada');
      await t.store.joinRotation(general, 'ada', 'Ada');
      // A channel whose only row is a volunteer is listed with the workspace's channels, and forgotten.
      await t.store.volunteer(random, '2026-03-05', 'ada', 'Ada');
      expect(await t.store.storedChannels({ platform: 'discord', workspace: 'G1' })).toEqual([
        general,
        random,
      ]);
      await t.store.forgetChannel(random);
      expect(await t.store.getVolunteer(random, '2026-03-05')).toBeUndefined();
      await t.store.forgetChannel(general);
      expect(await t.store.getReadingGroup(general)).toBeUndefined();
      expect(await t.store.listNominations(general)).toEqual([]);
      expect(await t.store.listMembers(general)).toEqual([]);
    });
  });
}
