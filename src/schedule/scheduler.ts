// The digest clock: every minute (node-cron) finds each channel's due slots and hands them to the delivery runner.
import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../clock.js';
import { failForGood, skip } from '../digest/ledger.js';
import {
  channelLabel,
  createDeliveryRunner,
  type DeliveryRunner,
  type DigestJob,
  type JobOutcome,
  type RunnerDeps,
} from '../digest/runner.js';
import type { Metrics } from '../metrics.js';
import type { ChannelKey, ChannelRecord } from '../store/types.js';
import { type Slot, slotsBetween } from './slots.js';

const HOUR = 3_600_000;

export interface SchedulerDeps extends RunnerDeps {
  clock: Clock;
  /** A missed slot still goes out this late (hours, default 6); older ones are skipped and logged. */
  graceHours?: number;
  /** Counts the slots settled without a post, per platform. */
  metrics?: Pick<Metrics, 'digestsSkipped'>;
  /**
   * Other posts given a turn after each tick's digests, in order (follow-ups on papers already sent, reading
   * groups); their failures are logged.
   */
  alsoEachTick?: ReadonlyArray<{ tick(now: Date): Promise<unknown> }>;
}

/** Why a job ended without a post, as /metrics names it; undefined when it posted, failed or waits. */
const SKIP_REASONS: Partial<Record<JobOutcome, string>> = { silent: 'nothing-new', done: 'already-sent' };

export interface TickReport {
  /** Jobs started by this tick. */
  started: number;
  outcomes: Partial<Record<JobOutcome, number>>;
  /** Slots older than the grace recorded as skipped by this tick. */
  skipped: number;
  /** Pending deliveries given up because they are older than the grace. */
  gaveUp: number;
}

export interface Scheduler {
  readonly owner: string;
  /** One pass at instant `now` (default: the clock): starts due jobs and resolves when they have finished. */
  tick(now?: Date): Promise<TickReport>;
  /** Starts the once-a-minute tick (and one right away, to catch up after downtime). */
  start(): void;
  /**
   * Stops ticking, starts no new deliveries, and waits (at most `timeoutMs`, default 30 s) for those in
   * flight. Anything left pending is resumed by the next process once its lease runs out.
   */
  stop(timeoutMs?: number): Promise<void>;
}

function keyOf(c: ChannelKey): ChannelKey {
  return { platform: c.platform, workspace: c.workspace, channel: c.channel };
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/** Channels the schedule serves: subscribed (topics), not paused, still reachable. */
export function isScheduled(channel: ChannelRecord): boolean {
  return channel.topics.length > 0 && !channel.paused && channel.unreachable === null;
}

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const runner: DeliveryRunner = createDeliveryRunner(deps);
  const graceMs = (deps.graceHours ?? 6) * HOUR;
  // Far enough back to notice (and record) the slot missed just before the grace began.
  const lookbackMs = graceMs + 24 * HOUR;
  const log = deps.logger;
  const ports = new Set(deps.ports.map((p) => p.platform));
  /** channel@slot settled in the ledger: not looked up again. */
  const settled = new Set<string>();
  const inFlight = new Map<string, Promise<JobOutcome>>();
  /** Channels whose schedule cannot be computed, logged once each (not every minute). */
  const broken = new Set<string>();
  let task: ScheduledTask | undefined;
  const ticking = new Set<Promise<unknown>>();

  function forget(before: number): void {
    // Slot ids end with the date; anything older than the lookback can never be due again.
    const oldest = new Date(before - 48 * HOUR).toISOString().slice(0, 10);
    for (const id of settled) if (id.slice(-10) < oldest) settled.delete(id);
  }

  async function settleStale(
    channel: ChannelRecord,
    slot: Slot,
    now: number,
  ): Promise<'skipped' | 'gaveUp' | 'none'> {
    const key = keyOf(channel);
    const lateHours = Math.round(((now - slot.at) / HOUR) * 10) / 10;
    const existing = await deps.store.getDelivery(key, slot.slot);
    if (existing && existing.status !== 'pending') return 'none';
    const claimed = await deps.store.claimDelivery(key, slot.slot, [], runner.owner, 60_000);
    if (!claimed) return 'none';
    const context = { channel: channelLabel(key), slot: slot.slot, lateHours };
    if (claimed.attempts <= 1 && claimed.paperIds.length === 0 && !existing) {
      await skip(
        deps.store,
        claimed.id,
        `missed by ${lateHours} h (grace ${graceMs / HOUR} h)`,
        runner.owner,
      );
      log.warn(context, 'missed digest slot is older than the grace; skipped');
      return 'skipped';
    }
    await failForGood(
      deps.store,
      claimed.id,
      `not delivered within ${graceMs / HOUR} h of the slot: ${claimed.error ?? 'unknown'}`,
      runner.owner,
    );
    log.warn(context, 'pending digest still undelivered after the grace; given up');
    return 'gaveUp';
  }

  async function tick(at?: Date): Promise<TickReport> {
    const now = (at ?? deps.clock.now()).getTime();
    const report: TickReport = { started: 0, outcomes: {}, skipped: 0, gaveUp: 0 };
    const channels = await deps.store.listChannels();
    const jobs: Array<{ id: string; job: DigestJob }> = [];
    const stale: Array<{ id: string; channel: ChannelRecord; slot: Slot }> = [];
    for (const channel of channels) {
      if (!isScheduled(channel) || !ports.has(channel.platform)) continue;
      const created = Date.parse(channel.createdAt);
      let slots: Slot[];
      try {
        slots = slotsBetween(channel, now - lookbackMs, now);
      } catch (error) {
        const label = `${channelLabel(channel)} ${channel.time} ${channel.timezone}`;
        if (!broken.has(label)) {
          broken.add(label);
          log.error(
            { channel: channelLabel(channel), time: channel.time, timezone: channel.timezone, err: error },
            'cannot compute the digest schedule; fix the channel time zone in settings',
          );
        }
        continue;
      }
      for (const slot of slots) {
        // A channel is not owed the slots from before it subscribed.
        if (slot.at < created) continue;
        const id = `${channelLabel(channel)}@${slot.slot}`;
        if (settled.has(id) || inFlight.has(id)) continue;
        if (now - slot.at <= graceMs) jobs.push({ id, job: { channel, slot: slot.slot } });
        else stale.push({ id, channel, slot });
      }
    }

    // Random order: replicas ticking together mostly meet already-claimed channels instead of racing on each.
    const running = shuffle(jobs).map(({ id, job }) => {
      const promise = runner.run(job).catch((error: unknown) => {
        log.error({ channel: id, err: error }, 'digest run failed');
        return 'later' as JobOutcome;
      });
      inFlight.set(id, promise);
      report.started++;
      return promise.then((outcome) => {
        inFlight.delete(id);
        const reason = SKIP_REASONS[outcome];
        if (reason) deps.metrics?.digestsSkipped.inc({ platform: job.channel.platform, reason });
        if (outcome !== 'busy' && outcome !== 'later') settled.add(id);
        report.outcomes[outcome] = (report.outcomes[outcome] ?? 0) + 1;
      });
    });
    // Due digests first; then the bookkeeping of slots missed beyond the grace, while those go out.
    for (const { id, channel, slot } of stale) {
      try {
        const done = await settleStale(channel, slot, now);
        if (done === 'skipped') {
          report.skipped++;
          deps.metrics?.digestsSkipped.inc({ platform: channel.platform, reason: 'missed' });
        }
        if (done === 'gaveUp') report.gaveUp++;
        settled.add(id);
      } catch (error) {
        log.error(
          { channel: channelLabel(channel), slot: slot.slot, err: error },
          'could not settle a missed slot',
        );
      }
    }
    await Promise.all(running);
    forget(now);
    for (const job of deps.alsoEachTick ?? []) {
      await job
        .tick(new Date(now))
        .catch((error: unknown) => log.error({ err: error }, 'scheduled job failed'));
    }
    return report;
  }

  return {
    owner: runner.owner,
    tick,
    start() {
      if (task) return;
      const run = () => {
        const current = tick()
          .catch((error: unknown) => log.error({ err: error }, 'digest tick failed'))
          .finally(() => ticking.delete(current));
        ticking.add(current);
      };
      task = cron.schedule('* * * * *', run, { name: 'paperboy-digest' });
      log.info({ owner: runner.owner, graceHours: graceMs / HOUR }, 'digest scheduler started');
      run();
    },
    async stop(timeoutMs = 30_000) {
      if (task) {
        await task.stop();
        await task.destroy();
        task = undefined;
      }
      runner.close();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, timeoutMs);
      });
      await Promise.race([Promise.all(ticking), timeout]);
      clearTimeout(timer);
    },
  };
}

/** Starts the schedule for main.ts: ticks every minute until stop(). */
export function startScheduler(deps: SchedulerDeps): Scheduler {
  const scheduler = createScheduler(deps);
  scheduler.start();
  return scheduler;
}
