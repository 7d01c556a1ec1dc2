// Fake Discord and Slack for the digest benchmark: they enforce the real limits and count every post.

import type { PacingTimers as Timers } from '../src/digest/send-pacing.js';
import type { DeliveryPort, DeliveryResult, OutgoingPost } from '../src/digest/types.js';
import type { Platform } from '../src/store/types.js';

/** A clock running `scale` times faster than the wall clock: waits shrink, CPU work does not. */
export function scaledTimers(scale: number): Timers {
  const origin = performance.now();
  const epoch = Date.now();
  return {
    now: () => new Date(epoch + (performance.now() - origin) * scale),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms / scale))),
  };
}

/**
 * Discrete-event time: the clock stands still while there is work to do and jumps to the next timer when
 * the process is idle. Pacing, Retry-After and back-off are exact; CPU cost is measured separately.
 */
export class VirtualTimers implements Timers {
  private t = Date.now();
  private seq = 0;
  private readonly pending: Array<{ at: number; seq: number; resolve: () => void }> = [];

  now(): Date {
    return new Date(this.t);
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = { at: this.t + Math.max(0, ms), seq: this.seq++, resolve };
      // Kept sorted by (at, seq): binary insertion.
      let lo = 0;
      let hi = this.pending.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        const m = this.pending[mid] as (typeof this.pending)[number];
        if (m.at < entry.at || (m.at === entry.at && m.seq < entry.seq)) lo = mid + 1;
        else hi = mid;
      }
      this.pending.splice(lo, 0, entry);
    });
  }

  /** Runs `work` to completion, advancing time whenever nothing else can run. */
  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    const done = work.finally(() => {
      settled = true;
    });
    for (;;) {
      await new Promise((r) => setImmediate(r));
      if (settled) return done;
      const next = this.pending.shift();
      if (!next) {
        // Real I/O in flight (none in this benchmark): wait for it in real time.
        await new Promise((r) => setTimeout(r, 1));
        continue;
      }
      this.t = Math.max(this.t, next.at);
      next.resolve();
      // Release every timer due at the same instant together.
      while (this.pending[0] && this.pending[0].at <= this.t) this.pending.shift()?.resolve();
    }
  }
}

export interface PlatformStats {
  /** Requests received (accepted + refused). */
  requests: number;
  /** Posts shown in channels (a repeated nonce is not shown twice). */
  shown: number;
  /** Same nonce sent again (absorbed, as Discord's enforce_nonce does). */
  repeatedNonce: number;
  /** A second, different post to a channel that already had one: a real double post. */
  doubles: number;
  /** 429s answered. */
  limited: number;
  firstAt: number;
  lastAt: number;
  /** Wall-clock (performance.now) time of the first accepted post: startup cost is CPU, never scaled. */
  firstRealAt: number;
}

/**
 * Accepts at most `limit` requests in any `windowMs` per bucket (the bot, or one channel), answering the
 * rest with 429 and the Retry-After until the window frees; each call takes `latencyMs` (± 50 %).
 */
export class LimitedPlatform implements DeliveryPort {
  readonly stats: PlatformStats = {
    requests: 0,
    shown: 0,
    repeatedNonce: 0,
    doubles: 0,
    limited: 0,
    firstAt: Number.POSITIVE_INFINITY,
    lastAt: 0,
    firstRealAt: Number.POSITIVE_INFINITY,
  };
  private readonly windows = new Map<string, number[]>();
  private readonly nonces = new Set<string>();
  readonly postedChannels = new Set<string>();

  constructor(
    readonly platform: Platform,
    private readonly rule: { scope: 'bot' | 'channel'; limit: number; windowMs: number; latencyMs: number },
    private readonly timers: Timers,
  ) {}

  async deliver(post: OutgoingPost): Promise<DeliveryResult> {
    const result = this.arrive(post, this.timers.now().getTime());
    await this.timers.sleep(this.rule.latencyMs * (0.5 + Math.random()));
    return result;
  }

  /** The platform's decision, taken when the request arrives. */
  private arrive(post: OutgoingPost, now: number): DeliveryResult {
    this.stats.requests++;
    const channel = `${post.channel.workspace}:${post.channel.channel}`;
    const bucket = this.rule.scope === 'bot' ? 'bot' : channel;
    let log = this.windows.get(bucket) ?? [];
    if (log.length > 0 && (log[0] as number) <= now - this.rule.windowMs) {
      log = log.filter((t) => t > now - this.rule.windowMs);
    }
    this.windows.set(bucket, log);
    if (log.length >= this.rule.limit) {
      this.stats.limited++;
      return {
        ok: false,
        kind: 'rate-limited',
        retryAfterMs: Math.ceil((log[0] as number) + this.rule.windowMs - now),
      };
    }
    log.push(now);
    if (this.stats.firstAt === Number.POSITIVE_INFINITY) this.stats.firstRealAt = performance.now();
    this.stats.firstAt = Math.min(this.stats.firstAt, now);
    this.stats.lastAt = Math.max(this.stats.lastAt, now);
    if (this.nonces.has(post.nonce)) {
      this.stats.repeatedNonce++;
    } else {
      this.nonces.add(post.nonce);
      if (this.postedChannels.has(channel)) this.stats.doubles++;
      this.postedChannels.add(channel);
      this.stats.shown++;
    }
    return { ok: true, messageIds: [post.nonce] };
  }
}
