// What a channel keeps (reading list, feed token, Zotero link), written once and run against every backend.
import { describe, expect, it } from 'vitest';
import type { ChannelKey } from '../../src/store/index.js';
import { type ContractDatabases, storePerTest } from './contract.js';

const general: ChannelKey = { platform: 'slack', workspace: 'T1', channel: 'C-general' };
const random: ChannelKey = { platform: 'slack', workspace: 'T1', channel: 'C-random' };
const MINUTE = 60_000;

export function describeKeepContract(name: string, databases: Pick<ContractDatabases, 'empty'>): void {
  describe(`Store keeps: ${name}`, () => {
    const t = storePerTest(databases);

    describe('reading list', () => {
      it('saves a paper once per channel, keeping who saved it first and when', async () => {
        const first = await t.store.savePaper(general, '2405.04233', 'ada');
        t.clock.advance(MINUTE);
        const again = await t.store.savePaper(general, '2405.04233', 'grace');
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
        expect(await t.store.countSaved(general)).toBe(1);
      });

      it('lists the newest save first, in pages, and only the channel’s own', async () => {
        for (const id of ['a', 'b', 'c']) {
          await t.store.savePaper(general, id, 'ada');
          t.clock.advance(MINUTE);
        }
        await t.store.savePaper(random, 'z', 'bob');
        expect((await t.store.listSaved(general)).map((s) => s.paperId)).toEqual(['c', 'b', 'a']);
        expect((await t.store.listSaved(general, { limit: 2, offset: 1 })).map((s) => s.paperId)).toEqual([
          'b',
          'a',
        ]);
        expect(await t.store.countSaved(general)).toBe(3);
        expect((await t.store.listSaved(random)).map((s) => s.paperId)).toEqual(['z']);
      });

      it('removes a paper from one channel’s list and says whether it was there', async () => {
        await t.store.savePaper(general, 'a', 'ada');
        await t.store.savePaper(random, 'a', 'bob');
        expect(await t.store.removeSaved(general, 'a')).toBe(true);
        expect(await t.store.removeSaved(general, 'a')).toBe(false);
        expect(await t.store.getSaved(general, 'a')).toBeUndefined();
        expect(await t.store.getSaved(random, 'a')).toMatchObject({ savedBy: 'bob' });
      });

      it('records a Zotero failure and keeps the item key once one attempt succeeded', async () => {
        await t.store.savePaper(general, 'a', 'ada');
        await t.store.recordZotero(general, 'a', { error: 'Zotero answered 503' });
        expect(await t.store.getSaved(general, 'a')).toMatchObject({
          zoteroItem: null,
          zoteroError: 'Zotero answered 503',
        });
        await t.store.recordZotero(general, 'a', { item: 'ABCD2345' });
        await t.store.recordZotero(general, 'a', { error: 'timeout' });
        expect(await t.store.getSaved(general, 'a')).toMatchObject({
          zoteroItem: 'ABCD2345',
          zoteroError: 'timeout',
        });
      });

      it('refuses an empty paper id or saver', async () => {
        await expect(t.store.savePaper(general, ' ', 'ada')).rejects.toThrow(/paperId/);
        await expect(t.store.savePaper(general, 'a', '')).rejects.toThrow(/savedBy/);
      });
    });

    describe('feed token', () => {
      it('creates one unguessable token per channel on demand and finds the channel by it', async () => {
        expect(await t.store.feedToken(general)).toBeUndefined();
        const token = await t.store.feedToken(general, true);
        expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
        expect(await t.store.feedToken(general, true)).toBe(token);
        const other = await t.store.feedToken(random, true);
        expect(other).not.toBe(token);
        expect(await t.store.feedChannel(token!)).toEqual(general);
        expect(await t.store.feedChannel('not-a-token')).toBeUndefined();
      });

      it('revokes a token so it finds nothing, and issues a different one next time', async () => {
        const token = (await t.store.feedToken(general, true))!;
        expect(await t.store.revokeFeedToken(general)).toBe(true);
        expect(await t.store.revokeFeedToken(general)).toBe(false);
        expect(await t.store.feedChannel(token)).toBeUndefined();
        const next = await t.store.feedToken(general, true);
        expect(next).not.toBe(token);
        expect(await t.store.feedChannel(next!)).toEqual(general);
      });
    });

    describe('Zotero link', () => {
      it('keeps one group and sealed key per channel, replaced by the next admin', async () => {
        await t.store.setZoteroLink(general, { groupId: '12345', sealedKey: 'v1.sealed-a' }, 'ada');
        t.clock.advance(MINUTE);
        await t.store.setZoteroLink(general, { groupId: '678', sealedKey: 'v1.sealed-b' }, 'grace');
        expect(await t.store.getZoteroLink(general)).toEqual({
          groupId: '678',
          sealedKey: 'v1.sealed-b',
          updatedAt: '2026-03-02T08:01:00.000Z',
          updatedBy: 'grace',
        });
        expect(await t.store.getZoteroLink(random)).toBeUndefined();
        expect(await t.store.removeZoteroLink(general)).toBe(true);
        expect(await t.store.getZoteroLink(general)).toBeUndefined();
      });

      it('names the linked channels with saves Zotero has not taken, for a background retry', async () => {
        await t.store.setZoteroLink(general, { groupId: '1', sealedKey: 's' }, 'ada');
        await t.store.setZoteroLink(random, { groupId: '2', sealedKey: 's' }, 'ada');
        const unlinked: ChannelKey = { ...general, channel: 'C-unlinked' };
        await t.store.savePaper(general, 'a', 'ada');
        await t.store.savePaper(random, 'b', 'ada');
        await t.store.savePaper(unlinked, 'c', 'ada');
        await t.store.recordZotero(random, 'b', { item: 'ITEM1' });
        expect(await t.store.zoteroBacklogChannels()).toEqual([general]);
        await t.store.recordZotero(general, 'a', { error: 'down' });
        expect(await t.store.zoteroBacklogChannels()).toEqual([general]);
        await t.store.recordZotero(general, 'a', { item: 'ITEM2' });
        expect(await t.store.zoteroBacklogChannels()).toEqual([]);
      });

      it('refuses a group id that is not a number', async () => {
        await expect(
          t.store.setZoteroLink(general, { groupId: 'abc', sealedKey: 'x' }, 'ada'),
        ).rejects.toThrow(/group id/);
      });
    });

    it('forgets a channel’s configuration, list, token and link together, leaving other channels and the ledger', async () => {
      await t.store.updateChannel(general, { topics: ['rl'] }, 'ada');
      await t.store.savePaper(general, 'a', 'ada');
      const token = (await t.store.feedToken(general, true))!;
      await t.store.setZoteroLink(general, { groupId: '1', sealedKey: 's' }, 'ada');
      await t.store.claimDelivery(general, '2026-03-02', ['p1'], 'worker', MINUTE);
      await t.store.savePaper(random, 'a', 'bob');

      await t.store.forgetChannel(general);
      expect(await t.store.getChannel(general)).toBeUndefined();
      expect(await t.store.countSaved(general)).toBe(0);
      expect(await t.store.feedChannel(token)).toBeUndefined();
      expect(await t.store.getZoteroLink(general)).toBeUndefined();
      expect(await t.store.sentPaperIds(general)).toEqual(new Set(['p1']));
      expect(await t.store.countSaved(random)).toBe(1);
    });

    it('keeps the reading list when a channel’s configuration is reset by removeChannel', async () => {
      await t.store.updateChannel(general, { topics: ['rl'] }, 'ada');
      await t.store.savePaper(general, 'a', 'ada');
      await t.store.removeChannel(general);
      expect(await t.store.countSaved(general)).toBe(1);
    });
  });
}
