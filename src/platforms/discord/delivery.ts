// The Discord DeliveryPort: posts a digest View to a channel through REST, idempotently, and classifies refusals.
import { createHash } from 'node:crypto';
import { DiscordAPIError, HTTPError, RateLimitError, type REST, Routes } from 'discord.js';
import type { Logger } from 'pino';
import type { DeliveryPort, DeliveryResult, OutgoingPost } from '../../digest/types.js';
import type { KeyValueStore } from '../../store/types.js';
import { STASH_NAMESPACE } from './custom-id.js';
import { renderView } from './render.js';

/** Discord keeps a nonce for a few minutes and answers a repeat with the first message instead of a new one. */
export const NONCE_MAX = 25;

/** The nonce of the n-th message of a post: the post's own when it fits, else a stable hash of it. */
export function messageNonce(nonce: string, index: number): string {
  if (index === 0 && nonce.length <= NONCE_MAX) return nonce;
  return createHash('sha256').update(`${nonce}#${index}`).digest('base64url').slice(0, NONCE_MAX);
}

/** Discord's JSON error codes worth explaining to a channel admin. */
const REASONS: Record<number, string> = {
  10003: 'the channel no longer exists',
  10004: 'Paperboy is no longer in this server',
  50001: 'Paperboy cannot see this channel (removed from the server, or View Channel denied)',
  50013: 'Paperboy lacks permission to post here (Send Messages and Embed Links)',
  50007: 'this person does not accept direct messages from Paperboy',
};

export function classifyError(error: unknown): Exclude<DeliveryResult, { ok: true }> {
  if (error instanceof RateLimitError) {
    return { ok: false, kind: 'rate-limited', retryAfterMs: Math.max(0, Math.ceil(error.retryAfter)) };
  }
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : Number(error.code);
    const known = REASONS[code];
    if (error.status === 403 || error.status === 404) {
      return {
        ok: false,
        kind: 'unreachable',
        reason: known ?? `Discord refused with ${error.status}: ${error.message}`,
      };
    }
    if (error.status === 401) {
      return {
        ok: false,
        kind: 'transient',
        reason: 'Discord refused the bot token (401): check DISCORD_TOKEN',
      };
    }
    return {
      ok: false,
      kind: 'transient',
      reason: `Discord answered ${error.status} (${code}): ${error.message}`,
    };
  }
  if (error instanceof HTTPError) {
    return { ok: false, kind: 'transient', reason: `Discord answered ${error.status} ${error.message}` };
  }
  if (error instanceof Error && error.name === 'AbortError') {
    return { ok: false, kind: 'transient', reason: 'Discord did not answer in time' };
  }
  return {
    ok: false,
    kind: 'transient',
    reason: `could not reach Discord: ${error instanceof Error ? error.message : String(error)}`,
  };
}

export interface DeliveryOptions {
  rest: REST;
  /** Where long button command lines are kept (see custom-id.ts). */
  store: KeyValueStore;
  logger: Logger;
}

export function createDiscordDelivery(options: DeliveryOptions): DeliveryPort {
  const { rest, store, logger } = options;
  return {
    platform: 'discord',
    async deliver(post: OutgoingPost): Promise<DeliveryResult> {
      const rendered = renderView(post.view);
      const messageIds: string[] = [];
      try {
        for (const [key, line] of Object.entries(rendered.stash))
          await store.setValue(STASH_NAMESPACE, key, line);
        for (const [index, message] of rendered.messages.entries()) {
          const { flags: _ephemeralMakesNoSenseHere, ...body } = message;
          const sent = (await rest.post(Routes.channelMessages(post.channel.channel), {
            body: { ...body, nonce: messageNonce(post.nonce, index), enforce_nonce: true },
          })) as { id: string };
          messageIds.push(sent.id);
        }
        return { ok: true, messageIds };
      } catch (error) {
        const result = classifyError(error);
        logger.warn(
          { channel: post.channel, nonce: post.nonce, posted: messageIds.length, result },
          'discord delivery failed',
        );
        return result;
      }
    },
  };
}
