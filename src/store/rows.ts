// Database rows ↔ store records, for both dialects (SQLite hands back text, PostgreSQL typed values).
import { type Paper, PaperSchema } from '../catalog/paper.js';
import {
  type ChannelRecord,
  type ChannelSettings,
  DEFAULT_SETTINGS,
  type Delivery,
  type DeliveryStatus,
  type Platform,
  WEEKDAYS,
  type Weekday,
} from './types.js';

type Timestamp = string | Date;
type JsonList = string | string[];

export interface ChannelRow {
  platform: string;
  workspace: string;
  channel: string;
  topics: JsonList;
  exclude: JsonList;
  digest_time: string;
  timezone: string;
  days: JsonList;
  paper_count: number;
  paused: number | boolean;
  when_empty: string;
  /** Added by migration 2; absent on rows read before it ran (never, after migrate()). */
  images?: number | boolean;
  /** Added by migration 5. */
  cadence?: string;
  weekly_day?: string;
  created_at: Timestamp;
  updated_at: Timestamp;
  updated_by: string;
  version: number;
  unreachable_reason: string | null;
  unreachable_since: Timestamp | null;
  failures: number;
}

export interface DeliveryRow {
  id: string;
  platform: string;
  workspace: string;
  channel: string;
  slot: string;
  paper_ids: JsonList;
  status: string;
  attempts: number;
  nonce: string;
  error: string | null;
  owner: string | null;
  lease_until: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  sent_at: Timestamp | null;
  message_ids: JsonList;
}

export function iso(value: Timestamp): string;
export function iso(value: Timestamp | null): string | null;
export function iso(value: Timestamp | null): string | null {
  if (value === null) return null;
  return value instanceof Date ? value.toISOString() : new Date(value).toISOString();
}

/** A JSON array of strings as either driver returns it (SQLite: text; PostgreSQL: parsed jsonb). */
export function list(value: JsonList): string[] {
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
  return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === 'string') : [];
}

export function toChannel(row: ChannelRow): ChannelRecord {
  return {
    platform: row.platform as Platform,
    workspace: row.workspace,
    channel: row.channel,
    topics: list(row.topics),
    exclude: list(row.exclude),
    time: row.digest_time,
    timezone: row.timezone,
    days: list(row.days) as Weekday[],
    count: Number(row.paper_count),
    paused: row.paused === true || row.paused === 1,
    whenEmpty: row.when_empty === 'silent' ? 'silent' : 'notice',
    images: row.images !== false && row.images !== 0,
    cadence: row.cadence === 'weekly' ? 'weekly' : 'daily',
    weeklyDay: (WEEKDAYS as readonly string[]).includes(row.weekly_day ?? '')
      ? (row.weekly_day as Weekday)
      : DEFAULT_SETTINGS.weeklyDay,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    updatedBy: row.updated_by,
    version: Number(row.version),
    unreachable:
      row.unreachable_reason === null
        ? null
        : { reason: row.unreachable_reason, since: iso(row.unreachable_since ?? row.updated_at) },
    failures: Number(row.failures),
  };
}

export function toDelivery(row: DeliveryRow): Delivery {
  return {
    id: row.id,
    platform: row.platform as Platform,
    workspace: row.workspace,
    channel: row.channel,
    slot: row.slot,
    paperIds: list(row.paper_ids),
    status: row.status as DeliveryStatus,
    attempts: Number(row.attempts),
    nonce: row.nonce,
    error: row.error,
    owner: row.owner,
    leaseUntil: iso(row.lease_until),
    createdAt: iso(row.created_at),
    sentAt: iso(row.sent_at),
    messageIds: list(row.message_ids),
  };
}

/** The settings after a (validated) partial change; a channel seen for the first time starts from defaults. */
export function mergeSettings(
  current: ChannelSettings | undefined,
  change: Partial<ChannelSettings>,
): ChannelSettings {
  const base = current ?? DEFAULT_SETTINGS;
  const merged: ChannelSettings = {
    topics: [...base.topics],
    exclude: [...base.exclude],
    time: base.time,
    timezone: base.timezone,
    days: [...base.days],
    count: base.count,
    paused: base.paused,
    whenEmpty: base.whenEmpty,
    images: base.images,
    cadence: base.cadence,
    weeklyDay: base.weeklyDay,
  };
  for (const [field, value] of Object.entries(change) as [keyof ChannelSettings, unknown][]) {
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[field] = value;
  }
  return merged;
}

/** A stored paper that no longer parses (older build, hand edit) is skipped and named, not fatal. */
export function toPaper(
  id: string,
  data: unknown,
  onBad: (id: string, reason: string) => void,
): Paper | undefined {
  let value: unknown = data;
  try {
    if (typeof data === 'string') value = JSON.parse(data);
  } catch (error) {
    onBad(id, `not JSON: ${(error as Error).message}`);
    return undefined;
  }
  const parsed = PaperSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  onBad(id, `${issue?.path.join('.') || 'record'}: ${issue?.message ?? 'invalid'}`);
  return undefined;
}
