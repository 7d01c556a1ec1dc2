// Small pieces both store dialects share: argument checks and limits.
import { z } from 'zod';
import { truncate } from '../text/truncate.js';
import type { ChannelSettings } from './types.js';
import { InvalidSettingsError, validateSettings } from './validate.js';

/** What openStore hands back beyond the Store port: facts for diagnostics and tests. */
export interface StoreDiagnostics {
  /** Schema versions applied to this database, ascending. */
  appliedVersions(): Promise<number[]>;
}

/** Every table forgetChannel empties for a channel, in both dialects (the ledger, deliveries, stays). */
export const CHANNEL_TABLES = [
  'channels',
  'saved_papers',
  'feed_tokens',
  'zotero_links',
  'votes',
  'follows',
  'notify_settings',
  'reading_groups',
  'reading_nominations',
  'reading_votes',
  'reading_members',
  'reading_meetings',
  'reading_volunteers',
] as const;

export const byName = z.string().trim().min(1, 'must name who made the change').max(200);

/** Validates a change at the store boundary; commands call validateSettings first and show its messages. */
export function settingsChange(change: Partial<ChannelSettings>): Partial<ChannelSettings> {
  const result = validateSettings(change);
  if (!result.ok) throw new InvalidSettingsError(result.errors);
  return result.value;
}

const MAX_ERROR = 1000;

/** Error texts come from platforms and can be long; the ledger keeps a readable head. */
export function errorText(text: string): string {
  const one = String(text).trim();
  return truncate(one, MAX_ERROR, 'utf16');
}

export function limitOf(limit: number | undefined, fallback = 50): number {
  if (limit === undefined) return fallback;
  if (!Number.isInteger(limit) || limit < 1)
    throw new TypeError(`store: limit must be a positive whole number`);
  return Math.min(limit, 10_000);
}

/** When a released delivery may be claimed again: now + retryAfterMs, or at once. */
export function retryAt(now: Date, retryAfterMs: number | undefined): Date | null {
  if (retryAfterMs === undefined || retryAfterMs <= 0) return null;
  return new Date(now.getTime() + retryAfterMs);
}
