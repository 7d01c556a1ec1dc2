// followups:digest on a real SQLite file: each queued follow-up reaches the channel once, whatever a crash cuts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createDeliveryRunner } from '../../src/digest/runner.js';
import { setFollowupMode } from '../../src/followups/runner.js';
import { type ChannelKey, type OpenedStore, openStore, type Store } from '../../src/store/index.js';
import { captureLogger, RecordingPort, WordSearch, wordDigest } from '../digest/fakes.js';
import { FakeClock } from '../support/fake-clock.js';

const general: ChannelKey = { platform: 'slack', workspace: 'T1', channel: 'C1' };
const MINUTE = 60_000;

const dirs: string[] = [];
const opened: OpenedStore[] = [];
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function fileStore(clock: FakeClock, url?: string) {
  let databaseUrl = url;
  if (!databaseUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'followups-digest-crash-'));
    dirs.push(dir);
    databaseUrl = `sqlite:${join(dir, 'paperboy.db')}`;
  }
  const store = await openStore(databaseUrl, { clock });
  opened.push(store);
  return { store, databaseUrl, file: databaseUrl.slice('sqlite:'.length) };
}

/** A channel in followups:digest with `n` follow-ups queued (one change each of one received paper). */
async function queued(store: Store, clock: FakeClock, n: number) {
  await store.updateChannel(general, { topics: ['diffusion'], count: 1 }, 'ada');
  await setFollowupMode(store, general, 'digest');
  for (let i = 0; i < n; i++) {
    await store.claimFollowup(
      general,
      { paperId: 'p1', change: `version:${i + 2}`, text: `line ${i + 1}`, replyTo: null, queued: true },
      'pass',
      MINUTE,
    );
    clock.advance(1_000);
  }
}

function runner(store: Store, port: RecordingPort, clock: FakeClock) {
  return createDeliveryRunner({
    store,
    ...wordDigest(new WordSearch([])),
    ports: [port],
    logger: captureLogger().logger,
    clock,
    limits: { slack: { limit: 1000 } },
  });
}

/** The follow-up lines a post carried. */
const lines = (post: { view: { kind: string; text?: string } } | undefined) =>
  (post?.view.kind === 'notice' ? (post.view.text ?? '') : '').split('\n').filter((l) => l.startsWith('• '));

describe('followups:digest across crashes', () => {
  it('a process dying right after the digest is confirmed leaves its follow-ups settled, not queued', async () => {
    const clock = new FakeClock('2026-03-03T09:00:30Z');
    const { store, databaseUrl } = await fileStore(clock);
    await queued(store, clock, 2);
    // The process dies the moment markSent returns: nothing after it runs.
    const dying: Store = new Proxy(store, {
      get(target, name, receiver) {
        if (name === 'markSent') {
          return async (...args: Parameters<Store['markSent']>) => {
            await target.markSent(...args);
            throw new Error('killed');
          };
        }
        const value = Reflect.get(target, name, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const port = new RecordingPort('slack');
    await expect(
      runner(dying, port, clock).run({ channel: (await store.getChannel(general))!, slot: '2026-03-03' }),
    ).rejects.toThrow('killed');
    expect(lines(port.shown[0])).toEqual(['• line 1', '• line 2']);

    // Restarted on the same file: both follow-ups are sent, and the next digest does not repeat them.
    const { store: again } = await fileStore(clock, databaseUrl);
    expect((await again.listFollowups(general)).map((f) => f.status)).toEqual(['sent', 'sent']);
    await runner(again, port, clock).run({ channel: (await again.getChannel(general))!, slot: '2026-03-04' });
    expect(lines(port.shown[1])).toEqual([]);
  });

  it('a database an older build left with follow-ups queued under a sent digest has them settled on open', async () => {
    const clock = new FakeClock('2026-03-03T09:00:30Z');
    const { store, databaseUrl, file } = await fileStore(clock);
    await queued(store, clock, 1);
    const port = new RecordingPort('slack');
    await runner(store, port, clock).run({ channel: (await store.getChannel(general))!, slot: '2026-03-03' });
    expect(lines(port.shown[0])).toEqual(['• line 1']);
    await store.close();
    opened.splice(0);
    // What the older build's crash left: the digest sent, its follow-up still queued, schema at version 7.
    const db = new Database(file);
    db.exec(`UPDATE followups SET status = 'queued', sent_at = NULL, message_ids = '[]'`);
    db.exec(`ALTER TABLE deliveries DROP COLUMN paper_messages`);
    db.exec(`DELETE FROM paperboy_migrations WHERE version = 8`);
    db.close();

    const { store: upgraded } = await fileStore(clock, databaseUrl);
    expect((await upgraded.listFollowups(general)).map((f) => [f.status, f.messageIds])).toEqual([
      ['sent', ['m1']],
    ]);
    await runner(upgraded, port, clock).run({
      channel: (await upgraded.getChannel(general))!,
      slot: '2026-03-04',
    });
    expect(lines(port.shown[1])).toEqual([]);
  });

  it('shows ten follow-ups in a digest and the rest in the next, each once (none settled unseen)', async () => {
    const clock = new FakeClock('2026-03-03T09:00:30Z');
    const { store } = await fileStore(clock);
    await queued(store, clock, 13);
    const port = new RecordingPort('slack');
    const digests = runner(store, port, clock);
    await digests.run({ channel: (await store.getChannel(general))!, slot: '2026-03-03' });
    await digests.run({ channel: (await store.getChannel(general))!, slot: '2026-03-04' });
    await digests.run({ channel: (await store.getChannel(general))!, slot: '2026-03-05' });
    const shown = port.shown.map(lines);
    expect(shown[0]).toHaveLength(10);
    expect(shown[1]).toEqual(['• line 11', '• line 12', '• line 13']);
    expect(shown[2]).toEqual([]);
    expect(new Set(shown.flat()).size).toBe(13);
    expect((await store.listFollowups(general)).every((f) => f.status === 'sent')).toBe(true);
    // The first digest does not say "…and 3 more" about lines it then marks sent: they come the next day.
    expect(JSON.stringify(port.shown[0]?.view)).not.toContain('more');
  });
});
