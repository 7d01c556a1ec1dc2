// The Discord DeliveryPort: posts a digest View to a channel through REST, idempotently, and classifies refusals.
import { createHash } from 'node:crypto';
import { DiscordAPIError, HTTPError, RateLimitError, type REST, Routes } from 'discord.js';
import type { Logger } from 'pino';
import { type Clock, systemClock } from '../../clock.js';
import { paperMessages } from '../../digest/paper-messages.js';
import type { DeliveryPort, DeliveryResult, OutgoingPost } from '../../digest/types.js';
import type { KeyValueStore } from '../../store/types.js';
import { oneDeliveryAtATime } from '../one-delivery-at-a-time.js';
import { STASH_NAMESPACE } from './custom-id.js';
import { renderPost } from './render.js';
import { rawFiles } from './rest.js';

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
  /** Where long button command lines are kept (see custom-id.ts), and the attempt in progress. */
  store: KeyValueStore;
  logger: Logger;
  /** How long Discord is trusted to remember a nonce (default 2 minutes: it promises "a few"). */
  nonceWindowMs?: number;
  clock?: Clock;
}

/** Message ids of a post sent so far, by its nonce: a retry sends only the rest (kept two days). */
const PROGRESS = 'discord-delivery-progress';
/** The message being sent and when the attempt started, by nonce: a crash leaves it behind (kept two days). */
const ATTEMPT = 'discord-delivery-attempt';
export const DELIVERY_NAMESPACES = [PROGRESS, ATTEMPT] as const;
/** Past this a delivery is settled (sent, or given up by the scheduler's grace hours). */
export const DELIVERY_RECORD_TTL_MS = 2 * 24 * 3_600_000;
/** Recent messages looked at for a post whose nonce Discord may have forgotten. */
const HISTORY_LIMIT = 50;

interface Attempt {
  /** The message being sent. */
  index: number;
  /** When the attempt started, in ms. */
  at: number;
}

interface ChannelMessage {
  id: string;
  nonce?: string | number;
  content?: string;
  author?: { bot?: boolean };
  embeds?: { title?: string }[];
}

/** Whether `m` is the message `body` would create: its nonce when Discord returns one, else its text and author. */
function sameMessage(
  m: ChannelMessage,
  body: { content?: string; embeds?: { title?: string }[] },
  nonce: string,
) {
  if (m.nonce !== undefined && m.nonce !== null) return String(m.nonce) === nonce;
  return (
    m.author?.bot === true &&
    (m.content ?? '') === (body.content ?? '') &&
    (m.embeds?.[0]?.title ?? '') === (body.embeds?.[0]?.title ?? '')
  );
}

export function createDiscordDelivery(options: DeliveryOptions): DeliveryPort {
  const { rest, store, logger } = options;
  const windowMs = options.nonceWindowMs ?? 2 * 60_000;
  const clock = options.clock ?? systemClock;
  const now = () => clock.now().getTime();
  // One delivery of a post at a time in this process (see one-delivery-at-a-time.ts): past the nonce window
  // two side by side could both look at the history before either post landed, and both post.
  return {
    platform: 'discord',
    deliver: oneDeliveryAtATime(async (post: OutgoingPost): Promise<DeliveryResult> => {
      const { rendered, cards } = renderPost(post.view);
      const messageIds: string[] = [];
      try {
        for (const [key, line] of Object.entries(rendered.stash))
          await store.setValue(STASH_NAMESPACE, key, line);
        // Kept after success: if the process dies before the scheduler records the post as sent, the retry
        // finds every message here and sends nothing.
        messageIds.push(...(JSON.parse((await store.getValue(PROGRESS, post.nonce)) ?? '[]') as string[]));
        const raw = await store.getValue(ATTEMPT, post.nonce);
        const earlier = raw ? (JSON.parse(raw) as Attempt) : undefined;
        const startedAt = earlier?.at ?? now();
        for (let index = messageIds.length; index < rendered.messages.length; index++) {
          const { flags: _ephemeralMakesNoSenseHere, ...body } = rendered.messages[index]!;
          const nonce = messageNonce(post.nonce, index);
          // The message an earlier attempt was sending may be in the channel. Within the window a repeated nonce
          // returns it; past the window Discord may post it again, so it is looked for first.
          if (earlier?.index === index && now() - startedAt >= windowMs) {
            const recent = (await rest.get(Routes.channelMessages(post.channel.channel), {
              query: new URLSearchParams({ limit: String(HISTORY_LIMIT) }),
            })) as ChannelMessage[];
            const found = recent.find((m) => sameMessage(m, body, nonce));
            if (found) {
              logger.info(
                { channel: post.channel, nonce: post.nonce, index },
                'discord: already posted; not again',
              );
              messageIds.push(found.id);
              await store.setValue(PROGRESS, post.nonce, JSON.stringify(messageIds));
              continue;
            }
          }
          await store.setValue(
            ATTEMPT,
            post.nonce,
            JSON.stringify({ index, at: startedAt } satisfies Attempt),
          );
          // The files go with the first message, whose `attachments` name them.
          const files = index === 0 ? rawFiles(rendered.files) : undefined;
          // A follow-up answers the digest message: a reply to it, still posted if that message was deleted.
          const reply =
            post.replyTo && index === 0
              ? { message_reference: { message_id: post.replyTo, fail_if_not_exists: false } }
              : {};
          const sent = (await rest.post(Routes.channelMessages(post.channel.channel), {
            body: { ...body, ...reply, nonce, enforce_nonce: true },
            ...(files ? { files } : {}),
          })) as { id: string };
          messageIds.push(sent.id);
          await store.setValue(PROGRESS, post.nonce, JSON.stringify(messageIds));
        }
        const held = paperMessages(cards, messageIds);
        return { ok: true, messageIds, ...(Object.keys(held).length > 0 ? { paperMessages: held } : {}) };
      } catch (error) {
        const result = classifyError(error);
        logger.warn(
          { channel: post.channel, nonce: post.nonce, posted: messageIds.length, result },
          'discord delivery failed',
        );
        return result;
      }
    }),
  };
}
