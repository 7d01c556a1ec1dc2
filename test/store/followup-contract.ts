// The follow-up snapshots and ledger, written once and run against every backend.
import { describe, expect, it } from 'vitest';
import { followupMode, setFollowupMode } from '../../src/followups/runner.js';
import type { ChannelKey } from '../../src/store/index.js';
import { type ContractDatabases, storePerTest } from './contract.js';

const general: ChannelKey = { platform: 'slack', workspace: 'T1', channel: 'C-general' };
const random: ChannelKey = { platform: 'slack', workspace: 'T1', channel: 'C-random' };
const MINUTE = 60_000;
const code = (text = 'Code released for P1') => ({
  paperId: 'p1',
  change: 'code',
  text,
  replyTo: '1700000000.000100',
  queued: false,
});

export function describeFollowupContract(name: string, databases: Pick<ContractDatabases, 'empty'>): void {
  describe(`Store follow-ups: ${name}`, () => {
    const t = storePerTest(databases);

    async function sentDigest(key: ChannelKey, slot: string, ids: string[], messageIds = ['m1']) {
      const delivery = await t.store.claimDelivery(key, slot, ids, 'w1', MINUTE);
      await t.store.recordSnapshots(
        key,
        slot,
        ids.map((paperId) => ({ paperId, state: { version: 1, models: 0 } })),
      );
      await t.store.markSent(delivery!.id, messageIds);
      return delivery!;
    }

    it('lists the snapshots of papers whose digest went out, with its message ids', async () => {
      await sentDigest(general, '2026-03-02', ['p1', 'p2'], ['1700000000.000100', '1700000000.000200']);
      const pending = await t.store.claimDelivery(random, '2026-03-02', ['p3'], 'w1', MINUTE);
      await t.store.recordSnapshots(random, '2026-03-02', [{ paperId: 'p3', state: {} }]);
      expect(pending).toBeDefined();
      const snapshots = await t.store.sentSnapshots(new Date('2026-03-01T00:00:00Z'));
      expect(snapshots.map((s) => [s.channel, s.paperId, s.state, s.messageIds])).toEqual([
        ['C-general', 'p1', { version: 1, models: 0 }, ['1700000000.000100', '1700000000.000200']],
        ['C-general', 'p2', { version: 1, models: 0 }, ['1700000000.000100', '1700000000.000200']],
      ]);
      expect(await t.store.sentSnapshots(new Date('2026-03-03T00:00:00Z'))).toEqual([]);
    });

    it('names, for each snapshot, the message of its digest that holds the paper', async () => {
      const d = await t.store.claimDelivery(general, '2026-03-02', ['p1', 'p2', 'p3'], 'w1', MINUTE);
      await t.store.recordSnapshots(
        general,
        '2026-03-02',
        ['p1', 'p2', 'p3'].map((paperId) => ({ paperId, state: {} })),
      );
      await t.store.markSent(d!.id, ['m1', 'm2'], { p1: 'm1', p2: 'm2' });
      const snapshots = await t.store.sentSnapshots(new Date(0));
      // p3 has no message named (an older build's digest, or a platform that did not say): null.
      expect(snapshots.map((s) => [s.paperId, s.paperMessage, s.messageIds])).toEqual([
        ['p1', 'm1', ['m1', 'm2']],
        ['p2', 'm2', ['m1', 'm2']],
        ['p3', null, ['m1', 'm2']],
      ]);
    });

    it('ties at most `limit` queued follow-ups to a digest, oldest first; the rest wait for the next', async () => {
      for (const change of ['code', 'venue', 'models']) {
        await t.store.claimFollowup(general, { ...code(), change, queued: true }, 'w1', MINUTE);
        t.clock.advance(1_000);
      }
      const d1 = await t.store.claimDelivery(general, '2026-03-03', [], 'w1', MINUTE);
      expect((await t.store.takeQueuedFollowups(general, d1!.id, { limit: 2 })).map((f) => f.change)).toEqual(
        ['code', 'venue'],
      );
      // Asked again for the same digest, it still has two (none added past the limit).
      expect(await t.store.takeQueuedFollowups(general, d1!.id, { limit: 2 })).toHaveLength(2);
      await t.store.markSent(d1!.id, ['m1']);
      const d2 = await t.store.claimDelivery(general, '2026-03-04', [], 'w1', MINUTE);
      expect((await t.store.takeQueuedFollowups(general, d2!.id, { limit: 2 })).map((f) => f.change)).toEqual(
        ['models'],
      );
      expect((await t.store.listFollowups(general)).map((f) => [f.change, f.status])).toEqual(
        expect.arrayContaining([
          ['code', 'sent'],
          ['venue', 'sent'],
          ['models', 'queued'],
        ]),
      );
    });

    it('keeps the latest snapshot of a paper a retried digest records again', async () => {
      const d = await t.store.claimDelivery(general, '2026-03-02', ['p1'], 'w1', MINUTE);
      await t.store.recordSnapshots(general, '2026-03-02', [{ paperId: 'p1', state: { version: 1 } }]);
      await t.store.recordSnapshots(general, '2026-03-02', [{ paperId: 'p1', state: { version: 2 } }]);
      await t.store.markSent(d!.id, ['m1']);
      expect((await t.store.sentSnapshots(new Date(0))).map((s) => s.state)).toEqual([{ version: 2 }]);
    });

    it('pages through sent snapshots from where the last page stopped, each once, ties included', async () => {
      // Snapshots of one digest share their taken_at: the page boundary falls between equal times.
      await sentDigest(general, '2026-03-02', ['p1', 'p2', 'p3']);
      t.clock.advance(MINUTE);
      await sentDigest(random, '2026-03-02', ['p4', 'p5']);
      const since = new Date(0);
      const all = await t.store.sentSnapshots(since);
      expect(all.map((s) => s.paperId)).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
      const paged: string[][] = [];
      let after: (typeof all)[number] | undefined;
      for (;;) {
        const page = await t.store.sentSnapshots(since, 2, after);
        if (page.length === 0) break;
        paged.push(page.map((s) => s.paperId));
        after = page[page.length - 1];
      }
      expect(paged).toEqual([['p1', 'p2'], ['p3', 'p4'], ['p5']]);
    });

    it('claims a change once: a second claim, live or settled, gets nothing', async () => {
      const first = await t.store.claimFollowup(general, code(), 'w1', MINUTE);
      expect(first).toMatchObject({ status: 'pending', attempts: 1, replyTo: '1700000000.000100' });
      expect(await t.store.claimFollowup(general, code(), 'w2', MINUTE)).toBeUndefined();
      await t.store.markFollowupSent(first!.id, ['1700000000.000900']);
      t.clock.advance(10 * MINUTE);
      expect(await t.store.claimFollowup(general, code(), 'w2', MINUTE)).toBeUndefined();
      expect(await t.store.listFollowups(general)).toEqual([
        expect.objectContaining({ change: 'code', status: 'sent', messageIds: ['1700000000.000900'] }),
      ]);
      // Another change of the same paper, or the same change elsewhere, is its own follow-up.
      expect(
        await t.store.claimFollowup(general, { ...code(), change: 'version:2' }, 'w1', MINUTE),
      ).toBeDefined();
      expect(await t.store.claimFollowup(random, code(), 'w1', MINUTE)).toBeDefined();
    });

    it('hands a follow-up whose lease ran out to the next worker, with the first text and nonce', async () => {
      const first = await t.store.claimFollowup(general, code('first words'), 'w1', MINUTE);
      t.clock.advance(2 * MINUTE);
      const taken = await t.store.claimFollowup(general, code('other words'), 'w2', MINUTE);
      expect(taken).toMatchObject({ id: first!.id, text: 'first words', nonce: first!.nonce, attempts: 2 });
      // The first worker, late, can no longer release it.
      await t.store.markFollowupFailed(first!.id, 'boom', false, { owner: 'w1' });
      expect((await t.store.listFollowups(general))[0]).toMatchObject({ owner: 'w2', status: 'pending' });
      await t.store.markFollowupFailed(first!.id, 'gone', true, { owner: 'w2' });
      expect((await t.store.listFollowups(general))[0]).toMatchObject({ status: 'failed', error: 'gone' });
    });

    it('queues digest follow-ups, ties them to one digest and settles them with it', async () => {
      expect(await t.store.claimFollowup(general, { ...code(), queued: true }, 'w1', MINUTE)).toBeUndefined();
      expect(await t.store.claimFollowup(general, { ...code(), queued: true }, 'w1', MINUTE)).toBeUndefined();
      const d1 = await t.store.claimDelivery(general, '2026-03-03', [], 'w1', MINUTE);
      const taken = await t.store.takeQueuedFollowups(general, d1!.id);
      expect(taken.map((f) => [f.change, f.deliveryId])).toEqual([['code', d1!.id]]);
      // A retry of the same digest gets them again (and, asked for only those, no newer ones).
      await t.store.claimFollowup(general, { ...code(), change: 'venue', queued: true }, 'w1', MINUTE);
      expect(
        (await t.store.takeQueuedFollowups(general, d1!.id, { onlyTied: true })).map((f) => f.change),
      ).toEqual(['code']);
      // Another channel's digest does not.
      expect(await t.store.takeQueuedFollowups(general, d1!.id)).toHaveLength(2);
      const other = await t.store.claimDelivery(random, '2026-03-03', [], 'w1', MINUTE);
      expect(await t.store.takeQueuedFollowups(random, other!.id)).toEqual([]);
      // The digest failed for good: the next one carries them.
      await t.store.markFailed(d1!.id, 'gone', true);
      const d2 = await t.store.claimDelivery(general, '2026-03-04', [], 'w1', MINUTE);
      expect((await t.store.takeQueuedFollowups(general, d2!.id)).map((f) => f.deliveryId)).toEqual([
        d2!.id,
        d2!.id,
      ]);
      // Confirming the digest settles them with it, in one transaction.
      await t.store.markSent(d2!.id, ['m9']);
      expect((await t.store.listFollowups(general)).map((f) => [f.status, f.messageIds])).toEqual([
        ['sent', ['m9']],
        ['sent', ['m9']],
      ]);
      const d3 = await t.store.claimDelivery(general, '2026-03-05', [], 'w1', MINUTE);
      expect(await t.store.takeQueuedFollowups(general, d3!.id)).toEqual([]);
    });

    it('clears the followups setting with the channel: removeChannel and forgetChannel', async () => {
      await t.store.updateChannel(general, { topics: ['rl'] }, 'ada');
      await t.store.updateChannel(random, { topics: ['rl'] }, 'ada');
      await setFollowupMode(t.store, general, 'off');
      await setFollowupMode(t.store, random, 'digest');
      expect(await t.store.removeChannel(general)).toBe(true);
      expect(await followupMode(t.store, general)).toBe('inline');
      expect(await followupMode(t.store, random)).toBe('digest');
      await t.store.forgetChannel(random);
      expect(await followupMode(t.store, random)).toBe('inline');
    });

    it('refuses a bad claim with the argument named', async () => {
      await expect(t.store.claimFollowup(general, { ...code(), change: ' ' }, 'w1', MINUTE)).rejects.toThrow(
        /follow-up claim\.followup\.change/,
      );
    });
  });
}
