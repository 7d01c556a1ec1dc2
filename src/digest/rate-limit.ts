// Per-platform send pacing: a FIFO sliding-window limiter per key (the bot, or one channel) and a concurrency cap.
import type { ChannelKey, Platform } from '../store/types.js';

/** Real time by default; tests and benchmarks may pass their own. */
export interface Timers {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realTimers: Timers = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

export interface PlatformLimit {
  /** 'platform': one window for the whole bot (Discord's global limit); 'channel': one per channel (Slack). */
  scope: 'platform' | 'channel';
  /** At most `limit` sends in any `windowMs`. */
  limit: number;
  windowMs: number;
  /** Posts in flight at once on this platform (selection, summaries and the HTTP call). */
  concurrency: number;
  /** Added to the window to absorb timer and network jitter (ms). */
  marginMs?: number;
}

/**
 * Discord: 50 requests a second per bot (global). Slack: about one message a second per channel.
 * The console has no limit worth the name.
 */
export const DEFAULT_LIMITS: Record<Platform, PlatformLimit> = {
  discord: { scope: 'platform', limit: 50, windowMs: 1_000, concurrency: 32, marginMs: 10 },
  slack: { scope: 'channel', limit: 1, windowMs: 1_000, concurrency: 32, marginMs: 10 },
  console: { scope: 'platform', limit: 100, windowMs: 1_000, concurrency: 4 },
};

export function limitKey(key: ChannelKey, limit: PlatformLimit): string {
  return limit.scope === 'platform' ? key.platform : `${key.platform}:${key.workspace}:${key.channel}`;
}

interface Window {
  /** Release times of the last `limit` sends, as a ring. */
  times: number[];
  next: number;
  blockedUntil: number;
  queue: Array<() => void>;
  pumping: boolean;
}

/**
 * Lets through at most `limit` acquisitions per key in any sliding window, first come first served.
 * The window is measured from the actual release times, so a late timer never lets a burst exceed the
 * limit, and a penalty (a 429's Retry-After) holds the whole key.
 */
export class SlidingWindowLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly timers: Timers = realTimers) {}

  acquire(key: string, limit: number, windowMs: number): Promise<void> {
    const w = this.window(key, limit);
    return new Promise<void>((resolve) => {
      w.queue.push(resolve);
      if (!w.pumping) void this.pump(key, w, limit, windowMs);
    });
  }

  /** Nothing leaves on `key` before `untilMs` (absolute, timers' clock). */
  penalize(key: string, untilMs: number): void {
    const w = this.windows.get(key);
    if (w) w.blockedUntil = Math.max(w.blockedUntil, untilMs);
    else this.windows.set(key, { times: [], next: 0, blockedUntil: untilMs, queue: [], pumping: false });
  }

  /** Keys with state (for tests: idle keys are forgotten). */
  get size(): number {
    return this.windows.size;
  }

  private window(key: string, limit: number): Window {
    let w = this.windows.get(key);
    if (!w) {
      w = { times: [], next: 0, blockedUntil: 0, queue: [], pumping: false };
      this.windows.set(key, w);
    }
    if (w.times.length > limit) w.times = w.times.slice(-limit);
    return w;
  }

  private async pump(key: string, w: Window, limit: number, windowMs: number): Promise<void> {
    w.pumping = true;
    try {
      while (w.queue.length > 0) {
        const now = this.timers.now();
        const oldest = w.times.length < limit ? undefined : w.times[w.next];
        const earliest = Math.max(w.blockedUntil, oldest === undefined ? now : oldest + windowMs);
        if (earliest > now) {
          await this.timers.sleep(earliest - now);
          continue;
        }
        if (w.times.length < limit) w.times.push(now);
        else w.times[w.next] = now;
        w.next = (w.next + 1) % limit;
        w.queue.shift()?.();
      }
    } finally {
      w.pumping = false;
    }
    // Forget idle keys once their window has passed (one per Slack channel adds up).
    const idleAt = () => Math.max(w.times.length === 0 ? 0 : Math.max(...w.times) + windowMs, w.blockedUntil);
    await this.timers.sleep(Math.max(0, idleAt() - this.timers.now()));
    const idle = w.queue.length === 0 && !w.pumping && idleAt() <= this.timers.now();
    if (idle && this.windows.get(key) === w) this.windows.delete(key);
  }
}

/** A counting semaphore; release() is returned by acquire(). */
export class Semaphore {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly capacity: number) {}

  async acquire(): Promise<() => void> {
    if (this.active < this.capacity) {
      this.active++;
    } else {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    };
  }

  get inUse(): number {
    return this.active;
  }
}
