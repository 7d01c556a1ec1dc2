// The Store on PostgreSQL (pg Pool): row locks make every read-modify-write safe across replicas.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Logger } from 'pino';
import type { Paper } from '../catalog/paper.js';
import type { Clock } from '../clock.js';
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
import {
  type ChannelKey,
  type ChannelRecord,
  type ChannelSettings,
  DEFAULT_SETTINGS,
  type Delivery,
  type Follow,
  type FollowKind,
  type Followup,
  type Meeting,
  type MeetingMove,
  type Nomination,
  type NotifySetting,
  type PaperMessages,
  type Platform,
  type ReadingGroup,
  type ReadingMember,
  type SavedPaper,
  type SentSnapshot,
  type SnapshotCursor,
  type SnapshotState,
  type Store,
  type Volunteer,
  type Volunteering,
  type Vote,
  type VoteCounts,
  type ZoteroLink,
} from './types.js';

/** Session advisory lock held while migrating: "paperboy" as a bigint, so concurrent starts take turns. */
const MIGRATION_LOCK = '8097880108043956089';

const KEY = 'platform = $1 AND workspace = $2 AND channel = $3';
const keyArgs = (k: ChannelKey) => [k.platform, k.workspace, k.channel];

type Queryable = pg.Pool | pg.PoolClient;

export class PostgresStore implements Store, StoreDiagnostics {
  readonly kind = 'postgres' as const;
  private closed = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {
    // An idle client losing its connection (server restart) must not crash the process; the pool reconnects.
    pool.on('error', (error) => this.logger.warn({ err: error }, 'store: PostgreSQL connection lost'));
  }

  private async rows<R>(sql: string, params: unknown[] = [], db: Queryable = this.pool): Promise<R[]> {
    return (await db.query(sql, params)).rows as R[];
  }

  private async tx<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((e: Error) => {
        broken = e;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async migrate(): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1::bigint)', [MIGRATION_LOCK]);
      try {
        await client.query(
          `CREATE TABLE IF NOT EXISTS ${MIGRATIONS_TABLE} (version integer PRIMARY KEY, name text NOT NULL,
             applied_at timestamptz NOT NULL DEFAULT now())`,
        );
        const applied = await this.rows<{ version: number }>(
          `SELECT version FROM ${MIGRATIONS_TABLE}`,
          [],
          client,
        );
        for (const m of pendingMigrations(applied.map((r) => r.version))) {
          await client.query('BEGIN');
          try {
            await client.query(m.postgres);
            await client.query(`INSERT INTO ${MIGRATIONS_TABLE} (version, name) VALUES ($1, $2)`, [
              m.version,
              m.name,
            ]);
            await client.query('COMMIT');
          } catch (error) {
            await client.query('ROLLBACK');
            throw new Error(`migration ${m.version} (${m.name}) failed: ${(error as Error).message}`);
          }
          this.logger.info({ version: m.version }, `store: migrated (${m.name})`);
        }
      } finally {
        await client.query('SELECT pg_advisory_unlock($1::bigint)', [MIGRATION_LOCK]);
      }
    } finally {
      client.release();
    }
  }

  async appliedVersions(): Promise<number[]> {
    const rows = await this.rows<{ version: number }>(
      `SELECT version FROM ${MIGRATIONS_TABLE} ORDER BY version`,
    );
    return rows.map((r) => r.version);
  }

  async ping(): Promise<boolean> {
    if (this.closed) return false;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), 2000);
    });
    try {
      return await Promise.race([this.pool.query('SELECT 1').then(() => true), timeout]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }

  // ---------- channels ----------

  async getChannel(key: ChannelKey): Promise<ChannelRecord | undefined> {
    const [row] = await this.rows<ChannelRow>(`SELECT * FROM channels WHERE ${KEY}`, keyArgs(checkKey(key)));
    return row ? toChannel(row) : undefined;
  }

  async listChannels(filter: { platform?: Platform; workspace?: string } = {}): Promise<ChannelRecord[]> {
    const rows = await this.rows<ChannelRow>(
      `SELECT * FROM channels WHERE ($1::text IS NULL OR platform = $1) AND ($2::text IS NULL OR workspace = $2)
       ORDER BY platform, workspace, channel`,
      [filter.platform ?? null, filter.workspace ?? null],
    );
    return rows.map(toChannel);
  }

  async updateChannel(key: ChannelKey, change: Partial<ChannelSettings>, by: string): Promise<ChannelRecord> {
    const k = checkKey(key);
    const valid = settingsChange(change);
    const who = checked(byName, by, 'updatedBy');
    return this.tx(async (db) => {
      const now = this.clock.now();
      // Make sure the row exists first, so the lock below always has a row to hold: two admins configuring
      // a new channel at once then take turns instead of both starting from the defaults.
      const d = DEFAULT_SETTINGS;
      await db.query(
        `INSERT INTO channels (platform, workspace, channel, topics, exclude, digest_time, timezone, days,
           paper_count, paused, when_empty, images, created_at, updated_at, updated_by, version)
         VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7, $8::jsonb, $9, $10, $11, $14, $12, $12, $13, 0)
         ON CONFLICT (platform, workspace, channel) DO NOTHING`,
        [
          ...keyArgs(k),
          JSON.stringify(d.topics),
          JSON.stringify(d.exclude),
          d.time,
          d.timezone,
          JSON.stringify(d.days),
          d.count,
          d.paused,
          d.whenEmpty,
          now,
          who,
          d.images,
        ],
      );
      const [locked] = await this.rows<ChannelRow>(
        `SELECT * FROM channels WHERE ${KEY} FOR UPDATE`,
        keyArgs(k),
        db,
      );
      if (!locked) throw new Error('store: the channel was removed while it was being changed; try again');
      const settings = mergeSettings(toChannel(locked), valid);
      const [row] = await this.rows<ChannelRow>(
        `UPDATE channels SET topics = $4::jsonb, exclude = $5::jsonb, digest_time = $6, timezone = $7,
           days = $8::jsonb, paper_count = $9, paused = $10, when_empty = $11, updated_at = $12, updated_by = $13,
           images = $14, cadence = $15, weekly_day = $16, version = version + 1
         WHERE ${KEY} RETURNING *`,
        [
          ...keyArgs(k),
          JSON.stringify(settings.topics),
          JSON.stringify(settings.exclude),
          settings.time,
          settings.timezone,
          JSON.stringify(settings.days),
          settings.count,
          settings.paused,
          settings.whenEmpty,
          now,
          who,
          settings.images,
          settings.cadence,
          settings.weeklyDay,
        ],
        db,
      );
      return toChannel(row!);
    });
  }

  async removeChannel(key: ChannelKey): Promise<boolean> {
    const k = checkKey(key);
    return this.tx(async (db) => {
      for (const namespace of CHANNEL_SETTING_NAMESPACES) {
        await db.query('DELETE FROM kv WHERE namespace = $1 AND name = $2', [namespace, channelId(k)]);
      }
      const result = await db.query(`DELETE FROM channels WHERE ${KEY}`, keyArgs(k));
      return (result.rowCount ?? 0) > 0;
    });
  }

  async setUnreachable(key: ChannelKey, reason: string | null): Promise<void> {
    const k = keyArgs(checkKey(key));
    if (reason === null) {
      await this.pool.query(
        `UPDATE channels SET unreachable_reason = NULL, unreachable_since = NULL, failures = 0 WHERE ${KEY}`,
        k,
      );
    } else {
      await this.pool.query(
        `UPDATE channels SET unreachable_reason = $4, unreachable_since = COALESCE(unreachable_since, $5)
         WHERE ${KEY}`,
        [...k, errorText(reason), this.clock.now()],
      );
    }
  }

  async recordFailure(key: ChannelKey): Promise<number> {
    const [row] = await this.rows<{ failures: number }>(
      `UPDATE channels SET failures = failures + 1 WHERE ${KEY} RETURNING failures`,
      keyArgs(checkKey(key)),
    );
    return row?.failures ?? 0;
  }

  // ---------- ledger ----------

  async sentPaperIds(key: ChannelKey): Promise<Set<string>> {
    const rows = await this.rows<{ id: string }>(
      `SELECT DISTINCT jsonb_array_elements_text(paper_ids) AS id FROM deliveries
       WHERE ${KEY} AND status IN ('sent', 'pending')`,
      keyArgs(checkKey(key)),
    );
    return new Set(rows.map((r) => r.id));
  }

  async claimDelivery(
    key: ChannelKey,
    slot: string,
    paperIds: string[],
    owner: string,
    leaseMs: number,
  ): Promise<Delivery | undefined> {
    const args = checked(ClaimSchema, { key, slot, paperIds, owner, leaseMs }, 'claim');
    return this.tx(async (db) => {
      const now = this.clock.now();
      const lease = new Date(now.getTime() + args.leaseMs);
      // Two claimers inserting at once: the second waits for the first to commit, then does nothing.
      const [inserted] = await this.rows<DeliveryRow>(
        `INSERT INTO deliveries (id, platform, workspace, channel, slot, paper_ids, status, attempts, nonce, owner,
           lease_until, created_at, updated_at)
         VALUES ($4, $1, $2, $3, $5, $6::jsonb, 'pending', 1, $7, $8, $9, $10, $10)
         ON CONFLICT (platform, workspace, channel, slot) DO NOTHING RETURNING *`,
        [
          ...keyArgs(args.key),
          randomUUID(),
          args.slot,
          JSON.stringify(args.paperIds),
          newNonce(),
          args.owner,
          lease,
          now,
        ],
        db,
      );
      if (inserted) return toDelivery(inserted);
      // A row another transaction is taking over right now is skipped: that claimer owns it.
      const [existing] = await this.rows<DeliveryRow>(
        `SELECT * FROM deliveries WHERE ${KEY} AND slot = $4 FOR UPDATE SKIP LOCKED`,
        [...keyArgs(args.key), args.slot],
        db,
      );
      if (!existing || claimDecision(toDelivery(existing), now) !== 'take-over') return undefined;
      const [taken] = await this.rows<DeliveryRow>(
        `UPDATE deliveries SET owner = $2, lease_until = $3, attempts = attempts + 1, updated_at = $4
         WHERE id = $1 RETURNING *`,
        [existing.id, args.owner, lease, now],
        db,
      );
      return toDelivery(taken!);
    });
  }

  private async requireDelivery(id: string, db: Queryable = this.pool): Promise<void> {
    const found = await this.rows('SELECT 1 FROM deliveries WHERE id = $1', [id], db);
    if (found.length === 0) throw new Error(`store: no delivery with id ${id}`);
  }

  async markSent(id: string, messageIds: string[], paperMessages: PaperMessages = {}): Promise<void> {
    await this.tx(async (db) => {
      const now = this.clock.now();
      const [row] = await this.rows<ChannelKey>(
        `UPDATE deliveries SET status = 'sent', sent_at = $2, message_ids = $3::jsonb, paper_messages = $4::jsonb,
           owner = NULL, lease_until = NULL, error = NULL, updated_at = $2
         WHERE id = $1 AND status <> 'sent' RETURNING platform, workspace, channel`,
        [id, now, JSON.stringify(messageIds), JSON.stringify(paperMessages)],
        db,
      );
      if (!row) return this.requireDelivery(id, db);
      // The queued follow-ups this digest carried went out with it: settled in the same transaction, so no crash
      // can leave them waiting for a digest that already showed them.
      await db.query(
        `UPDATE followups SET status = 'sent', sent_at = $2, message_ids = $3::jsonb, updated_at = $2
         WHERE delivery_id = $1 AND status = 'queued'`,
        [id, now, JSON.stringify(messageIds)],
      );
      await db.query(
        `UPDATE channels SET failures = 0, unreachable_reason = NULL, unreachable_since = NULL WHERE ${KEY}`,
        keyArgs(row),
      );
    });
  }

  private async finish(
    id: string,
    status: 'pending' | 'failed' | 'skipped',
    error: string,
    owner: string | undefined,
    leaseUntil: Date | null,
  ): Promise<void> {
    const result = await this.pool.query(
      `UPDATE deliveries SET status = $2, error = $3, owner = NULL, lease_until = $5, updated_at = $6
       WHERE id = $1 AND status = 'pending' AND ($4::text IS NULL OR owner = $4)`,
      [id, status, errorText(error), owner ?? null, leaseUntil, this.clock.now()],
    );
    if ((result.rowCount ?? 0) === 0) await this.requireDelivery(id);
  }

  async markFailed(
    id: string,
    error: string,
    final: boolean,
    opts: { owner?: string; retryAfterMs?: number } = {},
  ): Promise<void> {
    const lease = final ? null : retryAt(this.clock.now(), opts.retryAfterMs);
    await this.finish(id, final ? 'failed' : 'pending', error, opts.owner, lease);
  }

  async markSkipped(id: string, reason: string, opts: { owner?: string } = {}): Promise<void> {
    await this.finish(id, 'skipped', reason, opts.owner, null);
  }

  async getDelivery(key: ChannelKey, slot: string): Promise<Delivery | undefined> {
    const [row] = await this.rows<DeliveryRow>(`SELECT * FROM deliveries WHERE ${KEY} AND slot = $4`, [
      ...keyArgs(checkKey(key)),
      slot,
    ]);
    return row ? toDelivery(row) : undefined;
  }

  async listDeliveries(key: ChannelKey, limit?: number): Promise<Delivery[]> {
    const rows = await this.rows<DeliveryRow>(
      `SELECT * FROM deliveries WHERE ${KEY} ORDER BY slot DESC, created_at DESC LIMIT $4`,
      [...keyArgs(checkKey(key)), limitOf(limit)],
    );
    return rows.map(toDelivery);
  }

  async pendingDeliveries(limit?: number): Promise<Delivery[]> {
    const rows = await this.rows<DeliveryRow>(
      `SELECT * FROM deliveries WHERE status = 'pending' AND (lease_until IS NULL OR lease_until <= $1)
       ORDER BY created_at, id LIMIT $2`,
      [this.clock.now(), limitOf(limit)],
    );
    return rows.map(toDelivery);
  }

  // ---------- follow-ups: snapshots and their ledger (src/store/followups.ts) ----------

  async recordSnapshots(
    key: ChannelKey,
    slot: string,
    snapshots: readonly { paperId: string; state: SnapshotState }[],
  ): Promise<void> {
    const args = checked(SnapshotsSchema, { key, slot, snapshots }, 'snapshots');
    if (args.snapshots.length === 0) return;
    await this.pool.query(
      `INSERT INTO followup_snapshots (platform, workspace, channel, paper_id, slot, state, taken_at)
       SELECT $1, $2, $3, s.paper_id, $4, s.state, $6
         FROM jsonb_to_recordset($5::jsonb) AS s(paper_id text, state jsonb)
       ON CONFLICT (platform, workspace, channel, paper_id)
       DO UPDATE SET slot = excluded.slot, state = excluded.state, taken_at = excluded.taken_at`,
      [
        ...keyArgs(args.key),
        args.slot,
        JSON.stringify(
          [...new Map(args.snapshots.map((s) => [s.paperId, s])).values()].map((s) => ({
            paper_id: s.paperId,
            state: s.state,
          })),
        ),
        this.clock.now(),
      ],
    );
  }

  async sentSnapshots(since: Date, limit?: number, after?: SnapshotCursor): Promise<SentSnapshot[]> {
    const rows = await this.rows<SnapshotRow>(
      `SELECT s.*, d.message_ids, d.paper_messages FROM followup_snapshots s
         JOIN deliveries d ON d.platform = s.platform AND d.workspace = s.workspace AND d.channel = s.channel
           AND d.slot = s.slot AND d.status = 'sent'
       WHERE s.taken_at >= $1
         AND ($3::timestamptz IS NULL OR (s.taken_at, s.platform, s.workspace, s.channel, s.paper_id)
           > ($3::timestamptz, $4::text, $5::text, $6::text, $7::text))
       ORDER BY s.taken_at, s.platform, s.workspace, s.channel, s.paper_id LIMIT $2`,
      [
        since,
        limitOf(limit, 10_000),
        after?.takenAt ?? null,
        after?.platform ?? null,
        after?.workspace ?? null,
        after?.channel ?? null,
        after?.paperId ?? null,
      ],
    );
    return rows.map(toSnapshot);
  }

  async claimFollowup(
    key: ChannelKey,
    followup: { paperId: string; change: string; text: string; replyTo: string | null; queued: boolean },
    owner: string,
    leaseMs: number,
  ): Promise<Followup | undefined> {
    const args = checked(FollowupClaimSchema, { key, followup, owner, leaseMs }, 'follow-up claim');
    const f = args.followup;
    return this.tx(async (db) => {
      const now = this.clock.now();
      const lease = new Date(now.getTime() + args.leaseMs);
      const [inserted] = await this.rows<FollowupRow>(
        `INSERT INTO followups (id, platform, workspace, channel, paper_id, change, text, status, attempts, nonce,
           reply_to, owner, lease_until, created_at, updated_at)
         VALUES ($4, $1, $2, $3, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)
         ON CONFLICT (platform, workspace, channel, paper_id, change) DO NOTHING RETURNING *`,
        [
          ...keyArgs(args.key),
          randomUUID(),
          f.paperId,
          f.change,
          f.text,
          f.queued ? 'queued' : 'pending',
          f.queued ? 0 : 1,
          newNonce(),
          f.replyTo,
          f.queued ? null : args.owner,
          f.queued ? null : lease,
          now,
        ],
        db,
      );
      if (inserted) return f.queued ? undefined : toFollowup(inserted);
      const [existing] = await this.rows<FollowupRow>(
        `SELECT * FROM followups WHERE ${KEY} AND paper_id = $4 AND change = $5 FOR UPDATE SKIP LOCKED`,
        [...keyArgs(args.key), f.paperId, f.change],
        db,
      );
      if (!existing || claimDecision(toFollowup(existing), now) !== 'take-over') return undefined;
      const [taken] = await this.rows<FollowupRow>(
        `UPDATE followups SET owner = $2, lease_until = $3, attempts = attempts + 1, updated_at = $4
         WHERE id = $1 RETURNING *`,
        [existing.id, args.owner, lease, now],
        db,
      );
      return toFollowup(taken!);
    });
  }

  async markFollowupSent(id: string, messageIds: string[]): Promise<void> {
    await this.pool.query(
      `UPDATE followups SET status = 'sent', sent_at = $2, message_ids = $3::jsonb, owner = NULL,
         lease_until = NULL, error = NULL, updated_at = $2
       WHERE id = $1 AND status <> 'sent'`,
      [id, this.clock.now(), JSON.stringify(messageIds)],
    );
  }

  async markFollowupFailed(
    id: string,
    error: string,
    final: boolean,
    opts: { owner?: string; retryAfterMs?: number } = {},
  ): Promise<void> {
    const now = this.clock.now();
    await this.pool.query(
      `UPDATE followups SET status = $2, error = $3, owner = NULL, lease_until = $5, updated_at = $6
       WHERE id = $1 AND status = 'pending' AND ($4::text IS NULL OR owner = $4)`,
      [
        id,
        final ? 'failed' : 'pending',
        errorText(error),
        opts.owner ?? null,
        final ? null : retryAt(now, opts.retryAfterMs),
        now,
      ],
    );
  }

  async takeQueuedFollowups(
    key: ChannelKey,
    deliveryId: string,
    opts: { onlyTied?: boolean; limit?: number } = {},
  ): Promise<Followup[]> {
    return this.tx(async (db) => {
      if (opts.onlyTied) {
        const tied = await this.rows<FollowupRow>(
          `SELECT * FROM followups WHERE delivery_id = $1 AND status = 'queued' ORDER BY created_at, paper_id, change`,
          [deliveryId],
          db,
        );
        return tied.map(toFollowup);
      }
      let room: number | null = null;
      if (opts.limit !== undefined) {
        const [row] = await this.rows<{ n: string | number }>(
          `SELECT count(*) AS n FROM followups WHERE delivery_id = $1 AND status = 'queued'`,
          [deliveryId],
          db,
        );
        room = Math.max(0, limitOf(opts.limit) - Number(row?.n ?? 0));
      }
      // LIMIT NULL is no limit.
      await db.query(
        `UPDATE followups SET delivery_id = $4, updated_at = $5
         WHERE id IN (SELECT id FROM followups
           WHERE ${KEY} AND status = 'queued' AND (delivery_id IS NULL OR delivery_id IN
             (SELECT id FROM deliveries WHERE status IN ('failed', 'skipped')))
           ORDER BY created_at, paper_id, change LIMIT $6)`,
        [...keyArgs(checkKey(key)), deliveryId, this.clock.now(), room],
      );
      const rows = await this.rows<FollowupRow>(
        `SELECT * FROM followups WHERE delivery_id = $1 AND status = 'queued' ORDER BY created_at, paper_id, change`,
        [deliveryId],
        db,
      );
      return rows.map(toFollowup);
    });
  }

  async listFollowups(key: ChannelKey, limit?: number): Promise<Followup[]> {
    const rows = await this.rows<FollowupRow>(
      `SELECT * FROM followups WHERE ${KEY} ORDER BY created_at DESC, paper_id, change LIMIT $4`,
      [...keyArgs(checkKey(key)), limitOf(limit)],
    );
    return rows.map(toFollowup);
  }

  // ---------- papers ----------

  async upsertPapers(papers: readonly Paper[]): Promise<void> {
    // One statement per batch; the same id twice in one batch would make ON CONFLICT fail, so the last wins.
    const unique = [...new Map(papers.map((p) => [p.id, p])).values()];
    const now = this.clock.now();
    await this.tx(async (db) => {
      for (let i = 0; i < unique.length; i += 1000) {
        const batch = unique.slice(i, i + 1000);
        await db.query(
          `INSERT INTO papers (id, data, updated_at)
           SELECT id, data, $3 FROM unnest($1::text[], $2::jsonb[]) AS t(id, data)
           ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data, updated_at = EXCLUDED.updated_at`,
          [batch.map((p) => p.id), batch.map((p) => JSON.stringify(p)), now],
        );
      }
    });
  }

  async loadPapers(): Promise<Paper[]> {
    const rows = await this.rows<{ id: string; data: unknown }>('SELECT id, data FROM papers ORDER BY id');
    const bad = (id: string, reason: string) =>
      this.logger.warn({ paper: id, reason }, 'store: skipped a stored paper');
    return rows.map((r) => toPaper(r.id, r.data, bad)).filter((p): p is Paper => p !== undefined);
  }

  // ---------- key-value ----------

  async getValue(namespace: string, key: string): Promise<string | undefined> {
    const [row] = await this.rows<{ value: string }>(
      'SELECT value FROM kv WHERE namespace = $1 AND name = $2',
      [namespace, key],
    );
    return row?.value;
  }

  async setValue(namespace: string, key: string, value: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO kv (namespace, name, value, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (namespace, name) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at`,
      [namespace, key, value, this.clock.now()],
    );
  }

  async deleteValue(namespace: string, key: string): Promise<void> {
    await this.pool.query('DELETE FROM kv WHERE namespace = $1 AND name = $2', [namespace, key]);
  }

  async pruneValues(namespace: string, olderThan: Date): Promise<number> {
    const result = await this.pool.query('DELETE FROM kv WHERE namespace = $1 AND updated_at < $2', [
      namespace,
      olderThan,
    ]);
    return result.rowCount ?? 0;
  }

  // ---------- kept: reading list, feed token, Zotero link ----------

  async savePaper(
    key: ChannelKey,
    paperId: string,
    by: string,
  ): Promise<{ saved: SavedPaper; created: boolean }> {
    const args = [...keyArgs(checkKey(key)), checkPaperId(paperId)];
    const who = checkBy(by);
    return this.tx(async (db) => {
      const inserted = await db.query(
        `INSERT INTO saved_papers (platform, workspace, channel, paper_id, saved_by, saved_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [...args, who, this.clock.now()],
      );
      const [row] = await this.rows<SavedRow>(
        `SELECT * FROM saved_papers WHERE ${KEY} AND paper_id = $4`,
        args,
        db,
      );
      return { saved: toSaved(row!), created: (inserted.rowCount ?? 0) > 0 };
    });
  }

  async removeSaved(key: ChannelKey, paperId: string): Promise<boolean> {
    const result = await this.pool.query(`DELETE FROM saved_papers WHERE ${KEY} AND paper_id = $4`, [
      ...keyArgs(checkKey(key)),
      checkPaperId(paperId),
    ]);
    return (result.rowCount ?? 0) > 0;
  }

  async getSaved(key: ChannelKey, paperId: string): Promise<SavedPaper | undefined> {
    const [row] = await this.rows<SavedRow>(`SELECT * FROM saved_papers WHERE ${KEY} AND paper_id = $4`, [
      ...keyArgs(checkKey(key)),
      checkPaperId(paperId),
    ]);
    return row ? toSaved(row) : undefined;
  }

  async listSaved(key: ChannelKey, opts?: { limit?: number; offset?: number }): Promise<SavedPaper[]> {
    const { limit, offset } = pageOf(opts);
    const rows = await this.rows<SavedRow>(
      `SELECT * FROM saved_papers WHERE ${KEY} ORDER BY saved_at DESC, paper_id LIMIT $4 OFFSET $5`,
      [...keyArgs(checkKey(key)), limit, offset],
    );
    return rows.map(toSaved);
  }

  async countSaved(key: ChannelKey): Promise<number> {
    const [row] = await this.rows<{ n: string }>(
      `SELECT COUNT(*) AS n FROM saved_papers WHERE ${KEY}`,
      keyArgs(checkKey(key)),
    );
    return Number(row?.n ?? 0);
  }

  async recordZotero(
    key: ChannelKey,
    paperId: string,
    outcome: { item: string } | { error: string },
  ): Promise<void> {
    const { item, error } = zoteroOutcome(outcome);
    // A failure never clears an item key an earlier attempt got.
    await this.pool.query(
      `UPDATE saved_papers SET zotero_item = COALESCE($5, zotero_item), zotero_error = $6
       WHERE ${KEY} AND paper_id = $4`,
      [...keyArgs(checkKey(key)), checkPaperId(paperId), item, error],
    );
  }

  async feedToken(key: ChannelKey, create = false): Promise<string | undefined> {
    const k = keyArgs(checkKey(key));
    if (create) {
      await this.pool.query(
        `INSERT INTO feed_tokens (platform, workspace, channel, token, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (platform, workspace, channel) DO NOTHING`,
        [...k, newFeedToken(), this.clock.now()],
      );
    }
    const [row] = await this.rows<{ token: string }>(`SELECT token FROM feed_tokens WHERE ${KEY}`, k);
    return row?.token;
  }

  async revokeFeedToken(key: ChannelKey): Promise<boolean> {
    const result = await this.pool.query(`DELETE FROM feed_tokens WHERE ${KEY}`, keyArgs(checkKey(key)));
    return (result.rowCount ?? 0) > 0;
  }

  async feedChannel(token: string): Promise<ChannelKey | undefined> {
    if (!FEED_TOKEN.test(token)) return undefined;
    const [row] = await this.rows<ChannelKey>(
      'SELECT platform, workspace, channel FROM feed_tokens WHERE token = $1',
      [token],
    );
    return row ? { platform: row.platform, workspace: row.workspace, channel: row.channel } : undefined;
  }

  async getZoteroLink(key: ChannelKey): Promise<ZoteroLink | undefined> {
    const [row] = await this.rows<ZoteroLinkRow>(
      `SELECT * FROM zotero_links WHERE ${KEY}`,
      keyArgs(checkKey(key)),
    );
    return row ? toZoteroLink(row) : undefined;
  }

  async setZoteroLink(
    key: ChannelKey,
    link: { groupId: string; sealedKey: string },
    by: string,
  ): Promise<void> {
    const valid = checked(ZoteroLinkSchema, link, 'zotero link');
    await this.pool.query(
      `INSERT INTO zotero_links (platform, workspace, channel, group_id, sealed_key, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (platform, workspace, channel) DO UPDATE SET group_id = EXCLUDED.group_id,
         sealed_key = EXCLUDED.sealed_key, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
      [...keyArgs(checkKey(key)), valid.groupId, valid.sealedKey, this.clock.now(), checkBy(by)],
    );
  }

  async removeZoteroLink(key: ChannelKey): Promise<boolean> {
    const result = await this.pool.query(`DELETE FROM zotero_links WHERE ${KEY}`, keyArgs(checkKey(key)));
    return (result.rowCount ?? 0) > 0;
  }

  async zoteroBacklogChannels(limit?: number): Promise<ChannelKey[]> {
    const rows = await this.rows<ChannelKey>(
      `SELECT DISTINCT z.platform, z.workspace, z.channel FROM zotero_links z
       JOIN saved_papers s ON s.platform = z.platform AND s.workspace = z.workspace AND s.channel = z.channel
       WHERE s.zotero_item IS NULL ORDER BY z.platform, z.workspace, z.channel LIMIT $1`,
      [limitOf(limit)],
    );
    return rows.map((r) => ({ platform: r.platform, workspace: r.workspace, channel: r.channel }));
  }

  async forgetChannel(key: ChannelKey): Promise<void> {
    const checkedKey = checkKey(key);
    const k = keyArgs(checkedKey);
    await this.tx(async (db) => {
      for (const table of CHANNEL_TABLES) {
        await db.query(`DELETE FROM ${table} WHERE ${KEY}`, k);
      }
      for (const namespace of CHANNEL_VALUE_NAMESPACES) {
        await db.query('DELETE FROM kv WHERE namespace = $1 AND name = $2', [
          namespace,
          channelId(checkedKey),
        ]);
      }
    });
  }

  async storedChannels(workspace: { platform: Platform; workspace: string }): Promise<ChannelKey[]> {
    const union = CHANNEL_TABLES.map(
      (table) => `SELECT channel FROM ${table} WHERE platform = $1 AND workspace = $2`,
    ).join(' UNION ');
    // A channel whose only data is a setting kept in kv (its followups mode, a learning reset) counts too:
    // listing or forgetting the workspace's channels must not miss it.
    const settings = `SELECT substr(name, length($3::text) + 1) AS channel FROM kv
      WHERE namespace = ANY($4::text[]) AND left(name, length($3::text)) = $3::text`;
    const rows = await this.rows<{ channel: string }>(`${union} UNION ${settings} ORDER BY channel`, [
      workspace.platform,
      workspace.workspace,
      workspacePrefix(workspace),
      [...CHANNEL_VALUE_NAMESPACES],
    ]);
    return rows.map((r) => ({
      platform: workspace.platform,
      workspace: workspace.workspace,
      channel: r.channel,
    }));
  }

  // ---------- reading group: meeting, queue, votes, rotation, meetings ----------

  async getReadingGroup(key: ChannelKey): Promise<ReadingGroup | undefined> {
    const [row] = await this.rows<ReadingGroupRow>(
      `SELECT * FROM reading_groups WHERE ${KEY}`,
      keyArgs(checkKey(key)),
    );
    return row ? toReadingGroup(row) : undefined;
  }

  async setReadingGroup(
    key: ChannelKey,
    meeting: { day: ReadingGroup['day']; time: string; timezone: string },
    by: string,
  ): Promise<ReadingGroup> {
    const m = checked(MeetingScheduleSchema, meeting, 'meeting');
    const [row] = await this.rows<ReadingGroupRow>(
      `INSERT INTO reading_groups (platform, workspace, channel, weekday, meeting_time, timezone, created_at, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8)
       ON CONFLICT (platform, workspace, channel) DO UPDATE SET weekday = EXCLUDED.weekday,
         meeting_time = EXCLUDED.meeting_time, timezone = EXCLUDED.timezone, updated_at = EXCLUDED.updated_at,
         updated_by = EXCLUDED.updated_by
       RETURNING *`,
      [...keyArgs(checkKey(key)), m.day, m.time, m.timezone, this.clock.now(), checkBy(by)],
    );
    return toReadingGroup(row!);
  }

  async removeReadingGroup(key: ChannelKey): Promise<boolean> {
    const result = await this.pool.query(`DELETE FROM reading_groups WHERE ${KEY}`, keyArgs(checkKey(key)));
    return (result.rowCount ?? 0) > 0;
  }

  async listReadingGroups(): Promise<Array<ChannelKey & ReadingGroup>> {
    const rows = await this.rows<ReadingGroupRow & ChannelKey>(
      'SELECT * FROM reading_groups ORDER BY platform, workspace, channel',
    );
    return rows.map((r) => ({
      platform: r.platform,
      workspace: r.workspace,
      channel: r.channel,
      ...toReadingGroup(r),
    }));
  }

  private async nominations(args: unknown[], db: Queryable = this.pool): Promise<Nomination[]> {
    const only = args.length > 3 ? ' AND paper_id = $4' : '';
    const rows = await this.rows<NominationRow>(
      `SELECT * FROM reading_nominations WHERE ${KEY}${only}`,
      args,
      db,
    );
    const votes = await this.rows<{ paper_id: string; user_id: string }>(
      `SELECT paper_id, user_id FROM reading_votes WHERE ${KEY}${only} ORDER BY voted_at, user_id`,
      args,
      db,
    );
    return toNominations(rows, votes);
  }

  async nominate(
    key: ChannelKey,
    paperId: string,
    by: string,
  ): Promise<{ nomination: Nomination; created: boolean }> {
    const args = [...keyArgs(checkKey(key)), checkPaperId(paperId)];
    const who = checkBy(by);
    return this.tx(async (db) => {
      const inserted = await db.query(
        `INSERT INTO reading_nominations (platform, workspace, channel, paper_id, nominated_by, nominated_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [...args, who, this.clock.now()],
      );
      const [nomination] = await this.nominations(args, db);
      return { nomination: nomination!, created: (inserted.rowCount ?? 0) > 0 };
    });
  }

  async voteNomination(
    key: ChannelKey,
    paperId: string,
    user: string,
  ): Promise<{ nomination: Nomination; created: boolean } | undefined> {
    const args = [...keyArgs(checkKey(key)), checkPaperId(paperId)];
    const who = checkUser(user);
    return this.tx(async (db) => {
      // Locked, so the meeting that takes this paper out of the queue cannot leave a stray vote behind.
      const held = await db.query(
        `SELECT 1 FROM reading_nominations WHERE ${KEY} AND paper_id = $4 FOR UPDATE`,
        args,
      );
      if ((held.rowCount ?? 0) === 0) return undefined;
      const inserted = await db.query(
        `INSERT INTO reading_votes (platform, workspace, channel, paper_id, user_id, voted_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [...args, who, this.clock.now()],
      );
      const [nomination] = await this.nominations(args, db);
      return { nomination: nomination!, created: (inserted.rowCount ?? 0) > 0 };
    });
  }

  async listNominations(key: ChannelKey): Promise<Nomination[]> {
    return this.nominations(keyArgs(checkKey(key)));
  }

  async joinRotation(key: ChannelKey, user: string, name: string): Promise<boolean> {
    const result = await this.pool.query(
      `INSERT INTO reading_members (platform, workspace, channel, user_id, display_name, joined_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [...keyArgs(checkKey(key)), checkUser(user), checkName(name), this.clock.now()],
    );
    return (result.rowCount ?? 0) > 0;
  }

  async leaveRotation(key: ChannelKey, user: string): Promise<boolean> {
    const result = await this.pool.query(`DELETE FROM reading_members WHERE ${KEY} AND user_id = $4`, [
      ...keyArgs(checkKey(key)),
      checkUser(user),
    ]);
    return (result.rowCount ?? 0) > 0;
  }

  async listMembers(key: ChannelKey): Promise<ReadingMember[]> {
    const rows = await this.rows<MemberRow>(
      `SELECT * FROM reading_members WHERE ${KEY} ORDER BY joined_at, user_id`,
      keyArgs(checkKey(key)),
    );
    return rows.map(toMember);
  }

  /**
   * Holds, until the transaction ends, the lock on one meeting that recordMeeting, volunteer and withdraw take
   * first: under read committed, a volunteer's insert and the announcement's would otherwise each miss the other.
   */
  private async lockMeeting(db: Queryable, key: ChannelKey, date: string): Promise<void> {
    const name = `reading-meeting ${JSON.stringify([key.platform, key.workspace, key.channel, date])}`;
    await db.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [name]);
  }

  async recordMeeting(
    key: ChannelKey,
    meeting: { date: string; paperId: string | null; presenter: string | null; presenterName: string | null },
  ): Promise<{ meeting: Meeting; created: boolean }> {
    const m = checked(MeetingSchema, meeting, 'meeting');
    const checkedKey = checkKey(key);
    const k = keyArgs(checkedKey);
    return this.tx(async (db) => {
      await this.lockMeeting(db, checkedKey, m.date);
      const [held] = await this.rows<VolunteerRow>(
        `SELECT * FROM reading_volunteers WHERE ${KEY} AND meeting_date = $4`,
        [...k, m.date],
        db,
      );
      const inserted = await db.query(
        `INSERT INTO reading_meetings (platform, workspace, channel, meeting_date, paper_id, presenter, presenter_name, volunteered, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING`,
        [
          ...k,
          m.date,
          m.paperId,
          held ? held.user_id : m.presenter,
          held ? held.display_name : m.presenterName,
          held !== undefined,
          this.clock.now(),
        ],
      );
      const created = (inserted.rowCount ?? 0) > 0;
      if (created) {
        // The meeting row carries the volunteer on; rows of meetings that never came (moved, switched off) go too.
        await db.query(`DELETE FROM reading_volunteers WHERE ${KEY} AND meeting_date <= $4`, [...k, m.date]);
        if (m.paperId !== null) {
          await db.query(`DELETE FROM reading_nominations WHERE ${KEY} AND paper_id = $4`, [...k, m.paperId]);
          await db.query(`DELETE FROM reading_votes WHERE ${KEY} AND paper_id = $4`, [...k, m.paperId]);
        }
      }
      const [row] = await this.rows<MeetingRow>(
        `SELECT * FROM reading_meetings WHERE ${KEY} AND meeting_date = $4`,
        [...k, m.date],
        db,
      );
      return { meeting: toMeeting(row!), created };
    });
  }

  async setMeetingPaper(key: ChannelKey, date: string, paperId: string): Promise<Meeting | undefined> {
    const checkedKey = checkKey(key);
    const day = checkDate(date);
    const k = keyArgs(checkedKey);
    const paper = checkPaperId(paperId);
    return this.tx(async (db) => {
      await this.lockMeeting(db, checkedKey, day);
      const [row] = await this.rows<MeetingRow>(
        `UPDATE reading_meetings SET paper_id = $5 WHERE ${KEY} AND meeting_date = $4 AND paper_id IS NULL
         RETURNING *`,
        [...k, day, paper],
        db,
      );
      if (!row) return undefined;
      await db.query(`DELETE FROM reading_nominations WHERE ${KEY} AND paper_id = $4`, [...k, paper]);
      await db.query(`DELETE FROM reading_votes WHERE ${KEY} AND paper_id = $4`, [...k, paper]);
      return toMeeting(row);
    });
  }

  async moveMeeting(key: ChannelKey, from: string, to: string, by: string): Promise<MeetingMove | undefined> {
    const checkedKey = checkKey(key);
    const k = keyArgs(checkedKey);
    const dates = { from: checkDate(from), to: checkDate(to) };
    const who = checkBy(by);
    if (dates.from === dates.to) return undefined;
    return this.tx(async (db) => {
      // Both meetings' locks, in date order (two moves at once cannot deadlock): a tick announcing `to` either
      // sees the moved meeting or recorded its own first.
      for (const date of [dates.from, dates.to].sort()) await this.lockMeeting(db, checkedKey, date);
      const meetingOn = async (date: string) =>
        (
          await this.rows<MeetingRow>(
            `SELECT * FROM reading_meetings WHERE ${KEY} AND meeting_date = $4`,
            [...k, date],
            db,
          )
        )[0];
      const row = await meetingOn(dates.from);
      if (!row) return undefined;
      const there = await meetingOn(dates.to);
      if (!there) {
        await db.query(`UPDATE reading_meetings SET meeting_date = $5 WHERE ${KEY} AND meeting_date = $4`, [
          ...k,
          dates.from,
          dates.to,
        ]);
        const moved = await meetingOn(dates.to);
        return { moved: true, meeting: toMeeting(moved!) };
      }
      await db.query(`DELETE FROM reading_meetings WHERE ${KEY} AND meeting_date = $4`, [...k, dates.from]);
      if (row.paper_id !== null) {
        const now = this.clock.now();
        await db.query(
          `INSERT INTO reading_nominations (platform, workspace, channel, paper_id, nominated_by, nominated_at, requeued_at)
             VALUES ($1, $2, $3, $4, $5, $6, $6)
             ON CONFLICT (platform, workspace, channel, paper_id) DO UPDATE SET requeued_at = EXCLUDED.requeued_at`,
          [...k, row.paper_id, who, now],
        );
      }
      return { moved: false, dropped: toMeeting(row), kept: toMeeting(there) };
    });
  }

  async getMeeting(key: ChannelKey, date: string): Promise<Meeting | undefined> {
    const [row] = await this.rows<MeetingRow>(
      `SELECT * FROM reading_meetings WHERE ${KEY} AND meeting_date = $4`,
      [...keyArgs(checkKey(key)), checkDate(date)],
    );
    return row ? toMeeting(row) : undefined;
  }

  async listMeetings(key: ChannelKey): Promise<Meeting[]> {
    const rows = await this.rows<MeetingRow>(
      `SELECT * FROM reading_meetings WHERE ${KEY} ORDER BY meeting_date`,
      keyArgs(checkKey(key)),
    );
    return rows.map(toMeeting);
  }

  async volunteer(key: ChannelKey, date: string, user: string, name: string): Promise<Volunteering> {
    const checkedKey = checkKey(key);
    const day = checkDate(date);
    const args = [...keyArgs(checkedKey), day];
    const who = checkUser(user);
    const shown = checkName(name);
    return this.tx(async (db): Promise<Volunteering> => {
      await this.lockMeeting(db, checkedKey, day);
      const [row] = await this.rows<MeetingRow>(
        `SELECT * FROM reading_meetings WHERE ${KEY} AND meeting_date = $4`,
        args,
        db,
      );
      if (!row) {
        const inserted = await db.query(
          `INSERT INTO reading_volunteers (platform, workspace, channel, meeting_date, user_id, display_name, volunteered_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING`,
          [...args, who, shown, this.clock.now()],
        );
        const [held] = await this.rows<VolunteerRow>(
          `SELECT * FROM reading_volunteers WHERE ${KEY} AND meeting_date = $4`,
          args,
          db,
        );
        const volunteer = toVolunteer(held!);
        return {
          announced: false,
          volunteer,
          taken: volunteer.user === who,
          created: (inserted.rowCount ?? 0) > 0,
        };
      }
      const before = toMeeting(row);
      if (before.volunteered) {
        return { announced: true, meeting: before, taken: before.presenter === who, created: false };
      }
      const [updated] = await this.rows<MeetingRow>(
        `UPDATE reading_meetings SET presenter = $5, presenter_name = $6, volunteered = true
         WHERE ${KEY} AND meeting_date = $4 RETURNING *`,
        [...args, who, shown],
        db,
      );
      return { announced: true, meeting: toMeeting(updated!), taken: true, created: true };
    });
  }

  async getVolunteer(key: ChannelKey, date: string): Promise<Volunteer | undefined> {
    const [row] = await this.rows<VolunteerRow>(
      `SELECT * FROM reading_volunteers WHERE ${KEY} AND meeting_date = $4`,
      [...keyArgs(checkKey(key)), checkDate(date)],
    );
    return row ? toVolunteer(row) : undefined;
  }

  async withdraw(
    key: ChannelKey,
    date: string,
    user: string,
  ): Promise<{ announced: boolean; withdrawn: boolean }> {
    const checkedKey = checkKey(key);
    const day = checkDate(date);
    const args = [...keyArgs(checkedKey), day, checkUser(user)];
    return this.tx(async (db) => {
      await this.lockMeeting(db, checkedKey, day);
      const announced =
        (
          await this.rows(
            `SELECT 1 FROM reading_meetings WHERE ${KEY} AND meeting_date = $4`,
            args.slice(0, 4),
            db,
          )
        ).length > 0;
      const result = announced
        ? await db.query(
            `UPDATE reading_meetings SET presenter = NULL, presenter_name = NULL, volunteered = false
             WHERE ${KEY} AND meeting_date = $4 AND presenter = $5`,
            args,
          )
        : await db.query(
            `DELETE FROM reading_volunteers WHERE ${KEY} AND meeting_date = $4 AND user_id = $5`,
            args,
          );
      return { announced, withdrawn: (result.rowCount ?? 0) > 0 };
    });
  }

  // ---------- feedback: votes, follows, personal pings ----------

  async setVote(
    key: ChannelKey,
    paperId: string,
    user: string,
    value: 1 | -1,
    opts: { admin?: boolean } = {},
  ): Promise<VoteCounts> {
    const args = [...keyArgs(checkKey(key)), checkPaperId(paperId)];
    const who = checkUser(user);
    const v = checkVote(value);
    return this.tx(async (db) => {
      await db.query(
        `INSERT INTO votes (platform, workspace, channel, paper_id, user_id, value, by_admin, voted_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (platform, workspace, channel, paper_id, user_id)
         DO UPDATE SET value = EXCLUDED.value, by_admin = EXCLUDED.by_admin, voted_at = EXCLUDED.voted_at`,
        [...args, who, v, opts.admin === true, this.clock.now()],
      );
      return this.counts(args, db);
    });
  }

  private async counts(args: unknown[], db: Queryable = this.pool): Promise<VoteCounts> {
    return countsOf(
      await this.rows<{ value: number; n: string }>(
        `SELECT value, COUNT(*) AS n FROM votes WHERE ${KEY} AND paper_id = $4 GROUP BY value`,
        args,
        db,
      ),
    );
  }

  async voteCounts(key: ChannelKey, paperId: string): Promise<VoteCounts> {
    return this.counts([...keyArgs(checkKey(key)), checkPaperId(paperId)]);
  }

  async listVotes(key: ChannelKey): Promise<Vote[]> {
    const rows = await this.rows<VoteRow>(
      `SELECT * FROM votes WHERE ${KEY} ORDER BY voted_at, paper_id, user_id`,
      keyArgs(checkKey(key)),
    );
    return rows.map(toVote);
  }

  async follow(
    key: ChannelKey,
    follow: { kind: FollowKind; key: string; name: string },
    by: string,
  ): Promise<{ follow: Follow; created: boolean }> {
    const f = checked(FollowSchema, follow, 'follow');
    const args = [...keyArgs(checkKey(key)), f.kind, f.key];
    const who = checkBy(by);
    return this.tx(async (db) => {
      const inserted = await db.query(
        `INSERT INTO follows (platform, workspace, channel, kind, name_key, display_name, followed_by, followed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
        [...args, f.name, who, this.clock.now()],
      );
      const [row] = await this.rows<FollowRow>(
        `SELECT * FROM follows WHERE ${KEY} AND kind = $4 AND name_key = $5`,
        args,
        db,
      );
      return { follow: toFollow(row!), created: (inserted.rowCount ?? 0) > 0 };
    });
  }

  async unfollow(key: ChannelKey, kind: FollowKind, nameKey: string): Promise<boolean> {
    const result = await this.pool.query(`DELETE FROM follows WHERE ${KEY} AND kind = $4 AND name_key = $5`, [
      ...keyArgs(checkKey(key)),
      kind,
      nameKey,
    ]);
    return (result.rowCount ?? 0) > 0;
  }

  async listFollows(key: ChannelKey): Promise<Follow[]> {
    const rows = await this.rows<FollowRow>(
      `SELECT * FROM follows WHERE ${KEY} ORDER BY followed_at, kind, name_key`,
      keyArgs(checkKey(key)),
    );
    return rows.map(toFollow);
  }

  async setNotify(key: ChannelKey, user: string, topics: string[]): Promise<NotifySetting> {
    const args = [...keyArgs(checkKey(key)), checkUser(user)];
    const list = checked(NotifyTopicsSchema, topics, 'topics');
    const [row] = await this.rows<NotifyRow>(
      `INSERT INTO notify_settings (platform, workspace, channel, user_id, topics, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (platform, workspace, channel, user_id)
       DO UPDATE SET topics = EXCLUDED.topics, updated_at = EXCLUDED.updated_at RETURNING *`,
      [...args, JSON.stringify(list), this.clock.now()],
    );
    return toNotify(row!);
  }

  async removeNotify(key: ChannelKey, user: string): Promise<boolean> {
    const result = await this.pool.query(`DELETE FROM notify_settings WHERE ${KEY} AND user_id = $4`, [
      ...keyArgs(checkKey(key)),
      checkUser(user),
    ]);
    return (result.rowCount ?? 0) > 0;
  }

  async listNotify(key: ChannelKey): Promise<NotifySetting[]> {
    const rows = await this.rows<NotifyRow>(
      `SELECT * FROM notify_settings WHERE ${KEY} ORDER BY user_id`,
      keyArgs(checkKey(key)),
    );
    return rows.map(toNotify);
  }
}
