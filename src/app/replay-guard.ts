// Remembers request ids for a while, so a signed request replayed within the signature window runs only once.
import { type Clock, systemClock } from '../clock.js';

export interface ReplayGuardOptions {
  /** How long an id is remembered: the platforms' replay window (5 minutes). */
  windowMs?: number;
  /** Ids kept at most; the oldest go first (default 100,000, a few MB). */
  maxIds?: number;
  clock?: Clock;
}

export class ReplayGuard {
  // Insertion order is arrival order, so expired ids sit at the front.
  private readonly seen = new Map<string, number>();
  private readonly windowMs: number;
  private readonly maxIds: number;
  private readonly clock: Clock;

  constructor(options: ReplayGuardOptions = {}) {
    this.windowMs = options.windowMs ?? 5 * 60_000;
    this.maxIds = Math.max(1, options.maxIds ?? 100_000);
    this.clock = options.clock ?? systemClock;
  }

  /** True the first time `id` arrives within the window; false for a replay of it. */
  firstTime(id: string): boolean {
    const now = this.clock.now().getTime();
    for (const [key, expires] of this.seen) {
      if (expires > now && this.seen.size < this.maxIds) break;
      this.seen.delete(key);
    }
    const expires = this.seen.get(id);
    if (expires !== undefined && expires > now) return false;
    this.seen.set(id, now + this.windowMs);
    return true;
  }

  get size(): number {
    return this.seen.size;
  }
}
