// The digest's few writes to the ledger beyond claim/markSent, in one place: failing, retrying later, skipping.
import type { LedgerStore } from '../store/types.js';

/** Ends a delivery: it will not be retried (its papers are free for a later digest). */
export function failForGood(store: LedgerStore, id: string, error: string, _owner: string): Promise<void> {
  return store.markFailed(id, error, true);
}

/** Releases a delivery for a later attempt (the next tick, or after `retryAfterMs`). */
export function retryLater(
  store: LedgerStore,
  id: string,
  error: string,
  _owner: string,
  _retryAfterMs?: number,
): Promise<void> {
  return store.markFailed(id, error, false);
}

/** Records a slot that will not be posted (missed beyond the grace, or nothing new and silent). */
export function skip(store: LedgerStore, id: string, reason: string, _owner: string): Promise<void> {
  return store.markFailed(id, `skipped: ${reason}`, true);
}
