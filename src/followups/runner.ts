// Follow-ups: compares what each channel received with the catalog now, and posts (or queues) one line per change.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from 'pino';
import type { Paper } from '../catalog/paper.js';
import type { Clock } from '../clock.js';
import type { DeliveryPort, DeliveryResult } from '../digest/types.js';
import { FOLLOWUP_MODE } from '../store/followups.js';
import type {
  ChannelKey,
  ChannelRecord,
  Followup,
  KeyValueStore,
  Platform,
  SentSnapshot,
  Store,
} from '../store/types.js';
import type { View } from '../views/types.js';
import { detectChanges, readState } from './detect.js';

export { FOLLOWUP_MODE };
export const FOLLOWUP_MODES = ['inline', 'digest', 'off'] as const;
export type FollowupMode = (typeof FOLLOWUP_MODES)[number];

const channelId = (k: ChannelKey) => `${k.platform}:${k.workspace}:${k.channel}`;

export async function followupMode(kv: KeyValueStore, key: ChannelKey): Promise<FollowupMode> {
  const value = await kv.getValue(FOLLOWUP_MODE, channelId(key));
  return (FOLLOWUP_MODES as readonly string[]).includes(value ?? '') ? (value as FollowupMode) : 'inline';
}

export async function setFollowupMode(kv: KeyValueStore, key: ChannelKey, mode: FollowupMode): Promise<void> {
  if (mode === 'inline') await kv.deleteValue(FOLLOWUP_MODE, channelId(key));
  else await kv.setValue(FOLLOWUP_MODE, channelId(key), mode);
}

export interface FollowupDeps {
  store: Store;
  /** The catalog now (the search index the live sources refresh). */
  papers: { get(id: string): Paper | undefined };
  ports: readonly DeliveryPort[];
  clock: Clock;
  logger: Logger;
  owner?: string;
  /** How long a claim keeps other workers off a follow-up (default 5 min). */
  leaseMs?: number;
  /** Papers received longer ago than this get no follow-ups (default 60 days). */
  windowDays?: number;
  /** tick() runs a pass at most this often (default 15 min); pass() always runs. */
  intervalMs?: number;
  /** A follow-up still refused after this many attempts is given up (default 5). */
  maxAttempts?: number;
  /** Snapshots read at a time; a pass reads page after page until it has seen them all (default 10,000). */
  pageSize?: number;
}

export interface FollowupReport {
  /** Posted on their own, in the digest message's thread. */
  posted: number;
  /** Left for a later pass, or given up. */
  failed: number;
}

export interface FollowupRunner {
  readonly owner: string;
  /** One look at every recent snapshot; settles when the follow-ups it started are posted or left. */
  pass(): Promise<FollowupReport>;
  /** A pass when the last one (by this process) is older than the interval; the scheduler calls it each minute. */
  tick(): Promise<FollowupReport | undefined>;
}

const DAY = 24 * 3_600_000;

/** A follow-up is one short line; a notice renders it on every platform. */
export function followupView(text: string): View {
  return { kind: 'notice', text };
}

export function createFollowupRunner(deps: FollowupDeps): FollowupRunner {
  const owner = deps.owner ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const leaseMs = deps.leaseMs ?? 5 * 60_000;
  const windowMs = (deps.windowDays ?? 60) * DAY;
  const intervalMs = deps.intervalMs ?? 15 * 60_000;
  const maxAttempts = deps.maxAttempts ?? 5;
  const pageSize = deps.pageSize ?? 10_000;
  const ports = new Map<Platform, DeliveryPort>(deps.ports.map((p) => [p.platform, p]));
  const log = deps.logger.child({ component: 'followups' });
  let last: number | undefined;
  let running: Promise<FollowupReport> | undefined;

  async function post(port: DeliveryPort, followup: Followup): Promise<DeliveryResult> {
    try {
      return await port.deliver({
        channel: { platform: followup.platform, workspace: followup.workspace, channel: followup.channel },
        view: followupView(followup.text),
        nonce: followup.nonce,
        ...(followup.replyTo ? { replyTo: followup.replyTo } : {}),
      });
    } catch (error) {
      return { ok: false, kind: 'transient', reason: error instanceof Error ? error.message : String(error) };
    }
  }

  async function settle(followup: Followup, result: DeliveryResult, report: FollowupReport) {
    const context = { channel: channelId(followup), paper: followup.paperId, change: followup.change };
    if (result.ok) {
      await deps.store.markFollowupSent(followup.id, result.messageIds);
      report.posted++;
      log.info(context, 'follow-up posted');
      return;
    }
    report.failed++;
    const reason =
      result.kind === 'rate-limited' ? `rate limited (${result.retryAfterMs} ms)` : result.reason;
    const final = result.kind === 'unreachable' || followup.attempts >= maxAttempts;
    await deps.store.markFollowupFailed(followup.id, reason, final, {
      owner,
      ...(result.kind === 'rate-limited' ? { retryAfterMs: result.retryAfterMs } : {}),
    });
    log.warn({ ...context, reason, final }, final ? 'follow-up given up' : 'follow-up left for later');
  }

  async function forChannel(
    channel: ChannelRecord,
    snapshots: readonly SentSnapshot[],
    report: FollowupReport,
  ): Promise<void> {
    const mode = await followupMode(deps.store, channel);
    if (mode === 'off') return;
    const port = ports.get(channel.platform);
    if (mode === 'inline' && !port) return;
    for (const snapshot of snapshots) {
      const paper = deps.papers.get(snapshot.paperId);
      if (!paper) continue;
      for (const change of detectChanges(readState(snapshot.state), paper)) {
        const claimed = await deps.store.claimFollowup(
          channel,
          {
            paperId: paper.id,
            change: change.key,
            text: change.text,
            // The message showing the paper (a digest split over messages); older digests: their first.
            replyTo: snapshot.paperMessage ?? snapshot.messageIds[0] ?? null,
            queued: mode === 'digest',
          },
          owner,
          leaseMs,
        );
        if (mode === 'digest' || !claimed || !port) continue;
        await settle(claimed, await post(port, claimed), report);
      }
    }
  }

  async function runPass(): Promise<FollowupReport> {
    const report: FollowupReport = { posted: 0, failed: 0 };
    const now = deps.clock.now().getTime();
    last = now;
    const since = new Date(now - windowMs);
    let channels: Map<string, ChannelRecord> | undefined;
    // Page after page, so a pass sees every snapshot in the window however many channels and papers there are
    // (one read of 10,000 used to leave the newest unseen), with at most a page in memory.
    let after: SentSnapshot | undefined;
    for (;;) {
      const snapshots = await deps.store.sentSnapshots(since, pageSize, after);
      if (snapshots.length === 0) break;
      channels ??= new Map((await deps.store.listChannels()).map((c) => [channelId(c), c]));
      const byChannel = new Map<string, SentSnapshot[]>();
      for (const s of snapshots) byChannel.set(channelId(s), [...(byChannel.get(channelId(s)) ?? []), s]);
      for (const [id, list] of byChannel) {
        const channel = channels.get(id);
        // Unsubscribed, paused or unreachable channels get no follow-ups either.
        if (!channel || channel.topics.length === 0 || channel.paused || channel.unreachable) continue;
        try {
          await forChannel(channel, list, report);
        } catch (error) {
          log.error({ channel: id, err: error }, 'follow-ups failed for a channel');
        }
      }
      if (snapshots.length < pageSize) break;
      after = snapshots[snapshots.length - 1];
    }
    if (report.posted + report.failed > 0) log.info(report, 'follow-up pass done');
    return report;
  }

  function pass(): Promise<FollowupReport> {
    // One pass at a time in a process: a slow one is never overlapped by the next tick's.
    running ??= runPass().finally(() => {
      running = undefined;
    });
    return running;
  }

  return {
    owner,
    pass,
    async tick() {
      if (running) return undefined;
      if (last !== undefined && deps.clock.now().getTime() - last < intervalMs) return undefined;
      return pass();
    },
  };
}
