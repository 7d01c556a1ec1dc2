// Fakes implementing the digest's ports for tests: papers, a word-matching search engine, an in-memory store, a platform.

import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { Paper } from '../../src/catalog/paper.js';
import type { Clock } from '../../src/clock.js';
import { createDigestPlanner } from '../../src/digest/planner.js';
import type { DeliveryPort, DeliveryResult, OutgoingPost } from '../../src/digest/types.js';
import type { SearchEngine, SearchHit, SearchOutcome } from '../../src/search/types.js';
import { CHANNEL_SETTING_NAMESPACES } from '../../src/store/feedback.js';
import {
  type ChannelKey,
  type ChannelRecord,
  type ChannelSettings,
  DEFAULT_SETTINGS,
  type Delivery,
  type NotifySetting,
  type Platform,
  type Store,
} from '../../src/store/types.js';
import type { Summarizer, Summary } from '../../src/summarize/types.js';
import { FakeClock } from '../support/fake-clock.js';
import { paper } from '../support/paper.js';

export { paper };

function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** Scores papers by how often the query words occur (title counts triple); every word must occur. */
export class WordSearch implements SearchEngine {
  private readonly papers = new Map<string, Paper>();
  searches = 0;

  constructor(papers: readonly Paper[] = []) {
    this.upsert(papers);
  }

  search(query: string, options: { limit?: number } = {}): SearchOutcome {
    this.searches++;
    const q = words(query);
    if (q.length === 0) return { ok: false, message: 'empty query' };
    const hits: SearchHit[] = [];
    for (const p of this.papers.values()) {
      const title = words(p.title);
      const body = words(`${p.abstract} ${p.keywords.join(' ')}`);
      let score = 0;
      let all = true;
      for (const w of q) {
        const n = 3 * title.filter((t) => t === w).length + body.filter((t) => t === w).length;
        if (n === 0) all = false;
        score += n;
      }
      if (all) hits.push({ paper: p, score, matched: q });
    }
    hits.sort((a, b) => b.score - a.score || a.paper.id.localeCompare(b.paper.id));
    return { ok: true, hits: hits.slice(0, options.limit ?? 10), total: hits.length };
  }

  suggest(): SearchHit[] {
    return [];
  }

  resolve(reference: string): Paper | undefined {
    return this.papers.get(reference);
  }

  get(id: string): Paper | undefined {
    return this.papers.get(id);
  }

  upsert(papers: readonly Paper[]): void {
    for (const p of papers) this.papers.set(p.id, p);
  }

  get size(): number {
    return this.papers.size;
  }

  all(): Iterable<Paper> {
    return this.papers.values();
  }
}

export const echoSummarizer: Summarizer = {
  async summarize(p: Paper): Promise<Summary> {
    return { tldr: `TL;DR of ${p.title}.`, keyPoints: [`point about ${p.id}`], by: 'builtin' };
  },
  async overview(papers) {
    return { themes: '', lines: papers.map((p) => ({ id: p.id, line: p.title })) };
  },
};

/**
 * The planner, summarizer and paper lookup of a digest test, all over one word search: spread it into a runner's or
 * scheduler's deps so each test names only what it is about (store, ports, clock, retries).
 */
export function wordDigest(search: WordSearch) {
  return { planner: createDigestPlanner(search), summarizer: echoSummarizer, papers: search };
}

const label = (k: ChannelKey) => `${k.platform}:${k.workspace}:${k.channel}`;

/** Where a fake store takes its time from when a test gives it none: a fixed instant, never the wall clock. */
export const MEMORY_STORE_EPOCH = '2025-01-01T00:00:00Z';

/**
 * An in-memory Store with the ledger semantics of the real ones (unique slot, leases, nonce kept). Like the real
 * stores it stamps and judges leases by its clock; a test that moves time passes the clock its scheduler reads.
 */
export class MemoryStore implements Store {
  readonly kind = 'sqlite' as const;
  constructor(private readonly clock: { now(): Date } = fixedClock(MEMORY_STORE_EPOCH)) {}
  readonly channels = new Map<string, ChannelRecord>();
  readonly deliveries = new Map<string, Delivery>();
  private readonly values = new Map<string, string>();
  private papers: Paper[] = [];

  async migrate(): Promise<void> {}
  async ping(): Promise<boolean> {
    return true;
  }
  async close(): Promise<void> {}

  async getChannel(key: ChannelKey) {
    return this.channels.get(label(key));
  }
  async listChannels(filter: { platform?: Platform; workspace?: string } = {}) {
    return [...this.channels.values()].filter(
      (c) =>
        (!filter.platform || c.platform === filter.platform) &&
        (!filter.workspace || c.workspace === filter.workspace),
    );
  }
  async updateChannel(key: ChannelKey, change: Partial<ChannelSettings>, by: string) {
    const now = this.clock.now().toISOString();
    const old = this.channels.get(label(key));
    const next: ChannelRecord = {
      ...(old ?? {
        ...DEFAULT_SETTINGS,
        ...key,
        createdAt: now,
        version: 0,
        unreachable: null,
        failures: 0,
      }),
      ...change,
      updatedAt: now,
      updatedBy: by,
      version: (old?.version ?? 0) + 1,
    } as ChannelRecord;
    this.channels.set(label(key), next);
    return next;
  }
  /** Test helper: a channel subscribed since `createdAt`. */
  addChannel(key: ChannelKey, settings: Partial<ChannelSettings>, createdAt = '2000-01-01T00:00:00Z') {
    const record: ChannelRecord = {
      ...DEFAULT_SETTINGS,
      ...key,
      ...settings,
      createdAt,
      updatedAt: createdAt,
      updatedBy: 'test',
      version: 1,
      unreachable: null,
      failures: 0,
    };
    this.channels.set(label(key), record);
    return record;
  }
  async removeChannel(key: ChannelKey) {
    // As the real stores: the settings kept in kv go with the channel's row.
    for (const ns of CHANNEL_SETTING_NAMESPACES) this.values.delete(`${ns}/${label(key)}`);
    return this.channels.delete(label(key));
  }
  async setUnreachable(key: ChannelKey, reason: string | null) {
    const c = this.channels.get(label(key));
    if (!c) return;
    c.unreachable = reason === null ? null : { reason, since: this.clock.now().toISOString() };
    if (reason === null) c.failures = 0;
  }
  async recordFailure(key: ChannelKey) {
    const c = this.channels.get(label(key));
    if (!c) return 0;
    c.failures++;
    return c.failures;
  }

  async sentPaperIds(key: ChannelKey) {
    const out = new Set<string>();
    for (const d of this.deliveries.values()) {
      if (label(d) === label(key) && (d.status === 'sent' || d.status === 'pending')) {
        for (const id of d.paperIds) out.add(id);
      }
    }
    return out;
  }
  async claimDelivery(key: ChannelKey, slot: string, paperIds: string[], owner: string, leaseMs: number) {
    const id = `${label(key)}@${slot}`;
    const now = this.clock.now().getTime();
    const existing = this.deliveries.get(id);
    const leaseUntil = new Date(now + leaseMs).toISOString();
    if (!existing) {
      const d: Delivery = {
        ...key,
        id,
        slot,
        paperIds: [...paperIds],
        status: 'pending',
        attempts: 1,
        nonce: randomBytes(8).toString('hex'),
        error: null,
        owner,
        leaseUntil,
        createdAt: new Date(now).toISOString(),
        sentAt: null,
        messageIds: [],
      };
      this.deliveries.set(id, d);
      return structuredClone(d);
    }
    if (existing.status !== 'pending') return undefined;
    if (existing.leaseUntil && Date.parse(existing.leaseUntil) > now) return undefined;
    existing.owner = owner;
    existing.leaseUntil = leaseUntil;
    existing.attempts++;
    return structuredClone(existing);
  }
  async markSent(id: string, messageIds: string[]) {
    const d = this.deliveries.get(id);
    if (!d) return;
    d.status = 'sent';
    d.messageIds = messageIds;
    d.sentAt = this.clock.now().toISOString();
    d.owner = null;
    d.leaseUntil = null;
    const c = this.channels.get(label(d));
    if (c) c.failures = 0;
  }
  async markFailed(
    id: string,
    error: string,
    final: boolean,
    opts: { owner?: string; retryAfterMs?: number } = {},
  ) {
    const d = this.deliveries.get(id);
    if (d?.status !== 'pending' || (opts.owner && d.owner && d.owner !== opts.owner)) return;
    d.error = error;
    d.owner = null;
    d.leaseUntil = opts.retryAfterMs
      ? new Date(this.clock.now().getTime() + opts.retryAfterMs).toISOString()
      : null;
    if (final) d.status = 'failed';
  }
  async markSkipped(id: string, reason: string, opts: { owner?: string } = {}) {
    const d = this.deliveries.get(id);
    if (d?.status !== 'pending' || (opts.owner && d.owner && d.owner !== opts.owner)) return;
    d.status = 'skipped';
    d.error = reason;
    d.owner = null;
    d.leaseUntil = null;
  }
  async pendingDeliveries(limit = 100) {
    const now = this.clock.now().getTime();
    return [...this.deliveries.values()]
      .filter((d) => d.status === 'pending' && (!d.leaseUntil || Date.parse(d.leaseUntil) <= now))
      .slice(0, limit)
      .map((d) => structuredClone(d));
  }
  async getDelivery(key: ChannelKey, slot: string) {
    const d = this.deliveries.get(`${label(key)}@${slot}`);
    return d ? structuredClone(d) : undefined;
  }
  async listDeliveries(key: ChannelKey, limit = 50) {
    return [...this.deliveries.values()]
      .filter((d) => label(d) === label(key))
      .sort((a, b) => b.slot.localeCompare(a.slot))
      .slice(0, limit);
  }

  async upsertPapers(papers: readonly Paper[]) {
    this.papers = [...this.papers.filter((p) => !papers.some((q) => q.id === p.id)), ...papers];
  }
  async loadPapers() {
    return this.papers;
  }
  async getValue(ns: string, key: string) {
    return this.values.get(`${ns}/${key}`);
  }
  async setValue(ns: string, key: string, value: string) {
    this.values.set(`${ns}/${key}`, value);
  }
  async deleteValue(ns: string, key: string) {
    this.values.delete(`${ns}/${key}`);
  }
  // What a channel keeps (reading lists, feeds, Zotero) is no part of the digest tests' world.
  savePaper = unsupported;
  removeSaved = unsupported;
  getSaved = unsupported;
  listSaved = unsupported;
  countSaved = unsupported;
  recordZotero = unsupported;
  feedToken = unsupported;
  revokeFeedToken = unsupported;
  feedChannel = unsupported;
  getZoteroLink = unsupported;
  setZoteroLink = unsupported;
  removeZoteroLink = unsupported;
  zoteroBacklogChannels = unsupported;
  forgetChannel = unsupported;
  storedChannels = unsupported;
  // Nobody votes, follows or asks for pings here: the digest reads empty feedback, and writing it needs a real store.
  setVote = unsupported;
  voteCounts = unsupported;
  async listVotes() {
    return [];
  }
  follow = unsupported;
  unfollow = unsupported;
  async listFollows() {
    return [];
  }
  /** Members' ping topics per channel label, so digest tests can see who is mentioned. */
  readonly notify = new Map<string, NotifySetting[]>();
  async setNotify(key: ChannelKey, user: string, topics: string[]) {
    const setting: NotifySetting = { user, topics, updatedAt: this.clock.now().toISOString() };
    const rest = (this.notify.get(label(key)) ?? []).filter((n) => n.user !== user);
    this.notify.set(
      label(key),
      [...rest, setting].sort((a, b) => a.user.localeCompare(b.user)),
    );
    return setting;
  }
  removeNotify = unsupported;
  // The reading group needs a real store; channels here have none.
  getReadingGroup = async () => undefined;
  setReadingGroup = unsupported;
  removeReadingGroup = unsupported;
  async listReadingGroups() {
    return [];
  }
  nominate = unsupported;
  voteNomination = unsupported;
  listNominations = unsupported;
  joinRotation = unsupported;
  leaveRotation = unsupported;
  listMembers = unsupported;
  recordMeeting = unsupported;
  getMeeting = unsupported;
  listMeetings = unsupported;
  volunteer = unsupported;
  getVolunteer = unsupported;
  withdraw = unsupported;
  setMeetingPaper = unsupported;
  moveMeeting = unsupported;
  async listNotify(key: ChannelKey) {
    return this.notify.get(label(key)) ?? [];
  }
  // Follow-ups need a real store; digests here only leave their snapshots, and carry no queued follow-ups.
  readonly snapshots: { channel: string; slot: string; paperIds: string[] }[] = [];
  async recordSnapshots(key: ChannelKey, slot: string, snapshots: readonly { paperId: string }[]) {
    this.snapshots.push({ channel: label(key), slot, paperIds: snapshots.map((s) => s.paperId) });
  }
  async sentSnapshots() {
    return [];
  }
  claimFollowup = unsupported;
  markFollowupSent = unsupported;
  markFollowupFailed = unsupported;
  async takeQueuedFollowups() {
    return [];
  }
  listFollowups = unsupported;
}

async function unsupported(): Promise<never> {
  throw new Error('MemoryStore keeps no reading lists, feeds, Zotero links or feedback: use a real store');
}

export type Script = (post: OutgoingPost, attempt: number) => DeliveryResult | Promise<DeliveryResult>;

/**
 * A platform that records what it was asked to post. Like Discord with enforce_nonce, a second post with a
 * nonce it already accepted is answered with the first message and not shown twice.
 */
export class RecordingPort implements DeliveryPort {
  readonly calls: OutgoingPost[] = [];
  readonly shown: OutgoingPost[] = [];
  private readonly byNonce = new Map<string, string>();
  private readonly attempts = new Map<string, number>();

  constructor(
    readonly platform: Platform,
    private readonly script: Script = () => ({ ok: true, messageIds: [] }),
  ) {}

  async deliver(post: OutgoingPost): Promise<DeliveryResult> {
    this.calls.push(post);
    const ch = label(post.channel);
    const attempt = (this.attempts.get(ch) ?? 0) + 1;
    this.attempts.set(ch, attempt);
    const known = this.byNonce.get(post.nonce);
    if (known) return { ok: true, messageIds: [known] };
    const result = await this.script(post, attempt);
    if (result.ok) {
      const id = `m${this.shown.length + 1}`;
      this.byNonce.set(post.nonce, id);
      this.shown.push(post);
      return { ok: true, messageIds: [id] };
    }
    return result;
  }

  shownIn(channel: string): OutgoingPost[] {
    return this.shown.filter((p) => label(p.channel) === channel);
  }
}

/** The one fake clock of test/support, started at `iso`. */
export function fixedClock(iso: string): FakeClock {
  return new FakeClock(iso);
}

/** A pino logger whose lines tests can read. */
export function captureLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

/**
 * Timers on a virtual clock that moves by itself: sleep() resolves when run() finds nothing else to do and
 * advances time to it, so waits cost no real time. (FakeClock moves only when a test says so.)
 */
export class VirtualTimers implements Clock {
  private t = 0;
  private seq = 0;
  private pending: Array<{ at: number; seq: number; resolve: () => void }> = [];

  now(): Date {
    return new Date(this.t);
  }

  /** Virtual milliseconds since the start. */
  ms(): number {
    return this.t;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.pending.push({ at: this.t + Math.max(0, ms), seq: this.seq++, resolve });
    });
  }

  /** Advances virtual time timer by timer until `work` settles. */
  async run<T>(work: Promise<T>): Promise<T> {
    let settled = false;
    void work.then(
      () => {
        settled = true;
      },
      () => {
        settled = true;
      },
    );
    for (;;) {
      await new Promise((r) => setImmediate(r));
      if (settled) return work;
      this.pending.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.pending.shift();
      if (!next) throw new Error('virtual timers: work is stuck with no timer pending');
      this.t = Math.max(this.t, next.at);
      next.resolve();
    }
  }
}
