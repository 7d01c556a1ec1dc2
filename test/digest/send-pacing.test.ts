import { describe, expect, it } from 'vitest';
import { Semaphore, SlidingWindowLimiter } from '../../src/digest/send-pacing.js';
import { VirtualTimers } from './fakes.js';

/** The most releases that fall in any window of `windowMs` (half-open). */
function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi++) {
    while ((sorted[hi] as number) - (sorted[lo] as number) >= windowMs) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

describe('sliding-window limiter', () => {
  it('never lets more than 50 through in any second, spreads them out, and keeps the pipe full', async () => {
    const timers = new VirtualTimers();
    const limiter = new SlidingWindowLimiter(timers);
    const times: number[] = [];
    const all = Array.from({ length: 500 }, () =>
      limiter.acquire('discord', 50, 1000).then(() => times.push(timers.ms())),
    );
    await timers.run(Promise.all(all));
    expect(busiestWindow(times, 1000)).toBe(50);
    // Spread over each second rather than 50 at once.
    expect(busiestWindow(times, 100)).toBeLessThanOrEqual(6);
    // 500 at 50/s: ten windows, the last one ending just before 10 s.
    expect(Math.max(...times)).toBeLessThan(10_000);
  });

  it('paces each Slack channel on its own: one a second per channel, channels in parallel', async () => {
    const timers = new VirtualTimers();
    const limiter = new SlidingWindowLimiter(timers);
    const times = new Map<string, number[]>();
    const all: Promise<unknown>[] = [];
    for (const ch of ['c1', 'c2', 'c3']) {
      for (let i = 0; i < 3; i++) {
        all.push(
          limiter.acquire(ch, 1, 1000).then(() => times.set(ch, [...(times.get(ch) ?? []), timers.ms()])),
        );
      }
    }
    await timers.run(Promise.all(all));
    for (const ch of ['c1', 'c2', 'c3']) expect(times.get(ch)).toEqual([0, 1000, 2000]);
  });

  it('holds a key for a penalty (Retry-After) and then resumes', async () => {
    const timers = new VirtualTimers();
    const limiter = new SlidingWindowLimiter(timers);
    limiter.penalize('discord', 2500);
    const times: number[] = [];
    await timers.run(
      Promise.all([1, 2].map(() => limiter.acquire('discord', 50, 1000).then(() => times.push(timers.ms())))),
    );
    expect(times[0]).toBe(2500);
    expect(times[1]).toBeGreaterThan(2500);
  });

  it('lets two replicas sharing one bot limit settle on a share instead of trading 429s', async () => {
    const timers = new VirtualTimers();
    // The platform: 50 a second for the bot, whoever sends.
    const accepted: number[] = [];
    let refused = 0;
    const platform = (now: number): number | undefined => {
      while (accepted.length > 0 && (accepted[0] as number) <= now - 1000) accepted.shift();
      if (accepted.length >= 50) return (accepted[0] as number) + 1000 - now;
      accepted.push(now);
      return undefined;
    };
    let delivered = 0;
    const replica = async (limiter: SlidingWindowLimiter, posts: number) => {
      for (let i = 0; i < posts; i++) {
        for (;;) {
          await limiter.acquire('discord', 50, 1000);
          const retryAfter = platform(timers.ms());
          if (retryAfter === undefined) break;
          refused++;
          limiter.penalize('discord', timers.ms() + retryAfter, 1000);
        }
        delivered++;
      }
    };
    const [a, b] = [new SlidingWindowLimiter(timers), new SlidingWindowLimiter(timers)];
    // Each replica sends one at a time, as each post waits for its answer; many posts in flight each.
    const work = Promise.all([
      ...Array.from({ length: 20 }, () => replica(a, 100)),
      ...Array.from({ length: 20 }, () => replica(b, 100)),
    ]);
    await timers.run(work);
    expect(delivered).toBe(4000);
    // 4,000 posts at 50/s take 79 s at best; sharing costs a little (about 6 %), and refusals stay rare.
    const seconds = timers.ms() / 1000;
    expect(seconds).toBeLessThan(79 / 0.9);
    expect(refused).toBeGreaterThan(0);
    expect(refused).toBeLessThan(200);
  });

  it('forgets idle keys once their window has passed', async () => {
    const timers = new VirtualTimers();
    const limiter = new SlidingWindowLimiter(timers);
    await timers.run(limiter.acquire('slack:w:c', 1, 1000));
    expect(limiter.size).toBe(1);
    await timers.run(timers.sleep(1500));
    expect(limiter.size).toBe(0);
  });
});

describe('semaphore', () => {
  it('admits at most its capacity and hands places over in order', async () => {
    const sem = new Semaphore(2);
    const order: string[] = [];
    const a = await sem.acquire();
    const b = await sem.acquire();
    const c = sem.acquire().then((release) => {
      order.push('c');
      return release;
    });
    expect(sem.inUse).toBe(2);
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual([]);
    a();
    a();
    (await c)();
    b();
    expect(order).toEqual(['c']);
    expect(sem.inUse).toBe(0);
  });
});
