// The Store on SQLite (better-sqlite3): one file in WAL mode, every read-modify-write in one IMMEDIATE transaction.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from 'pino';
import type { Paper } from '../catalog/paper.js';
import type { Clock } from '../clock.js';
import { BUSY_WAIT_MS, retryWhenBusy } from './busy-retry.js';
import {
  CHANNEL_SETTING_NAMESPACES,
  CHANNEL_VALUE_NAMESPACES,
  channelId,
  checkUser,
  checkVote,
  countsOf,
  type FollowRow,
  FollowSchema,
  type NotifyRow,
  NotifyTopicsSchema,
  toFollow,
  toNotify,
  toVote,
  type VoteRow,
  workspacePrefix,
} from './feedback.js';
import {
  FollowupClaimSchema,
  type FollowupRow,
  type SnapshotRow,
  SnapshotsSchema,
  toFollowup,
  toSnapshot,
} from './followups.js';
import {
  checkBy,
  checkPaperId,
  FEED_TOKEN,
  newFeedToken,
  pageOf,
  type SavedRow,
  toSaved,
  toZoteroLink,
  type ZoteroLinkRow,
  ZoteroLinkSchema,
  zoteroOutcome,
} from './keep.js';
import { ClaimSchema, checked, checkKey, claimDecision, newNonce } from './ledger.js';
import { MIGRATIONS_TABLE, pendingMigrations } from './migrations.js';
import {
  checkDate,
  checkName,
  type MeetingRow,
  MeetingScheduleSchema,
  MeetingSchema,
  type MemberRow,
  type NominationRow,
  type ReadingGroupRow,
  toMeeting,
  toMember,
  toNominations,
  toReadingGroup,
  toVolunteer,
  type VolunteerRow,
} from './reading-group.js';
import { type ChannelRow, type DeliveryRow, mergeSettings, toChannel, toDelivery, toPaper } from './rows.js';
import {
  byName,
  CHANNEL_TABLES,
  errorText,
  limitOf,
  retryAt,
  type StoreDiagnostics,
  settingsChange,
} from './shared.js';
import type {
  ChannelKey,
  ChannelRecord,
  ChannelSettings,
  Delivery,
  Follow,
  FollowKind,
  Followup,
  Meeting,
  MeetingMove,
  Nomination,
  NotifySetting,
  PaperMessages,
  Platform,
  ReadingGroup,
  ReadingMember,
  SavedPaper,
  SentSnapshot,
  SnapshotCursor,
  SnapshotState,
  Store,
  Volunteer,
  Volunteering,
  Vote,
  VoteCounts,
  ZoteroLink,
} from './types.js';

const KEY = 'platform = @platform AND workspace = @workspace AND channel = @channel';

export class SqliteStore implements Store, StoreDiagnostics {
  readonly kind = 'sqlite' as const;
  private closed = false;

  private constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  /** `path` is a file (its directory is created) or ":memory:". */
  static open(path: string, clock: Clock, logger: Logger): SqliteStore {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path, { timeout: BUSY_WAIT_MS });
    try {
      db.pragma(`busy_timeout = ${BUSY_WAIT_MS}`);
      if (path !== ':memory:') db.pragma('journal_mode = WAL');
      // WAL + NORMAL: durable across process crashes; only an OS crash can lose the last commits.
      db.pragma('synchronous = NORMAL');
      db.pragma('foreign_keys = ON');
    } catch (error) {
      db.close();
      throw error;
    }
    // A lock another process holds is waited for asynchronously (busy-retry.ts), never for long on the loop.
    return retryWhenBusy(new SqliteStore(db, clock, logger), {
      onWait: (method, attempt) => {
        if (attempt === 0) logger.debug({ method }, 'store: database is locked by another process; waiting');
      },
    });
  }

  private readonly statements = new Map<string, Database.Statement>();

  /** Prepared once per SQL text: preparing costs more than running these small statements. */
  private sql(text: string): Database.Statement {
    let statement = this.statements.get(text);
    if (!statement) {
      statement = this.db.prepare(text);
      this.statements.set(text, statement);
    }
    return statement;
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  async migrate(): Promise<void> {
    this.db.exec(
      `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`,
    );
    // IMMEDIATE: a second process starting at the same moment waits here, then finds nothing left to do.
    const run = this.db.transaction(() => {
      const applied = this.sql(`SELECT version FROM ${MIGRATIONS_TABLE}`)
        .all()
        .map((r) => (r as { version: number }).version);
      const todo = pendingMigrations(applied);
      for (const m of todo) {
        this.db.exec(m.sqlite);
        this.sql(`INSERT INTO ${MIGRATIONS_TABLE} (version, name, applied_at) VALUES (?, ?, ?)`).run(
          m.version,
          m.name,
          this.now(),
        );
      }
      return todo;
    });
    for (const m of run.immediate()) this.logger.info({ version: m.version }, `store: migrated (${m.name})`);
  }

  async ping(): Promise<boolean> {
    if (this.closed) return false;
    try {
      return this.sql('SELECT 1 AS ok').get() !== undefined;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  // ---------- channels ----------

  private channelRow(key: ChannelKey): ChannelRow | undefined {
    return this.sql(`SELECT * FROM channels WHERE ${KEY}`).get(key) as ChannelRow | undefined;
  }

  async getChannel(key: ChannelKey): Promise<ChannelRecord | undefined> {
    const row = this.channelRow(checkKey(key));
    return row ? toChannel(row) : undefined;
  }

  async listChannels(filter: { platform?: Platform; workspace?: string } = {}): Promise<ChannelRecord[]> {
    const rows = this.sql(
      `SELECT * FROM channels WHERE (@platform IS NULL OR platform = @platform)
           AND (@workspace IS NULL OR workspace = @workspace) ORDER BY platform, workspace, channel`,
    ).all({ platform: filter.platform ?? null, workspace: filter.workspace ?? null }) as ChannelRow[];
    return rows.map(toChannel);
  }

  async updateChannel(key: ChannelKey, change: Partial<ChannelSettings>, by: string): Promise<ChannelRecord> {
    const k = checkKey(key);
    const valid = settingsChange(change);
    const who = checked(byName, by, 'updatedBy');
    const write = this.db.transaction(() => {
      const row = this.channelRow(k);
      const settings = mergeSettings(row ? toChannel(row) : undefined, valid);
      const now = this.now();
      const values = {
        ...k,
        topics: JSON.stringify(settings.topics),
        exclude: JSON.stringify(settings.exclude),
        time: settings.time,
        timezone: settings.timezone,
        days: JSON.stringify(settings.days),
        count: settings.count,
        paused: settings.paused ? 1 : 0,
        whenEmpty: settings.whenEmpty,
        images: settings.images ? 1 : 0,
        cadence: settings.cadence,
        weeklyDay: settings.weeklyDay,
        now,
        by: who,
      };
      if (row) {
        this.sql(
          `UPDATE channels SET topics = @topics, exclude = @exclude, digest_time = @time, timezone = @timezone,
               days = @days, paper_count = @count, paused = @paused, when_empty = @whenEmpty,
               images = @images, cadence = @cadence, weekly_day = @weeklyDay, updated_at = @now, updated_by = @by, version = version + 1 WHERE ${KEY}`,
        ).run(values);
      } else {
        this.sql(
          `INSERT INTO channels (platform, workspace, channel, topics, exclude, digest_time, timezone, days,
               paper_count, paused, when_empty, images, cadence, weekly_day, created_at, updated_at, updated_by,
               version)
             VALUES (@platform, @workspace, @channel, @topics, @exclude, @time, @timezone, @days, @count, @paused,
               @whenEmpty, @images, @cadence, @weeklyDay, @now, @now, @by, 1)`,
        ).run(values);
      }
      return toChannel(this.channelRow(k)!);
    });
    return write.immediate();
  }

  async removeChannel(key: ChannelKey): Promise<boolean> {
    const k = checkKey(key);
    const remove = this.db.transaction(() => {
      for (const namespace of CHANNEL_SETTING_NAMESPACES) {
        this.sql('DELETE FROM kv WHERE namespace = ? AND name = ?').run(namespace, channelId(k));
      }
      return this.sql(`DELETE FROM channels WHERE ${KEY}`).run(k).changes > 0;
    });
    return remove.immediate();
  }

  async setUnreachable(key: ChannelKey, reason: string | null): Promise<void> {
    const k = checkKey(key);
    if (reason === null) {
      this.sql(
        `UPDATE channels SET unreachable_reason = NULL, unreachable_since = NULL, failures = 0 WHERE ${KEY}`,
      ).run(k);
    } else {
      this.sql(
        `UPDATE channels SET unreachable_reason = @reason, unreachable_since = COALESCE(unreachable_since, @now)
           WHERE ${KEY}`,
      ).run({ ...k, reason: errorText(reason), now: this.now() });
    }
  }

  async recordFailure(key: ChannelKey): Promise<number> {
    const row = this.sql(`UPDATE channels SET failures = failures + 1 WHERE ${KEY} RETURNING failures`).get(
      checkKey(key),
    ) as { failures: number } | undefined;
    return row?.failures ?? 0;
  }

  // ---------- ledger ----------

  async sentPaperIds(key: ChannelKey): Promise<Set<string>> {
    const rows = this.sql(
      `SELECT paper_ids FROM deliveries WHERE ${KEY} AND status IN ('sent', 'pending')`,
    ).all(checkKey(key)) as { paper_ids: string }[];
    const ids = new Set<string>();
    for (const row of rows) for (const id of JSON.parse(row.paper_ids) as string[]) ids.add(id);
    return ids;
  }

  async claimDelivery(
    key: ChannelKey,
    slot: string,
    paperIds: string[],
    owner: string,
    leaseMs: number,
  ): Promise<Delivery | undefined> {
    const args = checked(ClaimSchema, { key, slot, paperIds, owner, leaseMs }, 'claim');
    const claim = this.db.transaction((): Delivery | undefined => {
      const now = this.clock.now();
      const values = {
        ...args.key,
        slot: args.slot,
        owner: args.owner,
        now: now.toISOString(),
        lease: new Date(now.getTime() + args.leaseMs).toISOString(),
      };
      const inserted = this.sql(
        `INSERT INTO deliveries (id, platform, workspace, channel, slot, paper_ids, status, attempts, nonce,
             owner, lease_until, created_at, updated_at)
           VALUES (@id, @platform, @workspace, @channel, @slot, @paperIds, 'pending', 1, @nonce, @owner, @lease,
             @now, @now)
           ON CONFLICT (platform, workspace, channel, slot) DO NOTHING RETURNING *`,
      ).get({ ...values, id: randomUUID(), paperIds: JSON.stringify(args.paperIds), nonce: newNonce() }) as
        | DeliveryRow
        | undefined;
      if (inserted) return toDelivery(inserted);
      const existing = this.sql(`SELECT * FROM deliveries WHERE ${KEY} AND slot = @slot`).get(values) as
        | DeliveryRow
        | undefined;
      if (!existing || claimDecision(toDelivery(existing), now) !== 'take-over') return undefined;
      const taken = this.sql(
        `UPDATE deliveries SET owner = @owner, lease_until = @lease, attempts = attempts + 1, updated_at = @now
           WHERE id = @id RETURNING *`,
      ).get({ ...values, id: existing.id }) as DeliveryRow;
      return toDelivery(taken);
    });
    return claim.immediate();
  }

  private requireDelivery(id: string): void {
    if (!this.sql('SELECT 1 FROM deliveries WHERE id = ?').get(id)) {
      throw new Error(`store: no delivery with id ${id}`);
    }
  }

  async markSent(id: string, messageIds: string[], paperMessages: PaperMessages = {}): Promise<void> {
    const mark = this.db.transaction(() => {
      const now = this.now();
      const values = { id, now, messageIds: JSON.stringify(messageIds) };
      const row = this.sql(
        `UPDATE deliveries SET status = 'sent', sent_at = @now, message_ids = @messageIds,
             paper_messages = @paperMessages, owner = NULL, lease_until = NULL, error = NULL, updated_at = @now
           WHERE id = @id AND status <> 'sent' RETURNING platform, workspace, channel`,
      ).get({ ...values, paperMessages: JSON.stringify(paperMessages) }) as ChannelKey | undefined;
      if (!row) return this.requireDelivery(id);
      // The queued follow-ups this digest carried went out with it: settled in the same transaction, so no crash
      // can leave them waiting for a digest that already showed them.
      this.sql(
        `UPDATE followups SET status = 'sent', sent_at = @now, message_ids = @messageIds, updated_at = @now
           WHERE delivery_id = @id AND status = 'queued'`,
      ).run(values);
      this.sql(
        `UPDATE channels SET failures = 0, unreachable_reason = NULL, unreachable_since = NULL WHERE ${KEY}`,
      ).run(row);
    });
    mark.immediate();
  }

  private finish(
    id: string,
    status: 'pending' | 'failed' | 'skipped',
    error: string,
    owner: string | undefined,
    leaseUntil: string | null,
  ): void {
    const changed = this.sql(
      `UPDATE deliveries SET status = @status, error = @error, owner = NULL, lease_until = @leaseUntil,
           updated_at = @now
         WHERE id = @id AND status = 'pending' AND (@owner IS NULL OR owner = @owner)`,
    ).run({ id, status, error: errorText(error), owner: owner ?? null, leaseUntil, now: this.now() });
    if (changed.changes === 0) this.requireDelivery(id);
  }

  async markFailed(
    id: string,
    error: string,
    final: boolean,
    opts: { owner?: string; retryAfterMs?: number } = {},
  ): Promise<void> {
    const lease = final ? null : retryAt(this.clock.now(), opts.retryAfterMs);
    this.finish(id, final ? 'failed' : 'pending', error, opts.owner, lease ? lease.toISOString() : null);
  }

  async markSkipped(id: string, reason: string, opts: { owner?: string } = {}): Promise<void> {
    this.finish(id, 'skipped', reason, opts.owner, null);
  }

  async getDelivery(key: ChannelKey, slot: string): Promise<Delivery | undefined> {
    const row = this.sql(`SELECT * FROM deliveries WHERE ${KEY} AND slot = @slot`).get({
      ...checkKey(key),
      slot,
    }) as DeliveryRow | undefined;
    return row ? toDelivery(row) : undefined;
  }

  async listDeliveries(key: ChannelKey, limit?: number): Promise<Delivery[]> {
    const rows = this.sql(
      `SELECT * FROM deliveries WHERE ${KEY} ORDER BY slot DESC, created_at DESC LIMIT @limit`,
    ).all({ ...checkKey(key), limit: limitOf(limit) }) as DeliveryRow[];
    return rows.map(toDelivery);
  }

  async pendingDeliveries(limit?: number): Promise<Delivery[]> {
    const rows = this.sql(
      `SELECT * FROM deliveries WHERE status = 'pending' AND (lease_until IS NULL OR lease_until <= @now)
         ORDER BY created_at, id LIMIT @limit`,
    ).all({ now: this.now(), limit: limitOf(limit) }) as DeliveryRow[];
    return rows.map(toDelivery);
  }

  // ---------- follow-ups: snapshots and their ledger (src/store/followups.ts) ----------

  async recordSnapshots(
    key: ChannelKey,
    slot: string,
    snapshots: readonly { paperId: string; state: SnapshotState }[],
  ): Promise<void> {
    const args = checked(SnapshotsSchema, { key, slot, snapshots }, 'snapshots');
    const upsert = this.sql(
      `INSERT INTO followup_snapshots (platform, workspace, channel, paper_id, slot, state, taken_at)
         VALUES (@platform, @workspace, @channel, @paperId, @slot, @state, @now)
         ON CONFLICT (platform, workspace, channel, paper_id)
         DO UPDATE SET slot = excluded.slot, state = excluded.state, taken_at = excluded.taken_at`,
    );
    const now = this.now();
    this.db.transaction(() => {
      for (const s of args.snapshots) {
        upsert.run({ ...args.key, slot: args.slot, paperId: s.paperId, state: JSON.stringify(s.state), now });
      }
    })();
  }

  async sentSnapshots(since: Date, limit?: number, after?: SnapshotCursor): Promise<SentSnapshot[]> {
    const rows = this.sql(
      `SELECT s.*, d.message_ids, d.paper_messages FROM followup_snapshots s
         JOIN deliveries d ON d.platform = s.platform AND d.workspace = s.workspace AND d.channel = s.channel
           AND d.slot = s.slot AND d.status = 'sent'
         WHERE s.taken_at >= @since
           AND (@afterAt IS NULL OR (s.taken_at, s.platform, s.workspace, s.channel, s.paper_id)
             > (@afterAt, @afterPlatform, @afterWorkspace, @afterChannel, @afterPaper))
         ORDER BY s.taken_at, s.platform, s.workspace, s.channel, s.paper_id
         LIMIT @limit`,
    ).all({
      since: since.toISOString(),
      limit: limitOf(limit, 10_000),
      afterAt: after?.takenAt ?? null,
      afterPlatform: after?.platform ?? null,
      afterWorkspace: after?.workspace ?? null,
      afterChannel: after?.channel ?? null,
      afterPaper: after?.paperId ?? null,
    }) as SnapshotRow[];
    return rows.map(toSnapshot);
  }

  async claimFollowup(
    key: ChannelKey,
    followup: { paperId: string; change: string; text: string; replyTo: string | null; queued: boolean },
    owner: string,
    leaseMs: number,
  ): Promise<Followup | undefined> {
    const args = checked(FollowupClaimSchema, { key, followup, owner, leaseMs }, 'follow-up claim');
    const claim = this.db.transaction((): Followup | undefined => {
      const now = this.clock.now();
      const f = args.followup;
      const values = {
        ...args.key,
        paperId: f.paperId,
        change: f.change,
        owner: args.owner,
        now: now.toISOString(),
        lease: new Date(now.getTime() + args.leaseMs).toISOString(),
      };
      const inserted = this.sql(
        `INSERT INTO followups (id, platform, workspace, channel, paper_id, change, text, status, attempts, nonce,
             reply_to, owner, lease_until, created_at, updated_at)
           VALUES (@id, @platform, @workspace, @channel, @paperId, @change, @text, @status, @attempts, @nonce,
             @replyTo, @claimer, @claimedUntil, @now, @now)
           ON CONFLICT (platform, workspace, channel, paper_id, change) DO NOTHING RETURNING *`,
      ).get({
        ...values,
        id: randomUUID(),
        text: f.text,
        status: f.queued ? 'queued' : 'pending',
        attempts: f.queued ? 0 : 1,
        nonce: newNonce(),
        replyTo: f.replyTo,
        claimer: f.queued ? null : args.owner,
        claimedUntil: f.queued ? null : values.lease,
      }) as FollowupRow | undefined;
      if (inserted) return f.queued ? undefined : toFollowup(inserted);
      const existing = this.sql(
        `SELECT * FROM followups WHERE ${KEY} AND paper_id = @paperId AND change = @change`,
      ).get(values) as FollowupRow | undefined;
      if (!existing || claimDecision(toFollowup(existing), now) !== 'take-over') return undefined;
      const taken = this.sql(
        `UPDATE followups SET owner = @owner, lease_until = @lease, attempts = attempts + 1, updated_at = @now
           WHERE id = @id RETURNING *`,
      ).get({ ...values, id: existing.id }) as FollowupRow;
      return toFollowup(taken);
    });
    return claim.immediate();
  }

  async markFollowupSent(id: string, messageIds: string[]): Promise<void> {
    const now = this.now();
    this.sql(
      `UPDATE followups SET status = 'sent', sent_at = @now, message_ids = @messageIds, owner = NULL,
           lease_until = NULL, error = NULL, updated_at = @now
         WHERE id = @id AND status <> 'sent'`,
    ).run({ id, now, messageIds: JSON.stringify(messageIds) });
  }

  async markFollowupFailed(
    id: string,
    error: string,
    final: boolean,
    opts: { owner?: string; retryAfterMs?: number } = {},
  ): Promise<void> {
    const lease = final ? null : retryAt(this.clock.now(), opts.retryAfterMs);
    this.sql(
      `UPDATE followups SET status = @status, error = @error, owner = NULL, lease_until = @lease, updated_at = @now
         WHERE id = @id AND status = 'pending' AND (@owner IS NULL OR owner = @owner)`,
    ).run({
      id,
      status: final ? 'failed' : 'pending',
      error: errorText(error),
      owner: opts.owner ?? null,
      lease: lease ? lease.toISOString() : null,
      now: this.now(),
    });
  }

  async takeQueuedFollowups(
    key: ChannelKey,
    deliveryId: string,
    opts: { onlyTied?: boolean; limit?: number } = {},
  ): Promise<Followup[]> {
    const values = { ...checkKey(key), deliveryId, now: this.now() };
    const take = this.db.transaction(() => {
      if (!opts.onlyTied) {
        const tied = opts.limit === undefined ? 0 : this.tiedCount(deliveryId);
        // SQLite reads LIMIT -1 as no limit.
        const room = opts.limit === undefined ? -1 : Math.max(0, limitOf(opts.limit) - tied);
        this.sql(
          `UPDATE followups SET delivery_id = @deliveryId, updated_at = @now
           WHERE id IN (SELECT id FROM followups
             WHERE ${KEY} AND status = 'queued' AND (delivery_id IS NULL OR delivery_id IN
               (SELECT id FROM deliveries WHERE status IN ('failed', 'skipped')))
             ORDER BY created_at, paper_id, change LIMIT @room)`,
        ).run({ ...values, room });
      }
      return this.sql(
        `SELECT * FROM followups WHERE delivery_id = @deliveryId AND status = 'queued' ORDER BY created_at, paper_id, change`,
      ).all(values) as FollowupRow[];
    });
    return take.immediate().map(toFollowup);
  }

  private tiedCount(deliveryId: string): number {
    const row = this.sql(
      `SELECT count(*) AS n FROM followups WHERE delivery_id = ? AND status = 'queued'`,
    ).get(deliveryId) as { n: number };
    return Number(row.n);
  }

  async listFollowups(key: ChannelKey, limit?: number): Promise<Followup[]> {
    const rows = this.sql(
      `SELECT * FROM followups WHERE ${KEY} ORDER BY created_at DESC, paper_id, change LIMIT @limit`,
    ).all({ ...checkKey(key), limit: limitOf(limit) }) as FollowupRow[];
    return rows.map(toFollowup);
  }

  // ---------- papers ----------

  async upsertPapers(papers: readonly Paper[]): Promise<void> {
    const upsert = this.sql(
      `INSERT INTO papers (id, data, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
    );
    const now = this.now();
    this.db.transaction(() => {
      for (const paper of papers) upsert.run(paper.id, JSON.stringify(paper), now);
    })();
  }

  async loadPapers(): Promise<Paper[]> {
    const rows = this.sql('SELECT id, data FROM papers ORDER BY id').all() as {
      id: string;
      data: string;
    }[];
    const bad = (id: string, reason: string) =>
      this.logger.warn({ paper: id, reason }, 'store: skipped a stored paper');
    return rows.map((r) => toPaper(r.id, r.data, bad)).filter((p): p is Paper => p !== undefined);
  }

  // ---------- key-value ----------

  async getValue(namespace: string, key: string): Promise<string | undefined> {
    const row = this.sql('SELECT value FROM kv WHERE namespace = ? AND name = ?').get(namespace, key) as
      | { value: string }
      | undefined;
    return row?.value;
  }

  async setValue(namespace: string, key: string, value: string): Promise<void> {
    this.sql(
      `INSERT INTO kv (namespace, name, value, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (namespace, name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    ).run(namespace, key, value, this.now());
  }

  async deleteValue(namespace: string, key: string): Promise<void> {
    this.sql('DELETE FROM kv WHERE namespace = ? AND name = ?').run(namespace, key);
  }

  async pruneValues(namespace: string, olderThan: Date): Promise<number> {
    return this.sql('DELETE FROM kv WHERE namespace = ? AND updated_at < ?').run(
      namespace,
      olderThan.toISOString(),
    ).changes;
  }

  // ---------- kept: reading list, feed token, Zotero link ----------

  async savePaper(
    key: ChannelKey,
    paperId: string,
    by: string,
  ): Promise<{ saved: SavedPaper; created: boolean }> {
    const values = { ...checkKey(key), paperId: checkPaperId(paperId), by: checkBy(by), now: this.now() };
    const save = this.db.transaction(() => {
      const created =
        this.sql(
          `INSERT INTO saved_papers (platform, workspace, channel, paper_id, saved_by, saved_at)
             VALUES (@platform, @workspace, @channel, @paperId, @by, @now) ON CONFLICT DO NOTHING`,
        ).run(values).changes > 0;
      const row = this.sql(`SELECT * FROM saved_papers WHERE ${KEY} AND paper_id = @paperId`).get(values);
      return { saved: toSaved(row as SavedRow), created };
    });
    return save.immediate();
  }

  async removeSaved(key: ChannelKey, paperId: string): Promise<boolean> {
    return (
      this.sql(`DELETE FROM saved_papers WHERE ${KEY} AND paper_id = @paperId`).run({
        ...checkKey(key),
        paperId: checkPaperId(paperId),
      }).changes > 0
    );
  }

  async getSaved(key: ChannelKey, paperId: string): Promise<SavedPaper | undefined> {
    const row = this.sql(`SELECT * FROM saved_papers WHERE ${KEY} AND paper_id = @paperId`).get({
      ...checkKey(key),
      paperId: checkPaperId(paperId),
    }) as SavedRow | undefined;
    return row ? toSaved(row) : undefined;
  }

  async listSaved(key: ChannelKey, opts?: { limit?: number; offset?: number }): Promise<SavedPaper[]> {
    const rows = this.sql(
      `SELECT * FROM saved_papers WHERE ${KEY} ORDER BY saved_at DESC, paper_id LIMIT @limit OFFSET @offset`,
    ).all({ ...checkKey(key), ...pageOf(opts) }) as SavedRow[];
    return rows.map(toSaved);
  }

  async countSaved(key: ChannelKey): Promise<number> {
    const row = this.sql(`SELECT COUNT(*) AS n FROM saved_papers WHERE ${KEY}`).get(checkKey(key)) as {
      n: number;
    };
    return row.n;
  }

  async recordZotero(
    key: ChannelKey,
    paperId: string,
    outcome: { item: string } | { error: string },
  ): Promise<void> {
    const { item, error } = zoteroOutcome(outcome);
    // A failure never clears an item key an earlier attempt got.
    this.sql(
      `UPDATE saved_papers SET zotero_item = COALESCE(@item, zotero_item), zotero_error = @error
         WHERE ${KEY} AND paper_id = @paperId`,
    ).run({ ...checkKey(key), paperId: checkPaperId(paperId), item, error });
  }

  async feedToken(key: ChannelKey, create = false): Promise<string | undefined> {
    const k = checkKey(key);
    const read = () =>
      (this.sql(`SELECT token FROM feed_tokens WHERE ${KEY}`).get(k) as { token: string } | undefined)?.token;
    if (!create) return read();
    const make = this.db.transaction(() => {
      this.sql(
        `INSERT INTO feed_tokens (platform, workspace, channel, token, created_at)
           VALUES (@platform, @workspace, @channel, @token, @now) ON CONFLICT DO NOTHING`,
      ).run({ ...k, token: newFeedToken(), now: this.now() });
      return read();
    });
    return make.immediate();
  }

  async revokeFeedToken(key: ChannelKey): Promise<boolean> {
    return this.sql(`DELETE FROM feed_tokens WHERE ${KEY}`).run(checkKey(key)).changes > 0;
  }

  async feedChannel(token: string): Promise<ChannelKey | undefined> {
    if (!FEED_TOKEN.test(token)) return undefined;
    const row = this.sql('SELECT platform, workspace, channel FROM feed_tokens WHERE token = ?').get(token) as
      | ChannelKey
      | undefined;
    return row ? { platform: row.platform, workspace: row.workspace, channel: row.channel } : undefined;
  }

  async getZoteroLink(key: ChannelKey): Promise<ZoteroLink | undefined> {
    const row = this.sql(`SELECT * FROM zotero_links WHERE ${KEY}`).get(checkKey(key)) as
      | ZoteroLinkRow
      | undefined;
    return row ? toZoteroLink(row) : undefined;
  }

  async setZoteroLink(
    key: ChannelKey,
    link: { groupId: string; sealedKey: string },
    by: string,
  ): Promise<void> {
    const valid = checked(ZoteroLinkSchema, link, 'zotero link');
    this.sql(
      `INSERT INTO zotero_links (platform, workspace, channel, group_id, sealed_key, updated_at, updated_by)
         VALUES (@platform, @workspace, @channel, @groupId, @sealedKey, @now, @by)
         ON CONFLICT (platform, workspace, channel) DO UPDATE SET group_id = excluded.group_id,
           sealed_key = excluded.sealed_key, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    ).run({ ...checkKey(key), ...valid, now: this.now(), by: checkBy(by) });
  }

  async removeZoteroLink(key: ChannelKey): Promise<boolean> {
    return this.sql(`DELETE FROM zotero_links WHERE ${KEY}`).run(checkKey(key)).changes > 0;
  }

  async zoteroBacklogChannels(limit?: number): Promise<ChannelKey[]> {
    const rows = this.sql(
      `SELECT DISTINCT z.platform, z.workspace, z.channel FROM zotero_links z
         JOIN saved_papers s ON s.platform = z.platform AND s.workspace = z.workspace AND s.channel = z.channel
         WHERE s.zotero_item IS NULL ORDER BY z.platform, z.workspace, z.channel LIMIT ?`,
    ).all(limitOf(limit)) as ChannelKey[];
    return rows.map((r) => ({ platform: r.platform, workspace: r.workspace, channel: r.channel }));
  }

  async forgetChannel(key: ChannelKey): Promise<void> {
    const k = checkKey(key);
    this.db.transaction(() => {
      for (const table of CHANNEL_TABLES) {
        this.sql(`DELETE FROM ${table} WHERE ${KEY}`).run(k);
      }
      for (const namespace of CHANNEL_VALUE_NAMESPACES) {
        this.sql('DELETE FROM kv WHERE namespace = ? AND name = ?').run(namespace, channelId(k));
      }
    })();
  }

  async storedChannels(workspace: { platform: Platform; workspace: string }): Promise<ChannelKey[]> {
    const union = CHANNEL_TABLES.map(
      (table) => `SELECT channel FROM ${table} WHERE platform = @platform AND workspace = @workspace`,
    ).join(' UNION ');
    // A channel whose only data is a setting kept in kv (its followups mode, a learning reset) counts too:
    // listing or forgetting the workspace's channels must not miss it.
    const namespaces = CHANNEL_VALUE_NAMESPACES.map((_, i) => `@ns${i}`).join(', ');
    const settings = `SELECT substr(name, length(@prefix) + 1) AS channel FROM kv
      WHERE namespace IN (${namespaces}) AND substr(name, 1, length(@prefix)) = @prefix`;
    const params = {
      platform: workspace.platform,
      workspace: workspace.workspace,
      prefix: workspacePrefix(workspace),
      ...Object.fromEntries(CHANNEL_VALUE_NAMESPACES.map((ns, i) => [`ns${i}`, ns])),
    };
    const rows = this.sql(`${union} UNION ${settings} ORDER BY channel`).all(params) as { channel: string }[];
    return rows.map((r) => ({
      platform: workspace.platform,
      workspace: workspace.workspace,
      channel: r.channel,
    }));
  }

  // ---------- reading group: meeting, queue, votes, rotation, meetings ----------

  async getReadingGroup(key: ChannelKey): Promise<ReadingGroup | undefined> {
    const row = this.sql(`SELECT * FROM reading_groups WHERE ${KEY}`).get(checkKey(key)) as
      | ReadingGroupRow
      | undefined;
    return row ? toReadingGroup(row) : undefined;
  }

  async setReadingGroup(
    key: ChannelKey,
    meeting: { day: ReadingGroup['day']; time: string; timezone: string },
    by: string,
  ): Promise<ReadingGroup> {
    const m = checked(MeetingScheduleSchema, meeting, 'meeting');
    const values = { ...checkKey(key), ...m, by: checkBy(by), now: this.now() };
    this.sql(
      `INSERT INTO reading_groups (platform, workspace, channel, weekday, meeting_time, timezone, created_at, updated_at, updated_by)
         VALUES (@platform, @workspace, @channel, @day, @time, @timezone, @now, @now, @by)
         ON CONFLICT (platform, workspace, channel) DO UPDATE SET weekday = excluded.weekday,
           meeting_time = excluded.meeting_time, timezone = excluded.timezone, updated_at = excluded.updated_at,
           updated_by = excluded.updated_by`,
    ).run(values);
    return (await this.getReadingGroup(key)) as ReadingGroup;
  }

  async removeReadingGroup(key: ChannelKey): Promise<boolean> {
    return this.sql(`DELETE FROM reading_groups WHERE ${KEY}`).run(checkKey(key)).changes > 0;
  }

  async listReadingGroups(): Promise<Array<ChannelKey & ReadingGroup>> {
    const rows = this.sql(
      'SELECT * FROM reading_groups ORDER BY platform, workspace, channel',
    ).all() as Array<ReadingGroupRow & ChannelKey>;
    return rows.map((r) => ({
      platform: r.platform,
      workspace: r.workspace,
      channel: r.channel,
      ...toReadingGroup(r),
    }));
  }

  private nominations(k: ChannelKey, paperId?: string): Nomination[] {
    const only = paperId === undefined ? '' : ' AND paper_id = @paperId';
    const values = { ...k, paperId: paperId ?? null };
    const rows = this.sql(`SELECT * FROM reading_nominations WHERE ${KEY}${only}`).all(
      values,
    ) as NominationRow[];
    const votes = this.sql(
      `SELECT paper_id, user_id FROM reading_votes WHERE ${KEY}${only} ORDER BY voted_at, user_id`,
    ).all(values) as { paper_id: string; user_id: string }[];
    return toNominations(rows, votes);
  }

  async nominate(
    key: ChannelKey,
    paperId: string,
    by: string,
  ): Promise<{ nomination: Nomination; created: boolean }> {
    const k = checkKey(key);
    const values = { ...k, paperId: checkPaperId(paperId), by: checkBy(by), now: this.now() };
    const run = this.db.transaction(() => {
      const created =
        this.sql(
          `INSERT INTO reading_nominations (platform, workspace, channel, paper_id, nominated_by, nominated_at)
             VALUES (@platform, @workspace, @channel, @paperId, @by, @now) ON CONFLICT DO NOTHING`,
        ).run(values).changes > 0;
      return { nomination: this.nominations(k, values.paperId)[0] as Nomination, created };
    });
    return run.immediate();
  }

  async voteNomination(
    key: ChannelKey,
    paperId: string,
    user: string,
  ): Promise<{ nomination: Nomination; created: boolean } | undefined> {
    const k = checkKey(key);
    const values = { ...k, paperId: checkPaperId(paperId), user: checkUser(user), now: this.now() };
    const run = this.db.transaction(() => {
      if (this.nominations(k, values.paperId).length === 0) return undefined;
      const created =
        this.sql(
          `INSERT INTO reading_votes (platform, workspace, channel, paper_id, user_id, voted_at)
             VALUES (@platform, @workspace, @channel, @paperId, @user, @now) ON CONFLICT DO NOTHING`,
        ).run(values).changes > 0;
      return { nomination: this.nominations(k, values.paperId)[0] as Nomination, created };
    });
    return run.immediate();
  }

  async listNominations(key: ChannelKey): Promise<Nomination[]> {
    return this.nominations(checkKey(key));
  }

  async joinRotation(key: ChannelKey, user: string, name: string): Promise<boolean> {
    return (
      this.sql(
        `INSERT INTO reading_members (platform, workspace, channel, user_id, display_name, joined_at)
           VALUES (@platform, @workspace, @channel, @user, @name, @now) ON CONFLICT DO NOTHING`,
      ).run({ ...checkKey(key), user: checkUser(user), name: checkName(name), now: this.now() }).changes > 0
    );
  }

  async leaveRotation(key: ChannelKey, user: string): Promise<boolean> {
    return (
      this.sql(`DELETE FROM reading_members WHERE ${KEY} AND user_id = @user`).run({
        ...checkKey(key),
        user: checkUser(user),
      }).changes > 0
    );
  }

  async listMembers(key: ChannelKey): Promise<ReadingMember[]> {
    const rows = this.sql(`SELECT * FROM reading_members WHERE ${KEY} ORDER BY joined_at, user_id`).all(
      checkKey(key),
    ) as MemberRow[];
    return rows.map(toMember);
  }

  private meetingRow(values: ChannelKey & { date: string }): MeetingRow | undefined {
    return this.sql(`SELECT * FROM reading_meetings WHERE ${KEY} AND meeting_date = @date`).get(values) as
      | MeetingRow
      | undefined;
  }

  private volunteerRow(values: ChannelKey & { date: string }): VolunteerRow | undefined {
    return this.sql(`SELECT * FROM reading_volunteers WHERE ${KEY} AND meeting_date = @date`).get(values) as
      | VolunteerRow
      | undefined;
  }

  async recordMeeting(
    key: ChannelKey,
    meeting: { date: string; paperId: string | null; presenter: string | null; presenterName: string | null },
  ): Promise<{ meeting: Meeting; created: boolean }> {
    const m = checked(MeetingSchema, meeting, 'meeting');
    const k = { ...checkKey(key), date: m.date };
    // Immediate: a volunteer's write waits for this one (or this one sees it), so none is lost in between.
    const run = this.db.transaction(() => {
      const held = this.volunteerRow(k);
      const values = {
        ...k,
        ...m,
        presenter: held ? held.user_id : m.presenter,
        presenterName: held ? held.display_name : m.presenterName,
        volunteered: held ? 1 : 0,
        now: this.now(),
      };
      const created =
        this.sql(
          `INSERT INTO reading_meetings (platform, workspace, channel, meeting_date, paper_id, presenter, presenter_name, volunteered, created_at)
             VALUES (@platform, @workspace, @channel, @date, @paperId, @presenter, @presenterName, @volunteered, @now)
             ON CONFLICT DO NOTHING`,
        ).run(values).changes > 0;
      if (created) {
        // The meeting row carries the volunteer on; rows of meetings that never came (moved, switched off) go too.
        this.sql(`DELETE FROM reading_volunteers WHERE ${KEY} AND meeting_date <= @date`).run(k);
        if (m.paperId !== null) {
          this.sql(`DELETE FROM reading_nominations WHERE ${KEY} AND paper_id = @paperId`).run(values);
          this.sql(`DELETE FROM reading_votes WHERE ${KEY} AND paper_id = @paperId`).run(values);
        }
      }
      return { meeting: toMeeting(this.meetingRow(k) as MeetingRow), created };
    });
    return run.immediate();
  }

  async setMeetingPaper(key: ChannelKey, date: string, paperId: string): Promise<Meeting | undefined> {
    const k = { ...checkKey(key), date: checkDate(date) };
    const values = { ...k, paperId: checkPaperId(paperId) };
    const run = this.db.transaction(() => {
      const set =
        this.sql(
          `UPDATE reading_meetings SET paper_id = @paperId WHERE ${KEY} AND meeting_date = @date AND paper_id IS NULL`,
        ).run(values).changes > 0;
      if (!set) return undefined;
      this.sql(`DELETE FROM reading_nominations WHERE ${KEY} AND paper_id = @paperId`).run(values);
      this.sql(`DELETE FROM reading_votes WHERE ${KEY} AND paper_id = @paperId`).run(values);
      return toMeeting(this.meetingRow(k) as MeetingRow);
    });
    return run.immediate();
  }

  async moveMeeting(key: ChannelKey, from: string, to: string, by: string): Promise<MeetingMove | undefined> {
    const k = checkKey(key);
    const values = { ...k, from: checkDate(from), to: checkDate(to), by: checkBy(by), now: this.now() };
    // Immediate, like recordMeeting: a tick announcing `to` either sees the moved meeting or recorded its own first.
    const run = this.db.transaction((): MeetingMove | undefined => {
      const row = this.meetingRow({ ...k, date: values.from });
      if (!row || values.from === values.to) return undefined;
      const there = this.meetingRow({ ...k, date: values.to });
      if (!there) {
        this.sql(`UPDATE reading_meetings SET meeting_date = @to WHERE ${KEY} AND meeting_date = @from`).run(
          values,
        );
        return { moved: true, meeting: toMeeting(this.meetingRow({ ...k, date: values.to }) as MeetingRow) };
      }
      this.sql(`DELETE FROM reading_meetings WHERE ${KEY} AND meeting_date = @from`).run(values);
      if (row.paper_id !== null) {
        this.sql(
          `INSERT INTO reading_nominations (platform, workspace, channel, paper_id, nominated_by, nominated_at, requeued_at)
             VALUES (@platform, @workspace, @channel, @paperId, @by, @now, @now)
             ON CONFLICT (platform, workspace, channel, paper_id) DO UPDATE SET requeued_at = excluded.requeued_at`,
        ).run({ ...values, paperId: row.paper_id });
      }
      return { moved: false, dropped: toMeeting(row), kept: toMeeting(there) };
    });
    return run.immediate();
  }

  async getMeeting(key: ChannelKey, date: string): Promise<Meeting | undefined> {
    const row = this.meetingRow({ ...checkKey(key), date: checkDate(date) });
    return row ? toMeeting(row) : undefined;
  }

  async listMeetings(key: ChannelKey): Promise<Meeting[]> {
    const rows = this.sql(`SELECT * FROM reading_meetings WHERE ${KEY} ORDER BY meeting_date`).all(
      checkKey(key),
    ) as MeetingRow[];
    return rows.map(toMeeting);
  }

  async volunteer(key: ChannelKey, date: string, user: string, name: string): Promise<Volunteering> {
    const values = {
      ...checkKey(key),
      date: checkDate(date),
      user: checkUser(user),
      name: checkName(name),
      now: this.now(),
    };
    // Immediate, like recordMeeting: the announcement either names this volunteer or is there to take over.
    const run = this.db.transaction((): Volunteering => {
      const row = this.meetingRow(values);
      if (!row) {
        const created =
          this.sql(
            `INSERT INTO reading_volunteers (platform, workspace, channel, meeting_date, user_id, display_name, volunteered_at)
               VALUES (@platform, @workspace, @channel, @date, @user, @name, @now) ON CONFLICT DO NOTHING`,
          ).run(values).changes > 0;
        const volunteer = toVolunteer(this.volunteerRow(values) as VolunteerRow);
        return { announced: false, volunteer, taken: volunteer.user === values.user, created };
      }
      const before = toMeeting(row);
      if (before.volunteered) {
        return { announced: true, meeting: before, taken: before.presenter === values.user, created: false };
      }
      this.sql(
        `UPDATE reading_meetings SET presenter = @user, presenter_name = @name, volunteered = 1
           WHERE ${KEY} AND meeting_date = @date`,
      ).run(values);
      const meeting = toMeeting(this.meetingRow(values) as MeetingRow);
      return { announced: true, meeting, taken: true, created: true };
    });
    return run.immediate();
  }

  async getVolunteer(key: ChannelKey, date: string): Promise<Volunteer | undefined> {
    const row = this.volunteerRow({ ...checkKey(key), date: checkDate(date) });
    return row ? toVolunteer(row) : undefined;
  }

  async withdraw(
    key: ChannelKey,
    date: string,
    user: string,
  ): Promise<{ announced: boolean; withdrawn: boolean }> {
    const values = { ...checkKey(key), date: checkDate(date), user: checkUser(user) };
    const run = this.db.transaction(() => {
      if (!this.meetingRow(values)) {
        const changes = this.sql(
          `DELETE FROM reading_volunteers WHERE ${KEY} AND meeting_date = @date AND user_id = @user`,
        ).run(values).changes;
        return { announced: false, withdrawn: changes > 0 };
      }
      const changes = this.sql(
        `UPDATE reading_meetings SET presenter = NULL, presenter_name = NULL, volunteered = 0
           WHERE ${KEY} AND meeting_date = @date AND presenter = @user`,
      ).run(values).changes;
      return { announced: true, withdrawn: changes > 0 };
    });
    return run.immediate();
  }

  // ---------- feedback: votes, follows, personal pings ----------

  async setVote(
    key: ChannelKey,
    paperId: string,
    user: string,
    value: 1 | -1,
    opts: { admin?: boolean } = {},
  ): Promise<VoteCounts> {
    const values = {
      admin: opts.admin ? 1 : 0,
      ...checkKey(key),
      paperId: checkPaperId(paperId),
      user: checkUser(user),
      value: checkVote(value),
      now: this.now(),
    };
    const vote = this.db.transaction(() => {
      this.sql(
        `INSERT INTO votes (platform, workspace, channel, paper_id, user_id, value, by_admin, voted_at)
           VALUES (@platform, @workspace, @channel, @paperId, @user, @value, @admin, @now)
           ON CONFLICT (platform, workspace, channel, paper_id, user_id)
           DO UPDATE SET value = excluded.value, by_admin = excluded.by_admin, voted_at = excluded.voted_at`,
      ).run(values);
      return this.counts(values);
    });
    return vote.immediate();
  }

  private counts(values: ChannelKey & { paperId: string }): VoteCounts {
    return countsOf(
      this.sql(
        `SELECT value, COUNT(*) AS n FROM votes WHERE ${KEY} AND paper_id = @paperId GROUP BY value`,
      ).all(values) as { value: number; n: number }[],
    );
  }

  async voteCounts(key: ChannelKey, paperId: string): Promise<VoteCounts> {
    return this.counts({ ...checkKey(key), paperId: checkPaperId(paperId) });
  }

  async listVotes(key: ChannelKey): Promise<Vote[]> {
    const rows = this.sql(`SELECT * FROM votes WHERE ${KEY} ORDER BY voted_at, paper_id, user_id`).all(
      checkKey(key),
    ) as VoteRow[];
    return rows.map(toVote);
  }

  async follow(
    key: ChannelKey,
    follow: { kind: FollowKind; key: string; name: string },
    by: string,
  ): Promise<{ follow: Follow; created: boolean }> {
    const f = checked(FollowSchema, follow, 'follow');
    const values = {
      ...checkKey(key),
      kind: f.kind,
      nameKey: f.key,
      name: f.name,
      by: checkBy(by),
      now: this.now(),
    };
    const run = this.db.transaction(() => {
      const created =
        this.sql(
          `INSERT INTO follows (platform, workspace, channel, kind, name_key, display_name, followed_by, followed_at)
             VALUES (@platform, @workspace, @channel, @kind, @nameKey, @name, @by, @now) ON CONFLICT DO NOTHING`,
        ).run(values).changes > 0;
      const row = this.sql(`SELECT * FROM follows WHERE ${KEY} AND kind = @kind AND name_key = @nameKey`).get(
        values,
      ) as FollowRow;
      return { follow: toFollow(row), created };
    });
    return run.immediate();
  }

  async unfollow(key: ChannelKey, kind: FollowKind, nameKey: string): Promise<boolean> {
    return (
      this.sql(`DELETE FROM follows WHERE ${KEY} AND kind = @kind AND name_key = @nameKey`).run({
        ...checkKey(key),
        kind,
        nameKey,
      }).changes > 0
    );
  }

  async listFollows(key: ChannelKey): Promise<Follow[]> {
    const rows = this.sql(`SELECT * FROM follows WHERE ${KEY} ORDER BY followed_at, kind, name_key`).all(
      checkKey(key),
    ) as FollowRow[];
    return rows.map(toFollow);
  }

  async setNotify(key: ChannelKey, user: string, topics: string[]): Promise<NotifySetting> {
    const values = {
      ...checkKey(key),
      user: checkUser(user),
      topics: JSON.stringify(checked(NotifyTopicsSchema, topics, 'topics')),
      now: this.now(),
    };
    this.sql(
      `INSERT INTO notify_settings (platform, workspace, channel, user_id, topics, updated_at)
         VALUES (@platform, @workspace, @channel, @user, @topics, @now)
         ON CONFLICT (platform, workspace, channel, user_id)
         DO UPDATE SET topics = excluded.topics, updated_at = excluded.updated_at`,
    ).run(values);
    const row = this.sql(`SELECT * FROM notify_settings WHERE ${KEY} AND user_id = @user`).get(values);
    return toNotify(row as NotifyRow);
  }

  async removeNotify(key: ChannelKey, user: string): Promise<boolean> {
    return (
      this.sql(`DELETE FROM notify_settings WHERE ${KEY} AND user_id = @user`).run({
        ...checkKey(key),
        user: checkUser(user),
      }).changes > 0
    );
  }

  async listNotify(key: ChannelKey): Promise<NotifySetting[]> {
    const rows = this.sql(`SELECT * FROM notify_settings WHERE ${KEY} ORDER BY user_id`).all(
      checkKey(key),
    ) as NotifyRow[];
    return rows.map(toNotify);
  }

  async appliedVersions(): Promise<number[]> {
    const rows = this.sql(`SELECT version FROM ${MIGRATIONS_TABLE} ORDER BY version`).all();
    return rows.map((r) => (r as { version: number }).version);
  }
}
