import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { Timers } from '../../src/clock.js';
import { createLogger, silentLogger } from '../../src/logger.js';
import { type Cron, nodeCron } from '../../src/sources/cron.js';
import type { RefreshOptions, RefreshReport, RefreshService } from '../../src/sources/refresh.js';
import { type RefresherOptions, retryDelay, startSourceRefresher } from '../../src/sources/scheduler.js';
import { readStatus, updateStatus } from '../../src/sources/status.js';
import type { SourceName } from '../../src/sources/types.js';
import { clockAt, MemoryStore, refreshReport } from './helpers.js';

const report = (source: SourceName, outcome: RefreshReport['outcome']) => refreshReport({ source, outcome });

/** A refresh service that plays back outcomes and, like the real one, counts failures in the status. */
function scriptedService(kv: MemoryStore, outcomes: RefreshReport['outcome'][]) {
  const calls: Array<{ source: SourceName; options?: RefreshOptions }> = [];
  const syncs: number[] = [];
  const service: RefreshService = {
    async syncFromStore() {
      syncs.push(1);
      return 0;
    },
    sources: ['hf'],
    async refresh(source, options) {
      calls.push({ source, options });
      const outcome = outcomes.shift() ?? 'ok';
      await updateStatus(kv, source, (s) => ({
        ...s,
        lastOutcome: outcome,
        consecutiveFailures: outcome === 'ok' ? 0 : s.consecutiveFailures + 1,
      }));
      return report(source, outcome);
    },
    status: (source) => readStatus(kv, source),
  };
  return { service, calls, syncs };
}

/** Timers that run only when the test says so. */
function manualTimers() {
  const pending = new Map<number, { fn: () => void; ms: number }>();
  let next = 1;
  const timers: Pick<Timers, 'setTimeout' | 'clearTimeout'> = {
    setTimeout: (fn, ms) => {
      pending.set(next, { fn, ms });
      return next++;
    },
    clearTimeout: (h) => {
      pending.delete(h as number);
    },
  };
  return {
    timers,
    pending,
    fireAll() {
      const due = [...pending.values()];
      pending.clear();
      for (const t of due) t.fn();
    },
  };
}

const flush = () => new Promise((ok) => setTimeout(ok, 20));

/**
 * A cron that never fires by itself, so no test depends on the hour it runs at: it keeps what was scheduled and
 * says the next run is `next` (by default 22:00 in New York after the tests' 12 May noon, i.e. 02:00 UTC).
 */
function fakeCron(next = '2025-05-13T02:00:00Z') {
  const scheduled: Array<{ expression: string; timezone: string; run: () => unknown; destroyed: boolean }> =
    [];
  const cron: Cron = {
    validate: (expression) => nodeCron.validate(expression),
    schedule(expression, run, options) {
      const entry = { expression, timezone: options.timezone, run, destroyed: false };
      scheduled.push(entry);
      return {
        nextRun: () => (entry.destroyed ? undefined : new Date(next)),
        destroy: () => {
          entry.destroyed = true;
        },
      };
    },
  };
  return { cron, scheduled };
}

/** The refresher most tests start: hf nightly at 22:00 New York, a refresh at start-up, noon UTC on 12 May. */
function startHf(service: RefreshService, kv: MemoryStore, options: Partial<RefresherOptions> = {}) {
  return startSourceRefresher({
    service,
    cron: fakeCron().cron,
    kv,
    schedules: [{ source: 'hf', cron: '0 22 * * *' }],
    timeZone: 'America/New_York',
    refreshOnStart: true,
    clock: clockAt('2025-05-12T12:00:00Z'),
    logger: silentLogger(),
    ...options,
  });
}

describe('source refresher', () => {
  it('refreshes once at start-up and records when the scheduled run comes', async () => {
    const kv = new MemoryStore();
    const { service, calls } = scriptedService(kv, ['ok']);
    const { cron, scheduled } = fakeCron('2025-05-13T02:00:00Z');
    const refresher = startHf(service, kv, { cron });
    const reports = await refresher.startup;
    expect(reports.map((r) => r.outcome)).toEqual(['ok']);
    expect(calls).toHaveLength(1);
    expect(scheduled.map((t) => [t.expression, t.timezone])).toEqual([['0 22 * * *', 'America/New_York']]);
    expect((await readStatus(kv, 'hf')).nextRunAt).toBe('2025-05-13T02:00:00.000Z');
    await refresher.stop();
    expect(scheduled[0]?.destroyed).toBe(true);
  });

  it('runs a refresh when the schedule fires', async () => {
    const kv = new MemoryStore();
    const { service, calls } = scriptedService(kv, ['ok', 'ok']);
    const { cron, scheduled } = fakeCron();
    const refresher = startHf(service, kv, {
      cron,
      refreshOnStart: false,
      freshMs: 0,
    });
    await refresher.startup;
    expect(calls).toHaveLength(0);
    await scheduled[0]?.run();
    expect(calls).toHaveLength(1);
    await refresher.stop();
  });

  it('schedules with node-cron at 22:00 New York time, 02:00 or 03:00 UTC whatever the date', async () => {
    expect(nodeCron.validate('0 22 * * *')).toBe(true);
    expect(nodeCron.validate('99 * * * *')).toBe(false);
    const task = nodeCron.schedule('0 22 * * *', () => undefined, {
      timezone: 'America/New_York',
      name: 'paperboy-test-cron',
      maxRandomDelayMs: 0,
    });
    const next = task.nextRun();
    await task.destroy();
    expect([2, 3]).toContain(next?.getUTCHours());
    expect(next?.getUTCMinutes()).toBe(0);
  });

  it('retries a failed refresh with growing back-off until it succeeds', async () => {
    const kv = new MemoryStore();
    const { service, calls } = scriptedService(kv, ['failed', 'failed', 'ok']);
    const manual = manualTimers();
    const refresher = startHf(service, kv, {
      retry: { baseMs: 60_000, maxMs: 3_600_000 },
      timers: manual.timers,
    });
    await refresher.startup;
    expect([...manual.pending.values()].map((t) => t.ms)).toEqual([60_000]);
    expect((await readStatus(kv, 'hf')).nextRunAt).toBe('2025-05-12T12:01:00.000Z');
    manual.fireAll();
    await flush();
    expect([...manual.pending.values()].map((t) => t.ms)).toEqual([120_000]);
    manual.fireAll();
    await flush();
    expect(calls).toHaveLength(3);
    expect(manual.pending.size).toBe(0);
    await refresher.stop();
  });

  it('takes the papers from the store when another replica refreshed in the meantime', async () => {
    const kv = new MemoryStore();
    const { service, calls, syncs } = scriptedService(kv, ['failed']);
    const manual = manualTimers();
    const clock = clockAt('2025-05-12T12:00:00Z');
    const refresher = startHf(service, kv, {
      clock,
      retry: { baseMs: 60_000, maxMs: 3_600_000 },
      timers: manual.timers,
    });
    await refresher.startup;
    clock.set('2025-05-12T12:01:00Z');
    await updateStatus(kv, 'hf', (s) => ({ ...s, lastSuccessAt: '2025-05-12T12:00:30.000Z' }));
    manual.fireAll();
    await flush();
    expect(calls).toHaveLength(1);
    expect(syncs).toHaveLength(1);
    await refresher.stop();
  });

  it('leaves the retry to the schedule when the schedule comes sooner', async () => {
    const kv = new MemoryStore();
    const { service } = scriptedService(kv, ['failed']);
    const manual = manualTimers();
    const refresher = startHf(service, kv, {
      // Every minute: the next run is a minute away, sooner than the hour-long back-off.
      cron: fakeCron('2025-05-12T12:01:00Z').cron,
      schedules: [{ source: 'hf', cron: '* * * * *' }],
      timeZone: 'UTC',
      retry: { baseMs: 3_600_000, maxMs: 3_600_000 },
      timers: manual.timers,
    });
    await refresher.startup;
    expect(manual.pending.size).toBe(0);
    await refresher.stop();
  });

  it('skips the start-up refresh right after a successful one (restart loops stay polite)', async () => {
    const kv = new MemoryStore();
    await updateStatus(kv, 'hf', (s) => ({ ...s, lastSuccessAt: '2025-05-12T11:50:00.000Z' }));
    const { service, calls } = scriptedService(kv, []);
    const refresher = startHf(service, kv);
    expect(await refresher.startup).toEqual([]);
    expect(calls).toHaveLength(0);
    await refresher.stop();
  });

  it('cancels a refresh in flight on stop', async () => {
    const kv = new MemoryStore();
    let seen: AbortSignal | undefined;
    const service: RefreshService = {
      sources: ['hf'],
      refresh: (source, options) =>
        new Promise((ok) => {
          seen = options?.signal;
          options?.signal?.addEventListener('abort', () => ok(report(source, 'failed')));
        }),
      status: (source) => readStatus(kv, source),
      syncFromStore: async () => 0,
    };
    const refresher = startHf(service, kv, {
      timeZone: 'UTC',
    });
    await flush();
    await refresher.stop();
    expect(seen?.aborted).toBe(true);
  });

  it('still refreshes at start-up when a schedule is out of range, and says which variable to fix', async () => {
    const kv = new MemoryStore();
    const { service, calls } = scriptedService(kv, ['ok']);
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const refresher = startHf(service, kv, {
      schedules: [{ source: 'hf', cron: '99 * * * *' }],
      timeZone: 'UTC',
      logger: createLogger('error', sink),
    });
    await refresher.startup;
    expect(calls).toHaveLength(1);
    expect(lines.join('')).toMatch(/HF_REFRESH_CRON \\"99 \* \* \* \*\\" is not a valid schedule/);
    expect((await readStatus(kv, 'hf')).nextRunAt).toBeUndefined();
    await refresher.stop();
  });

  it('computes retry delays that double, cap, and respect Retry-After', () => {
    const r = { baseMs: 1000, maxMs: 5000 };
    expect([1, 2, 3, 4, 5].map((n) => retryDelay(n, r))).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(retryDelay(1, r, 9000)).toBe(9000);
  });
});
