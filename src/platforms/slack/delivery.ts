// Digest delivery through chat.postMessage: paced per channel, 429 Retry-After honoured, refusals classified.
import { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { DeliveryPort, DeliveryResult, OutgoingPost } from '../../digest/types.js';
import type { KeyValueStore } from '../../store/types.js';
import { renderView } from './render.js';

/** Slack refusals that will not heal by retrying: the channel (or the whole install) is gone for us. */
const UNREACHABLE = new Set([
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'account_inactive',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'team_access_not_granted',
  'restricted_action',
  'ekm_access_denied',
]);

/** Messages of a multi-part digest already posted, by nonce: a retry posts only the rest. */
const PROGRESS = 'slack-delivery-progress';

export interface SlackDeliveryOptions {
  /** The bot token for a workspace (the single token, or the OAuth installation's). */
  tokenFor(team: string): Promise<string | undefined>;
  apiUrl: string;
  kv: KeyValueStore;
  logger: Logger;
  /** Gap between two posts to one channel (default 1 s, Slack's chat.postMessage guidance). */
  minIntervalMs?: number;
  /** Waits up to this for a 429 Retry-After inside one delivery; longer asks the scheduler to retry later. */
  maxRetryWaitMs?: number;
  /** Attempts on timeouts and 5xx inside the Web API client (default 2 retries). */
  retries?: number;
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface SlackError {
  code?: string;
  retryAfter?: number;
  data?: { error?: string };
  statusCode?: number;
}

export function createSlackDelivery(options: SlackDeliveryOptions): DeliveryPort {
  const sleep = options.sleep ?? defaultSleep;
  const minInterval = options.minIntervalMs ?? 1000;
  const maxWait = options.maxRetryWaitMs ?? 30_000;
  const client = new webApi.WebClient(undefined, {
    slackApiUrl: options.apiUrl,
    // 429s come back to us (rejectRateLimitedCalls) so one slow channel never blocks the client for others.
    rejectRateLimitedCalls: true,
    retryConfig: { retries: options.retries ?? 2, factor: 2, minTimeout: 500, maxTimeout: 5000 },
    timeout: options.timeoutMs ?? 15_000,
    logLevel: webApi.LogLevel.ERROR,
  });
  const lastPost = new Map<string, number>();

  async function pace(channel: string) {
    const last = lastPost.get(channel);
    if (last !== undefined) {
      const wait = last + minInterval - Date.now();
      if (wait > 0) await sleep(wait);
    }
  }

  function classify(error: unknown): DeliveryResult {
    const e = error as SlackError;
    if (e.code === webApi.ErrorCode.RateLimitedError) {
      return { ok: false, kind: 'rate-limited', retryAfterMs: (e.retryAfter ?? 1) * 1000 };
    }
    if (e.code === webApi.ErrorCode.PlatformError) {
      const reason = e.data?.error ?? 'unknown_error';
      return UNREACHABLE.has(reason)
        ? { ok: false, kind: 'unreachable', reason }
        : { ok: false, kind: 'transient', reason };
    }
    const reason =
      e.code === webApi.ErrorCode.HTTPError
        ? `http ${e.statusCode ?? 'error'}`
        : String((error as Error).message ?? error);
    return { ok: false, kind: 'transient', reason };
  }

  return {
    platform: 'slack',
    async deliver(post: OutgoingPost): Promise<DeliveryResult> {
      const token = await options.tokenFor(post.channel.workspace);
      if (!token) return { ok: false, kind: 'unreachable', reason: 'not installed in this workspace' };
      const messages = renderView(post.view);
      const done: string[] = JSON.parse((await options.kv.getValue(PROGRESS, post.nonce)) ?? '[]');
      const paceKey = `${post.channel.workspace}/${post.channel.channel}`;
      for (let i = done.length; i < messages.length; i++) {
        const message = messages[i];
        if (!message) break;
        let waited = 0;
        for (;;) {
          await pace(paceKey);
          // Counted from when Slack answered, so a slow first request never lets the next one crowd it.
          try {
            const answer = await client.chat
              .postMessage({
                token,
                channel: post.channel.channel,
                text: message.text,
                blocks: message.blocks,
                unfurl_links: false,
                unfurl_media: false,
              })
              .finally(() => lastPost.set(paceKey, Date.now()));
            done.push(String(answer.ts ?? ''));
            await options.kv.setValue(PROGRESS, post.nonce, JSON.stringify(done));
            break;
          } catch (error) {
            const result = classify(error);
            if (
              result.ok === false &&
              result.kind === 'rate-limited' &&
              waited + result.retryAfterMs <= maxWait
            ) {
              options.logger.info(
                { channel: paceKey, retryAfterMs: result.retryAfterMs },
                'slack rate limited; waiting',
              );
              waited += result.retryAfterMs;
              await sleep(result.retryAfterMs);
              continue;
            }
            options.logger.warn({ channel: paceKey, result, posted: done.length }, 'slack delivery failed');
            return result;
          }
        }
      }
      await options.kv.deleteValue(PROGRESS, post.nonce);
      return { ok: true, messageIds: done };
    },
  };
}
