// The one fake clock for tests: a Clock and Timers whose time moves only when the test says so.
import type { Clock, Timers } from '../../src/clock.js';

interface Pending {
  at: number;
  seq: number;
  fn: () => void;
}

/**
 * Time stands still until set() or advance(); advance() runs the timers and sleeps that fall due, in order.
 * Its methods are bound, so `clock.now` can be handed on alone where a port wants `() => Date`.
 */
export class FakeClock implements Clock, Timers {
  private t: number;
  private seq = 0;
  private readonly pending = new Map<number, Pending>();

  constructor(start: Date | string | number = '2026-03-02T08:00:00.000Z') {
    this.t = toMs(start);
  }

  now = (): Date => new Date(this.t);

  /** Epoch milliseconds, for tests that measure time passed. */
  ms = (): number => this.t;

  /** Jumps to a moment without running timers (a restart, a clock set by hand). */
  set = (at: Date | string | number): void => {
    this.t = toMs(at);
  };

  /** Moves time on by `ms`, running every timer and sleep due by then, earliest (then oldest) first. */
  advance = (ms: number): void => {
    const end = this.t + ms;
    for (;;) {
      const next = [...this.pending.entries()].sort(([, a], [, b]) => a.at - b.at || a.seq - b.seq)[0];
      if (!next || next[1].at > end) break;
      this.pending.delete(next[0]);
      this.t = Math.max(this.t, next[1].at);
      next[1].fn();
    }
    this.t = end;
  };

  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = ++this.seq;
    this.pending.set(id, { at: this.t + Math.max(0, ms), seq: id, fn });
    return id;
  };

  clearTimeout = (handle: unknown): void => {
    this.pending.delete(handle as number);
  };

  sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const id = this.setTimeout(resolve, ms);
      signal?.addEventListener(
        'abort',
        () => {
          this.clearTimeout(id);
          reject(signal.reason);
        },
        { once: true },
      );
    });

  /** Timers and sleeps not yet due. */
  get waiting(): number {
    return this.pending.size;
  }
}

function toMs(at: Date | string | number): number {
  if (typeof at === 'number') return at;
  if (typeof at === 'string') return Date.parse(at);
  return at.getTime();
}
