// The Store port: channel configuration, the digest ledger, fetched papers and small key-value state.
import { z } from 'zod';
import type { Paper } from '../catalog/paper.js';

export const PlatformSchema = z.enum(['discord', 'slack', 'console']);
export type Platform = z.infer<typeof PlatformSchema>;

export interface ChannelKey {
  platform: Platform;
  /** Discord guild id, Slack team id, or "local" for the console. */
  workspace: string;
  channel: string;
}

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface ChannelSettings {
  topics: string[];
  exclude: string[];
  /** Local time of the daily digest, HH:MM (24 h). */
  time: string;
  /** IANA time zone name. */
  timezone: string;
  days: Weekday[];
  /** Papers per digest, 1–10. */
  count: number;
  paused: boolean;
  /** What a day with nothing new posts: a one-line notice, or nothing. */
  whenEmpty: 'notice' | 'silent';
  /** Thumbnails on digest cards; a channel may switch them off (images:off). */
  images: boolean;
  /** daily: a digest on each of `days`; weekly: one round-up of the week's best on `weeklyDay`. */
  cadence: Cadence;
  /** The weekly round-up's day (kept while the channel is daily, so switching back restores it). */
  weeklyDay: Weekday;
}

export const CADENCES = ['daily', 'weekly'] as const;
export type Cadence = (typeof CADENCES)[number];

export const DEFAULT_SETTINGS: ChannelSettings = {
  topics: [],
  exclude: [],
  time: '09:00',
  timezone: 'UTC',
  days: [...WEEKDAYS],
  count: 5,
  paused: false,
  whenEmpty: 'notice',
  images: true,
  cadence: 'daily',
  weeklyDay: 'fri',
};

export interface ChannelRecord extends ChannelKey, ChannelSettings {
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
  /** Incremented on every change. */
  version: number;
  /** Set when the platform refused posts (deleted channel, bot removed, no permission) too often. */
  unreachable: { reason: string; since: string } | null;
  /** Consecutive failed deliveries; reset by a success. */
  failures: number;
}

export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'skipped';

/** Paper id → the id of the message of a post holding its card (a digest split over several messages). */
export type PaperMessages = Record<string, string>;

export interface Delivery extends ChannelKey {
  id: string;
  /** The local date of the slot, YYYY-MM-DD: one delivery per channel and slot. */
  slot: string;
  paperIds: string[];
  status: DeliveryStatus;
  attempts: number;
  /** Idempotency key handed to the platform (Discord nonce). */
  nonce: string;
  error: string | null;
  /** Worker that holds the claim, and until when. */
  owner: string | null;
  leaseUntil: string | null;
  createdAt: string;
  sentAt: string | null;
  /** Platform message ids once confirmed. */
  messageIds: string[];
}

export interface ChannelStore {
  getChannel(key: ChannelKey): Promise<ChannelRecord | undefined>;
  listChannels(filter?: { platform?: Platform; workspace?: string }): Promise<ChannelRecord[]>;
  /**
   * Applies a partial change in one transaction (creating the channel with defaults if new), so two admins
   * changing different settings at once both keep theirs; every change bumps `version`.
   */
  updateChannel(key: ChannelKey, change: Partial<ChannelSettings>, by: string): Promise<ChannelRecord>;
  /**
   * Forgets the configuration, with the settings kept beside it (followups mode); the ledger stays, so
   * subscribing again never repeats a paper.
   */
  removeChannel(key: ChannelKey): Promise<boolean>;
  /**
   * Marks a channel unreachable (reason; `since` keeps the first time) or reachable again (null, which also
   * resets the failure count). Not a configuration change: `version` stays.
   */
  setUnreachable(key: ChannelKey, reason: string | null): Promise<void>;
  /** One more consecutive failed delivery; returns the new count (0 for an unknown channel). */
  recordFailure(key: ChannelKey): Promise<number>;
}

export interface LedgerStore {
  /** Every paper id the channel has been sent (or has pending), for "never the same paper twice". */
  sentPaperIds(key: ChannelKey): Promise<Set<string>>;
  /**
   * Records the intended post for (channel, slot) before sending. Returns the delivery when this caller owns it
   * (new, or pending with an expired lease), or undefined when another worker holds it or it is already done.
   * Taking over an existing delivery returns ITS paper ids and nonce, not the ones passed: a retry re-sends the
   * same post. The state machine is described in src/store/ledger.ts.
   */
  claimDelivery(
    key: ChannelKey,
    slot: string,
    paperIds: string[],
    owner: string,
    leaseMs: number,
  ): Promise<Delivery | undefined>;
  /**
   * The platform confirmed the post: records its message ids (and which holds which paper's card) and resets the
   * channel's failure count. The queued follow-ups tied to it are settled as sent in the same transaction.
   */
  markSent(id: string, messageIds: string[], paperMessages?: PaperMessages): Promise<void>;
  /**
   * A pending delivery failed: `final` ends it (status failed, its papers free again); otherwise the lease is
   * released for a retry, no sooner than `retryAfterMs`. With `owner`, nothing changes once another worker has
   * taken the delivery over.
   */
  markFailed(
    id: string,
    error: string,
    final: boolean,
    opts?: { owner?: string; retryAfterMs?: number },
  ): Promise<void>;
  /** A pending delivery that will not be posted (slot missed beyond the grace, nothing new and silent). */
  markSkipped(id: string, reason: string, opts?: { owner?: string }): Promise<void>;
  getDelivery(key: ChannelKey, slot: string): Promise<Delivery | undefined>;
  /** Newest slot first; default 50. */
  listDeliveries(key: ChannelKey, limit?: number): Promise<Delivery[]>;
  /** Pending deliveries nobody holds now (lease over or released), oldest first: what a restart resumes. */
  pendingDeliveries(limit?: number): Promise<Delivery[]>;
}

export interface PaperStore {
  /** Papers fetched from live sources, kept so a restart needs no network. Same id replaces. */
  upsertPapers(papers: readonly Paper[]): Promise<void>;
  loadPapers(): Promise<Paper[]>;
}

export interface KeyValueStore {
  getValue(namespace: string, key: string): Promise<string | undefined>;
  setValue(namespace: string, key: string, value: string): Promise<void>;
  deleteValue(namespace: string, key: string): Promise<void>;
  /** Deletes the namespace's values last set before `olderThan`; returns how many went. */
  pruneValues?(namespace: string, olderThan: Date): Promise<number>;
}

/** A paper someone kept in a channel's reading list. */
export interface SavedPaper {
  paperId: string;
  savedBy: string;
  savedAt: string;
  /** The item's key in the channel's Zotero library once it got there; null until then. */
  zoteroItem: string | null;
  /** Why the last attempt to add it to Zotero failed; null when none has. */
  zoteroError: string | null;
}

/** A channel's Zotero group library; the API key is sealed (src/keep/secret.ts) before it reaches the store. */
export interface ZoteroLink {
  groupId: string;
  sealedKey: string;
  updatedAt: string;
  updatedBy: string;
}

/** What a channel keeps beyond its digest: its reading list, its feed token and its Zotero library. */
export interface KeepStore {
  /** Saves a paper once per channel: saving it again keeps the first saver and time (`created` false). */
  savePaper(key: ChannelKey, paperId: string, by: string): Promise<{ saved: SavedPaper; created: boolean }>;
  removeSaved(key: ChannelKey, paperId: string): Promise<boolean>;
  getSaved(key: ChannelKey, paperId: string): Promise<SavedPaper | undefined>;
  /** Newest first; default 50. */
  listSaved(key: ChannelKey, opts?: { limit?: number; offset?: number }): Promise<SavedPaper[]>;
  countSaved(key: ChannelKey): Promise<number>;
  /** The outcome of adding a saved paper to Zotero: its item key, or why it failed (kept for a retry). */
  recordZotero(
    key: ChannelKey,
    paperId: string,
    outcome: { item: string } | { error: string },
  ): Promise<void>;
  /** The channel's feed token, created (unguessable) when `create` is set and there is none. */
  feedToken(key: ChannelKey, create?: boolean): Promise<string | undefined>;
  /** Forgets the token: its feed answers 404 from now on; the next `feedToken(key, true)` makes a new one. */
  revokeFeedToken(key: ChannelKey): Promise<boolean>;
  /** The channel a feed token belongs to. */
  feedChannel(token: string): Promise<ChannelKey | undefined>;
  getZoteroLink(key: ChannelKey): Promise<ZoteroLink | undefined>;
  setZoteroLink(key: ChannelKey, link: { groupId: string; sealedKey: string }, by: string): Promise<void>;
  removeZoteroLink(key: ChannelKey): Promise<boolean>;
  /** Channels linked to Zotero that have saves Zotero has not taken yet, for a background retry. */
  zoteroBacklogChannels(limit?: number): Promise<ChannelKey[]>;
  /**
   * Deletes everything the channel has here but its ledger: configuration, reading list, feed token, Zotero
   * link, votes, follows and personal pings (removeChannel, which resets a channel that subscribes afresh,
   * keeps what it saved and taught).
   */
  forgetChannel(key: ChannelKey): Promise<void>;
  /**
   * Every channel of a workspace that has something here forgetChannel would delete (configured or not: a
   * channel may have only votes or a reading list), in id order; for forgetting a workspace that went away.
   */
  storedChannels(workspace: { platform: Platform; workspace: string }): Promise<ChannelKey[]>;
}

/** One member's vote on a paper in a channel. */
export interface Vote {
  paperId: string;
  user: string;
  value: 1 | -1;
  /** Cast by someone who manages the channel: their 👎 alone says "not for this channel". */
  admin: boolean;
  votedAt: string;
}

export interface VoteCounts {
  up: number;
  down: number;
}

export type FollowKind = 'author' | 'org';

/** An author or lab a channel follows; `key` is the normalised name (src/feedback/names.ts) it is matched by. */
export interface Follow {
  kind: FollowKind;
  key: string;
  name: string;
  followedBy: string;
  followedAt: string;
}

/** A member who asked to be mentioned when a digest paper matches their own topics. */
export interface NotifySetting {
  user: string;
  topics: string[];
  updatedAt: string;
}

/** What a channel tells Paperboy about its feed: votes, followed authors and labs, personal pings. */
export interface FeedbackStore {
  /** One vote per member per paper per channel: voting again replaces it. Returns the paper's new counts. */
  setVote(
    key: ChannelKey,
    paperId: string,
    user: string,
    value: 1 | -1,
    opts?: { admin?: boolean },
  ): Promise<VoteCounts>;
  voteCounts(key: ChannelKey, paperId: string): Promise<VoteCounts>;
  /** The channel's votes, oldest first (what the channel's ranking learns from). */
  listVotes(key: ChannelKey): Promise<Vote[]>;
  /** Following again keeps the first follower (`created` false). */
  follow(
    key: ChannelKey,
    follow: { kind: FollowKind; key: string; name: string },
    by: string,
  ): Promise<{ follow: Follow; created: boolean }>;
  unfollow(key: ChannelKey, kind: FollowKind, nameKey: string): Promise<boolean>;
  /** In the order they were followed. */
  listFollows(key: ChannelKey): Promise<Follow[]>;
  /** Replaces the member's topics. */
  setNotify(key: ChannelKey, user: string, topics: string[]): Promise<NotifySetting>;
  removeNotify(key: ChannelKey, user: string): Promise<boolean>;
  listNotify(key: ChannelKey): Promise<NotifySetting[]>;
}

/**
 * What a channel saw of a paper when a digest carried it (code link, arXiv version, venue, Hub counts): the
 * follow-ups compare the catalog's newer state with it. Free-form JSON to the store (src/followups/detect.ts).
 */
export type SnapshotState = Record<string, unknown>;

/** A paper a channel received in a digest that went out, with what it looked like then. */
export interface SentSnapshot extends ChannelKey {
  paperId: string;
  slot: string;
  state: SnapshotState;
  takenAt: string;
  /** The digest's message ids. */
  messageIds: string[];
  /** The message holding this paper's card, when the platform said (a follow-up answers it); else null. */
  paperMessage: string | null;
}

/** Where a page of sentSnapshots stopped: its last snapshot (the order's keys). */
export type SnapshotCursor = Pick<SentSnapshot, 'takenAt' | 'platform' | 'workspace' | 'channel' | 'paperId'>;

/** pending: being posted on its own; queued: waits for the channel's next digest; sent, failed: settled. */
export type FollowupStatus = 'pending' | 'queued' | 'sent' | 'failed';

/** One follow-up on one paper in one channel for one change ("code", "version:2"): the row keeps it once. */
export interface Followup extends ChannelKey {
  id: string;
  paperId: string;
  change: string;
  /** The line posted, fixed when first claimed so a retry posts the same words. */
  text: string;
  status: FollowupStatus;
  attempts: number;
  nonce: string;
  /** The message it answers in a thread (Slack thread_ts, Discord message reference). */
  replyTo: string | null;
  /** The digest a queued follow-up went out with. */
  deliveryId: string | null;
  owner: string | null;
  leaseUntil: string | null;
  error: string | null;
  createdAt: string;
  sentAt: string | null;
  messageIds: string[];
}

/**
 * The follow-up ledger, the digest ledger's sibling (state machine in src/store/followups.ts): at most one
 * follow-up per channel, paper and change, whatever restarts or replicas do.
 */
export interface FollowupStore {
  /** What the channel is about to receive; the same paper again replaces it (a retry re-sends its state now). */
  recordSnapshots(
    key: ChannelKey,
    slot: string,
    snapshots: readonly { paperId: string; state: SnapshotState }[],
  ): Promise<void>;
  /**
   * Snapshots of papers whose digest was sent, taken at or after `since`, oldest first: at most `limit` (default
   * 10,000), after `after` (the previous page's last snapshot) when given.
   */
  sentSnapshots(since: Date, limit?: number, after?: SnapshotCursor): Promise<SentSnapshot[]>;
  /**
   * Claims the follow-up for (channel, paper, change): new (pending with a lease, or queued for the digest),
   * or pending with its lease over; undefined when another worker holds it or it is settled or queued.
   * Taking over keeps the stored text, reply and nonce.
   */
  claimFollowup(
    key: ChannelKey,
    followup: { paperId: string; change: string; text: string; replyTo: string | null; queued: boolean },
    owner: string,
    leaseMs: number,
  ): Promise<Followup | undefined>;
  markFollowupSent(id: string, messageIds: string[]): Promise<void>;
  /** As markFailed for digests: final ends it, otherwise the lease is released (no sooner than retryAfterMs). */
  markFollowupFailed(
    id: string,
    error: string,
    final: boolean,
    opts?: { owner?: string; retryAfterMs?: number },
  ): Promise<void>;
  /**
   * The channel's queued follow-ups, tied to this digest delivery: those not yet tied to one (or tied to a
   * digest that failed or was skipped) and those already tied to it. `onlyTied` takes no new ones: a retry of a
   * digest re-sends what its first attempt carried, which the platform may already show. `limit` ties at most
   * that many (oldest first, counting those already tied): the rest wait for the next digest rather than being
   * settled unseen. markSent on the digest settles them.
   */
  takeQueuedFollowups(
    key: ChannelKey,
    deliveryId: string,
    opts?: { onlyTied?: boolean; limit?: number },
  ): Promise<Followup[]>;
  /** Newest first; default 50. */
  listFollowups(key: ChannelKey, limit?: number): Promise<Followup[]>;
}

/** A channel's reading group meeting: every week on `day` at `time` in `timezone`. */
export interface ReadingGroup {
  day: Weekday;
  /** HH:MM, 24 h. */
  time: string;
  /** IANA time zone name. */
  timezone: string;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

/** A paper put up for the reading group, with the members who voted for it. */
export interface Nomination {
  paperId: string;
  nominatedBy: string;
  nominatedAt: string;
  /** User ids, in the order they voted. */
  voters: string[];
  /** When the paper came back from a meeting that could not move: it is read next, ahead of the votes. */
  requeuedAt?: string;
}

/** A member in the presenter rotation. */
export interface ReadingMember {
  user: string;
  name: string;
  joinedAt: string;
}

/** One meeting as announced: the paper, and who presents (a volunteer, or the rotation's pick). */
export interface Meeting {
  /** The meeting's local date, YYYY-MM-DD. */
  date: string;
  /** Null when the queue was empty at the announcement. */
  paperId: string | null;
  presenter: string | null;
  presenterName: string | null;
  volunteered: boolean;
  createdAt: string;
}

/** The reading group: its meeting, the nomination queue and its votes, the rotation, and past meetings. */
export interface ReadingGroupStore {
  getReadingGroup(key: ChannelKey): Promise<ReadingGroup | undefined>;
  setReadingGroup(
    key: ChannelKey,
    meeting: { day: Weekday; time: string; timezone: string },
    by: string,
  ): Promise<ReadingGroup>;
  /** Ends the meetings; the queue, rotation and past meetings stay for a later schedule. */
  removeReadingGroup(key: ChannelKey): Promise<boolean>;
  listReadingGroups(): Promise<Array<ChannelKey & ReadingGroup>>;
  /** Nominating again keeps the first nomination (`created` false). */
  nominate(
    key: ChannelKey,
    paperId: string,
    by: string,
  ): Promise<{ nomination: Nomination; created: boolean }>;
  /** One vote per member per nomination; undefined when the paper is not in the queue. */
  voteNomination(
    key: ChannelKey,
    paperId: string,
    user: string,
  ): Promise<{ nomination: Nomination; created: boolean } | undefined>;
  /** Most votes first, then the earliest nominated. */
  listNominations(key: ChannelKey): Promise<Nomination[]>;
  joinRotation(key: ChannelKey, user: string, name: string): Promise<boolean>;
  leaveRotation(key: ChannelKey, user: string): Promise<boolean>;
  /** In the order they joined. */
  listMembers(key: ChannelKey): Promise<ReadingMember[]>;
  /**
   * Records the meeting of `date` once: the first call wins and takes its paper out of the queue (with its votes);
   * later calls change nothing and get the recorded meeting (`created` false). A volunteer held for the meeting
   * presents it instead of `presenter` (the meeting is then `volunteered`).
   */
  recordMeeting(
    key: ChannelKey,
    meeting: { date: string; paperId: string | null; presenter: string | null; presenterName: string | null },
  ): Promise<{ meeting: Meeting; created: boolean }>;
  getMeeting(key: ChannelKey, date: string): Promise<Meeting | undefined>;
  /** Oldest first. */
  listMeetings(key: ChannelKey): Promise<Meeting[]>;
  /**
   * Makes `user` the presenter of the meeting of `date`, first come first served: before its announcement the
   * first volunteer is held for it (the announcement names them, not the rotation's pick); after it, the first
   * volunteer takes over from the rotation's pick. Atomic across processes: of two at once, exactly one gets
   * `taken`. `created` is false when nothing changed (someone else presents, or `user` did already).
   */
  volunteer(key: ChannelKey, date: string, user: string, name: string): Promise<Volunteering>;
  /** The volunteer held for a meeting not yet announced. */
  getVolunteer(key: ChannelKey, date: string): Promise<Volunteer | undefined>;
  /**
   * `user` no longer presents the meeting of `date`: before its announcement their volunteering is dropped (the
   * rotation picks again); after it the meeting has no presenter until someone volunteers. False when `user`
   * was not presenting it.
   */
  withdraw(key: ChannelKey, date: string, user: string): Promise<{ announced: boolean; withdrawn: boolean }>;
  /**
   * The meeting of `date` was announced with no paper (the queue was empty): `paperId` becomes its paper, and
   * leaves the queue with its votes, as an announced paper does. Only the first such call: undefined when the
   * meeting is not announced or has its paper already (then nothing changes).
   */
  setMeetingPaper(key: ChannelKey, date: string, paperId: string): Promise<Meeting | undefined>;
  /**
   * The schedule moved: the meeting recorded for `from` is held on `to` instead, with the same paper and presenter.
   * If `to` has a meeting already, that one stays; the meeting of `from` is dropped and its paper goes back to the
   * front of the queue (nominated again by `by` if it had left it). Undefined when `from` has no meeting.
   */
  moveMeeting(key: ChannelKey, from: string, to: string, by: string): Promise<MeetingMove | undefined>;
}

/** What moving a meeting did: moved it, or kept the meeting already on the new date and dropped this one. */
export type MeetingMove =
  | { moved: true; meeting: Meeting }
  | { moved: false; dropped: Meeting; kept: Meeting };

/** A member who said they present a meeting before it was announced. */
export interface Volunteer {
  user: string;
  name: string;
  volunteeredAt: string;
}

/** What volunteering did: held for the coming announcement, or taken on the announced meeting. */
export type Volunteering =
  | { announced: false; volunteer: Volunteer; taken: boolean; created: boolean }
  | { announced: true; meeting: Meeting; taken: boolean; created: boolean };

export interface Store
  extends ChannelStore,
    LedgerStore,
    PaperStore,
    KeyValueStore,
    KeepStore,
    FeedbackStore,
    FollowupStore,
    ReadingGroupStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Runs versioned migrations; called once at start-up. */
  migrate(): Promise<void>;
  /** Cheap liveness probe for /healthz. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
