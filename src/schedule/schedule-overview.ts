// Every subscribed channel at a glance, soonest digest first: for `/papers settings all:yes` and `paperboy channels`.
import type { Clock } from '../clock.js';
import type { ChannelRecord, Store } from '../store/types.js';
import { describeNextDigest, describeSchedule, statusOf } from '../views/channel-view.js';
import { plural } from '../views/format.js';
import { nextDigestAt } from './next-digest.js';
import { settledSlots } from './schedule-change.js';

export interface ChannelRow {
  /** platform:workspace:channel */
  channel: string;
  topics: string[];
  /** "5 papers every day at 08:30 (Europe/Berlin)" */
  schedule: string;
  /** "Tue 14 May, 08:30 Europe/Berlin (in 20 h)", or why there is none. */
  next: string;
  /** ISO instant of the next digest, when there is one. */
  nextAt: string | null;
  status: string;
}

/** The channels with topics (those without get nothing), soonest next digest first, then paused and unreachable. */
export async function channelRows(
  store: Store,
  records: readonly ChannelRecord[],
  clock: Clock,
): Promise<ChannelRow[]> {
  const rows: ChannelRow[] = [];
  for (const record of records) {
    if (record.topics.length === 0) continue;
    const done = await settledSlots(store, record);
    const scheduled = !record.paused && record.unreachable === null;
    const at = scheduled ? nextDigestAt(record, clock.now(), done) : undefined;
    rows.push({
      channel: `${record.platform}:${record.workspace}:${record.channel}`,
      topics: [...record.topics],
      schedule: `${plural(record.count, 'paper')} ${describeSchedule(record)}`,
      next: describeNextDigest(record, clock, done),
      nextAt: at ? at.toISOString() : null,
      status: statusOf(record),
    });
  }
  return rows.sort(
    (a, b) => (a.nextAt ?? '9999').localeCompare(b.nextAt ?? '9999') || a.channel.localeCompare(b.channel),
  );
}
