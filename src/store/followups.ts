// The follow-up ledger's state machine, rows and argument checks, shared by the SQLite and PostgreSQL stores.
//
// One row per (platform, workspace, channel, paper, change) — a UNIQUE key, so a change is followed up once.
//
//   (no row) ──claim(inline)──▶ pending{owner=A, lease=now+L, attempts=1, text, replyTo, nonce}
//   (no row) ──claim(digest)──▶ queued{}                      waits for the channel's next digest
//   pending, lease live ──claim──▶ unchanged; claim returns undefined
//   pending, lease over ──claim by B──▶ pending{owner=B, lease=now+L, attempts+1}, same text, reply and nonce
//   pending ──markFollowupSent──▶ sent                                                 terminal
//   pending ──markFollowupFailed(final)──▶ failed                                      terminal
//   pending ──markFollowupFailed(not final)──▶ pending{owner=∅, lease=retry time or ∅}
//   queued ──takeQueuedFollowups(digest D, limit)──▶ queued{deliveryId=D}   (again when D failed or was skipped;
//                                                     past `limit`, left for the next digest)
//   queued{deliveryId=D} ──markSent(D), same transaction──▶ sent                       terminal
//   sent, failed, queued: claim returns undefined.
//
// Exactly once as for digests: the row (and its text and nonce) is written before posting; a crash after the
// platform took the post but before markFollowupSent leaves it pending, and the worker that takes it over
// re-sends with the same nonce (Discord drops the repeat; Slack looks for the post's metadata first).
import { z } from 'zod';
import { ChannelKeySchema } from './ledger.js';
import { iso, list } from './rows.js';
import type { Followup, FollowupStatus, Platform, SentSnapshot, SnapshotState } from './types.js';

type Timestamp = string | Date;

/**
 * kv namespace of a channel's followups setting (settings followups:inline|digest|off; absent means inline),
 * named by channelId. A setting like the ones in the channels table: removeChannel and forgetChannel clear it.
 */
export const FOLLOWUP_MODE = 'followups-mode';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max);

export const SnapshotsSchema = z.object({
  key: ChannelKeySchema,
  slot: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}/, 'must be the local date of the slot, YYYY-MM-DD')
    .max(64),
  snapshots: z.array(z.object({ paperId: text(200), state: z.record(z.string(), z.unknown()) })).max(100),
});

export const FollowupClaimSchema = z.object({
  key: ChannelKeySchema,
  followup: z.object({
    paperId: text(200),
    change: text(200),
    text: text(2000),
    replyTo: z.string().min(1).max(200).nullable(),
    queued: z.boolean(),
  }),
  owner: text(200),
  leaseMs: z.number().int('must be whole milliseconds').positive('must be positive'),
});

export interface SnapshotRow {
  platform: string;
  workspace: string;
  channel: string;
  paper_id: string;
  slot: string;
  state: string | SnapshotState;
  taken_at: Timestamp;
  message_ids: string | string[];
  /** The digest's paper → message map (migration 8). */
  paper_messages?: string | Record<string, unknown> | null;
}

export interface FollowupRow {
  id: string;
  platform: string;
  workspace: string;
  channel: string;
  paper_id: string;
  change: string;
  text: string;
  status: string;
  attempts: number;
  nonce: string;
  reply_to: string | null;
  delivery_id: string | null;
  owner: string | null;
  lease_until: Timestamp | null;
  error: string | null;
  created_at: Timestamp;
  sent_at: Timestamp | null;
  message_ids: string | string[];
}

function json<T>(value: string | T): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}

export function toSnapshot(row: SnapshotRow): SentSnapshot {
  return {
    platform: row.platform as Platform,
    workspace: row.workspace,
    channel: row.channel,
    paperId: row.paper_id,
    slot: row.slot,
    state: json<SnapshotState>(row.state),
    takenAt: iso(row.taken_at),
    messageIds: list(row.message_ids),
    paperMessage: paperMessageOf(row),
  };
}

/** The message holding the snapshot's paper, read leniently: anything but a non-empty string is unknown. */
function paperMessageOf(row: SnapshotRow): string | null {
  if (!row.paper_messages) return null;
  const map = json<Record<string, unknown>>(row.paper_messages);
  const id = Object.hasOwn(map, row.paper_id) ? map[row.paper_id] : undefined;
  return typeof id === 'string' && id.length > 0 ? id : null;
}

export function toFollowup(row: FollowupRow): Followup {
  return {
    id: row.id,
    platform: row.platform as Platform,
    workspace: row.workspace,
    channel: row.channel,
    paperId: row.paper_id,
    change: row.change,
    text: row.text,
    status: row.status as FollowupStatus,
    attempts: Number(row.attempts),
    nonce: row.nonce,
    replyTo: row.reply_to,
    deliveryId: row.delivery_id,
    owner: row.owner,
    leaseUntil: iso(row.lease_until),
    error: row.error,
    createdAt: iso(row.created_at),
    sentAt: iso(row.sent_at),
    messageIds: list(row.message_ids),
  };
}
