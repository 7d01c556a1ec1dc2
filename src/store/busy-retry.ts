// Waits for a SQLite lock another process holds without blocking the event loop: short waits, retried later.
//
// better-sqlite3 waits for a lock synchronously (busy_timeout): with 5 s, a `paperboy digest --commit`, a
// `sources refresh` or a backup holding the file stalled every request for 5 s. The store now waits at most
// BUSY_WAIT_MS inside SQLite, and a call that still finds the file locked is retried after a pause that lets
// everything else run. Every store method is one statement or one transaction that fails before changing
// anything when it cannot get the lock, so running it again is safe.

import { type Clock, systemClock } from '../clock.js';
import { backoffDelay, type RetryPolicy } from '../retry.js';

/** The longest synchronous wait for a lock, per attempt (SQLite's busy_timeout). */
export const BUSY_WAIT_MS = 20;

export interface BusyRetryOptions {
  /** Total time a call keeps trying before it fails with the busy error (default 10 s). */
  budgetMs?: number;
  sleep?: (ms: number) => Promise<void>;
  clock?: Clock;
  onWait?: (method: string, attempt: number) => void;
}

export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** 10 ms doubling to 250 ms; the time budget, not a count, ends the retries. */
const BUSY_BACKOFF: RetryPolicy = { retries: Infinity, baseMs: 10, maxMs: 250, jitter: 'none' };

/** Wraps every promise-returning method of `target` so a busy database is retried asynchronously. */
export function retryWhenBusy<T extends object>(target: T, options: BusyRetryOptions = {}): T {
  const budget = options.budgetMs ?? 10_000;
  const sleep = options.sleep ?? pause;
  const clock = options.clock ?? systemClock;
  const now = () => clock.now().getTime();
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(target, {
    get(object, property, receiver) {
      const value = Reflect.get(object, property, receiver);
      if (typeof value !== 'function') return value;
      let wrapper = wrapped.get(property);
      if (!wrapper) {
        wrapper = (...args: unknown[]) => {
          const first = (value as (...a: unknown[]) => unknown).apply(object, args);
          if (!(first instanceof Promise)) return first;
          const started = now();
          const again = async (error: unknown, attempt: number): Promise<unknown> => {
            if (!isBusy(error) || now() - started >= budget) throw error;
            options.onWait?.(String(property), attempt);
            await sleep(backoffDelay(BUSY_BACKOFF, attempt));
            try {
              return await (value as (...a: unknown[]) => Promise<unknown>).apply(object, args);
            } catch (next) {
              return again(next, attempt + 1);
            }
          };
          return first.catch((error: unknown) => again(error, 0));
        };
        wrapped.set(property, wrapper);
      }
      return wrapper;
    },
  });
}
