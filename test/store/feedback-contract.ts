// A channel's feedback (votes, follows, personal pings), written once and run against every backend.
import { describe, expect, it } from 'vitest';
import { channelId, LEARNING_RESET } from '../../src/store/feedback.js';
import { FOLLOWUP_MODE } from '../../src/store/followups.js';
import type { ChannelKey } from '../../src/store/index.js';
import { type ContractDatabases, storePerTest } from './contract.js';

const general: ChannelKey = { platform: 'discord', workspace: 'G1', channel: 'C-general' };
const random: ChannelKey = { platform: 'discord', workspace: 'G1', channel: 'C-random' };
const MINUTE = 60_000;

export function describeFeedbackContract(name: string, databases: Pick<ContractDatabases, 'empty'>): void {
  describe(`Store feedback: ${name}`, () => {
    const t = storePerTest(databases);

    describe('votes', () => {
      it('keeps one vote per member per paper per channel and counts them', async () => {
        expect(await t.store.setVote(general, 'p1', 'ada', 1)).toEqual({ up: 1, down: 0 });
        expect(await t.store.setVote(general, 'p1', 'bob', -1)).toEqual({ up: 1, down: 1 });
        expect(await t.store.setVote(general, 'p1', 'ada', 1)).toEqual({ up: 1, down: 1 });
        expect(await t.store.setVote(random, 'p1', 'ada', -1)).toEqual({ up: 0, down: 1 });
        expect(await t.store.voteCounts(general, 'p1')).toEqual({ up: 1, down: 1 });
        expect(await t.store.voteCounts(general, 'unvoted')).toEqual({ up: 0, down: 0 });
      });

      it('changes a member’s vote, stamping when it changed and whether an admin cast it', async () => {
        await t.store.setVote(general, 'p1', 'ada', 1);
        t.clock.advance(MINUTE);
        expect(await t.store.setVote(general, 'p1', 'ada', -1, { admin: true })).toEqual({ up: 0, down: 1 });
        expect(await t.store.listVotes(general)).toEqual([
          { paperId: 'p1', user: 'ada', value: -1, admin: true, votedAt: '2026-03-02T08:01:00.000Z' },
        ]);
      });

      it('lists a channel’s votes oldest first, and only its own', async () => {
        await t.store.setVote(general, 'p2', 'ada', 1);
        t.clock.advance(MINUTE);
        await t.store.setVote(general, 'p1', 'bob', -1);
        await t.store.setVote(random, 'p9', 'bob', 1);
        expect((await t.store.listVotes(general)).map((v) => [v.paperId, v.user, v.value])).toEqual([
          ['p2', 'ada', 1],
          ['p1', 'bob', -1],
        ]);
      });

      it('refuses a vote that is not +1 or -1, or has no voter', async () => {
        await expect(t.store.setVote(general, 'p1', 'ada', 0 as 1)).rejects.toThrow(/\+1 or -1/);
        await expect(t.store.setVote(general, 'p1', ' ', 1)).rejects.toThrow(/user/);
      });
    });

    describe('follows', () => {
      it('follows an author or a lab once per channel, keeping the first follower', async () => {
        const first = await t.store.follow(
          general,
          { kind: 'author', key: 'levine s', name: 'Sergey Levine' },
          'ada',
        );
        t.clock.advance(MINUTE);
        const again = await t.store.follow(
          general,
          { kind: 'author', key: 'levine s', name: 'S. Levine' },
          'bob',
        );
        await t.store.follow(
          general,
          { kind: 'org', key: 'google deepmind', name: 'Google DeepMind' },
          'bob',
        );
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
        expect((await t.store.listFollows(general)).map((f) => f.name)).toEqual([
          'Sergey Levine',
          'Google DeepMind',
        ]);
        expect(await t.store.listFollows(random)).toEqual([]);
      });

      it('unfollows by kind and key and says whether it was followed', async () => {
        await t.store.follow(general, { kind: 'author', key: 'levine s', name: 'Sergey Levine' }, 'ada');
        expect(await t.store.unfollow(general, 'org', 'levine s')).toBe(false);
        expect(await t.store.unfollow(general, 'author', 'levine s')).toBe(true);
        expect(await t.store.unfollow(general, 'author', 'levine s')).toBe(false);
        expect(await t.store.listFollows(general)).toEqual([]);
      });
    });

    describe('personal pings', () => {
      it('keeps each member’s topics, replaced when they ask again, until they opt out', async () => {
        await t.store.setNotify(general, 'U1', ['offline RL']);
        t.clock.advance(MINUTE);
        expect(await t.store.setNotify(general, 'U1', ['offline RL', 'diffusion'])).toEqual({
          user: 'U1',
          topics: ['offline RL', 'diffusion'],
          updatedAt: '2026-03-02T08:01:00.000Z',
        });
        await t.store.setNotify(general, 'U0', ['graphs']);
        expect((await t.store.listNotify(general)).map((n) => n.user)).toEqual(['U0', 'U1']);
        expect(await t.store.removeNotify(general, 'U1')).toBe(true);
        expect(await t.store.removeNotify(general, 'U1')).toBe(false);
        expect((await t.store.listNotify(general)).map((n) => n.user)).toEqual(['U0']);
        expect(await t.store.listNotify(random)).toEqual([]);
      });

      it('refuses an empty topic list', async () => {
        await expect(t.store.setNotify(general, 'U1', [])).rejects.toThrow(/topics/);
      });
    });

    it('forgets a channel’s votes, follows and pings with the channel, leaving other channels', async () => {
      await t.store.setVote(general, 'p1', 'ada', 1);
      await t.store.follow(general, { kind: 'org', key: 'openai', name: 'OpenAI' }, 'ada');
      await t.store.setNotify(general, 'U1', ['rl']);
      await t.store.setVote(random, 'p1', 'ada', 1);

      await t.store.forgetChannel(general);
      expect(await t.store.listVotes(general)).toEqual([]);
      expect(await t.store.listFollows(general)).toEqual([]);
      expect(await t.store.listNotify(general)).toEqual([]);
      expect(await t.store.voteCounts(random, 'p1')).toEqual({ up: 1, down: 0 });
    });

    it('lists every channel of a workspace that has anything stored, configured or not', async () => {
      const other: ChannelKey = { platform: 'discord', workspace: 'G2', channel: 'C-elsewhere' };
      await t.store.updateChannel(random, { topics: ['rl'] }, 'ada');
      await t.store.setVote(general, 'p1', 'ada', 1);
      await t.store.follow(general, { kind: 'org', key: 'acme', name: 'Acme' }, 'ada');
      await t.store.updateChannel(other, { topics: ['rl'] }, 'ada');
      expect(await t.store.storedChannels({ platform: 'discord', workspace: 'G1' })).toEqual([
        general,
        random,
      ]);
      await t.store.forgetChannel(general);
      expect(await t.store.storedChannels({ platform: 'discord', workspace: 'G1' })).toEqual([random]);
      expect(await t.store.storedChannels({ platform: 'slack', workspace: 'G1' })).toEqual([]);
    });

    it('lists a channel whose only data is a setting kept beside the channels, and forgets it', async () => {
      const quiet: ChannelKey = { platform: 'discord', workspace: 'G1', channel: 'C-quiet_%' };
      const lookalike: ChannelKey = { platform: 'discord', workspace: 'G10', channel: 'C-elsewhere' };
      await t.store.setValue(FOLLOWUP_MODE, channelId(quiet), 'thread');
      await t.store.setValue(LEARNING_RESET, channelId(random), '2026-03-02T08:00:00.000Z');
      await t.store.setValue(FOLLOWUP_MODE, channelId(lookalike), 'thread');
      await t.store.setValue('some-other-namespace', channelId(general), 'x');
      expect(await t.store.storedChannels({ platform: 'discord', workspace: 'G1' })).toEqual([quiet, random]);
      await t.store.forgetChannel(quiet);
      expect(await t.store.storedChannels({ platform: 'discord', workspace: 'G1' })).toEqual([random]);
      expect(await t.store.storedChannels({ platform: 'discord', workspace: 'G10' })).toEqual([lookalike]);
    });

    it('forgets a channel’s learning reset with the channel, and only that channel’s', async () => {
      await t.store.setValue(LEARNING_RESET, channelId(general), '2026-03-02T08:00:00.000Z');
      await t.store.setValue(LEARNING_RESET, channelId(random), '2026-03-02T08:00:00.000Z');
      await t.store.forgetChannel(general);
      expect(await t.store.getValue(LEARNING_RESET, channelId(general))).toBeUndefined();
      expect(await t.store.getValue(LEARNING_RESET, channelId(random))).toBe('2026-03-02T08:00:00.000Z');
    });

    it('keeps what a channel taught when its configuration is reset by removeChannel', async () => {
      await t.store.updateChannel(general, { topics: ['rl'] }, 'ada');
      await t.store.setVote(general, 'p1', 'ada', -1);
      await t.store.removeChannel(general);
      expect(await t.store.voteCounts(general, 'p1')).toEqual({ up: 0, down: 1 });
    });
  });
}
