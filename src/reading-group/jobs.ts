// Posts each reading group's announcement (a day before) and reminder (an hour before) exactly once, via the ledger.
import type { Logger } from 'pino';
import type { Paper } from '../catalog/paper.js';
import type { Clock } from '../clock.js';
import { channelLabel, defaultOwner } from '../digest/runner.js';
import type { DeliveryPort, DeliveryResult } from '../digest/types.js';
import type { ChannelKey, Meeting, ReadingGroup, Store } from '../store/types.js';
import type { Summarizer, Summary } from '../summarize/types.js';
import type { TldrSource, View } from '../views/types.js';
import { nextPresenter } from './rotation.js';
import { announceSlot, type MeetingTimes, meetingsDue, meetingsPast, reminderSlot } from './schedule.js';
import { announceView, reminderView } from './view.js';

export interface ReadingGroupDeps {
  store: Store;
  papers: { get(id: string): Paper | undefined };
  summarizer: Summarizer;
  ports: readonly DeliveryPort[];
  clock: Clock;
  logger: Logger;
  /** Names this process in the ledger's claims. */
  owner?: string;
  /** How long a claim keeps other workers off a post (default 5 min). */
  leaseMs?: number;
  tldrSources?: readonly TldrSource[];
}

/** What a tick did with each post: sent now, settled earlier or elsewhere, left for a later tick, skipped. */
export type PostOutcome = 'sent' | 'done' | 'later' | 'skipped' | 'failed';

export interface ReadingGroupJobs {
  /** One pass at `now`: every due announcement and reminder, announcement first. */
  tick(now?: Date): Promise<Array<{ channel: string; slot: string; outcome: PostOutcome }>>;
}

const keyOf = (c: ChannelKey): ChannelKey => ({
  platform: c.platform,
  workspace: c.workspace,
  channel: c.channel,
});

export function createReadingGroupJobs(deps: ReadingGroupDeps): ReadingGroupJobs {
  const owner = deps.owner ?? defaultOwner();
  const leaseMs = deps.leaseMs ?? 5 * 60_000;
  const ports = new Map(deps.ports.map((p) => [p.platform, p]));
  const log = deps.logger;

  async function summaryOf(paper: Paper): Promise<Summary | undefined> {
    try {
      return await deps.summarizer.summarize(paper);
    } catch (error) {
      log.warn({ paper: paper.id, err: error }, 'reading group: summary failed; using the abstract');
      return undefined;
    }
  }

  /**
   * The meeting as first decided: the queue's top vote and the rotation's pick, recorded once for every worker. The
   * store names a member who volunteered before now instead of the pick, in the same transaction as the record.
   */
  async function decide(key: ChannelKey, date: string): Promise<Meeting> {
    const known = await deps.store.getMeeting(key, date);
    if (known) return known;
    const [top] = await deps.store.listNominations(key);
    const presenter = nextPresenter(await deps.store.listMembers(key), await deps.store.listMeetings(key));
    const { meeting } = await deps.store.recordMeeting(key, {
      date,
      paperId: top?.paperId ?? null,
      presenter: presenter?.user ?? null,
      presenterName: presenter?.name ?? null,
    });
    return meeting;
  }

  /** Claims the slot, builds the post, sends it with the claim's nonce, and records what the platform said. */
  async function post(
    key: ChannelKey,
    slot: string,
    build: () => Promise<View | null>,
  ): Promise<PostOutcome> {
    const port = ports.get(key.platform);
    if (!port) return 'later';
    const existing = await deps.store.getDelivery(key, slot);
    if (existing && existing.status !== 'pending') return 'done';
    const claim = await deps.store.claimDelivery(key, slot, [], owner, leaseMs);
    if (!claim) return 'done';
    const view = await build();
    if (!view) {
      await deps.store.markSkipped(claim.id, 'no paper for this meeting', { owner });
      return 'skipped';
    }
    let result: DeliveryResult;
    try {
      result = await port.deliver({ channel: key, view, nonce: claim.nonce });
    } catch (error) {
      result = { ok: false, kind: 'transient', reason: (error as Error).message };
    }
    if (result.ok) {
      await deps.store.markSent(claim.id, result.messageIds);
      return 'sent';
    }
    const reason = 'reason' in result ? result.reason : `rate limited for ${result.retryAfterMs} ms`;
    const final = result.kind === 'unreachable';
    await deps.store.markFailed(claim.id, reason, final, {
      owner,
      ...(result.kind === 'rate-limited' ? { retryAfterMs: result.retryAfterMs } : {}),
    });
    log.warn({ channel: channelLabel(key), slot, reason }, 'reading group post failed');
    return final ? 'failed' : 'later';
  }

  /**
   * A meeting has begun: its announcement and reminder can no longer go out. One still unsent (failing until
   * then, or no worker running in time) is recorded as skipped, so the ledger says what happened to it. Only
   * for a meeting the group's current schedule already had (set before it began); a post another worker holds
   * is left to it.
   */
  async function settlePast(group: ChannelKey & ReadingGroup, times: MeetingTimes) {
    const key = keyOf(group);
    const out: Array<{ channel: string; slot: string; outcome: PostOutcome }> = [];
    if (Date.parse(group.updatedAt) >= times.at) return out;
    for (const slot of [announceSlot(times.date), reminderSlot(times.date)]) {
      const existing = await deps.store.getDelivery(key, slot);
      if (existing && existing.status !== 'pending') continue;
      const claim = await deps.store.claimDelivery(key, slot, [], owner, leaseMs);
      if (!claim) continue;
      const reason = 'the meeting began before this was posted';
      await deps.store.markSkipped(
        claim.id,
        existing?.error ? `${reason} (last error: ${existing.error})` : reason,
        {
          owner,
        },
      );
      log.warn(
        { channel: channelLabel(key), slot },
        'reading group post not sent before its meeting; skipped',
      );
      out.push({ channel: channelLabel(key), slot, outcome: 'skipped' });
    }
    return out;
  }

  async function forMeeting(group: ChannelKey & ReadingGroup, times: MeetingTimes, now: number) {
    const key = keyOf(group);
    const out: Array<{ channel: string; slot: string; outcome: PostOutcome }> = [];
    const announce = announceSlot(times.date);
    const announced = await post(key, announce, async () => {
      const meeting = await decide(key, times.date);
      const paper = meeting.paperId ? deps.papers.get(meeting.paperId) : undefined;
      const summary = paper ? await summaryOf(paper) : undefined;
      return announceView({
        group,
        times,
        meeting,
        paper,
        summary,
        ...(deps.tldrSources ? { tldrSources: deps.tldrSources } : {}),
      });
    });
    out.push({ channel: channelLabel(key), slot: announce, outcome: announced });
    if (now < times.remindAt) return out;
    const remind = reminderSlot(times.date);
    const reminded = await post(key, remind, async () => {
      const meeting = await deps.store.getMeeting(key, times.date);
      const paper = meeting?.paperId ? deps.papers.get(meeting.paperId) : undefined;
      return meeting && paper ? reminderView(group, times, meeting, paper) : null;
    });
    out.push({ channel: channelLabel(key), slot: remind, outcome: reminded });
    return out;
  }

  return {
    async tick(at?: Date) {
      const now = (at ?? deps.clock.now()).getTime();
      const out: Array<{ channel: string; slot: string; outcome: PostOutcome }> = [];
      for (const group of await deps.store.listReadingGroups()) {
        if (!ports.has(group.platform)) continue;
        let due: MeetingTimes[];
        let past: MeetingTimes[];
        try {
          due = meetingsDue(group, now);
          past = meetingsPast(group, now);
        } catch (error) {
          log.error(
            { channel: channelLabel(group), err: error },
            'cannot compute the reading group schedule',
          );
          continue;
        }
        for (const times of past) {
          try {
            out.push(...(await settlePast(group, times)));
          } catch (error) {
            log.error(
              { channel: channelLabel(group), meeting: times.date, err: error },
              'reading group: could not settle a past meeting’s posts',
            );
          }
        }
        for (const times of due) {
          try {
            out.push(...(await forMeeting(group, times, now)));
          } catch (error) {
            log.error(
              { channel: channelLabel(group), meeting: times.date, err: error },
              'reading group post failed',
            );
          }
        }
      }
      return out;
    },
  };
}
