// Versioned schema migrations, each written for SQLite and PostgreSQL side by side so the two cannot drift.

export interface Migration {
  /** Applied in ascending order; never renumber or edit one that has shipped, add a new one instead. */
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

/** Name of the bookkeeping table; prefixed because a shared PostgreSQL database may hold other tools' tables. */
export const MIGRATIONS_TABLE = 'paperboy_migrations';

/**
 * Timestamps: SQLite keeps ISO-8601 UTC text (same width, so text order is time order); PostgreSQL keeps
 * timestamptz. Lists: JSON text in SQLite, jsonb in PostgreSQL.
 */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'channels, deliveries, papers, kv',
    sqlite: `
      CREATE TABLE channels (
        platform TEXT NOT NULL,
        workspace TEXT NOT NULL,
        channel TEXT NOT NULL,
        topics TEXT NOT NULL DEFAULT '[]',
        exclude TEXT NOT NULL DEFAULT '[]',
        digest_time TEXT NOT NULL,
        timezone TEXT NOT NULL,
        days TEXT NOT NULL,
        paper_count INTEGER NOT NULL,
        paused INTEGER NOT NULL DEFAULT 0,
        when_empty TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        version INTEGER NOT NULL DEFAULT 0,
        unreachable_reason TEXT,
        unreachable_since TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (platform, workspace, channel)
      );
      CREATE TABLE deliveries (
        id TEXT PRIMARY KEY,
        platform TEXT NOT NULL,
        workspace TEXT NOT NULL,
        channel TEXT NOT NULL,
        slot TEXT NOT NULL,
        paper_ids TEXT NOT NULL DEFAULT '[]',
        status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
        attempts INTEGER NOT NULL DEFAULT 0,
        nonce TEXT NOT NULL,
        error TEXT,
        owner TEXT,
        lease_until TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        sent_at TEXT,
        message_ids TEXT NOT NULL DEFAULT '[]',
        UNIQUE (platform, workspace, channel, slot)
      );
      CREATE INDEX deliveries_pending ON deliveries (lease_until) WHERE status = 'pending';
      CREATE TABLE papers (
        id TEXT PRIMARY KEY,
        data TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE TABLE kv (
        namespace TEXT NOT NULL,
        name TEXT NOT NULL,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (namespace, name)
      );`,
    postgres: `
      CREATE TABLE channels (
        platform text NOT NULL,
        workspace text NOT NULL,
        channel text NOT NULL,
        topics jsonb NOT NULL DEFAULT '[]',
        exclude jsonb NOT NULL DEFAULT '[]',
        digest_time text NOT NULL,
        timezone text NOT NULL,
        days jsonb NOT NULL,
        paper_count integer NOT NULL,
        paused boolean NOT NULL DEFAULT false,
        when_empty text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        updated_by text NOT NULL,
        version integer NOT NULL DEFAULT 0,
        unreachable_reason text,
        unreachable_since timestamptz,
        failures integer NOT NULL DEFAULT 0,
        PRIMARY KEY (platform, workspace, channel)
      );
      CREATE TABLE deliveries (
        id text PRIMARY KEY,
        platform text NOT NULL,
        workspace text NOT NULL,
        channel text NOT NULL,
        slot text NOT NULL,
        paper_ids jsonb NOT NULL DEFAULT '[]',
        status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
        attempts integer NOT NULL DEFAULT 0,
        nonce text NOT NULL,
        error text,
        owner text,
        lease_until timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        sent_at timestamptz,
        message_ids jsonb NOT NULL DEFAULT '[]',
        UNIQUE (platform, workspace, channel, slot)
      );
      CREATE INDEX deliveries_pending ON deliveries (lease_until) WHERE status = 'pending';
      CREATE TABLE papers (
        id text PRIMARY KEY,
        data jsonb NOT NULL,
        updated_at timestamptz NOT NULL
      );
      CREATE TABLE kv (
        namespace text NOT NULL,
        name text NOT NULL,
        value text NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (namespace, name)
      );`,
  },
  {
    version: 2,
    name: 'channels.images',
    // Existing channels keep the images they had (on) until an admin switches them off.
    sqlite: 'ALTER TABLE channels ADD COLUMN images INTEGER NOT NULL DEFAULT 1;',
    postgres: 'ALTER TABLE channels ADD COLUMN images boolean NOT NULL DEFAULT true;',
  },
  {
    version: 3,
    name: 'reading lists, feed tokens, zotero links',
    sqlite: `
      CREATE TABLE saved_papers (
        platform TEXT NOT NULL,
        workspace TEXT NOT NULL,
        channel TEXT NOT NULL,
        paper_id TEXT NOT NULL,
        saved_by TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        zotero_item TEXT,
        zotero_error TEXT,
        PRIMARY KEY (platform, workspace, channel, paper_id)
      );
      CREATE TABLE feed_tokens (
        platform TEXT NOT NULL,
        workspace TEXT NOT NULL,
        channel TEXT NOT NULL,
        token TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        PRIMARY KEY (platform, workspace, channel)
      );
      CREATE TABLE zotero_links (
        platform TEXT NOT NULL,
        workspace TEXT NOT NULL,
        channel TEXT NOT NULL,
        group_id TEXT NOT NULL,
        sealed_key TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        PRIMARY KEY (platform, workspace, channel)
      );`,
    postgres: `
      CREATE TABLE saved_papers (
        platform text NOT NULL,
        workspace text NOT NULL,
        channel text NOT NULL,
        paper_id text NOT NULL,
        saved_by text NOT NULL,
        saved_at timestamptz NOT NULL,
        zotero_item text,
        zotero_error text,
        PRIMARY KEY (platform, workspace, channel, paper_id)
      );
      CREATE TABLE feed_tokens (
        platform text NOT NULL,
        workspace text NOT NULL,
        channel text NOT NULL,
        token text NOT NULL UNIQUE,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (platform, workspace, channel)
      );
      CREATE TABLE zotero_links (
        platform text NOT NULL,
        workspace text NOT NULL,
        channel text NOT NULL,
        group_id text NOT NULL,
        sealed_key text NOT NULL,
        updated_at timestamptz NOT NULL,
        updated_by text NOT NULL,
        PRIMARY KEY (platform, workspace, channel)
      );`,
  },
  {
    version: 4,
    name: 'votes, follows, notify settings',
    sqlite: `
      CREATE TABLE votes (
        platform TEXT NOT NULL,
        workspace TEXT NOT NULL,
        channel TEXT NOT NULL,
        paper_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        value INTEGER NOT NULL CHECK (value IN (-1, 1)),
        by_admin INTEGER NOT NULL DEFAULT 0,
        voted_at TEXT NOT NULL,
        PRIMARY KEY (platform, workspace, channel, paper_id, user_id)
      );
      CREATE TABLE follows (
        platform TEXT NOT NULL,
        workspace TEXT NOT NULL,
        channel TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('author', 'org')),
        name_key TEXT NOT NULL,
        display_name TEXT NOT NULL,
        followed_by TEXT NOT NULL,
        followed_at TEXT NOT NULL,
        PRIMARY KEY (platform, workspace, channel, kind, name_key)
      );
      CREATE TABLE notify_settings (
        platform TEXT NOT NULL,
        workspace TEXT NOT NULL,
        channel TEXT NOT NULL,
        user_id TEXT NOT NULL,
        topics TEXT NOT NULL DEFAULT '[]',
        updated_at TEXT NOT NULL,
        PRIMARY KEY (platform, workspace, channel, user_id)
      );`,
    postgres: `
      CREATE TABLE votes (
        platform text NOT NULL,
        workspace text NOT NULL,
        channel text NOT NULL,
        paper_id text NOT NULL,
        user_id text NOT NULL,
        value smallint NOT NULL CHECK (value IN (-1, 1)),
        by_admin boolean NOT NULL DEFAULT false,
        voted_at timestamptz NOT NULL,
        PRIMARY KEY (platform, workspace, channel, paper_id, user_id)
      );
      CREATE TABLE follows (
        platform text NOT NULL,
        workspace text NOT NULL,
        channel text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('author', 'org')),
        name_key text NOT NULL,
        display_name text NOT NULL,
        followed_by text NOT NULL,
        followed_at timestamptz NOT NULL,
        PRIMARY KEY (platform, workspace, channel, kind, name_key)
      );
      CREATE TABLE notify_settings (
        platform text NOT NULL,
        workspace text NOT NULL,
        channel text NOT NULL,
        user_id text NOT NULL,
        topics jsonb NOT NULL DEFAULT '[]',
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (platform, workspace, channel, user_id)
      );`,
  },
  {
    version: 5,
    name: 'channels.cadence, channels.weekly_day',
    // Existing channels stay daily; the round-up day only matters once a channel chooses cadence:weekly.
    sqlite: `
      ALTER TABLE channels ADD COLUMN cadence TEXT NOT NULL DEFAULT 'daily';
      ALTER TABLE channels ADD COLUMN weekly_day TEXT NOT NULL DEFAULT 'fri';`,
    postgres: `
      ALTER TABLE channels ADD COLUMN cadence text NOT NULL DEFAULT 'daily';
      ALTER TABLE channels ADD COLUMN weekly_day text NOT NULL DEFAULT 'fri';`,
  },
  {
    version: 6,
    name: 'follow-up snapshots and ledger',
    sqlite: `
      CREATE TABLE followup_snapshots (
        platform TEXT NOT NULL,
        workspace TEXT NOT NULL,
        channel TEXT NOT NULL,
        paper_id TEXT NOT NULL,
        slot TEXT NOT NULL,
        state TEXT NOT NULL,
        taken_at TEXT NOT NULL,
        PRIMARY KEY (platform, workspace, channel, paper_id)
      );
      CREATE INDEX followup_snapshots_taken ON followup_snapshots (taken_at);
      CREATE TABLE followups (
        id TEXT PRIMARY KEY,
        platform TEXT NOT NULL,
        workspace TEXT NOT NULL,
        channel TEXT NOT NULL,
        paper_id TEXT NOT NULL,
        change TEXT NOT NULL,
        text TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'queued', 'sent', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        nonce TEXT NOT NULL,
        reply_to TEXT,
        delivery_id TEXT,
        owner TEXT,
        lease_until TEXT,
        error TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        sent_at TEXT,
        message_ids TEXT NOT NULL DEFAULT '[]',
        UNIQUE (platform, workspace, channel, paper_id, change)
      );
      CREATE INDEX followups_delivery ON followups (delivery_id);`,
    postgres: `
      CREATE TABLE followup_snapshots (
        platform text NOT NULL,
        workspace text NOT NULL,
        channel text NOT NULL,
        paper_id text NOT NULL,
        slot text NOT NULL,
        state jsonb NOT NULL,
        taken_at timestamptz NOT NULL,
        PRIMARY KEY (platform, workspace, channel, paper_id)
      );
      CREATE INDEX followup_snapshots_taken ON followup_snapshots (taken_at);
      CREATE TABLE followups (
        id text PRIMARY KEY,
        platform text NOT NULL,
        workspace text NOT NULL,
        channel text NOT NULL,
        paper_id text NOT NULL,
        change text NOT NULL,
        text text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'queued', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        nonce text NOT NULL,
        reply_to text,
        delivery_id text,
        owner text,
        lease_until timestamptz,
        error text,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        sent_at timestamptz,
        message_ids jsonb NOT NULL DEFAULT '[]',
        UNIQUE (platform, workspace, channel, paper_id, change)
      );
      CREATE INDEX followups_delivery ON followups (delivery_id);`,
  },
  {
    version: 7,
    name: 'reading groups: meetings, nominations, rotation',
    sqlite: `
      CREATE TABLE reading_groups (
        platform TEXT NOT NULL,
        workspace TEXT NOT NULL,
        channel TEXT NOT NULL,
        weekday TEXT NOT NULL,
        meeting_time TEXT NOT NULL,
        timezone TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        updated_by TEXT NOT NULL,
        PRIMARY KEY (platform, workspace, channel)
      );
      CREATE TABLE reading_nominations (
        platform TEXT NOT NULL,
        workspace TEXT NOT NULL,
        channel TEXT NOT NULL,
        paper_id TEXT NOT NULL,
        nominated_by TEXT NOT NULL,
        nominated_at TEXT NOT NULL,
        PRIMARY KEY (platform, workspace, channel, paper_id)
      );
      CREATE TABLE reading_votes (
        platform TEXT NOT NULL,
        workspace TEXT NOT NULL,
        channel TEXT NOT NULL,
        paper_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        voted_at TEXT NOT NULL,
        PRIMARY KEY (platform, workspace, channel, paper_id, user_id)
      );
      CREATE TABLE reading_members (
        platform TEXT NOT NULL,
        workspace TEXT NOT NULL,
        channel TEXT NOT NULL,
        user_id TEXT NOT NULL,
        display_name TEXT NOT NULL,
        joined_at TEXT NOT NULL,
        PRIMARY KEY (platform, workspace, channel, user_id)
      );
      CREATE TABLE reading_meetings (
        platform TEXT NOT NULL,
        workspace TEXT NOT NULL,
        channel TEXT NOT NULL,
        meeting_date TEXT NOT NULL,
        paper_id TEXT,
        presenter TEXT,
        presenter_name TEXT,
        volunteered INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        PRIMARY KEY (platform, workspace, channel, meeting_date)
      );`,
    postgres: `
      CREATE TABLE reading_groups (
        platform text NOT NULL,
        workspace text NOT NULL,
        channel text NOT NULL,
        weekday text NOT NULL,
        meeting_time text NOT NULL,
        timezone text NOT NULL,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        updated_by text NOT NULL,
        PRIMARY KEY (platform, workspace, channel)
      );
      CREATE TABLE reading_nominations (
        platform text NOT NULL,
        workspace text NOT NULL,
        channel text NOT NULL,
        paper_id text NOT NULL,
        nominated_by text NOT NULL,
        nominated_at timestamptz NOT NULL,
        PRIMARY KEY (platform, workspace, channel, paper_id)
      );
      CREATE TABLE reading_votes (
        platform text NOT NULL,
        workspace text NOT NULL,
        channel text NOT NULL,
        paper_id text NOT NULL,
        user_id text NOT NULL,
        voted_at timestamptz NOT NULL,
        PRIMARY KEY (platform, workspace, channel, paper_id, user_id)
      );
      CREATE TABLE reading_members (
        platform text NOT NULL,
        workspace text NOT NULL,
        channel text NOT NULL,
        user_id text NOT NULL,
        display_name text NOT NULL,
        joined_at timestamptz NOT NULL,
        PRIMARY KEY (platform, workspace, channel, user_id)
      );
      CREATE TABLE reading_meetings (
        platform text NOT NULL,
        workspace text NOT NULL,
        channel text NOT NULL,
        meeting_date text NOT NULL,
        paper_id text,
        presenter text,
        presenter_name text,
        volunteered boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (platform, workspace, channel, meeting_date)
      );`,
  },
  {
    version: 8,
    name: 'deliveries.paper_messages; queued follow-ups of sent digests are sent',
    // Which message of a digest holds which paper (a follow-up answers that one). The UPDATE settles follow-ups a
    // crash left queued under a digest that went out: they were in that post (markSent now settles them with it).
    sqlite: `
      ALTER TABLE deliveries ADD COLUMN paper_messages TEXT NOT NULL DEFAULT '{}';
      UPDATE followups SET status = 'sent',
          sent_at = (SELECT d.sent_at FROM deliveries d WHERE d.id = followups.delivery_id),
          message_ids = (SELECT d.message_ids FROM deliveries d WHERE d.id = followups.delivery_id),
          updated_at = (SELECT d.sent_at FROM deliveries d WHERE d.id = followups.delivery_id)
        WHERE status = 'queued' AND delivery_id IN (SELECT id FROM deliveries WHERE status = 'sent');`,
    postgres: `
      ALTER TABLE deliveries ADD COLUMN paper_messages jsonb NOT NULL DEFAULT '{}';
      UPDATE followups f SET status = 'sent', sent_at = d.sent_at, message_ids = d.message_ids,
          updated_at = d.sent_at
        FROM deliveries d
        WHERE f.status = 'queued' AND f.delivery_id = d.id AND d.status = 'sent';`,
  },
  {
    version: 9,
    name: 'reading_volunteers: who presents a meeting not yet announced',
    // One row per meeting, first come first served (the primary key is the set-if-absent): the announcement
    // names this member instead of the rotation's pick and deletes the row, as the meeting row carries it on.
    sqlite: `
      CREATE TABLE reading_volunteers (
        platform TEXT NOT NULL,
        workspace TEXT NOT NULL,
        channel TEXT NOT NULL,
        meeting_date TEXT NOT NULL,
        user_id TEXT NOT NULL,
        display_name TEXT NOT NULL,
        volunteered_at TEXT NOT NULL,
        PRIMARY KEY (platform, workspace, channel, meeting_date)
      );`,
    postgres: `
      CREATE TABLE reading_volunteers (
        platform text NOT NULL,
        workspace text NOT NULL,
        channel text NOT NULL,
        meeting_date text NOT NULL,
        user_id text NOT NULL,
        display_name text NOT NULL,
        volunteered_at timestamptz NOT NULL,
        PRIMARY KEY (platform, workspace, channel, meeting_date)
      );`,
  },
  {
    version: 10,
    name: 'reading_nominations.requeued_at: a paper back from a meeting that could not move goes first',
    // Set when the schedule moved an announced meeting onto a date that has its own: the moved meeting's paper
    // returns to the queue ahead of the votes (it was chosen already); NULL for every ordinary nomination.
    sqlite: 'ALTER TABLE reading_nominations ADD COLUMN requeued_at TEXT;',
    postgres: 'ALTER TABLE reading_nominations ADD COLUMN requeued_at timestamptz;',
  },
];

/** The newest schema version this build knows. */
export const LATEST_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

/**
 * Which migrations to run given the versions already applied; refuses a database written by a newer build.
 * Numbers may have gaps (parallel work reserves its numbers): a missing version is simply not run, and one that
 * arrives later than a higher one is run when it does, as migrations never depend on a number they skip.
 */
export function pendingMigrations(
  applied: readonly number[],
  migrations: readonly Migration[] = MIGRATIONS,
): Migration[] {
  const latest = migrations.reduce((max, m) => Math.max(max, m.version), 0);
  const known = new Set(migrations.map((m) => m.version));
  // A version this build does not know, above everything it knows, was written by a newer build.
  const newest = applied.filter((v) => !known.has(v)).reduce((max, v) => Math.max(max, v), 0);
  if (newest > latest) {
    throw new Error(
      `the database schema is at version ${newest}, newer than this Paperboy understands (${latest}): upgrade Paperboy, or point DATABASE_URL at another database`,
    );
  }
  const done = new Set(applied);
  return [...migrations].sort((a, b) => a.version - b.version).filter((m) => !done.has(m.version));
}
