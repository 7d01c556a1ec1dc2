// The Store contract on a real SQLite file, plus what only SQLite has: the file, its directory, WAL, URLs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import {
  DEFAULT_DATABASE_URL,
  openStore,
  parseDatabaseUrl,
  redactDatabaseUrl,
  StoreOpenError,
} from '../../src/store/index.js';
import { MIGRATIONS, pendingMigrations } from '../../src/store/migrations.js';
import { describeStoreContract } from './contract.js';
import { describeFeedbackContract } from './feedback-contract.js';
import { describeFollowupContract } from './followup-contract.js';
import { describeKeepContract } from './keep-contract.js';
import { describeReadingGroupContract } from './reading-group-contract.js';

const dir = mkdtempSync(join(tmpdir(), 'paperboy-sqlite-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const newFile = async () => `sqlite:${join(dir, `store-${++n}.db`)}`;
describeStoreContract('SQLite', { empty: newFile, pristine: newFile });
describeKeepContract('SQLite', { empty: newFile });
describeFeedbackContract('SQLite', { empty: newFile });
describeFollowupContract('SQLite', { empty: newFile });
describeReadingGroupContract('SQLite', { empty: newFile });

describe('SQLite store', () => {
  it('creates the database file and its directory on first start, in WAL mode', async () => {
    const path = join(dir, 'nested', 'deeper', 'paperboy.db');
    const store = await openStore(`sqlite:${path}`);
    await store.setValue('ns', 'k', 'v');
    await store.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('runs in memory for throwaway use', async () => {
    const store = await openStore('sqlite::memory:');
    await store.updateChannel(
      { platform: 'console', workspace: 'local', channel: 'console' },
      { count: 2 },
      'me',
    );
    expect((await store.listChannels()).map((c) => c.count)).toEqual([2]);
    await store.close();
  });

  it('skips and names a stored paper that no longer parses, keeping the rest', async () => {
    const path = join(dir, 'bad-paper.db');
    const store = await openStore(`sqlite:${path}`);
    await store.upsertPapers([
      {
        id: 'good',
        title: 'Good',
        abstract: '',
        authors: [],
        categories: [],
        keywords: [],
        links: {},
        trending: {},
        source: 'hf',
      },
    ]);
    await store.close();
    const raw = new Database(path);
    raw
      .prepare("INSERT INTO papers (id, data, updated_at) VALUES ('broken', '{\"id\":\"broken\"}', 'x')")
      .run();
    raw.prepare("INSERT INTO papers (id, data, updated_at) VALUES ('garbled', '{not json', 'x')").run();
    raw.close();
    const warnings: unknown[] = [];
    const logger = { warn: (o: unknown) => warnings.push(o), info: () => undefined } as never;
    const again = await openStore(`sqlite:${path}`, { logger });
    expect((await again.loadPapers()).map((p) => p.id)).toEqual(['good']);
    expect(warnings).toEqual([
      expect.objectContaining({ paper: 'broken', reason: expect.stringMatching(/title/) }),
      expect.objectContaining({ paper: 'garbled', reason: expect.stringMatching(/not JSON/) }),
    ]);
    await again.close();
  });

  it('upgrades a version-1 database in place: its channels keep their settings and show images', async () => {
    const path = join(dir, 'version-1.db');
    const raw = new Database(path);
    raw.exec(MIGRATIONS.find((m) => m.version === 1)!.sqlite);
    raw.exec(
      'CREATE TABLE paperboy_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    raw.prepare("INSERT INTO paperboy_migrations VALUES (1, 'channels, deliveries, papers, kv', 'x')").run();
    raw
      .prepare(
        `INSERT INTO channels (platform, workspace, channel, topics, digest_time, timezone, days, paper_count,
           when_empty, created_at, updated_at, updated_by, version)
         VALUES ('slack', 'T1', 'C1', '["diffusion"]', '08:00', 'UTC', '["mon"]', 3, 'silent',
           '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 'ada', 1)`,
      )
      .run();
    raw.close();
    const store = await openStore(`sqlite:${path}`);
    const key = { platform: 'slack' as const, workspace: 'T1', channel: 'C1' };
    expect(await store.getChannel(key)).toMatchObject({
      topics: ['diffusion'],
      whenEmpty: 'silent',
      images: true,
    });
    expect((await store.updateChannel(key, { images: false }, 'ada')).images).toBe(false);
    await store.close();
  });

  it('runs a migration numbered below one already applied (branches merged in any order)', async () => {
    // A database that got 1–4 and 6 (a build without 5) later meets a build with 5: 5 still runs.
    const path = join(dir, 'gap.db');
    const raw = new Database(path);
    raw.exec(
      'CREATE TABLE paperboy_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    const missing = MIGRATIONS.find((m) => m.version === 4)!;
    for (const m of MIGRATIONS.filter((m) => m !== missing)) {
      raw.exec(m.sqlite);
      raw.prepare('INSERT INTO paperboy_migrations VALUES (?, ?, ?)').run(m.version, m.name, 'x');
    }
    raw.close();
    expect(pendingMigrations(MIGRATIONS.filter((m) => m !== missing).map((m) => m.version))).toEqual([
      missing,
    ]);
    const store = await openStore(`sqlite:${path}`);
    expect(await store.appliedVersions()).toEqual(MIGRATIONS.map((m) => m.version).sort((a, b) => a - b));
    expect(await store.listFollows({ platform: 'slack', workspace: 'T1', channel: 'C1' })).toEqual([]);
    await store.close();
    // Every migration not yet applied, in order, whatever its number.
    const applied = [1, 2, 3, 6];
    expect(pendingMigrations(applied)).toEqual(MIGRATIONS.filter((m) => !applied.includes(m.version)));
    expect(pendingMigrations(applied)[0]?.version).toBe(4);
  });

  it('refuses a database written by a newer Paperboy, saying what to do', async () => {
    const path = join(dir, 'newer.db');
    await (await openStore(`sqlite:${path}`)).close();
    const raw = new Database(path);
    raw
      .prepare("INSERT INTO paperboy_migrations (version, name, applied_at) VALUES (999, 'future', 'x')")
      .run();
    raw.close();
    await expect(openStore(`sqlite:${path}`)).rejects.toThrow(/schema is at version 999.*upgrade Paperboy/);
  });

  it('says what is wrong when the file cannot be created', async () => {
    const blocker = join(dir, 'a-file');
    await (await openStore(`sqlite:${blocker}`)).close();
    const attempt = openStore(`sqlite:${join(blocker, 'under-a-file.db')}`);
    await expect(attempt).rejects.toBeInstanceOf(StoreOpenError);
    await expect(attempt).rejects.toThrow(/cannot open the SQLite database .*under-a-file\.db/);
  });
});

describe('DATABASE_URL', () => {
  it('understands SQLite paths, memory and PostgreSQL URLs', () => {
    expect(parseDatabaseUrl('sqlite:./data/paperboy.db')).toEqual({
      kind: 'sqlite',
      path: join(process.cwd(), 'data', 'paperboy.db'),
    });
    expect(parseDatabaseUrl('sqlite:///var/lib/paperboy.db')).toEqual({
      kind: 'sqlite',
      path: '/var/lib/paperboy.db',
    });
    expect(parseDatabaseUrl('sqlite::memory:')).toEqual({ kind: 'sqlite', path: ':memory:' });
    expect(parseDatabaseUrl('postgresql://u:p@db:5432/paperboy')).toEqual({
      kind: 'postgres',
      url: 'postgresql://u:p@db:5432/paperboy',
    });
  });

  it('falls back to the SQLite file when DATABASE_URL is unset or empty', () => {
    expect(readConfig({}).databaseUrl).toBe(DEFAULT_DATABASE_URL);
    expect(readConfig({ DATABASE_URL: '  ' }).databaseUrl).toBe(DEFAULT_DATABASE_URL);
    expect(readConfig({ DATABASE_URL: ' postgres://db/x ' }).databaseUrl).toBe('postgres://db/x');
  });

  it('refuses anything else with an example of what works, never echoing a password', () => {
    expect(() => parseDatabaseUrl('mysql://root:hunter2@db/x')).toThrow(
      /use sqlite:\.\/data\/paperboy\.db or postgres:\/\/user:password@host:5432\/dbname/,
    );
    expect(() => parseDatabaseUrl('sqlite:')).toThrow(/needs a file path/);
    expect(redactDatabaseUrl('postgres://paperboy:hunter2@db:5432/x')).toBe(
      'postgres://paperboy:***@db:5432/x',
    );
  });
});
