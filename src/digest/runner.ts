// Delivers one channel's digest for one slot: select, record the intent, summarise, post, confirm — with retries.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Paper } from '../catalog/paper.js';
import { type Clock, systemClock } from '../clock.js';
import { channelFeedback } from '../feedback/channel.js';
import { mentionsFor } from '../feedback/pings.js';
import { stateOf } from '../followups/detect.js';
import { MAX_DIGEST_FOLLOWUPS, withFollowups } from '../followups/digest.js';
import { backoffDelay, mayRetry, type RetryPolicy } from '../retry.js';
import type { ChannelKey, ChannelRecord, Delivery, Platform, Store } from '../store/types.js';
import type { Summarizer, Summary } from '../summarize/types.js';
import type { Action, PaperCard, TldrSource } from '../views/types.js';
import { failForGood, retryLater, skip } from './ledger.js';
import {
  DEFAULT_LIMITS,
  limitKey,
  type PacingTimers,
  type PlatformLimit,
  realTimers,
  Semaphore,
  SlidingWindowLimiter,
} from './send-pacing.js';
import { excludeMatcher } from './text.js';
import type { DeliveryPort, DeliveryResult, DigestPick, DigestPlanner, OutgoingPost } from './types.js';
import { buildDigestView, fallbackSummary } from './view.js';

/** How a digest post is retried and how long its steps may take. */
export interface DeliveryPolicy {
  /** Retries of a transient failure (5xx, timeout) within one run, before leaving it for a later tick. */
  transientRetries: number;
  /** First back-off (ms); doubles each retry, times a random 0.75–1.25. */
  backoffMs: number;
  /** 429 answers honoured (waiting Retry-After) within one run. */
  rateLimitRetries: number;
  /** A platform call taking longer than this counts as a transient failure. */
  deliverTimeoutMs: number;
  /** A summary taking longer than this falls back to the paper's own abstract. */
  summarizeTimeoutMs: number;
  /** Consecutive "unreachable" answers after which the channel is marked unreachable and left alone. */
  unreachableAfter: number;
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  transientRetries: 3,
  backoffMs: 1_000,
  rateLimitRetries: 8,
  deliverTimeoutMs: 15_000,
  summarizeTimeoutMs: 20_000,
  unreachableAfter: 3,
};

export interface RunnerDeps {
  store: Store;
  planner: DigestPlanner;
  summarizer: Summarizer;
  /** Looks papers up by id, to re-send a pending delivery's papers after a crash. */
  papers: { get(id: string): Paper | undefined };
  /** One per platform; channels of a platform without a port are left alone. */
  ports: readonly DeliveryPort[];
  logger: Logger;
  /** Names this process in the ledger's claims (default host:pid:random). */
  owner?: string;
  /** How long a claim keeps other workers off a delivery (default 5 min); runs stay well inside it. */
  leaseMs?: number;
  timers?: PacingTimers;
  /** Judges leases, and must read what the store's clock reads (default: the wall clock, as the store's does). */
  clock?: Clock;
  limits?: Partial<Record<Platform, Partial<PlatformLimit>>>;
  retry?: Partial<DeliveryPolicy>;
  /** Which TL;DR a card shows first (SUMMARY_SOURCES); default llm, hf, builtin. */
  tldrSources?: readonly TldrSource[];
  /** The buttons under each paper of a digest (Summarize, More like this, Save…); none without it. */
  cardActions?: (card: PaperCard) => Action[];
}

export interface DigestJob {
  channel: ChannelRecord;
  /** Local date of the slot. */
  slot: string;
}

/**
 * What happened to one job: sent (papers or notice), silent (nothing new, channel chose silence),
 * busy (another worker holds it), done (already settled), later (left pending for a later tick),
 * unreachable (the channel was just marked so), failed (given up).
 */
export type JobOutcome = 'sent' | 'notice' | 'silent' | 'busy' | 'done' | 'later' | 'unreachable' | 'failed';

export interface DeliveryRunner {
  readonly owner: string;
  run(job: DigestJob): Promise<JobOutcome>;
  /** Jobs not yet started (or still waiting for the pipe) end as 'busy' without claiming anything. */
  close(): void;
}

export function defaultOwner(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

export function channelLabel(key: ChannelKey): string {
  return `${key.platform}:${key.workspace}:${key.channel}`;
}

function keyOf(c: ChannelKey): ChannelKey {
  return { platform: c.platform, workspace: c.workspace, channel: c.channel };
}

class TimeoutError extends Error {}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutError(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Why a paper re-sent from the ledger was picked, recomputed from its text (the ledger keeps ids only). */
function reasonFor(paper: Paper, topics: readonly string[]): { reason: string; matchedTopics: string[] } {
  const matched = topics.filter((t) => excludeMatcher([t])(paper) !== undefined);
  const shown = matched.length > 0 ? matched : topics.slice(0, 1);
  return { reason: `matches: ${shown.join(', ')}`, matchedTopics: shown };
}

export function createDeliveryRunner(deps: RunnerDeps): DeliveryRunner {
  const owner = deps.owner ?? defaultOwner();
  const leaseMs = deps.leaseMs ?? 5 * 60_000;
  const timers = deps.timers ?? realTimers;
  const clock = deps.clock ?? systemClock;
  const retry: DeliveryPolicy = { ...DEFAULT_DELIVERY_POLICY, ...deps.retry };
  const transientRetry: RetryPolicy = {
    retries: retry.transientRetries,
    baseMs: retry.backoffMs,
    maxMs: Infinity,
    jitter: 'spread',
  };
  const limiter = new SlidingWindowLimiter(timers);
  const ports = new Map(deps.ports.map((p) => [p.platform, p]));
  const limits = new Map<Platform, PlatformLimit>();
  const pipes = new Map<Platform, Semaphore>();
  for (const platform of ports.keys()) {
    const limit = { ...DEFAULT_LIMITS[platform], ...deps.limits?.[platform] };
    limits.set(platform, limit);
    pipes.set(platform, new Semaphore(limit.concurrency));
  }
  const log = deps.logger;
  let closed = false;

  // Thousands of channels due together share a few hundred papers: summarise each once (an LLM call costs).
  // Failures are not kept, so the next digest tries again.
  const summaryCache = new Map<string, { at: number; summary: Promise<Summary> }>();
  const SUMMARY_TTL_MS = 60 * 60_000;

  function summaryOf(paper: Paper): Promise<Summary> {
    const key = `${paper.id}\u0000${paper.title.length}\u0000${paper.abstract.length}`;
    const now = timers.now().getTime();
    const hit = summaryCache.get(key);
    if (hit && now - hit.at < SUMMARY_TTL_MS) return hit.summary;
    const summary = withTimeout(deps.summarizer.summarize(paper), retry.summarizeTimeoutMs, 'summary');
    if (summaryCache.size >= 5_000) summaryCache.clear();
    summaryCache.set(key, { at: now, summary });
    summary.catch(() => summaryCache.delete(key));
    return summary;
  }

  async function summarize(picks: readonly DigestPick[]): Promise<Map<string, Summary>> {
    const out = new Map<string, Summary>();
    await Promise.all(
      picks.map(async ({ paper }) => {
        try {
          out.set(paper.id, await summaryOf(paper));
        } catch (error) {
          log.warn({ paper: paper.id, err: error }, 'summary failed; using the abstract');
          out.set(paper.id, fallbackSummary(paper));
        }
      }),
    );
    return out;
  }

  /** The picks a claimed delivery stands for: ours if the ledger kept them, else its recorded papers. */
  function picksFor(delivery: Delivery, ours: DigestPick[] | undefined, topics: string[]): DigestPick[] {
    const same =
      ours !== undefined &&
      ours.length === delivery.paperIds.length &&
      ours.every((p, i) => p.paper.id === delivery.paperIds[i]);
    if (same) return ours;
    const picks: DigestPick[] = [];
    for (const id of delivery.paperIds) {
      const paper = deps.papers.get(id);
      if (!paper) {
        log.warn(
          { paper: id, delivery: delivery.id },
          'a pending paper is no longer in the catalog; left out',
        );
        continue;
      }
      picks.push({ paper, score: 0, ...reasonFor(paper, topics) });
    }
    return picks;
  }

  /** A place in the platform's pipe, given up while waiting (back-off, Retry-After) so others go ahead. */
  interface PipeSlot {
    release(): void;
    reacquire(): Promise<void>;
  }

  async function enterPipe(platform: Platform): Promise<PipeSlot> {
    const pipe = pipes.get(platform) as Semaphore;
    let release = await pipe.acquire();
    return {
      release: () => release(),
      reacquire: async () => {
        release = await pipe.acquire();
      },
    };
  }

  async function deliver(
    port: DeliveryPort,
    post: OutgoingPost,
    slot: PipeSlot,
  ): Promise<DeliveryResult | { ok: false; kind: 'budget'; reason: string }> {
    const limit = limits.get(post.channel.platform) as PlatformLimit;
    const bucket = limitKey(post.channel, limit);
    const deadline = timers.now().getTime() + leaseMs * 0.8;
    let transient = 0;
    let limited = 0;
    for (;;) {
      let result: DeliveryResult;
      try {
        await limiter.acquire(bucket, limit.limit, limit.windowMs + (limit.marginMs ?? 0));
        result = await withTimeout(port.deliver(post), retry.deliverTimeoutMs, 'post');
      } catch (error) {
        result = {
          ok: false,
          kind: 'transient',
          reason: error instanceof Error ? error.message : String(error),
        };
      }
      if (result.ok || result.kind === 'unreachable') return result;
      let waitMs: number;
      if (result.kind === 'rate-limited') {
        limited++;
        waitMs = Math.max(0, result.retryAfterMs);
        // Holds the whole bucket (the bot on Discord, the channel on Slack) until Retry-After has passed.
        limiter.penalize(bucket, timers.now().getTime() + waitMs, limit.windowMs);
        if (limited > retry.rateLimitRetries) return result;
      } else {
        transient++;
        if (!mayRetry(transientRetry, transient)) return result;
        waitMs = backoffDelay(transientRetry, transient - 1);
      }
      if (timers.now().getTime() + waitMs > deadline) {
        return {
          ok: false,
          kind: 'budget',
          reason: `still failing (${result.kind}) near the end of the lease`,
        };
      }
      slot.release();
      await timers.sleep(waitMs);
      await slot.reacquire();
    }
  }

  async function run(job: DigestJob): Promise<JobOutcome> {
    const port = ports.get(job.channel.platform);
    if (!port) return 'busy';
    if (closed) return 'busy';
    const slot = await enterPipe(port.platform);
    try {
      if (closed) return 'busy';
      return await runInPipe(job, port, slot);
    } finally {
      slot.release();
    }
  }

  async function runInPipe(job: DigestJob, port: DeliveryPort, slot: PipeSlot): Promise<JobOutcome> {
    const channel = job.channel;
    const key = keyOf(channel);
    const context = { channel: channelLabel(key), slot: job.slot };

    // Cheap look first: another replica may already hold or have settled this slot. Leases are judged by
    // the store's clock.
    const existing = await deps.store.getDelivery(key, job.slot);
    if (existing && existing.status !== 'pending') return 'done';
    if (existing?.leaseUntil && Date.parse(existing.leaseUntil) > clock.now().getTime()) return 'busy';

    let ours: DigestPick[] | undefined;
    if (!existing) {
      const sent = await deps.store.sentPaperIds(key);
      const feedback = await channelFeedback(deps.store, key, (id) => deps.papers.get(id));
      ours = deps.planner.select({
        topics: channel.topics,
        exclude: channel.exclude,
        count: channel.count,
        sent,
        date: job.slot,
        ...feedback,
        ...(channel.cadence === 'weekly' ? { cadence: 'weekly' as const } : {}),
      });
    }
    // Record the intended post before anything goes out; a pending one from a crashed run comes back here.
    const delivery = await deps.store.claimDelivery(
      key,
      job.slot,
      (ours ?? []).map((p) => p.paper.id),
      owner,
      leaseMs,
    );
    if (!delivery) return 'busy';
    if (delivery.attempts > 1)
      log.info({ ...context, attempts: delivery.attempts }, 'resuming a pending digest');

    const picks = picksFor(delivery, ours, channel.topics);
    // What the channel is about to see of each paper, for follow-ups when it changes (src/followups).
    await deps.store.recordSnapshots(
      key,
      job.slot,
      picks.map((p) => ({ paperId: p.paper.id, state: { ...stateOf(p.paper) } })),
    );
    // followups:digest — a retry carries only what the first attempt took, which the platform may show already.
    // At most as many as the section shows: the rest wait for the next digest instead of being settled unseen.
    const followups = await deps.store.takeQueuedFollowups(key, delivery.id, {
      onlyTied: delivery.attempts > 1,
      limit: MAX_DIGEST_FOLLOWUPS,
    });
    const summaries = await summarize(picks);
    const digestView = buildDigestView(picks, summaries, channel, job.slot, {
      ...(deps.tldrSources ? { tldrSources: deps.tldrSources } : {}),
      ...(deps.cardActions ? { cardActions: deps.cardActions } : {}),
    });
    const view = withFollowups(
      digestView,
      followups.map((f) => f.text),
    );
    if (view?.kind === 'list') {
      const mentions = mentionsFor(
        picks.map((p) => p.paper),
        await deps.store.listNotify(key),
      );
      if (mentions.length > 0) view.mentions = mentions;
    }
    if (!view) {
      await skip(deps.store, delivery.id, 'nothing new; the channel chose silence', owner);
      log.info(context, 'nothing new; silent');
      return 'silent';
    }

    const result = await deliver(port, { channel: key, view, nonce: delivery.nonce }, slot);
    if (result.ok) {
      // Settles the follow-ups it carried in the same transaction (at least once, never twice).
      await deps.store.markSent(delivery.id, result.messageIds, result.paperMessages);
      if (channel.unreachable) await deps.store.setUnreachable(key, null);
      log.info({ ...context, papers: picks.length }, 'digest sent');
      return picks.length > 0 ? 'sent' : 'notice';
    }
    if (result.kind === 'unreachable') {
      const failures = await deps.store.recordFailure(key);
      if (failures >= retry.unreachableAfter) {
        await deps.store.setUnreachable(key, result.reason);
        await failForGood(deps.store, delivery.id, `unreachable: ${result.reason}`, owner);
        log.warn({ ...context, reason: result.reason, failures }, 'channel unreachable; its digests stop');
        return 'unreachable';
      }
      await retryLater(deps.store, delivery.id, `unreachable: ${result.reason}`, owner);
      log.warn({ ...context, reason: result.reason, failures }, 'channel refused the digest; will retry');
      return 'later';
    }
    const reason =
      result.kind === 'rate-limited' ? `rate limited (${result.retryAfterMs} ms)` : result.reason;
    const holdOff = result.kind === 'rate-limited' ? result.retryAfterMs : undefined;
    await retryLater(deps.store, delivery.id, reason, owner, holdOff);
    log.warn({ ...context, reason }, 'digest not delivered yet; left for a later tick');
    return 'later';
  }

  return {
    owner,
    run,
    close() {
      closed = true;
    },
  };
}
