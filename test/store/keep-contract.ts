// What a channel keeps (reading list, feed token, Zotero link), written once and run against every backend.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ChannelKey, type OpenedStore, openStore } from '../../src/store/index.js';
import { type ContractDatabases, FakeClock } from './contract.js';

const general: ChannelKey = { platform: 'slack', workspace: 'T1', channel: 'C-general' };
const random: ChannelKey = { platform: 'slack', workspace: 'T1', channel: 'C-random' };
const MINUTE = 60_000;

export function describeKeepContract(name: string, databases: Pick<ContractDatabases, 'empty'>): void {
  describe(`Store keeps: ${name}`, () => {
    let clock: FakeClock;
    let store: OpenedStore;

    beforeEach(async () => {
      clock = new FakeClock();
      store = await openStore(await databases.empty(), { clock });
    });
    afterEach(async () => {
      await store.close();
    });

    describe('reading list', () => {
      it('saves a paper once per channel, keeping who saved it first and when', async () => {
        const first = await store.savePaper(general, '2405.04233', 'ada');
        clock.advance(MINUTE);
        const again = await store.savePaper(general, '2405.04233', 'grace');
        expect(first).toEqual({
          created: true,
          saved: {
            paperId: '2405.04233',
            savedBy: 'ada',
            savedAt: '2026-03-02T08:00:00.000Z',
            zoteroItem: null,
            zoteroError: null,
          },
        });
        expect(again).toEqual({ created: false, saved: first.saved });
        expect(await store.countSaved(general)).toBe(1);
      });

      it('lists the newest save first, in pages, and only the channel’s own', async () => {
        for (const id of ['a', 'b', 'c']) {
          await store.savePaper(general, id, 'ada');
          clock.advance(MINUTE);
        }
        await store.savePaper(random, 'z', 'bob');
        expect((await store.listSaved(general)).map((s) => s.paperId)).toEqual(['c', 'b', 'a']);
        expect((await store.listSaved(general, { limit: 2, offset: 1 })).map((s) => s.paperId)).toEqual([
          'b',
          'a',
        ]);
        expect(await store.countSaved(general)).toBe(3);
        expect((await store.listSaved(random)).map((s) => s.paperId)).toEqual(['z']);
      });

      it('removes a paper from one channel’s list and says whether it was there', async () => {
        await store.savePaper(general, 'a', 'ada');
        await store.savePaper(random, 'a', 'bob');
        expect(await store.removeSaved(general, 'a')).toBe(true);
        expect(await store.removeSaved(general, 'a')).toBe(false);
        expect(await store.getSaved(general, 'a')).toBeUndefined();
        expect(await store.getSaved(random, 'a')).toMatchObject({ savedBy: 'bob' });
      });

      it('records a Zotero failure and keeps the item key once one attempt succeeded', async () => {
        await store.savePaper(general, 'a', 'ada');
        await store.recordZotero(general, 'a', { error: 'Zotero answered 503' });
        expect(await store.getSaved(general, 'a')).toMatchObject({
          zoteroItem: null,
          zoteroError: 'Zotero answered 503',
        });
        await store.recordZotero(general, 'a', { item: 'ABCD2345' });
        await store.recordZotero(general, 'a', { error: 'timeout' });
        expect(await store.getSaved(general, 'a')).toMatchObject({
          zoteroItem: 'ABCD2345',
          zoteroError: 'timeout',
        });
      });

      it('refuses an empty paper id or saver', async () => {
        await expect(store.savePaper(general, ' ', 'ada')).rejects.toThrow(/paperId/);
        await expect(store.savePaper(general, 'a', '')).rejects.toThrow(/savedBy/);
      });
    });

    describe('feed token', () => {
      it('creates one unguessable token per channel on demand and finds the channel by it', async () => {
        expect(await store.feedToken(general)).toBeUndefined();
        const token = await store.feedToken(general, true);
        expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
        expect(await store.feedToken(general, true)).toBe(token);
        const other = await store.feedToken(random, true);
        expect(other).not.toBe(token);
        expect(await store.feedChannel(token!)).toEqual(general);
        expect(await store.feedChannel('not-a-token')).toBeUndefined();
      });

      it('revokes a token so it finds nothing, and issues a different one next time', async () => {
        const token = (await store.feedToken(general, true))!;
        expect(await store.revokeFeedToken(general)).toBe(true);
        expect(await store.revokeFeedToken(general)).toBe(false);
        expect(await store.feedChannel(token)).toBeUndefined();
        const next = await store.feedToken(general, true);
        expect(next).not.toBe(token);
        expect(await store.feedChannel(next!)).toEqual(general);
      });
    });

    describe('Zotero link', () => {
      it('keeps one group and sealed key per channel, replaced by the next admin', async () => {
        await store.setZoteroLink(general, { groupId: '12345', sealedKey: 'v1.sealed-a' }, 'ada');
        clock.advance(MINUTE);
        await store.setZoteroLink(general, { groupId: '678', sealedKey: 'v1.sealed-b' }, 'grace');
        expect(await store.getZoteroLink(general)).toEqual({
          groupId: '678',
          sealedKey: 'v1.sealed-b',
          updatedAt: '2026-03-02T08:01:00.000Z',
          updatedBy: 'grace',
        });
        expect(await store.getZoteroLink(random)).toBeUndefined();
        expect(await store.removeZoteroLink(general)).toBe(true);
        expect(await store.getZoteroLink(general)).toBeUndefined();
      });

      it('names the linked channels with saves Zotero has not taken, for a background retry', async () => {
        await store.setZoteroLink(general, { groupId: '1', sealedKey: 's' }, 'ada');
        await store.setZoteroLink(random, { groupId: '2', sealedKey: 's' }, 'ada');
        const unlinked: ChannelKey = { ...general, channel: 'C-unlinked' };
        await store.savePaper(general, 'a', 'ada');
        await store.savePaper(random, 'b', 'ada');
        await store.savePaper(unlinked, 'c', 'ada');
        await store.recordZotero(random, 'b', { item: 'ITEM1' });
        expect(await store.zoteroBacklogChannels()).toEqual([general]);
        await store.recordZotero(general, 'a', { error: 'down' });
        expect(await store.zoteroBacklogChannels()).toEqual([general]);
        await store.recordZotero(general, 'a', { item: 'ITEM2' });
        expect(await store.zoteroBacklogChannels()).toEqual([]);
      });

      it('refuses a group id that is not a number', async () => {
        await expect(store.setZoteroLink(general, { groupId: 'abc', sealedKey: 'x' }, 'ada')).rejects.toThrow(
          /group id/,
        );
      });
    });

    it('forgets a channel’s configuration, list, token and link together, leaving other channels and the ledger', async () => {
      await store.updateChannel(general, { topics: ['rl'] }, 'ada');
      await store.savePaper(general, 'a', 'ada');
      const token = (await store.feedToken(general, true))!;
      await store.setZoteroLink(general, { groupId: '1', sealedKey: 's' }, 'ada');
      await store.claimDelivery(general, '2026-03-02', ['p1'], 'worker', MINUTE);
      await store.savePaper(random, 'a', 'bob');

      await store.forgetChannel(general);
      expect(await store.getChannel(general)).toBeUndefined();
      expect(await store.countSaved(general)).toBe(0);
      expect(await store.feedChannel(token)).toBeUndefined();
      expect(await store.getZoteroLink(general)).toBeUndefined();
      expect(await store.sentPaperIds(general)).toEqual(new Set(['p1']));
      expect(await store.countSaved(random)).toBe(1);
    });

    it('keeps the reading list when a channel’s configuration is reset by removeChannel', async () => {
      await store.updateChannel(general, { topics: ['rl'] }, 'ada');
      await store.savePaper(general, 'a', 'ada');
      await store.removeChannel(general);
      expect(await store.countSaved(general)).toBe(1);
    });
  });
}
