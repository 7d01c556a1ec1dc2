// Ports of the daily digest: choosing papers for a channel, and delivering a post through a platform.
import type { Paper } from '../catalog/paper.js';
import type { PreferenceModel } from '../feedback/preferences.js';
import type { Cadence, ChannelKey, Follow, PaperMessages, Platform } from '../store/types.js';
import type { View } from '../views/types.js';

export interface DigestRequest {
  topics: string[];
  exclude: string[];
  count: number;
  /** Papers the channel already got (or has pending): never picked again. */
  sent: ReadonlySet<string>;
  /** The local date of the slot, YYYY-MM-DD (recency is judged against it). */
  date: string;
  /** Papers the channel said are not for it (src/feedback/votes.ts): never picked. */
  hidden?: ReadonlySet<string>;
  /** What the channel's votes taught (src/feedback/preferences.ts); without it, ranking is as before votes. */
  preferences?: PreferenceModel;
  /** Authors and labs the channel follows: their new papers enter the digest ("by Sergey Levine"). */
  follows?: readonly Follow[];
  /**
   * weekly: the round-up — only papers listed in the seven days ending on `date`, ranked mostly by momentum
   * (upvote growth, upvotes, trending rank) and by the channel's votes. Default daily.
   */
  cadence?: Cadence;
}

export interface DigestPick {
  paper: Paper;
  score: number;
  /** Shown in the post: "matches: diffusion". */
  reason: string;
  matchedTopics: string[];
}

export interface DigestPlanner {
  select(request: DigestRequest): DigestPick[];
}

export interface OutgoingPost {
  channel: ChannelKey;
  view: View;
  /** Idempotency key for the platform (Discord nonce + enforce_nonce); stable across retries of one delivery. */
  nonce: string;
  /**
   * A message of the channel this post answers (a follow-up on a digest): Slack posts in its thread, Discord as a
   * reply to it. Without it the post stands alone.
   */
  replyTo?: string;
}

export type DeliveryResult =
  | {
      ok: true;
      messageIds: string[];
      /** Which message holds which paper's card (a digest split over messages); absent: the first holds all. */
      paperMessages?: PaperMessages;
    }
  | { ok: false; kind: 'rate-limited'; retryAfterMs: number }
  | { ok: false; kind: 'unreachable'; reason: string }
  | { ok: false; kind: 'transient'; reason: string };

/** Implemented by Discord, Slack and the console. Never throws for platform refusals: it returns them. */
export interface DeliveryPort {
  readonly platform: Platform;
  deliver(post: OutgoingPost): Promise<DeliveryResult>;
}
