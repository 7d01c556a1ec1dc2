// A SQLite file locked by another process (a CLI run, a backup): the server waits without blocking its event loop.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/index.js';
import { FakeClock } from '../support/fake-clock.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('SQLite locked by another connection', () => {
  it('waits for the lock while the event loop keeps turning, then writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-busy-'));
    dirs.push(dir);
    const file = join(dir, 'p.db');
    const store = await openStore(`sqlite:${file}`, { clock: new FakeClock() });
    const other = new Database(file);
    try {
      other.exec('BEGIN IMMEDIATE');
      let turns = 0;
      const ticker = setInterval(() => turns++, 5);
      // The other process commits after a moment; until then the write must wait without freezing us.
      setTimeout(() => other.exec('COMMIT'), 300);
      const write = store.setValue('ns', 'k', 'v');
      const turnsWhenCalled = turns;
      await write;
      clearInterval(ticker);
      expect(turnsWhenCalled).toBe(0);
      expect(turns).toBeGreaterThan(5);
      expect(await store.getValue('ns', 'k')).toBe('v');
      expect(await store.ping()).toBe(true);
    } finally {
      other.close();
      await store.close();
    }
  });

  it('fails a write with the busy error once its budget is spent', async () => {
    const { retryWhenBusy } = await import('../../src/store/busy-retry.js');
    const clock = new FakeClock(0);
    let calls = 0;
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    const target = {
      async write() {
        calls++;
        throw busy;
      },
    };
    const wrapped = retryWhenBusy(target, {
      budgetMs: 1000,
      clock,
      sleep: async (ms) => clock.advance(ms),
    });
    await expect(wrapped.write()).rejects.toBe(busy);
    expect(calls).toBeGreaterThan(3);
    expect(clock.ms()).toBeGreaterThanOrEqual(1000);
  });
});
