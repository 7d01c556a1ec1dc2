// Real PostgreSQL for tests: a fresh database per call on the run's shared embedded server (see postgres-server.ts).
//
//   import { createTestDatabase, describeWithPostgres } from '../support/postgres.js';
//   describeWithPostgres('two schedulers', () => {
//     let url: string;
//     beforeAll(async () => { url = await createTestDatabase('scheduler'); });
//     it('posts each slot once', async () => { const store = await openStore(url); … });
//   });
import { describe, inject } from 'vitest';
import type { PostgresTestContext } from './postgres-server.js';

/** Why PostgreSQL tests cannot run on this platform, or null when they can (the usual case, root included). */
export function postgresSkipReason(): string | null {
  return context().skipReason;
}

function context(): PostgresTestContext {
  return inject('postgres');
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
