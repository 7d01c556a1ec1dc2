// Real PostgreSQL for tests: a fresh database per call on the run's shared embedded server (see postgres-server.ts).
//
//   import { createTestDatabase, describeWithPostgres } from '../support/postgres.js';
//   describeWithPostgres('two schedulers', () => {
//     let url: string;
//     beforeAll(async () => { url = await createTestDatabase('scheduler'); });
//     it('posts each slot once', async () => { const store = await openStore(url); … });
//   });
//
// Every call to createTestDatabase is a new database (~0.1 s); createTestSchema(url) is a new schema in one
// (~10 ms) for suites that want a clean slate per test.
import pg from 'pg';
import { describe, inject } from 'vitest';
import type { PostgresTestContext } from './postgres-server.js';

/** Why PostgreSQL tests cannot run on this platform, or null when they can (the usual case, root included). */
export function postgresSkipReason(): string | null {
  return context().skipReason;
}

function context(): PostgresTestContext {
  const provided = inject('postgres') as PostgresTestContext | undefined;
  if (!provided) {
    throw new Error(
      "test PostgreSQL is not set up: vitest.config.ts needs globalSetup: ['test/support/postgres-server.ts']",
    );
  }
  return provided;
}

/**
 * Creates an empty database on the shared test server (starting the server on first use) and returns its
 * `postgres://` URL. Each call gives a new database, so tests never see each other's rows.
 */
export async function createTestDatabase(label = 'db'): Promise<string> {
  const { controlUrl, skipReason } = context();
  if (skipReason) throw new Error(skipReason);
  const response = await fetch(`${controlUrl}/database?label=${encodeURIComponent(label)}`, {
    method: 'POST',
  });
  const body = (await response.json()) as { url?: string; error?: string };
  if (!response.ok || !body.url) throw new Error(body.error ?? `test PostgreSQL: HTTP ${response.status}`);
  return body.url;
}

let schemas = 0;
const admins = new Map<string, Promise<pg.Client>>();

/** One connection per database and test file for creating schemas: a new connection per test costs more. */
function adminClient(databaseUrl: string): Promise<pg.Client> {
  let client = admins.get(databaseUrl);
  if (!client) {
    const c = new pg.Client({ connectionString: databaseUrl });
    // The server shuts down at the end of the run, possibly before this file's worker exits.
    c.on('error', () => admins.delete(databaseUrl));
    client = c.connect().then(() => c);
    admins.set(databaseUrl, client);
  }
  return client;
}

/**
 * A fresh, empty schema inside the database at `databaseUrl`, and a URL whose connections use it
 * (search_path). Far cheaper than a database (no template copy), so a suite can give every test its own; fine
 * for code that names its tables unqualified, as the store does. Tools with a fixed schema of their own
 * (pg-boss) need createTestDatabase.
 */
export async function createTestSchema(databaseUrl: string, label = 's'): Promise<string> {
  const name = `s_${label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 30)}_${process.pid}_${++schemas}`;
  await (await adminClient(databaseUrl)).query(`CREATE SCHEMA "${name}"`);
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${name}`);
  return url.href;
}

let warned = false;

/** describe() that runs where PostgreSQL can run, and says why once where it cannot. */
export function describeWithPostgres(name: string, body: () => void): void {
  const reason = postgresSkipReason();
  if (reason && !warned) {
    warned = true;
    console.warn(reason);
  }
  describe.skipIf(reason !== null)(name, body);
}
