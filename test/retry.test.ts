import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, type Jitter, mayRetry, type RetryPolicy } from '../src/retry.js';
import { retryWhenBusy } from '../src/store/busy-retry.js';
import { FakeClock } from './support/fake-clock.js';

const policy = (jitter: Jitter, baseMs = 1000, maxMs = 8000): RetryPolicy => ({
  retries: 3,
  baseMs,
  maxMs,
  jitter,
});

const anyBase = fc.integer({ min: 1, max: 60_000 });
const anyMax = fc.integer({ min: 1, max: 3_600_000 });
const anyRetry = fc.integer({ min: 0, max: 40 });

describe('backoffDelay', () => {
  it('doubles from baseMs and stops at maxMs without jitter', () => {
    const p = policy('none', 1000, 5000);
    expect([0, 1, 2, 3, 4].map((retry) => backoffDelay(p, retry))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });

  it('keeps equal jitter inside the upper half of the doubled delay, in whole milliseconds', () => {
    const p = policy('equal');
    expect(backoffDelay(p, 0, () => 0)).toBe(500);
    expect(backoffDelay(p, 0, () => 0.999)).toBe(1000);
    expect(backoffDelay(p, 2, () => 0)).toBe(2000);
    expect(backoffDelay(p, 10, () => 0)).toBe(4000);
    expect(backoffDelay(p, 10, () => 0.999)).toBe(7996);
  });

  it('spreads the delay from 0.75 to 1.25 times, uncapped when maxMs is Infinity', () => {
    const p = policy('spread', 300, Infinity);
    expect(backoffDelay(p, 0, () => 0)).toBe(225);
    expect(backoffDelay(p, 0, () => 0.5)).toBe(300);
    expect(backoffDelay(p, 20, () => 0.5)).toBe(300 * 2 ** 20);
  });

  it('never waits less than half the capped delay nor more than the cap, whatever the draw', () => {
    fc.assert(
      fc.property(
        anyBase,
        anyMax,
        anyRetry,
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (base, max, n, draw) => {
          const ceiling = Math.min(max, base * 2 ** n);
          const equal = backoffDelay(policy('equal', base, max), n, () => draw);
          expect(equal).toBeGreaterThanOrEqual(Math.floor(ceiling / 2));
          expect(equal).toBeLessThanOrEqual(Math.ceil(ceiling));
          expect(backoffDelay(policy('none', base, max), n)).toBe(ceiling);
          const spread = backoffDelay(policy('spread', base, max), n, () => draw);
          expect(spread).toBeGreaterThanOrEqual(ceiling * 0.75);
          expect(spread).toBeLessThanOrEqual(ceiling * 1.25);
        },
      ),
    );
  });

  it('never shortens the wait from one retry to the next without jitter', () => {
    fc.assert(
      fc.property(anyBase, anyMax, anyRetry, (base, max, n) => {
        const p = policy('none', base, max);
        expect(backoffDelay(p, n + 1)).toBeGreaterThanOrEqual(backoffDelay(p, n));
      }),
    );
  });
});

describe('mayRetry', () => {
  it('allows exactly `retries` retries', () => {
    expect([1, 2, 3, 4].map((failures) => mayRetry({ retries: 3 }, failures))).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(mayRetry({ retries: 0 }, 1)).toBe(false);
    expect(mayRetry({ retries: Infinity }, 1e9)).toBe(true);
  });
});

describe('a locked SQLite file, retried with the busy back-off', () => {
  it('waits 10 ms doubling to 250 ms until the time budget is spent', async () => {
    const clock = new FakeClock(0);
    const sleeps: number[] = [];
    const busy = Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
    const wrapped = retryWhenBusy(
      {
        async write() {
          throw busy;
        },
      },
      {
        budgetMs: 1000,
        clock,
        sleep: async (ms) => {
          sleeps.push(ms);
          clock.advance(ms);
        },
      },
    );
    await expect(wrapped.write()).rejects.toBe(busy);
    expect(sleeps).toEqual([10, 20, 40, 80, 160, 250, 250, 250]);
  });
});
