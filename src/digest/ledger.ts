// The digest's ledger writes beyond claim/markSent, in one place, always naming the owner of the claim.
import type { LedgerStore } from '../store/types.js';

/** Ends a delivery: it will not be retried (its papers are free for a later digest). */
export function failForGood(store: LedgerStore, id: string, error: string, owner: string): Promise<void> {
  return store.markFailed(id, error, true, { owner });
}

/** Releases a delivery for a later attempt (the next tick, or no sooner than `retryAfterMs`). */
export function retryLater(
  store: LedgerStore,
  id: string,
  error: string,
  owner: string,
  retryAfterMs?: number,
): Promise<void> {
  return store.markFailed(id, error, false, retryAfterMs === undefined ? { owner } : { owner, retryAfterMs });
}

/** Records a slot that will not be posted (missed beyond the grace, or nothing new and silent). */
export function skip(store: LedgerStore, id: string, reason: string, owner: string): Promise<void> {
  return store.markSkipped(id, reason, { owner });
}
