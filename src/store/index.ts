// openStore(DATABASE_URL): the SQLite file or PostgreSQL database it names, migrated and ready.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';
import { type Clock, systemClock } from '../clock.js';
import { DEFAULT_DATABASE_URL } from '../config.js';
import { silentLogger } from '../logger.js';
import { PostgresStore } from './postgres.js';
import type { StoreDiagnostics } from './shared.js';
import { SqliteStore } from './sqlite.js';
import type { Store } from './types.js';

export type { ClaimDecision } from './ledger.js';
export { LATEST_VERSION, MIGRATIONS } from './migrations.js';
export type { StoreDiagnostics } from './shared.js';
export * from './types.js';
export * from './validate.js';

export { DEFAULT_DATABASE_URL };

/** How long start-up waits to connect to PostgreSQL before saying it cannot reach it. */
const START_TIMEOUT_MS = 5_000;

export interface OpenStoreOptions {
  logger?: Logger;
  /** Judges leases and stamps changes; tests pass a fake clock. */
  clock?: Clock;
  /** PostgreSQL pool size (default 10). */
  poolMax?: number;
}

export type OpenedStore = Store & StoreDiagnostics;

export type DatabaseTarget = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

/** One-line, fixable problems opening the store (bad URL, unreachable server, wrong password). */
export class StoreOpenError extends Error {
  override readonly name = 'StoreOpenError';
}

/**
 * `sqlite:PATH` (relative to the working directory; `sqlite:///abs/path` and `sqlite::memory:` also work) or
 * `postgres://…` / `postgresql://…`.
 */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  const text = url.trim();
  if (/^postgres(ql)?:\/\//i.test(text)) return { kind: 'postgres', url: text };
  if (/^sqlite:/i.test(text)) {
    let path = text.slice('sqlite:'.length);
    if (path.startsWith('//')) path = path.slice(2);
    if (!path)
      throw new StoreOpenError('DATABASE_URL sqlite: needs a file path, e.g. sqlite:./data/paperboy.db');
    return { kind: 'sqlite', path: path === ':memory:' ? path : resolve(path) };
  }
  throw new StoreOpenError(
    `DATABASE_URL "${redactDatabaseUrl(text)}" is not understood: use sqlite:./data/paperboy.db or postgres://user:password@host:5432/dbname`,
  );
}

/** The URL with its password replaced, fit for logs and messages. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]*:)[^@]*@/i, '$1***@');
}

function explainPostgresError(error: unknown, url: string): string {
  const e = error as { code?: string; message?: string };
  let where = redactDatabaseUrl(url);
  let user = '';
  let database = '';
  try {
    const u = new URL(url);
    where = `${u.hostname || 'localhost'}:${u.port || '5432'}`;
    user = decodeURIComponent(u.username);
    database = decodeURIComponent(u.pathname.slice(1));
  } catch {
    // keep the redacted URL
  }
  switch (e.code) {
    case 'ECONNREFUSED':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
      return `cannot reach PostgreSQL at ${where} (${e.code}): check the host and port in DATABASE_URL and that the server is running`;
    case '28P01':
    case '28000':
      return `PostgreSQL at ${where} refused the login${user ? ` for user "${user}"` : ''}: check the user name and password in DATABASE_URL`;
    case undefined:
      // pg's own connect timeout and a peer that drops the connection carry no code.
      if (/timeout|terminated/i.test(e.message ?? '')) {
        return `cannot reach PostgreSQL at ${where} (${e.message}): check the host and port in DATABASE_URL and that the server is running`;
      }
      return `cannot open PostgreSQL at ${where}: ${e.message ?? String(error)}`;
    case '3D000':
      return `database "${database}" does not exist on ${where}: create it (createdb ${database || 'paperboy'}) or fix DATABASE_URL`;
    default:
      return `cannot open PostgreSQL at ${where}: ${e.message ?? String(error)}`;
  }
}

/**
 * `mkdir -p` one level at a time. Node 20's recursive mkdirSync never returns for a directory under /proc (it
 * retries ENOENT forever at full CPU), so the SQLite path's directory is made here before the store opens it.
 */
function makeDirectory(dir: string): void {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d); d = dirname(d)) {
    missing.unshift(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing) mkdirSync(d);
}

/** Opens the store DATABASE_URL names and runs any pending migrations; fails with a one-line StoreOpenError. */
export async function openStore(
  databaseUrl: string = DEFAULT_DATABASE_URL,
  opts: OpenStoreOptions = {},
): Promise<OpenedStore> {
  const logger = opts.logger ?? silentLogger();
  const clock = opts.clock ?? systemClock;
  const target = parseDatabaseUrl(databaseUrl);
  if (target.kind === 'sqlite') {
    let store: SqliteStore;
    try {
      if (target.path !== ':memory:') makeDirectory(dirname(target.path));
      store = SqliteStore.open(target.path, clock, logger);
    } catch (error) {
      throw new StoreOpenError(
        `cannot open the SQLite database ${target.path}: ${(error as Error).message} (check DATABASE_URL and that the directory is writable)`,
      );
    }
    try {
      await store.migrate();
    } catch (error) {
      await store.close();
      throw new StoreOpenError(
        `cannot prepare the SQLite database ${target.path}: ${(error as Error).message}`,
      );
    }
    return store;
  }
  // One connection first, with a short timeout: an unreachable server must fail the start within seconds (the pool's
  // own timeout is longer, because under load it also bounds the wait for a free connection).
  const probe = new pg.Client({ connectionString: target.url, connectionTimeoutMillis: START_TIMEOUT_MS });
  try {
    await probe.connect();
  } catch (error) {
    throw new StoreOpenError(explainPostgresError(error, target.url));
  } finally {
    await probe.end().catch(() => undefined);
  }
  const pool = new pg.Pool({
    connectionString: target.url,
    max: opts.poolMax ?? 10,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    application_name: 'paperboy',
  });
  const store = new PostgresStore(pool, clock, logger);
  try {
    await store.migrate();
  } catch (error) {
    await store.close().catch(() => undefined);
    const message = (error as Error).message ?? '';
    throw new StoreOpenError(
      /^(migration|the database schema)/.test(message) ? message : explainPostgresError(error, target.url),
    );
  }
  return store;
}
