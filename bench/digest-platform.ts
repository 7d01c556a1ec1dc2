// Fake Discord and Slack for the digest benchmark: they enforce the real limits and count every post.

import type { Timers } from '../src/digest/rate-limit.js';
import type { DeliveryPort, DeliveryResult, OutgoingPost } from '../src/digest/types.js';
import type { Platform } from '../src/store/types.js';

/** A clock running `scale` times faster than the wall clock: waits shrink, CPU work does not. */
export function scaledTimers(scale: number): Timers {
  const origin = Date.now();
  return {
    now: () => origin + (Date.now() - origin) * scale,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms / scale))),
  };
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
    const result = this.arrive(post, this.timers.now());
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
