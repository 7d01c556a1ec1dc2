// Work that goes on after an answer was sent (deferred edits, follow-ups), tracked so a shutdown can wait for it.
import type { Logger } from 'pino';

export class Background {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  /**
   * Starts `work` and tracks it until it settles. A failure is logged with `context`, never thrown: nobody is left
   * to answer once the platform has its acknowledgement. The returned promise resolves when the work is done.
   */
  run(context: Record<string, unknown>, work: () => Promise<void>): Promise<void> {
    let started: Promise<void>;
    try {
      started = work();
    } catch (error) {
      started = Promise.reject(error);
    }
    const tracked = started
      .catch((error: unknown) => {
        this.logger.error({ err: error, ...context }, 'background answer failed');
      })
      .finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
    return tracked;
  }

  /** Work started and not finished. */
  get size(): number {
    return this.pending.size;
  }

  /** Waits for the work started so far, and for what that work started in turn. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
