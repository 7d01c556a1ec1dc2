// A channel's feedback (votes, follows, personal pings), written once and run against every backend.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelId, LEARNING_RESET } from '../../src/store/feedback.js';
import { type ChannelKey, type OpenedStore, openStore } from '../../src/store/index.js';
import { type ContractDatabases, FakeClock } from './contract.js';

const general: ChannelKey = { platform: 'discord', workspace: 'G1', channel: 'C-general' };
const random: ChannelKey = { platform: 'discord', workspace: 'G1', channel: 'C-random' };
const MINUTE = 60_000;

export function describeFeedbackContract(name: string, databases: Pick<ContractDatabases, 'empty'>): void {
  describe(`Store feedback: ${name}`, () => {
    let clock: FakeClock;
    let store: OpenedStore;

    beforeEach(async () => {
      clock = new FakeClock();
      store = await openStore(await databases.empty(), { clock });
    });
    afterEach(async () => {
      await store.close();
    });

    describe('votes', () => {
      it('keeps one vote per member per paper per channel and counts them', async () => {
        expect(await store.setVote(general, 'p1', 'ada', 1)).toEqual({ up: 1, down: 0 });
        expect(await store.setVote(general, 'p1', 'bob', -1)).toEqual({ up: 1, down: 1 });
        expect(await store.setVote(general, 'p1', 'ada', 1)).toEqual({ up: 1, down: 1 });
        expect(await store.setVote(random, 'p1', 'ada', -1)).toEqual({ up: 0, down: 1 });
        expect(await store.voteCounts(general, 'p1')).toEqual({ up: 1, down: 1 });
        expect(await store.voteCounts(general, 'unvoted')).toEqual({ up: 0, down: 0 });
      });

      it('changes a member’s vote, stamping when it changed and whether an admin cast it', async () => {
        await store.setVote(general, 'p1', 'ada', 1);
        clock.advance(MINUTE);
        expect(await store.setVote(general, 'p1', 'ada', -1, { admin: true })).toEqual({ up: 0, down: 1 });
        expect(await store.listVotes(general)).toEqual([
          { paperId: 'p1', user: 'ada', value: -1, admin: true, votedAt: '2026-03-02T08:01:00.000Z' },
        ]);
      });

      it('lists a channel’s votes oldest first, and only its own', async () => {
        await store.setVote(general, 'p2', 'ada', 1);
        clock.advance(MINUTE);
        await store.setVote(general, 'p1', 'bob', -1);
        await store.setVote(random, 'p9', 'bob', 1);
        expect((await store.listVotes(general)).map((v) => [v.paperId, v.user, v.value])).toEqual([
          ['p2', 'ada', 1],
          ['p1', 'bob', -1],
        ]);
      });

      it('refuses a vote that is not +1 or -1, or has no voter', async () => {
        await expect(store.setVote(general, 'p1', 'ada', 0 as 1)).rejects.toThrow(/\+1 or -1/);
        await expect(store.setVote(general, 'p1', ' ', 1)).rejects.toThrow(/user/);
      });
    });

    describe('follows', () => {
      it('follows an author or a lab once per channel, keeping the first follower', async () => {
        const first = await store.follow(
          general,
          { kind: 'author', key: 'levine s', name: 'Sergey Levine' },
          'ada',
        );
        clock.advance(MINUTE);
        const again = await store.follow(
          general,
          { kind: 'author', key: 'levine s', name: 'S. Levine' },
          'bob',
        );
        await store.follow(general, { kind: 'org', key: 'google deepmind', name: 'Google DeepMind' }, 'bob');
        expect(first).toEqual({
          created: true,
          follow: {
            kind: 'author',
            key: 'levine s',
            name: 'Sergey Levine',
            followedBy: 'ada',
            followedAt: '2026-03-02T08:00:00.000Z',
          },
        });
        expect(again).toEqual({ created: false, follow: first.follow });
        expect((await store.listFollows(general)).map((f) => f.name)).toEqual([
          'Sergey Levine',
          'Google DeepMind',
        ]);
        expect(await store.listFollows(random)).toEqual([]);
      });

      it('unfollows by kind and key and says whether it was followed', async () => {
        await store.follow(general, { kind: 'author', key: 'levine s', name: 'Sergey Levine' }, 'ada');
        expect(await store.unfollow(general, 'org', 'levine s')).toBe(false);
        expect(await store.unfollow(general, 'author', 'levine s')).toBe(true);
        expect(await store.unfollow(general, 'author', 'levine s')).toBe(false);
        expect(await store.listFollows(general)).toEqual([]);
      });
    });

    describe('personal pings', () => {
      it('keeps each member’s topics, replaced when they ask again, until they opt out', async () => {
        await store.setNotify(general, 'U1', ['offline RL']);
        clock.advance(MINUTE);
        expect(await store.setNotify(general, 'U1', ['offline RL', 'diffusion'])).toEqual({
          user: 'U1',
          topics: ['offline RL', 'diffusion'],
          updatedAt: '2026-03-02T08:01:00.000Z',
        });
        await store.setNotify(general, 'U0', ['graphs']);
        expect((await store.listNotify(general)).map((n) => n.user)).toEqual(['U0', 'U1']);
        expect(await store.removeNotify(general, 'U1')).toBe(true);
        expect(await store.removeNotify(general, 'U1')).toBe(false);
        expect((await store.listNotify(general)).map((n) => n.user)).toEqual(['U0']);
        expect(await store.listNotify(random)).toEqual([]);
      });

      it('refuses an empty topic list', async () => {
        await expect(store.setNotify(general, 'U1', [])).rejects.toThrow(/topics/);
      });
    });

    it('forgets a channel’s votes, follows and pings with the channel, leaving other channels', async () => {
      await store.setVote(general, 'p1', 'ada', 1);
      await store.follow(general, { kind: 'org', key: 'openai', name: 'OpenAI' }, 'ada');
      await store.setNotify(general, 'U1', ['rl']);
      await store.setVote(random, 'p1', 'ada', 1);

      await store.forgetChannel(general);
      expect(await store.listVotes(general)).toEqual([]);
      expect(await store.listFollows(general)).toEqual([]);
      expect(await store.listNotify(general)).toEqual([]);
      expect(await store.voteCounts(random, 'p1')).toEqual({ up: 1, down: 0 });
    });

    it('lists every channel of a workspace that has anything stored, configured or not', async () => {
      const other: ChannelKey = { platform: 'discord', workspace: 'G2', channel: 'C-elsewhere' };
      await store.updateChannel(random, { topics: ['rl'] }, 'ada');
      await store.setVote(general, 'p1', 'ada', 1);
      await store.follow(general, { kind: 'org', key: 'acme', name: 'Acme' }, 'ada');
      await store.updateChannel(other, { topics: ['rl'] }, 'ada');
      expect(await store.storedChannels({ platform: 'discord', workspace: 'G1' })).toEqual([general, random]);
      await store.forgetChannel(general);
      expect(await store.storedChannels({ platform: 'discord', workspace: 'G1' })).toEqual([random]);
      expect(await store.storedChannels({ platform: 'slack', workspace: 'G1' })).toEqual([]);
    });

    it('forgets a channel’s learning reset with the channel, and only that channel’s', async () => {
      await store.setValue(LEARNING_RESET, channelId(general), '2026-03-02T08:00:00.000Z');
      await store.setValue(LEARNING_RESET, channelId(random), '2026-03-02T08:00:00.000Z');
      await store.forgetChannel(general);
      expect(await store.getValue(LEARNING_RESET, channelId(general))).toBeUndefined();
      expect(await store.getValue(LEARNING_RESET, channelId(random))).toBe('2026-03-02T08:00:00.000Z');
    });

    it('keeps what a channel taught when its configuration is reset by removeChannel', async () => {
      await store.updateChannel(general, { topics: ['rl'] }, 'ada');
      await store.setVote(general, 'p1', 'ada', -1);
      await store.removeChannel(general);
      expect(await store.voteCounts(general, 'p1')).toEqual({ up: 0, down: 1 });
    });
  });
}
