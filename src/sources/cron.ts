// The cron port the source refresher schedules through: node-cron in production, a hand-driven fake in tests.
import cron from 'node-cron';

export interface CronTask {
  /** When the task runs next, or undefined when it never will. */
  nextRun(): Date | undefined;
  destroy(): void | Promise<void>;
}

export interface CronOptions {
  timezone: string;
  name: string;
  /** Each run starts up to this much later, at random, to spread replicas apart. */
  maxRandomDelayMs: number;
}

export interface Cron {
  validate(expression: string): boolean;
  /** `run` may return a promise: the next run waits for it. */
  schedule(expression: string, run: () => unknown, options: CronOptions): CronTask;
}

/** node-cron, which reads the wall clock: a run never overlaps the one before it. */
export const nodeCron: Cron = {
  validate: (expression) => cron.validate(expression),
  schedule(expression, run, options) {
    const task = cron.schedule(expression, run, {
      timezone: options.timezone,
      name: options.name,
      noOverlap: true,
      maxRandomDelay: options.maxRandomDelayMs,
    });
    return { nextRun: () => task.getNextRun() ?? undefined, destroy: () => task.destroy() };
  },
};
