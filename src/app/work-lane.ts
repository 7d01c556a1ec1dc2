// The lane commands run in once their request is acknowledged: acknowledgements first, bounded work, polite refusals.
//
// Node answers every request on one thread. A command's search and summaries run synchronously for a few
// milliseconds, so when a burst of requests each started its work at once, the acknowledgements Discord and
// Slack wait for (3 s, or the interaction fails) queued behind all of that work. Work in the lane starts from a
// macrotask, after the acknowledgement has been written and after the requests already waiting to be read; and
// the lane is bounded, so a flood gets an immediate "busy" answer instead of a backlog nobody will wait for.

export interface WorkLaneOptions {
  /** Tasks started and not finished; they await the store, so several keep the CPU busy (default 16). */
  concurrency?: number;
  /** How long one turn of the event loop may spend starting tasks before it lets requests in (default 8 ms). */
  sliceMs?: number;
  /** Tasks waiting beyond this are refused (default 400: about two seconds of search work). */
  maxQueued?: number;
  /**
   * Running tasks one key (a platform) may hold at once (default three quarters of `concurrency`): tasks stalled
   * on one platform's API leave room for the other's.
   */
  perKey?: number;
}

interface Task {
  key: string;
  start: () => void;
}

export class WorkLane {
  private readonly queue: Task[] = [];
  private head = 0;
  private running = 0;
  private readonly runningByKey = new Map<string, number>();
  private readonly concurrency: number;
  private readonly maxQueued: number;
  private readonly perKey: number;
  private readonly sliceMs: number;
  private draining = false;

  constructor(options: WorkLaneOptions = {}) {
    this.concurrency = Math.max(1, options.concurrency ?? 16);
    this.sliceMs = options.sliceMs ?? 8;
    this.maxQueued = Math.max(0, options.maxQueued ?? 400);
    this.perKey = Math.max(1, options.perKey ?? Math.ceil((this.concurrency * 3) / 4));
  }

  /** Tasks accepted and not finished yet. */
  get backlog(): number {
    return this.queue.length - this.head + this.running;
  }

  /**
   * Runs `task` in the lane, or returns null at once when the lane is full (the caller answers "busy"). Tasks
   * with a `key` (the platform) share the lane: one key never holds more than `perKey` running tasks.
   */
  submit<T>(task: () => Promise<T>, key?: string): Promise<T> | null {
    if (this.queue.length - this.head >= this.maxQueued) return null;
    const k = key ?? '';
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        key: k,
        start: () => {
          this.running++;
          this.runningByKey.set(k, (this.runningByKey.get(k) ?? 0) + 1);
          let result: Promise<T>;
          try {
            result = task();
          } catch (error) {
            result = Promise.reject(error);
          }
          result.then(resolve, reject).finally(() => {
            this.running--;
            this.runningByKey.set(k, (this.runningByKey.get(k) ?? 1) - 1);
            this.schedule();
          });
        },
      });
      this.schedule();
    });
  }

  /** Whether a task of this key may start now (unkeyed tasks are bounded only by `concurrency`). */
  private mayStart(key: string): boolean {
    return key === '' || (this.runningByKey.get(key) ?? 0) < this.perKey;
  }

  /** The index of the first waiting task allowed to start, or -1; at most `maxQueued` are looked at. */
  private nextRunnable(): number {
    for (let i = this.head; i < this.queue.length; i++) {
      if (this.mayStart((this.queue[i] as Task).key)) return i;
    }
    return -1;
  }

  private schedule(): void {
    if (this.draining) return;
    this.draining = true;
    // setImmediate, not a microtask: pending I/O (new requests, their acknowledgements) goes first. Each turn
    // then runs tasks for a slice of time, so work and acknowledgements take turns instead of starving each other.
    setImmediate(() => {
      this.draining = false;
      const until = performance.now() + this.sliceMs;
      while (this.running < this.concurrency) {
        const runnable = this.nextRunnable();
        if (runnable < 0) break;
        const next = this.queue[runnable] as Task;
        if (runnable === this.head) this.queue[this.head++] = DONE;
        else this.queue.splice(runnable, 1);
        next.start();
        if (performance.now() >= until) break;
      }
      if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue.splice(0, this.head);
        this.head = 0;
      }
      if (this.running < this.concurrency && this.nextRunnable() >= 0) this.schedule();
    });
  }
}

const DONE: Task = { key: '', start: () => {} };

/** Runs `task` in the lane when there is one (else at once); null means the lane is full: answer BUSY_TEXT. */
export function inLane<T>(
  lane: WorkLane | undefined,
  task: () => Promise<T>,
  key?: string,
): Promise<T> | null {
  return lane ? lane.submit(task, key) : task();
}

/** Work is already waiting: acknowledge at once rather than hold the answer hoping to give it inline. */
export function laneBacklogged(lane: WorkLane | undefined): boolean {
  return (lane?.backlog ?? 0) > 2;
}

/** The answer a refused command gets: short, private, and says what to do. */
export const BUSY_TEXT = 'Paperboy is very busy right now: please try again in a few seconds.';
