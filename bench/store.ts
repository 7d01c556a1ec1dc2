// Store benchmark: ledger and channel operations per second on a SQLite file, against a bare-insert baseline.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { ChannelKey } from '../src/store/index.js';
import { openStore } from '../src/store/index.js';
import { type BenchSuite, report, time } from './kit.js';

const CHANNELS = 5000;

const suite: BenchSuite = {
  name: 'store',
  async run() {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-bench-store-'));
    try {
      // Baseline: one bare INSERT per write transaction on the same kind of file (WAL, synchronous=NORMAL).
      const raw = new Database(join(dir, 'baseline.db'));
      raw.pragma('journal_mode = WAL');
      raw.pragma('synchronous = NORMAL');
      raw.exec('CREATE TABLE t (id TEXT PRIMARY KEY, v TEXT)');
      const insert = raw.prepare('INSERT INTO t (id, v) VALUES (?, ?)');
      const one = raw.transaction((i: number) => insert.run(`k${i}`, '[]'));
      const base = await time(() => {
        for (let i = 0; i < CHANNELS; i++) one.immediate(i);
      });
      raw.close();

      const store = await openStore(`sqlite:${join(dir, 'store.db')}`);
      const keys: ChannelKey[] = Array.from({ length: CHANNELS }, (_, i) => ({
        platform: 'discord',
        workspace: `g${i % 50}`,
        channel: `c${i}`,
      }));
      const configure = await time(async () => {
        for (const key of keys)
          await store.updateChannel(key, { topics: ['diffusion', 'rlhf'], count: 5 }, 'bench');
      });
      const ids: string[] = [];
      const claim = await time(async () => {
        for (const key of keys) {
          const d = await store.claimDelivery(key, '2026-03-02', ['a', 'b', 'c', 'd', 'e'], 'bench', 60_000);
          ids.push(d!.id);
        }
      });
      const sent = await time(async () => {
        for (const id of ids) await store.markSent(id, ['m1']);
      });
      // A year of history for one channel, then the lookup the planner makes before every digest.
      const busy = keys[0]!;
      for (let day = 1; day <= 365; day++) {
        const slot = new Date(Date.UTC(2025, 0, day)).toISOString().slice(0, 10);
        const d = await store.claimDelivery(
          busy,
          slot,
          [`p${day}a`, `p${day}b`, `p${day}c`],
          'bench',
          60_000,
        );
        if (d) await store.markSent(d.id, ['m']);
      }
      const lookups = 200;
      const history = await time(async () => {
        for (let i = 0; i < lookups; i++) await store.sentPaperIds(busy);
      });
      await store.close();
      const perSecond = (ms: number, n: number) => Math.round((n / ms) * 1000);
      report('store (SQLite file)', [
        {
          operation: 'bare INSERT transaction (baseline)',
          'ops/s': perSecond(base.ms, CHANNELS),
          'vs baseline': '1.00',
        },
        {
          operation: 'updateChannel (new channel)',
          'ops/s': perSecond(configure.ms, CHANNELS),
          'vs baseline': (configure.ms / base.ms).toFixed(2),
        },
        {
          operation: 'claimDelivery (new slot)',
          'ops/s': perSecond(claim.ms, CHANNELS),
          'vs baseline': (claim.ms / base.ms).toFixed(2),
        },
        {
          operation: 'markSent',
          'ops/s': perSecond(sent.ms, CHANNELS),
          'vs baseline': (sent.ms / base.ms).toFixed(2),
        },
        {
          operation: 'sentPaperIds (365 days of history)',
          'ops/s': perSecond(history.ms, lookups),
          'vs baseline': '-',
        },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default suite;
