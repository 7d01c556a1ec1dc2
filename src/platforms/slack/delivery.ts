// Digest delivery through chat.postMessage: paced per channel, 429 Retry-After honoured, refusals classified.
import { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { type Clock, systemClock, systemTimers, type Timers } from '../../clock.js';
import { paperMessages } from '../../digest/paper-messages.js';
import type { DeliveryPort, DeliveryResult, OutgoingPost } from '../../digest/types.js';
import { backoffDelay, mayRetry, type RetryPolicy } from '../../retry.js';
import type { KeyValueStore } from '../../store/types.js';
import { oneDeliveryAtATime } from '../one-delivery-at-a-time.js';
import { hasImages, renderPost, withoutImages } from './render.js';
import { missingScope, ScopeWarnings } from './scopes.js';

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
/** The part of a digest being posted, by nonce: set before chat.postMessage, so a crash leaves it behind. */
const ATTEMPT = 'slack-delivery-attempt';
export const DELIVERY_NAMESPACES = [PROGRESS, ATTEMPT] as const;
/** Past this a delivery is settled (sent, or given up by the scheduler's grace hours). */
export const DELIVERY_RECORD_TTL_MS = 2 * 24 * 3_600_000;
/** Message metadata every digest message carries: the event type and the digest's key (its nonce). */
export const DIGEST_EVENT = 'paperboy_digest';
/** Messages looked at when checking whether a digest already went out (the newest first). */
const HISTORY_LIMIT = 100;
// What the calls that can meet a missing scope are for: the log line, and the key their success heals.
const READ_HISTORY =
  'cannot read channel history, so a digest whose post had an unknown outcome is posted again (delivery is at least once)';
const POST_DIGESTS = 'cannot post digests';
/** Answers of conversations.history that mean the bot may not read the channel (no history scope). */
const NO_HISTORY = new Set([
  'missing_scope',
  'not_allowed_token_type',
  'not_in_channel',
  'channel_not_found',
]);

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
  /** How a timeout, network error or 5xx is retried within one delivery (default DELIVERY_RETRY). */
  retry?: Partial<RetryPolicy>;
  timeoutMs?: number;
  /** Paces posts per channel; tests pass a fake. */
  clock?: Clock;
  sleep?: Timers['sleep'];
  /** 0 ≤ x < 1, for the back-off's jitter. */
  random?: () => number;
  /** Where a missing scope is logged, once per workspace (shared with the command handlers). */
  scopeWarnings?: ScopeWarnings;
}

/**
 * Retries of a post that failed without an answer from Slack (timeout, network, 5xx): 500 ms doubling to 5 s,
 * as the Web API client's own retries did before they were turned off for delivery.
 */
export const DELIVERY_RETRY: RetryPolicy = { retries: 2, baseMs: 500, maxMs: 5_000, jitter: 'equal' };

interface SlackError {
  code?: string;
  retryAfter?: number;
  data?: { error?: string };
  statusCode?: number;
}

export function createSlackDelivery(options: SlackDeliveryOptions): DeliveryPort {
  const sleep = options.sleep ?? systemTimers.sleep;
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const retry: RetryPolicy = { ...DELIVERY_RETRY, ...options.retry };
  const minInterval = options.minIntervalMs ?? 1000;
  const maxWait = options.maxRetryWaitMs ?? 30_000;
  const client = new webApi.WebClient(undefined, {
    slackApiUrl: options.apiUrl,
    // 429s come back to us (rejectRateLimitedCalls) so one slow channel never blocks the client for others, and
    // the client retries nothing itself: every retry of a post goes through `retry` below, on our clock.
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    timeout: options.timeoutMs ?? 15_000,
    logLevel: webApi.LogLevel.ERROR,
  });
  const lastPost = new Map<string, number>();
  const scopes = options.scopeWarnings ?? new ScopeWarnings(options.logger);

  async function pace(channel: string) {
    const last = lastPost.get(channel);
    if (last !== undefined) {
      const wait = last + minInterval - clock.now().getTime();
      if (wait > 0) await sleep(wait);
    }
  }

  function classify(error: unknown): DeliveryResult {
    const e = error as SlackError;
    if (e.code === webApi.ErrorCode.RateLimitedError) {
      return { ok: false, kind: 'rate-limited', retryAfterMs: (e.retryAfter ?? 1) * 1000 };
    }
    if (e.code === webApi.ErrorCode.PlatformError) {
      const scope = missingScope(error);
      if (scope) {
        // Not unreachable: the channel is fine, and a reinstall (which stores a new token) heals it.
        return {
          ok: false,
          kind: 'transient',
          reason: `missing_scope: the install lacks ${scope.needed}; reinstall the Slack app to grant it`,
        };
      }
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

  let warnedNoHistory = false;

  /**
   * After a crash between chat.postMessage and recording its answer, the part's outcome is unknown: look for it
   * in the channel's recent history by its metadata (needs channels:history / groups:history). Without those
   * scopes the part is posted again: Slack delivery is then at least once, and the log says so.
   */
  async function findPosted(
    team: string,
    token: string,
    channel: string,
    key: string,
    part: number,
    thread: string | undefined,
  ) {
    try {
      // A reply in a thread is not in the channel's history: the thread's replies are looked at instead.
      const history = thread
        ? await client.conversations.replies({
            token,
            channel,
            ts: thread,
            limit: HISTORY_LIMIT,
            include_all_metadata: true,
          })
        : await client.conversations.history({
            token,
            channel,
            limit: HISTORY_LIMIT,
            include_all_metadata: true,
          });
      scopes.succeeded(team, READ_HISTORY);
      const found = (history.messages ?? []).find((m) => {
        const meta = m.metadata as
          | { event_type?: string; event_payload?: Record<string, unknown> }
          | undefined;
        return (
          meta?.event_type === DIGEST_EVENT &&
          meta.event_payload?.key === key &&
          meta.event_payload?.part === part
        );
      });
      return found?.ts;
    } catch (error) {
      const scope = missingScope(error);
      if (scope) {
        // A workspace that installed the app before the history scopes were added: its own line, once.
        scopes.warn(team, scope, READ_HISTORY);
        return undefined;
      }
      const reason = (error as SlackError).data?.error ?? String((error as Error).message ?? error);
      if (NO_HISTORY.has(reason)) {
        if (!warnedNoHistory) {
          warnedNoHistory = true;
          options.logger.warn(
            { channel, reason },
            'slack: cannot read channel history (add channels:history and groups:history); a digest whose post had an unknown outcome is posted again, so Slack delivery is at least once',
          );
        }
        return undefined;
      }
      throw error;
    }
  }

  async function deliverPost(post: OutgoingPost): Promise<DeliveryResult> {
    const token = await options.tokenFor(post.channel.workspace);
    if (!token) return { ok: false, kind: 'unreachable', reason: 'not installed in this workspace' };
    const { messages, cards } = renderPost(post.view);
    const done: string[] = JSON.parse((await options.kv.getValue(PROGRESS, post.nonce)) ?? '[]');
    const paceKey = `${post.channel.workspace}/${post.channel.channel}`;
    const attempted = await options.kv.getValue(ATTEMPT, post.nonce);
    /**
     * Part `i` may be in the channel already (an attempt stopped mid-post, or a try got no answer): found by its
     * metadata, it is recorded as done. Returns whether it was found, or why Slack would not let us look.
     */
    const postedBefore = async (i: number, why: string): Promise<boolean | DeliveryResult> => {
      let ts: string | undefined;
      try {
        ts = await findPosted(
          post.channel.workspace,
          token,
          post.channel.channel,
          post.nonce,
          i,
          post.replyTo,
        );
      } catch (error) {
        const result = classify(error);
        options.logger.warn({ channel: paceKey, result }, 'slack: could not check for an earlier post');
        return result;
      }
      if (!ts) return false;
      options.logger.info({ channel: paceKey, part: i }, `slack: ${why}; not again`);
      done.push(ts);
      await options.kv.setValue(PROGRESS, post.nonce, JSON.stringify(done));
      return true;
    };
    for (let i = done.length; i < messages.length; i++) {
      let message = messages[i];
      if (!message) break;
      if (attempted === String(i)) {
        // This part was being posted when the last attempt stopped: it may be in the channel already.
        const found = await postedBefore(i, 'digest part already posted');
        if (typeof found !== 'boolean') return found;
        if (found) continue;
      }
      await options.kv.setValue(ATTEMPT, post.nonce, String(i));
      let waited = 0;
      let failures = 0;
      for (;;) {
        if (failures > 0) {
          // The last try got no answer (timeout, network, 5xx): Slack may have posted it all the same, so it is
          // looked for before posting again, as after a crash (and as Discord's delivery does).
          const found = await postedBefore(i, 'a post that got no answer was posted');
          if (typeof found !== 'boolean') return found;
          if (found) break;
        }
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
              ...(post.replyTo ? { thread_ts: post.replyTo } : {}),
              metadata: { event_type: DIGEST_EVENT, event_payload: { key: post.nonce, part: i } },
            })
            .finally(() => lastPost.set(paceKey, clock.now().getTime()));
          done.push(String(answer.ts ?? ''));
          await options.kv.setValue(PROGRESS, post.nonce, JSON.stringify(done));
          break;
        } catch (error) {
          // Slack downloads every image and refuses the whole message when one fails: post it without them.
          if (imageRefusal(error) && hasImages(message)) {
            options.logger.warn(
              { channel: paceKey, part: i },
              'slack: an image could not be shown; posting without',
            );
            message = withoutImages(message);
            continue;
          }
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
          // No answer from Slack (timeout, network, 5xx): tried again after the policy's back-off. An answer
          // saying what is wrong (ok: false) is not retried here; the scheduler decides what comes next.
          if (result.ok === false && !answeredByPlatform(error) && mayRetry(retry, ++failures)) {
            const waitMs = backoffDelay(retry, failures - 1, random);
            options.logger.info(
              { channel: paceKey, failures, waitMs, result },
              'slack post failed; retrying',
            );
            await sleep(waitMs);
            continue;
          }
          const scope = missingScope(error);
          if (scope) {
            // Every digest of the workspace meets it until a reinstall: said once, not per post.
            scopes.warn(post.channel.workspace, scope, POST_DIGESTS);
            options.logger.debug({ channel: paceKey, result }, 'slack delivery failed');
          } else {
            options.logger.warn({ channel: paceKey, result, posted: done.length }, 'slack delivery failed');
          }
          return result;
        }
      }
    }
    // Both records stay (pruned after two days): if the process dies before the scheduler records the post as
    // sent, the retry finds every message done and posts nothing.
    scopes.succeeded(post.channel.workspace, POST_DIGESTS);
    const held = paperMessages(cards, done);
    return { ok: true, messageIds: done, ...(Object.keys(held).length > 0 ? { paperMessages: held } : {}) };
  }

  // One delivery of a post at a time in this process (see one-delivery-at-a-time.ts).
  return { platform: 'slack', deliver: oneDeliveryAtATime(deliverPost) };
}

/** Whether Slack answered with a reason (ok: false), as opposed to no usable answer at all. */
function answeredByPlatform(error: unknown): boolean {
  return (error as SlackError | null)?.code === webApi.ErrorCode.PlatformError;
}

/** Slack's answer when it could not use a block, e.g. "downloading image failed" for a broken thumbnail. */
function imageRefusal(error: unknown): boolean {
  const data = (error as { data?: { error?: unknown } } | null)?.data;
  return data?.error === 'invalid_blocks';
}
