// The per-user command quota: a token bucket per (platform, workspace, user), with idle buckets evicted.

import type { Clock } from '../clock.js';
import type { View } from '../views/types.js';
import type { CommandLimiter } from './types.js';

/** A burst of `burst` commands, then one more every `perMs / burst` milliseconds. */
export interface RateLimit {
  burst: number;
  perMs: number;
}

export interface RateLimiterOptions {
  limit: RateLimit;
  clock: Clock;
  /** Counts refusals by platform (metrics.rateLimited). */
  onLimited?: (platform: string) => void;
  /** Hard ceiling on buckets kept; the least recently used go first. Default 100,000. */
  maxBuckets?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Parses "5/10s", "20/1m", "1/2s"; "off", "none" or "0" disable the limit (null). */
export function parseRateLimit(text: string): RateLimit | null | Error {
  const t = text.trim().toLowerCase();
  if (t === 'off' || t === 'none' || t === '0' || t === 'false') return null;
  const m = /^(\d+)\s*\/\s*(\d+(?:\.\d+)?)?\s*(ms|s|m|h)$/.exec(t);
  if (!m) return new Error('must look like 5/10s (5 commands per 10 seconds), 20/1m, or off');
  const burst = Number(m[1]);
  const amount = m[2] === undefined ? 1 : Number(m[2]);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[3] as 'ms' | 's' | 'm' | 'h'];
  const perMs = amount * unit;
  if (burst < 1 || burst > 10_000) return new Error('the number of commands must be between 1 and 10000');
  if (perMs < 100) return new Error('the period must be at least 100ms');
  return { burst, perMs };
}

export function createRateLimiter(options: RateLimiterOptions): CommandLimiter {
  const { limit, clock } = options;
  const maxBuckets = options.maxBuckets ?? 100_000;
  const refillPerMs = limit.burst / limit.perMs;
  // Insertion order doubles as recency order: a bucket is re-inserted on every use.
  const buckets = new Map<string, Bucket>();
  let lastSweep = clock.now().getTime();

  /** A bucket idle for a whole period is full again, so forgetting it changes nothing. */
  function sweep(now: number) {
    if (now - lastSweep < limit.perMs && buckets.size < maxBuckets) return;
    lastSweep = now;
    for (const [key, bucket] of buckets) {
      if (now - bucket.at >= limit.perMs) buckets.delete(key);
      else break;
    }
    while (buckets.size >= maxBuckets) {
      const oldest = buckets.keys().next();
      if (oldest.done) break;
      buckets.delete(oldest.value);
    }
  }

  return {
    take(ctx) {
      const now = clock.now().getTime();
      sweep(now);
      const key = `${ctx.channel.platform}\u0000${ctx.channel.workspace}\u0000${ctx.user.id}`;
      const previous = buckets.get(key);
      const tokens = previous
        ? Math.min(limit.burst, previous.tokens + Math.max(0, now - previous.at) * refillPerMs)
        : limit.burst;
      buckets.delete(key);
      if (tokens >= 1) {
        buckets.set(key, { tokens: tokens - 1, at: now });
        return { ok: true };
      }
      buckets.set(key, { tokens, at: now });
      options.onLimited?.(ctx.channel.platform);
      return { ok: false, retryAfterMs: Math.ceil((1 - tokens) / refillPerMs) };
    },
    get size() {
      return buckets.size;
    },
  };
}

/** The polite, private answer to someone sending commands too quickly. */
export function slowDown(retryAfterMs: number): View {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return {
    kind: 'error',
    text: `You're sending commands quickly — try again in ${seconds} s.`,
    ephemeral: true,
  };
}

/** The limiter for Services from the configuration (undefined when turned off), counting refusals in metrics. */
export function limiterFromConfig(
  limit: RateLimit | null,
  clock: Clock,
  metrics?: { rateLimited: { inc(labels: { platform: string }): void } },
): CommandLimiter | undefined {
  if (!limit) return undefined;
  return createRateLimiter({
    limit,
    clock,
    ...(metrics ? { onLimited: (platform: string) => metrics.rateLimited.inc({ platform }) } : {}),
  });
}
