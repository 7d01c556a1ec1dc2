// Deletes key-value entries past their time to live, at start and then every hour (button lines, delivery progress).
import type { Logger } from 'pino';
import type { Clock } from '../clock.js';
import type { KeyValueStore } from './types.js';

export interface PruneRule {
  namespace: string;
  ttlMs: number;
}

export interface PruningOptions {
  store: KeyValueStore;
  clock: Clock;
  logger: Logger;
  rules: readonly PruneRule[];
  everyMs?: number;
}

/** One pass over the rules: how many entries were deleted (0 when the store cannot prune). */
export async function pruneOnce(options: PruningOptions): Promise<number> {
  const { store } = options;
  if (!store.pruneValues) return 0;
  let deleted = 0;
  for (const rule of options.rules) {
    const olderThan = new Date(options.clock.now().getTime() - rule.ttlMs);
    deleted += await store.pruneValues(rule.namespace, olderThan);
  }
  return deleted;
}

/** Runs pruneOnce now and every `everyMs` (default one hour); the returned function stops it. */
export function startPruning(options: PruningOptions): () => void {
  const run = () => {
    pruneOnce(options).then(
      (deleted) => {
        if (deleted > 0) options.logger.info({ deleted }, 'store: expired entries deleted');
      },
      (err: unknown) => options.logger.warn({ err }, 'store: could not delete expired entries'),
    );
  };
  run();
  const timer = setInterval(run, options.everyMs ?? 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
