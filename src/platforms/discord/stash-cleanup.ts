// Deletes stashed button lines and finished delivery records past their time to live, at start and every hour.
import type { Logger } from 'pino';
import type { Clock } from '../../clock.js';
import { type PruneRule, pruneOnce, startPruning } from '../../store/prune.js';
import type { KeyValueStore } from '../../store/types.js';
import { STASH_NAMESPACE, STASH_TTL_MS } from './custom-id.js';
import { DELIVERY_NAMESPACES, DELIVERY_RECORD_TTL_MS } from './delivery.js';

export interface StashCleanupOptions {
  store: KeyValueStore;
  clock: Clock;
  logger: Logger;
  ttlMs?: number;
  everyMs?: number;
}

function rules(ttlMs = STASH_TTL_MS): PruneRule[] {
  return [
    { namespace: STASH_NAMESPACE, ttlMs },
    ...DELIVERY_NAMESPACES.map((namespace) => ({ namespace, ttlMs: DELIVERY_RECORD_TTL_MS })),
  ];
}

/** One clean-up pass: the number of entries deleted (0 when the store cannot prune). */
export function pruneStash(options: StashCleanupOptions): Promise<number> {
  return pruneOnce({ ...options, rules: rules(options.ttlMs) });
}

/** Runs pruneStash now and every `everyMs` (default one hour); the returned function stops it. */
export function startStashCleanup(options: StashCleanupOptions): () => void {
  return startPruning({ ...options, rules: rules(options.ttlMs) });
}
