// Per-platform send pacing: a FIFO sliding-window limiter per key (the bot, or one channel) and a concurrency cap.
import { type Clock, systemClock, systemTimers, type Timers } from '../clock.js';
import type { ChannelKey, Platform } from '../store/types.js';

/** What pacing needs of time: the Clock and sleep of src/clock.ts; tests and benchmarks pass virtual ones. */
export type PacingTimers = Clock & Pick<Timers, 'sleep'>;

export const realTimers: PacingTimers = { now: systemClock.now, sleep: systemTimers.sleep };

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
  /** Release times within the last window, oldest first. */
  recent: number[];
  blockedUntil: number;
  queue: Array<() => void>;
  pumping: boolean;
  /** The configured limit, and the one in force after 429s (never above it, never below 1). */
  max: number;
  allowed: number;
  lastCut: number;
  lastGrow: number;
}

/**
 * Lets through at most `limit` acquisitions per key in any sliding window, first come first served.
 * The window is measured from the actual release times, so a late timer never lets a burst exceed the
 * limit, and a penalty (a 429's Retry-After) holds the whole key.
 *
 * A 429 means someone else shares the limit (another replica of the bot, another app on the token): the
 * key then also slows down to three quarters of its rate (at most once a window) and speeds up again by
 * one per window without a 429, so replicas settle on a share instead of taking turns being refused.
 */
export class SlidingWindowLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly timers: PacingTimers = realTimers) {}

  private nowMs(): number {
    return this.timers.now().getTime();
  }

  acquire(key: string, limit: number, windowMs: number): Promise<void> {
    const w = this.window(key, limit);
    return new Promise<void>((resolve) => {
      w.queue.push(resolve);
      if (!w.pumping) void this.pump(key, w, windowMs);
    });
  }

  /**
   * Nothing leaves on `key` before `untilMs` (absolute, timers' clock); with `windowMs`, the platform refused
   * a request within our own pacing, so the key also slows down.
   */
  penalize(key: string, untilMs: number, windowMs?: number): void {
    let w = this.windows.get(key);
    if (!w) {
      w = this.fresh(Number.POSITIVE_INFINITY);
      this.windows.set(key, w);
    }
    w.blockedUntil = Math.max(w.blockedUntil, untilMs);
    const now = this.nowMs();
    if (windowMs !== undefined && Number.isFinite(w.max) && now - w.lastCut >= windowMs) {
      w.allowed = Math.max(1, Math.floor(w.allowed * 0.9));
      w.lastCut = now;
      w.lastGrow = now;
    }
  }

  /** The rate in force on `key` (for tests and metrics). */
  allowed(key: string): number | undefined {
    return this.windows.get(key)?.allowed;
  }

  /** Keys with state (for tests: idle keys are forgotten). */
  get size(): number {
    return this.windows.size;
  }

  private fresh(limit: number): Window {
    return {
      recent: [],
      blockedUntil: 0,
      queue: [],
      pumping: false,
      max: limit,
      allowed: limit,
      lastCut: Number.NEGATIVE_INFINITY,
      lastGrow: Number.NEGATIVE_INFINITY,
    };
  }

  private window(key: string, limit: number): Window {
    let w = this.windows.get(key);
    if (!w) {
      w = this.fresh(limit);
      this.windows.set(key, w);
    }
    if (w.max !== limit) {
      w.max = limit;
      w.allowed = Math.min(w.allowed, limit);
    }
    return w;
  }

  private async pump(key: string, w: Window, windowMs: number): Promise<void> {
    w.pumping = true;
    try {
      while (w.queue.length > 0) {
        const now = this.nowMs();
        while (w.recent.length > 0 && (w.recent[0] as number) <= now - windowMs) w.recent.shift();
        if (w.allowed < w.max && now - w.lastGrow >= windowMs) {
          w.allowed++;
          w.lastGrow = now;
        }
        // The allowed-th most recent release must have left the window; and releases are spread over the
        // window (at 90 % of the even spacing, so a late timer costs nothing) instead of leaving in bursts,
        // so two replicas sharing a limit interleave rather than stampede when it reopens.
        const blocking = w.recent.length >= w.allowed ? w.recent[w.recent.length - w.allowed] : undefined;
        const last = w.recent.at(-1);
        const spaced = last === undefined ? now : last + (0.9 * windowMs) / w.allowed;
        const earliest = Math.max(w.blockedUntil, spaced, blocking === undefined ? now : blocking + windowMs);
        if (earliest > now) {
          await this.timers.sleep(earliest - now);
          continue;
        }
        w.recent.push(now);
        w.queue.shift()?.();
      }
    } finally {
      w.pumping = false;
    }
    // Forget idle keys once their window has passed and their rate has recovered (one per Slack channel adds up).
    const idleAt = () => Math.max((w.recent.at(-1) ?? 0) + windowMs, w.blockedUntil);
    await this.timers.sleep(Math.max(0, idleAt() - this.nowMs()));
    const idle = w.queue.length === 0 && !w.pumping && idleAt() <= this.nowMs() && w.allowed >= w.max;
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
