// The digest ledger's state machine and argument checks, shared by the SQLite and PostgreSQL stores.
//
// One row per (platform, workspace, channel, slot) — a UNIQUE key, so a slot can never have two deliveries.
//
//   (no row) ──claim(P)──▶ pending{owner=A, lease=now+L, attempts=1, paperIds=P, nonce=N}
//
//   pending, lease live ──claim by anyone──▶ unchanged; claim returns undefined
//       (a live lease means a worker is on it, even when the caller has the same owner name)
//   pending, lease over ──claim by B──▶ pending{owner=B, lease=now+L, attempts+1}
//       keeping the stored paperIds and nonce: a retry re-sends the SAME papers with the SAME platform
//       idempotency key, whatever the caller would pick today
//   pending ──markSent(messageIds)──▶ sent{sentAt, messageIds}                        terminal
//   pending ──markFailed(final)──▶ failed{error}                                        terminal
//   pending ──markFailed(not final, retryAfterMs?)──▶ pending{owner=∅, lease=now+retryAfterMs or ∅, error}
//       (lease released, so the next claim takes it; retryAfterMs holds every worker off until then)
//   pending ──markSkipped(reason)──▶ skipped{error=reason}                             terminal
//   failed | skipped ──markSent──▶ sent   (a slow worker's post did go out: the platform's word wins)
//   sent, failed, skipped: claim returns undefined; markFailed/markSkipped change nothing.
//
// markFailed and markSkipped take the caller's owner name: if another worker has taken the delivery over
// since (the caller's lease ran out), they change nothing, so a late worker cannot release a live claim.
// markSent applies whoever calls it, because it records a fact: the platform accepted the post.
//
// Exactly once: the intended post (papers + nonce) is written before sending. A crash after the platform
// accepted the post but before markSent leaves the row pending; once the lease runs out another worker takes
// it over and re-sends the same post with the same nonce, which the platform drops as a duplicate where it
// has idempotency (Discord: nonce + enforce_nonce). Where it has none, that narrow window is at-least-once.
// Two workers never both own a slot: claims are atomic (SQLite: one write transaction; PostgreSQL:
// INSERT … ON CONFLICT DO NOTHING, then SELECT … FOR UPDATE SKIP LOCKED and a conditional update).
// Leases are judged by the store's clock (the callers' clocks); keep leases far longer than clock skew.
//
// sentPaperIds = paper ids of sent and pending deliveries: a pending post's papers are spoken for.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { type ChannelKey, type DeliveryStatus, PlatformSchema } from './types.js';

export type ClaimDecision = 'take-over' | 'held' | 'done';

/** What claim does with an existing row at time `now`. */
export function claimDecision(
  row: { status: DeliveryStatus | string; leaseUntil: string | null },
  now: Date,
): ClaimDecision {
  if (row.status !== 'pending') return 'done';
  if (row.leaseUntil !== null && Date.parse(row.leaseUntil) > now.getTime()) return 'held';
  return 'take-over';
}

/** Platform idempotency key: 16 URL-safe characters, within Discord's 25-character nonce limit. */
export function newNonce(): string {
  return randomBytes(12).toString('base64url');
}

const id = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

export const ChannelKeySchema = z.object({ platform: PlatformSchema, workspace: id, channel: id });

export const ClaimSchema = z.object({
  key: ChannelKeySchema,
  slot: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}/, 'must be the local date of the slot, YYYY-MM-DD')
    .max(64, 'must be at most 64 characters'),
  paperIds: z.array(id).max(100, 'at most 100 papers per delivery'),
  owner: id,
  leaseMs: z.number().int('must be whole milliseconds').positive('must be positive'),
});

/** Parses store arguments; a bad one is a programming error, reported with the argument's name. */
export function checked<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${what}.${issue.path.join('.')}` : what;
  throw new TypeError(`store: ${where} ${issue?.message ?? 'is invalid'}`);
}

export function checkKey(key: ChannelKey): ChannelKey {
  return checked(ChannelKeySchema, key, 'channel key');
}
