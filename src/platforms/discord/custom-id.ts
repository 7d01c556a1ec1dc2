// Component custom_ids that carry the command line a button or menu runs, compactly and within 100 characters.
import { createHash } from 'node:crypto';
import { LIMITS } from './limits.js';

/**
 * How the answer to a press is shown: `u` updates the message the button is on (paging), `e` answers only the
 * person who pressed (Summarize on a shared digest), `p` posts the answer in the channel and marks the private
 * message the button sits on as shared (Share to channel).
 */
export type PressMode = 'u' | 'e' | 'p';

const PREFIX = 'pb';
/** Store namespace for command lines too long for a custom_id, keyed by their hash. */
export const STASH_NAMESPACE = 'discord-actions';
/**
 * How long a stashed line outlives the message that carries it. Each long search stores a few of them, so
 * without an expiry one member within the rate limit could add hundreds of megabytes a day; a press after this
 * answers "This button has expired" and the search runs again from the command.
 */
export const STASH_TTL_MS = 7 * 24 * 3_600_000;

/** Long lines found while rendering: the caller saves them (Store key-value) before the message goes out. */
export type Stash = Record<string, string>;

/** `/papers search rl page:2` → `search rl page:2`; the top-level command is implied. */
function shorten(line: string): string {
  return line.trim().replace(/^\/?papers\s+/i, '');
}

/**
 * Encodes a command line in at most `max` characters: the line itself when it fits, else `#` + a hash whose
 * line goes into the stash. Subcommand names never start with `#`, so the two forms cannot be confused.
 */
export function encodeLine(line: string, max: number, stash: Stash): string {
  const short = shorten(line);
  if (short.length <= max && !short.startsWith('#')) return short;
  const key = createHash('sha256').update(short).digest('base64url').slice(0, 22);
  stash[key] = short;
  return `#${key}`;
}

/** custom_id of a button: `pb:<mode>:<line or #hash>`. */
export function buttonId(line: string, mode: PressMode, stash: Stash): string {
  const head = `${PREFIX}:${mode}:`;
  return head + encodeLine(line, LIMITS.customId - head.length, stash);
}

/** custom_id of a select menu whose chosen option value is the encoded line to run. */
export function selectId(mode: PressMode): string {
  return `${PREFIX}:${mode}:@`;
}

/** custom_id of a disabled placeholder (a greyed-out Previous on the first page). */
export function inertId(name: string): string {
  return `${PREFIX}:x:${name}`;
}

export type Decoded =
  | { mode: PressMode; line: string }
  | { mode: PressMode; stashKey: string }
  | { mode: PressMode; fromSelect: true }
  | null;

/** Reads a custom_id back; null for ids that are not ours or carry nothing to run. */
export function decodeId(customId: string): Decoded {
  const match = /^pb:([uep]):(.*)$/s.exec(customId);
  if (!match) return null;
  const mode = match[1] as PressMode;
  return decodeValue(match[2] ?? '', mode);
}

/** Decodes an encoded line (a custom_id tail or a select option value). */
export function decodeValue(value: string, mode: PressMode): Decoded {
  if (value === '@') return { mode, fromSelect: true };
  if (value.startsWith('#')) return { mode, stashKey: value.slice(1) };
  if (value.trim() === '') return null;
  return { mode, line: `/papers ${value}` };
}
