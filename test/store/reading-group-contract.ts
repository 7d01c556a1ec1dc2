// A channel's reading group (meeting, queue and votes, rotation, meetings), written once and run against every backend.
import { describe, expect, it } from 'vitest';
import type { ChannelKey } from '../../src/store/index.js';
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

    it('lets the first volunteer take the meeting over from the rotation’s pick', async () => {
      await t.store.recordMeeting(general, {
        date: '2026-03-05',
        paperId: 'p1',
        presenter: 'bob',
        presenterName: 'Bob',
      });
      expect(await t.store.volunteer(general, '2026-03-05', 'cy', 'Cy')).toMatchObject({
        taken: true,
        meeting: { presenter: 'cy', presenterName: 'Cy', volunteered: true },
      });
      expect(await t.store.volunteer(general, '2026-03-05', 'dee', 'Dee')).toMatchObject({
        taken: false,
        meeting: { presenter: 'cy' },
      });
      expect(await t.store.volunteer(general, '2026-03-12', 'dee', 'Dee')).toBeUndefined();
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
      await t.store.forgetChannel(general);
      expect(await t.store.getReadingGroup(general)).toBeUndefined();
      expect(await t.store.listNominations(general)).toEqual([]);
      expect(await t.store.listMembers(general)).toEqual([]);
    });
  });
}
