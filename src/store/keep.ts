// Rows and argument checks of what a channel keeps (reading list, feed token, Zotero link), for both dialects.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { checked } from './ledger.js';
import { iso } from './rows.js';
import { byName, errorText } from './shared.js';
import type { SavedPaper, ZoteroLink } from './types.js';

export interface SavedRow {
  paper_id: string;
  saved_by: string;
  saved_at: string | Date;
  zotero_item: string | null;
  zotero_error: string | null;
}

export interface ZoteroLinkRow {
  group_id: string;
  sealed_key: string;
  updated_at: string | Date;
  updated_by: string;
}

export function toSaved(row: SavedRow): SavedPaper {
  return {
    paperId: row.paper_id,
    savedBy: row.saved_by,
    savedAt: iso(row.saved_at),
    zoteroItem: row.zotero_item,
    zoteroError: row.zotero_error,
  };
}

export function toZoteroLink(row: ZoteroLinkRow): ZoteroLink {
  return {
    groupId: row.group_id,
    sealedKey: row.sealed_key,
    updatedAt: iso(row.updated_at),
    updatedBy: row.updated_by,
  };
}

const paperId = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');

export function checkPaperId(id: string): string {
  return checked(paperId, id, 'paperId');
}

export function checkBy(by: string): string {
  return checked(byName, by, 'savedBy');
}

/** Zotero's answer: an item key (8 characters), or an error text kept readable. */
export function zoteroOutcome(outcome: { item: string } | { error: string }): {
  item: string | null;
  error: string | null;
} {
  return 'item' in outcome
    ? { item: checked(z.string().trim().min(1).max(64), outcome.item, 'zotero item'), error: null }
    : { item: null, error: errorText(outcome.error) };
}

export const ZoteroLinkSchema = z.object({
  groupId: z.string().regex(/^\d{1,20}$/, 'must be a Zotero group id (digits)'),
  sealedKey: z.string().min(1).max(2000),
});

/** 24 random bytes as 32 URL-safe characters: a feed's address cannot be guessed or enumerated. */
export function newFeedToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Tokens have one shape; anything else is not looked up at all. */
export const FEED_TOKEN = /^[A-Za-z0-9_-]{32}$/;

export function pageOf(opts: { limit?: number; offset?: number } = {}): { limit: number; offset: number } {
  const limit = opts.limit ?? 50;
  const offset = opts.offset ?? 0;
  if (!Number.isInteger(limit) || limit < 1)
    throw new TypeError('store: limit must be a positive whole number');
  if (!Number.isInteger(offset) || offset < 0)
    throw new TypeError('store: offset must be a whole number ≥ 0');
  return { limit: Math.min(limit, 10_000), offset };
}
