// Deletes stashed button lines past their time to live, at start and then every hour.
import type { Logger } from 'pino';
import type { Clock } from '../../app/types.js';
import type { KeyValueStore } from '../../store/types.js';
import { STASH_NAMESPACE, STASH_TTL_MS } from './custom-id.js';

export interface StashCleanupOptions {
  store: KeyValueStore;
  clock: Clock;
  logger: Logger;
  ttlMs?: number;
  everyMs?: number;
}

/** One clean-up pass: the number of stashed lines deleted (0 when the store cannot prune). */
export async function pruneStash(options: StashCleanupOptions): Promise<number> {
  if (!options.store.pruneValues) return 0;
  const olderThan = new Date(options.clock.now().getTime() - (options.ttlMs ?? STASH_TTL_MS));
  return options.store.pruneValues(STASH_NAMESPACE, olderThan);
}

/** Runs pruneStash now and every `everyMs` (default one hour); the returned function stops it. */
export function startStashCleanup(options: StashCleanupOptions): () => void {
  const run = () => {
    pruneStash(options).then(
      (deleted) => {
        if (deleted > 0) options.logger.info({ deleted }, 'discord: expired button lines deleted');
      },
      (err: unknown) => options.logger.warn({ err }, 'discord: could not delete expired button lines'),
    );
  };
  run();
  const timer = setInterval(run, options.everyMs ?? 3_600_000);
  timer.unref();
  return () => clearInterval(timer);
}
