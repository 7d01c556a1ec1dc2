// The Store's behaviour, written once and run against every backend (SQLite file, real PostgreSQL).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Paper } from '../../src/catalog/paper.js';
import {
  type ChannelKey,
  InvalidSettingsError,
  LATEST_VERSION,
  MIGRATIONS,
  type OpenedStore,
  openStore,
} from '../../src/store/index.js';
import { FakeClock } from '../support/fake-clock.js';
import { paper as buildPaper } from '../support/paper.js';

export { FakeClock };

const general: ChannelKey = { platform: 'discord', workspace: 'guild-1', channel: 'general' };
const random: ChannelKey = { platform: 'discord', workspace: 'guild-1', channel: 'random' };
const MINUTE = 60_000;

function paper(id: string, title = `Paper ${id}`): Paper {
  return buildPaper({
    id,
    title,
    abstract: `About ${title}.`,
    authors: ['Ada Lovelace'],
    categories: ['cs.LG'],
    links: { abs: `https://arxiv.org/abs/${id}` },
    trending: { rank: 1, upvotes: 10 },
    source: 'hf',
  });
}

export interface ContractDatabases {
  /** The DATABASE_URL of a database with no rows in it (it may already have the schema), before each test. */
  empty(): Promise<string>;
  /** The DATABASE_URL of a database nothing has touched yet, for the migration tests. */
  pristine(): Promise<string>;
}

/** The store each test of a contract suite uses: opened on an empty database with a fresh fake clock, then closed. */
export function storePerTest(databases: Pick<ContractDatabases, 'empty'>): {
  readonly store: OpenedStore;
  readonly clock: FakeClock;
  /** The test's database, for a second store on it (a replica); the test closes what it opens. */
  readonly url: string;
} {
  let store: OpenedStore | undefined;
  let url: string | undefined;
  let clock = new FakeClock();
  beforeEach(async () => {
    clock = new FakeClock();
    url = await databases.empty();
    store = await openStore(url, { clock });
  });
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });
  return {
    get store() {
      if (!store) throw new Error('the store is opened for each test; use it inside one');
      return store;
    },
    get clock() {
      return clock;
    },
    get url() {
      if (!url) throw new Error('the database is made for each test; use it inside one');
      return url;
    },
  };
}

/** Stores are opened with openStore, so the suite exercises exactly what Paperboy runs. */
export function describeStoreContract(name: string, databases: ContractDatabases): void {
  describe(`Store contract: ${name}`, () => {
    let url: string;
    let clock: FakeClock;
    const opened: OpenedStore[] = [];
    const open = async (at = url) => {
      const store = await openStore(at, { clock });
      opened.push(store);
      return store;
    };

    beforeEach(async () => {
      url = await databases.empty();
      clock = new FakeClock();
    });
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });

    describe('channels', () => {
      it('creates a channel from the defaults on its first change and records who made it', async () => {
        const store = await open();
        const record = await store.updateChannel(general, { topics: ['diffusion', 'RLHF'] }, 'ada');
        expect(record).toMatchObject({
          ...general,
          topics: ['diffusion', 'RLHF'],
          time: '09:00',
          timezone: 'UTC',
          count: 5,
          paused: false,
          version: 1,
          updatedBy: 'ada',
          updatedAt: clock.now().toISOString(),
          createdAt: clock.now().toISOString(),
          unreachable: null,
          failures: 0,
        });
        expect(await store.getChannel(random)).toBeUndefined();
      });

      it('keeps the other settings and bumps the version on each change', async () => {
        const store = await open();
        await store.updateChannel(general, { topics: ['diffusion'], time: '07:30' }, 'ada');
        clock.advance(MINUTE);
        const after = await store.updateChannel(
          general,
          { timezone: 'Europe/Berlin', days: ['mon', 'fri'] },
          'grace',
        );
        expect(after).toMatchObject({
          topics: ['diffusion'],
          time: '07:30',
          timezone: 'Europe/Berlin',
          days: ['mon', 'fri'],
          version: 2,
          updatedBy: 'grace',
          updatedAt: clock.now().toISOString(),
        });
        expect(after.createdAt).not.toBe(after.updatedAt);
      });

      it('keeps the configuration across a restart', async () => {
        const first = await open();
        const saved = await first.updateChannel(
          general,
          {
            topics: ['reward hacking'],
            exclude: ['survey'],
            count: 3,
            paused: true,
            whenEmpty: 'silent',
            images: false,
          },
          'ada',
        );
        expect(saved.images).toBe(false);
        await first.close();
        const second = await open();
        expect(await second.getChannel(general)).toEqual(saved);
      });

      it('keeps a weekly round-up and its day across a restart, and the daily days for going back', async () => {
        const first = await open();
        const created = await first.updateChannel(general, { topics: ['rl'], days: ['mon', 'wed'] }, 'ada');
        expect(created).toMatchObject({ cadence: 'daily', weeklyDay: 'fri' });
        const weekly = await first.updateChannel(general, { cadence: 'weekly', weeklyDay: 'tue' }, 'ada');
        expect(weekly).toMatchObject({ cadence: 'weekly', weeklyDay: 'tue', days: ['mon', 'wed'] });
        await first.close();
        const second = await open();
        expect(await second.getChannel(general)).toEqual(weekly);
        const back = await second.updateChannel(general, { cadence: 'daily' }, 'ada');
        expect(back).toMatchObject({ cadence: 'daily', weeklyDay: 'tue', days: ['mon', 'wed'] });
      });

      it('refuses a round-up day that is not one day of the week', async () => {
        const store = await open();
        await expect(store.updateChannel(general, { weeklyDay: 'someday' as never }, 'ada')).rejects.toThrow(
          /not one day of the week/,
        );
      });

      it('loses neither of two admins’ changes to different settings made at the same moment', async () => {
        const [a, b] = [await open(), await open()];
        const changes = [
          { topics: ['diffusion'] },
          { exclude: ['survey'] },
          { time: '06:15' },
          { timezone: 'Asia/Tokyo' },
          { count: 7 },
          { days: ['sat' as const, 'sun' as const] },
          { paused: true },
          { whenEmpty: 'silent' as const },
          { images: false },
          { cadence: 'weekly' as const },
          { weeklyDay: 'sun' as const },
        ];
        // A brand-new channel: every change races to create it too.
        await Promise.all(changes.map((c, i) => (i % 2 ? a : b).updateChannel(general, c, `admin-${i}`)));
        const merged = await a.getChannel(general);
        expect(merged).toMatchObject(Object.assign({}, ...changes));
        expect(merged?.version).toBe(changes.length);
      });

      it('keeps every change when two admins keep editing one channel', async () => {
        const [a, b] = [await open(), await open()];
        await a.updateChannel(general, { topics: ['start'] }, 'setup');
        const rounds = 12;
        await Promise.all([
          (async () => {
            for (let i = 1; i <= rounds; i++)
              await a.updateChannel(general, { topics: [`topic ${i}`] }, 'ada');
          })(),
          (async () => {
            for (let i = 1; i <= rounds; i++)
              await b.updateChannel(general, { count: (i % 10) + 1 }, 'grace');
          })(),
        ]);
        const final = await b.getChannel(general);
        expect(final).toMatchObject({ topics: [`topic ${rounds}`], count: (rounds % 10) + 1 });
        expect(final?.version).toBe(1 + 2 * rounds);
      });

      it('refuses an invalid change with a message saying what is allowed, and stores nothing', async () => {
        const store = await open();
        await store.updateChannel(general, { count: 4 }, 'ada');
        const attempt = store.updateChannel(general, { count: 11, timezone: 'Mars/Olympus' }, 'ada');
        await expect(attempt).rejects.toBeInstanceOf(InvalidSettingsError);
        await expect(attempt).rejects.toThrow(/whole number from 1 to 10/);
        await expect(attempt).rejects.toThrow(/IANA name such as Europe\/Berlin/);
        expect(await store.getChannel(general)).toMatchObject({ count: 4, timezone: 'UTC', version: 1 });
      });

      it('normalises settings on the way in', async () => {
        const store = await open();
        const record = await store.updateChannel(
          general,
          { topics: [' Diffusion ', 'diffusion', 'RLHF'], time: '8:05', timezone: 'europe/berlin' },
          'ada',
        );
        expect(record).toMatchObject({
          topics: ['Diffusion', 'RLHF'],
          time: '08:05',
          timezone: 'Europe/Berlin',
        });
      });

      it('lists channels in a stable order, filtered by platform and workspace', async () => {
        const store = await open();
        const slack: ChannelKey = { platform: 'slack', workspace: 'T1', channel: 'C1' };
        const other: ChannelKey = { platform: 'discord', workspace: 'guild-2', channel: 'news' };
        for (const key of [random, slack, general, other])
          await store.updateChannel(key, { count: 2 }, 'ada');
        const names = (list: { channel: string }[]) => list.map((c) => c.channel);
        expect(names(await store.listChannels())).toEqual(['general', 'random', 'news', 'C1']);
        expect(names(await store.listChannels({ platform: 'slack' }))).toEqual(['C1']);
        expect(names(await store.listChannels({ platform: 'discord', workspace: 'guild-1' }))).toEqual([
          'general',
          'random',
        ]);
      });

      it('removes a channel but remembers what it was sent, so a new subscription repeats nothing', async () => {
        const store = await open();
        await store.updateChannel(general, { topics: ['rl'] }, 'ada');
        const d = await store.claimDelivery(general, '2026-03-02', ['2501.00001'], 'w1', MINUTE);
        await store.markSent(d!.id, ['m1']);
        expect(await store.removeChannel(general)).toBe(true);
        expect(await store.removeChannel(general)).toBe(false);
        expect(await store.getChannel(general)).toBeUndefined();
        expect(await store.sentPaperIds(general)).toEqual(new Set(['2501.00001']));
      });

      it('counts failures, marks a channel unreachable, and clears both when it is reachable again', async () => {
        const store = await open();
        await store.updateChannel(general, { topics: ['rl'] }, 'ada');
        expect(await store.recordFailure(general)).toBe(1);
        expect(await store.recordFailure(general)).toBe(2);
        const since = clock.now().toISOString();
        await store.setUnreachable(general, 'Missing Access: the bot was removed');
        clock.advance(MINUTE);
        await store.setUnreachable(general, 'Unknown Channel');
        expect(await store.getChannel(general)).toMatchObject({
          failures: 2,
          unreachable: { reason: 'Unknown Channel', since },
          version: 1,
        });
        await store.setUnreachable(general, null);
        expect(await store.getChannel(general)).toMatchObject({ failures: 0, unreachable: null });
        expect(await store.recordFailure(random)).toBe(0);
        expect(await store.getChannel(random)).toBeUndefined();
      });

      it('resets the failure count when a post goes through', async () => {
        const store = await open();
        await store.updateChannel(general, { topics: ['rl'] }, 'ada');
        await store.recordFailure(general);
        const d = await store.claimDelivery(general, '2026-03-02', ['p1'], 'w1', MINUTE);
        await store.markSent(d!.id, ['m1']);
        expect((await store.getChannel(general))?.failures).toBe(0);
      });
    });

    describe('ledger', () => {
      it('claims a new slot: a pending delivery with the papers, a lease and a platform nonce', async () => {
        const store = await open();
        const d = await store.claimDelivery(general, '2026-03-02', ['p1', 'p2'], 'worker-a', 5 * MINUTE);
        expect(d).toMatchObject({
          ...general,
          slot: '2026-03-02',
          paperIds: ['p1', 'p2'],
          status: 'pending',
          attempts: 1,
          owner: 'worker-a',
          leaseUntil: new Date(clock.now().getTime() + 5 * MINUTE).toISOString(),
          sentAt: null,
          messageIds: [],
          error: null,
        });
        expect(d?.nonce).toMatch(/^[\w-]{8,25}$/);
        expect(await store.getDelivery(general, '2026-03-02')).toEqual(d);
      });

      it('gives a slot to exactly one of many workers racing for it', async () => {
        const [a, b] = [await open(), await open()];
        for (const slot of ['2026-03-02', '2026-03-03', '2026-03-04']) {
          const claims = await Promise.all(
            Array.from({ length: 8 }, (_, i) =>
              (i % 2 ? a : b).claimDelivery(general, slot, [`p-${i}`], `worker-${i}`, MINUTE),
            ),
          );
          const winners = claims.filter((c) => c !== undefined);
          expect(winners).toHaveLength(1);
          expect((await a.getDelivery(general, slot))?.owner).toBe(winners[0]?.owner);
        }
      });

      it('gives an expired claim to exactly one of the workers racing to take it over', async () => {
        const [a, b] = [await open(), await open()];
        await a.claimDelivery(general, '2026-03-02', ['p1'], 'crashed', MINUTE);
        clock.advance(MINUTE + 1);
        const claims = await Promise.all(
          Array.from({ length: 8 }, (_, i) =>
            (i % 2 ? a : b).claimDelivery(general, '2026-03-02', ['other'], `worker-${i}`, MINUTE),
          ),
        );
        const winners = claims.filter((c) => c !== undefined);
        expect(winners).toHaveLength(1);
        expect(winners[0]).toMatchObject({ attempts: 2, paperIds: ['p1'] });
      });

      it('refuses a slot whose lease is live, even to a worker with the same name', async () => {
        const store = await open();
        await store.claimDelivery(general, '2026-03-02', ['p1'], 'worker-a', MINUTE);
        clock.advance(MINUTE - 1);
        expect(await store.claimDelivery(general, '2026-03-02', ['p1'], 'worker-b', MINUTE)).toBeUndefined();
        expect(await store.claimDelivery(general, '2026-03-02', ['p1'], 'worker-a', MINUTE)).toBeUndefined();
      });

      it('hands an expired claim to the next worker with the same papers and nonce', async () => {
        const store = await open();
        const first = await store.claimDelivery(general, '2026-03-02', ['p1', 'p2'], 'worker-a', MINUTE);
        clock.advance(MINUTE);
        const second = await store.claimDelivery(general, '2026-03-02', ['p9'], 'worker-b', 2 * MINUTE);
        expect(second).toMatchObject({
          id: first?.id,
          nonce: first?.nonce,
          paperIds: ['p1', 'p2'],
          attempts: 2,
          owner: 'worker-b',
          leaseUntil: new Date(clock.now().getTime() + 2 * MINUTE).toISOString(),
        });
      });

      it('survives a restart mid-delivery: the pending claim is resumed after its lease', async () => {
        const before = await open();
        const first = await before.claimDelivery(general, '2026-03-02', ['p1'], 'worker-a', MINUTE);
        await before.close();
        const after = await open();
        expect(await after.sentPaperIds(general)).toEqual(new Set(['p1']));
        expect(await after.pendingDeliveries()).toEqual([]);
        clock.advance(MINUTE);
        expect((await after.pendingDeliveries()).map((d) => d.id)).toEqual([first?.id]);
        const resumed = await after.claimDelivery(general, '2026-03-02', [], 'worker-b', MINUTE);
        expect(resumed).toMatchObject({ id: first?.id, paperIds: ['p1'], nonce: first?.nonce });
      });

      it('records a sent post once, and never hands the slot out again', async () => {
        const store = await open();
        const d = await store.claimDelivery(general, '2026-03-02', ['p1'], 'worker-a', MINUTE);
        clock.advance(1000);
        await store.markSent(d!.id, ['msg-1', 'msg-2']);
        await store.markSent(d!.id, ['msg-late']);
        expect(await store.getDelivery(general, '2026-03-02')).toMatchObject({
          status: 'sent',
          messageIds: ['msg-1', 'msg-2'],
          sentAt: clock.now().toISOString(),
          owner: null,
          leaseUntil: null,
        });
        clock.advance(10 * MINUTE);
        expect(await store.claimDelivery(general, '2026-03-02', ['p2'], 'worker-b', MINUTE)).toBeUndefined();
      });

      it('releases a failed attempt for a retry of the same post, no sooner than asked', async () => {
        const store = await open();
        const d = await store.claimDelivery(general, '2026-03-02', ['p1'], 'worker-a', MINUTE);
        await store.markFailed(d!.id, '500 Internal Server Error', false, {
          owner: 'worker-a',
          retryAfterMs: 5000,
        });
        expect(await store.getDelivery(general, '2026-03-02')).toMatchObject({
          status: 'pending',
          owner: null,
          error: '500 Internal Server Error',
        });
        expect(await store.claimDelivery(general, '2026-03-02', [], 'worker-b', MINUTE)).toBeUndefined();
        clock.advance(5000);
        expect(await store.claimDelivery(general, '2026-03-02', [], 'worker-b', MINUTE)).toMatchObject({
          attempts: 2,
          paperIds: ['p1'],
          nonce: d?.nonce,
        });
      });

      it('lets a released attempt be retried at once when no delay is asked', async () => {
        const store = await open();
        const d = await store.claimDelivery(general, '2026-03-02', ['p1'], 'worker-a', MINUTE);
        await store.markFailed(d!.id, 'timeout', false);
        expect(await store.claimDelivery(general, '2026-03-02', [], 'worker-a', MINUTE)).toMatchObject({
          attempts: 2,
        });
      });

      it('ends a delivery on a final failure and frees its papers for another day', async () => {
        const store = await open();
        const d = await store.claimDelivery(general, '2026-03-02', ['p1'], 'worker-a', MINUTE);
        await store.markFailed(d!.id, 'Missing Access', true);
        expect(await store.getDelivery(general, '2026-03-02')).toMatchObject({
          status: 'failed',
          error: 'Missing Access',
        });
        expect(await store.sentPaperIds(general)).toEqual(new Set());
        clock.advance(10 * MINUTE);
        expect(await store.claimDelivery(general, '2026-03-02', ['p1'], 'worker-b', MINUTE)).toBeUndefined();
      });

      it('ignores a late failure report from a worker whose claim was taken over', async () => {
        const store = await open();
        const d = await store.claimDelivery(general, '2026-03-02', ['p1'], 'slow', MINUTE);
        clock.advance(MINUTE);
        await store.claimDelivery(general, '2026-03-02', [], 'fast', MINUTE);
        await store.markFailed(d!.id, 'timeout', false, { owner: 'slow' });
        await store.markSkipped(d!.id, 'too late', { owner: 'slow' });
        expect(await store.getDelivery(general, '2026-03-02')).toMatchObject({
          status: 'pending',
          owner: 'fast',
          error: null,
        });
        expect(await store.claimDelivery(general, '2026-03-02', [], 'third', MINUTE)).toBeUndefined();
      });

      it('records a skipped slot so it is not picked up again', async () => {
        const store = await open();
        const d = await store.claimDelivery(general, '2026-03-02', [], 'worker-a', MINUTE);
        await store.markSkipped(d!.id, 'missed by 7 h (grace 6 h)');
        expect(await store.getDelivery(general, '2026-03-02')).toMatchObject({
          status: 'skipped',
          error: 'missed by 7 h (grace 6 h)',
        });
        clock.advance(10 * MINUTE);
        expect(await store.claimDelivery(general, '2026-03-02', ['p1'], 'worker-b', MINUTE)).toBeUndefined();
      });

      it('lists the papers a channel was sent or has pending, and only that channel’s', async () => {
        const store = await open();
        const sent = await store.claimDelivery(general, '2026-03-02', ['p1', 'p2'], 'w', MINUTE);
        await store.markSent(sent!.id, ['m']);
        await store.claimDelivery(general, '2026-03-03', ['p3'], 'w', MINUTE);
        const failed = await store.claimDelivery(general, '2026-03-04', ['p4'], 'w', MINUTE);
        await store.markFailed(failed!.id, 'gone', true);
        await store.claimDelivery(random, '2026-03-02', ['p5'], 'w', MINUTE);
        expect(await store.sentPaperIds(general)).toEqual(new Set(['p1', 'p2', 'p3']));
        expect(await store.sentPaperIds(random)).toEqual(new Set(['p5']));
      });

      it('lists a channel’s deliveries newest first', async () => {
        const store = await open();
        for (const slot of ['2026-03-01', '2026-03-03', '2026-03-02']) {
          await store.claimDelivery(general, slot, [slot], 'w', MINUTE);
        }
        expect((await store.listDeliveries(general)).map((d) => d.slot)).toEqual([
          '2026-03-03',
          '2026-03-02',
          '2026-03-01',
        ]);
        expect((await store.listDeliveries(general, 1)).map((d) => d.slot)).toEqual(['2026-03-03']);
        expect(await store.listDeliveries(random)).toEqual([]);
      });

      it('names the bad argument when a claim is malformed, and rejects unknown delivery ids', async () => {
        const store = await open();
        await expect(store.claimDelivery(general, 'tomorrow', [], 'w', MINUTE)).rejects.toThrow(
          /slot must be the local date of the slot, YYYY-MM-DD/,
        );
        await expect(store.claimDelivery(general, '2026-03-02', [], '', MINUTE)).rejects.toThrow(/owner/);
        await expect(store.markSent('no-such-id', [])).rejects.toThrow(/no delivery with id no-such-id/);
        await expect(store.markFailed('no-such-id', 'x', true)).rejects.toThrow(/no delivery/);
      });
    });

    describe('papers and key-value', () => {
      it('keeps fetched papers across a restart; the same id replaces', async () => {
        const store = await open();
        await store.upsertPapers([paper('2501.00002'), paper('2501.00001')]);
        await store.upsertPapers([paper('2501.00002', 'Renamed'), paper('2501.00003')]);
        await store.close();
        const again = await open();
        const papers = await again.loadPapers();
        expect(papers.map((p) => [p.id, p.title])).toEqual([
          ['2501.00001', 'Paper 2501.00001'],
          ['2501.00002', 'Renamed'],
          ['2501.00003', 'Paper 2501.00003'],
        ]);
        expect(papers[0]).toEqual(paper('2501.00001'));
      });

      it('stores a large batch, the last copy of a repeated id winning', async () => {
        const store = await open();
        const many = Array.from({ length: 2500 }, (_, i) => paper(`2502.${String(i).padStart(5, '0')}`));
        await store.upsertPapers([...many, paper('2502.00000', 'Last copy')]);
        const loaded = await store.loadPapers();
        expect(loaded).toHaveLength(2500);
        expect(loaded[0]?.title).toBe('Last copy');
      });

      it('sets, replaces and deletes values by namespace and key', async () => {
        const store = await open();
        await store.setValue('feeds', 'hf:etag', 'W/"1"');
        await store.setValue('feeds', 'hf:etag', 'W/"2"');
        await store.setValue('other', 'hf:etag', 'x');
        expect(await store.getValue('feeds', 'hf:etag')).toBe('W/"2"');
        await store.deleteValue('feeds', 'hf:etag');
        expect(await store.getValue('feeds', 'hf:etag')).toBeUndefined();
        expect(await store.getValue('other', 'hf:etag')).toBe('x');
      });

      it('prunes a namespace’s values set before a time, keeping newer ones and other namespaces', async () => {
        const store = await open();
        await store.setValue('discord-actions', 'old', 'search a long query');
        await store.setValue('feeds', 'old', 'kept');
        clock.advance(8 * 24 * 60 * MINUTE);
        await store.setValue('discord-actions', 'new', 'search another');
        const cutoff = new Date(clock.now().getTime() - 7 * 24 * 60 * MINUTE);
        expect(await store.pruneValues?.('discord-actions', cutoff)).toBe(1);
        expect(await store.getValue('discord-actions', 'old')).toBeUndefined();
        expect(await store.getValue('discord-actions', 'new')).toBe('search another');
        expect(await store.getValue('feeds', 'old')).toBe('kept');
      });
    });

    describe('lifecycle', () => {
      it('applies every migration once, however often and however concurrently it is opened', async () => {
        url = await databases.pristine();
        const stores = await Promise.all([open(), open(), open()]);
        const versions = MIGRATIONS.map((m) => m.version).sort((a, b) => a - b);
        expect(versions.at(-1)).toBe(LATEST_VERSION);
        for (const s of stores) expect(await s.appliedVersions()).toEqual(versions);
        await stores[0]!.updateChannel(general, { count: 3 }, 'ada');
        await Promise.all(stores.map((s) => s.close()));
        const reopened = await open();
        expect(await reopened.appliedVersions()).toEqual(versions);
        expect((await reopened.getChannel(general))?.count).toBe(3);
      });

      it('answers ping while open and not after close; closing twice is harmless', async () => {
        const store = await open();
        expect(await store.ping()).toBe(true);
        await store.close();
        await store.close();
        expect(await store.ping()).toBe(false);
      });
    });
  });
}
