// Runs the refreshes on their own: once at start-up, then on a cron schedule in the configured time zone,
// with retries on an exponential back-off after a failed or partial run.
import type { Logger } from 'pino';
import { type Clock, systemTimers, type Timers } from '../clock.js';
import { backoffDelay } from '../retry.js';
import type { KeyValueStore } from '../store/types.js';
import { type Cron, type CronTask, nodeCron } from './cron.js';
import type { RefreshReport, RefreshService } from './refresh.js';
import { readStatus, updateStatus } from './status.js';
import type { SourceName } from './types.js';

export interface SourceSchedule {
  source: SourceName;
  /** Five-field cron expression, e.g. `0 22 * * *`. */
  cron: string;
}

export interface RefresherOptions {
  service: RefreshService;
  kv: KeyValueStore;
  schedules: readonly SourceSchedule[];
  timeZone: string;
  refreshOnStart: boolean;
  clock: Clock;
  logger: Logger;
  /**
   * A refresh is skipped when the last successful one (by any instance sharing the Store) is younger than this:
   * at start-up (restart loops), and on schedule (another replica got there first; its papers are synced).
   */
  freshMs?: number;
  /** Scheduled runs start up to this much later, at random (default 2 min), to spread replicas apart. */
  maxRandomDelayMs?: number;
  retry?: { baseMs: number; maxMs: number };
  timers?: Pick<Timers, 'setTimeout' | 'clearTimeout'>;
  /** Runs the schedules (default node-cron); tests pass one driven by their clock. */
  cron?: Cron;
}

export interface SourceRefresher {
  /** Settles when the start-up refreshes are done (immediately when there are none). */
  readonly startup: Promise<RefreshReport[]>;
  /** Stops the schedules and retries, cancels refreshes in flight and waits for them to settle. */
  stop(): Promise<void>;
}

const DEFAULT_RETRY = { baseMs: 5 * 60_000, maxMs: 3 * 3_600_000 };

/** Retry delay after `failures` failed runs in a row, never sooner than the server asked. */
export function retryDelay(
  failures: number,
  retry: { baseMs: number; maxMs: number },
  retryAfterMs = 0,
): number {
  const backoff = backoffDelay({ ...retry, jitter: 'none' }, Math.max(0, failures - 1));
  return Math.max(backoff, retryAfterMs);
}

export function startSourceRefresher(options: RefresherOptions): SourceRefresher {
  const { service, kv, clock } = options;
  const timers = options.timers ?? systemTimers;
  const retry = options.retry ?? DEFAULT_RETRY;
  const log = options.logger.child({ component: 'sources' });
  const abort = new AbortController();
  const cron = options.cron ?? nodeCron;
  const tasks = new Map<SourceName, CronTask>();
  const retries = new Map<SourceName, unknown>();
  const running = new Set<Promise<unknown>>();
  const freshMs = options.freshMs ?? 30 * 60_000;
  let stopped = false;

  const nextCron = (source: SourceName) => tasks.get(source)?.nextRun();

  async function noteNextRun(source: SourceName, at: Date | undefined) {
    await updateStatus(kv, source, (s) => {
      const { nextRunAt: _drop, ...rest } = s;
      return at ? { ...rest, nextRunAt: at.toISOString() } : rest;
    }).catch((error: unknown) => log.warn({ err: error, source }, 'sources: could not save the next run'));
  }

  function scheduleRetry(source: SourceName, report: RefreshReport, failures: number) {
    const delay = retryDelay(failures, retry, report.retryAfterMs);
    const at = new Date(clock.now().getTime() + delay);
    // The scheduled run comes first: no retry before it.
    const scheduled = nextCron(source);
    if (scheduled && scheduled.getTime() - clock.now().getTime() <= delay)
      return noteNextRun(source, scheduled);
    const previous = retries.get(source);
    if (previous !== undefined) timers.clearTimeout(previous);
    retries.set(
      source,
      timers.setTimeout(() => {
        retries.delete(source);
        void run(source, 'retry');
      }, delay),
    );
    log.info({ source, retryInMs: delay }, 'sources: will retry');
    return noteNextRun(source, at);
  }

  /** Another replica sharing the Store refreshed moments ago: take its papers from the Store instead. */
  async function freshElsewhere(source: SourceName): Promise<boolean> {
    const status = await readStatus(kv, source).catch(() => undefined);
    const last = status?.lastSuccessAt ? Date.parse(status.lastSuccessAt) : Number.NaN;
    return clock.now().getTime() - last < freshMs;
  }

  async function run(
    source: SourceName,
    reason: 'start-up' | 'schedule' | 'retry',
  ): Promise<RefreshReport | undefined> {
    if (stopped) return undefined;
    const job = (async () => {
      if (reason !== 'start-up' && (await freshElsewhere(source))) {
        log.info(
          { source, reason },
          'sources: refreshed moments ago by another instance; syncing from the store',
        );
        await service.syncFromStore();
        await noteNextRun(source, nextCron(source));
        return undefined;
      }
      log.info({ source, reason }, 'sources: refreshing');
      const report = await service.refresh(source, { signal: abort.signal });
      if (stopped) return report;
      if (report.outcome === 'ok') {
        const pending = retries.get(source);
        if (pending !== undefined) timers.clearTimeout(pending);
        retries.delete(source);
        await noteNextRun(source, nextCron(source));
      } else {
        const status = await readStatus(kv, source);
        await scheduleRetry(source, report, Math.max(1, status.consecutiveFailures));
      }
      return report;
    })().catch((error: unknown) => {
      log.error({ err: error, source }, 'sources: refresh crashed');
      return undefined;
    });
    running.add(job);
    void job.finally(() => running.delete(job));
    return job;
  }

  const unscheduled: SourceName[] = [];
  for (const { source, cron: expression } of options.schedules) {
    if (!service.sources.includes(source)) continue;
    if (!cron.validate(expression)) {
      const variable = source === 'hf' ? 'HF_REFRESH_CRON' : 'ARXIV_REFRESH_CRON';
      log.error(
        { source, cron: expression },
        `sources: ${variable} "${expression}" is not a valid schedule; fix it`,
      );
      unscheduled.push(source);
      continue;
    }
    tasks.set(
      source,
      cron.schedule(expression, () => run(source, 'schedule'), {
        timezone: options.timeZone,
        name: `paperboy-sources-${source}`,
        // Replicas on one Store start at different moments, so one fetches and the others sync from the Store.
        maxRandomDelayMs: options.maxRandomDelayMs ?? 120_000,
      }),
    );
  }

  async function startupRuns(): Promise<RefreshReport[]> {
    const reports: RefreshReport[] = [];
    if (!options.refreshOnStart) {
      await Promise.all([...tasks.keys()].map((s) => noteNextRun(s, nextCron(s))));
      return reports;
    }
    await Promise.all(
      [...tasks.keys(), ...unscheduled].map(async (source) => {
        if (await freshElsewhere(source)) {
          log.info({ source }, 'sources: refreshed moments ago, no start-up refresh');
          await noteNextRun(source, nextCron(source));
          return;
        }
        const report = await run(source, 'start-up');
        if (report) reports.push(report);
      }),
    );
    return reports;
  }

  const startup = startupRuns();

  return {
    startup,
    async stop() {
      stopped = true;
      abort.abort(new Error('Paperboy is shutting down'));
      for (const handle of retries.values()) timers.clearTimeout(handle);
      retries.clear();
      await Promise.all([...tasks.values()].map((t) => t.destroy()));
      tasks.clear();
      await Promise.allSettled([startup, ...running]);
    },
  };
}
