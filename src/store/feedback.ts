// Rows and argument checks of a channel's feedback (votes, followed authors and labs, personal pings), for both dialects.
import { z } from 'zod';
import { FOLLOWUP_MODE } from './followups.js';
import { checked } from './ledger.js';
import { iso } from './rows.js';
import type { ChannelKey, Follow, FollowKind, NotifySetting, Vote, VoteCounts } from './types.js';

/** kv namespace of "learn only from votes after this time" (settings reset_learning:yes), named by channelId. */
export const LEARNING_RESET = 'learning-reset';

/**
 * kv namespaces of channel settings kept outside the channels table: removeChannel (a channel subscribing
 * afresh starts from the defaults) deletes the channel's entry in each, as it deletes its row.
 */
export const CHANNEL_SETTING_NAMESPACES = [FOLLOWUP_MODE] as const;

/** kv namespaces whose names are a channelId: forgetChannel deletes the channel's entry in each. */
export const CHANNEL_VALUE_NAMESPACES = [LEARNING_RESET, ...CHANNEL_SETTING_NAMESPACES] as const;

/** A channel as one kv name: "discord:G1:C-general". */
export function channelId(key: ChannelKey): string {
  return `${key.platform}:${key.workspace}:${key.channel}`;
}

/** The start every channelId of a workspace shares ("discord:G1:"): the rest of the name is the channel. */
export function workspacePrefix(workspace: Pick<ChannelKey, 'platform' | 'workspace'>): string {
  return `${workspace.platform}:${workspace.workspace}:`;
}

export interface VoteRow {
  paper_id: string;
  user_id: string;
  value: number;
  by_admin: number | boolean;
  voted_at: string | Date;
}

export interface FollowRow {
  kind: string;
  name_key: string;
  display_name: string;
  followed_by: string;
  followed_at: string | Date;
}

export interface NotifyRow {
  user_id: string;
  topics: string | string[];
  updated_at: string | Date;
}

export function toVote(row: VoteRow): Vote {
  return {
    paperId: row.paper_id,
    user: row.user_id,
    value: row.value > 0 ? 1 : -1,
    admin: Boolean(row.by_admin),
    votedAt: iso(row.voted_at),
  };
}

export function toFollow(row: FollowRow): Follow {
  return {
    kind: row.kind as FollowKind,
    key: row.name_key,
    name: row.display_name,
    followedBy: row.followed_by,
    followedAt: iso(row.followed_at),
  };
}

export function toNotify(row: NotifyRow): NotifySetting {
  return {
    user: row.user_id,
    topics: typeof row.topics === 'string' ? (JSON.parse(row.topics) as string[]) : row.topics,
    updatedAt: iso(row.updated_at),
  };
}

/** Counts from the (value, n) rows of a GROUP BY; drivers hand counts back as numbers or numeric strings. */
export function countsOf(rows: readonly { value: number; n: number | string }[]): VoteCounts {
  let up = 0;
  let down = 0;
  for (const r of rows) {
    if (Number(r.value) > 0) up += Number(r.n);
    else down += Number(r.n);
  }
  return { up, down };
}

const userId = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

export function checkUser(user: string): string {
  return checked(userId, user, 'user');
}

export function checkVote(value: number): 1 | -1 {
  if (value !== 1 && value !== -1) throw new TypeError('store: a vote is +1 or -1');
  return value;
}

export const FollowSchema = z.object({
  kind: z.enum(['author', 'org']),
  key: z.string().trim().min(1, 'must not be empty').max(200),
  name: z.string().trim().min(1, 'must not be empty').max(200),
});

/** A member's topics: 1–10 phrases of at most 100 characters each. */
export const NotifyTopicsSchema = z
  .array(z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'))
  .min(1, 'name at least one topic')
  .max(10, 'at most 10 topics');
