// How a channel's configuration reads back to people: the schedule sentence and the settings fields.
import type { Clock } from '../clock.js';
import { nextDigestAt } from '../schedule/next-digest.js';
import {
  type ChannelRecord,
  type ChannelSettings,
  DEFAULT_SETTINGS,
  WEEKDAYS,
  type Weekday,
} from '../store/types.js';
import { formatDuration, formatLocalDateTime, humanList, plural } from './format.js';

/** "weekdays", "daily", "mon, wed, fri" — how days read back to people. */
export function describeDays(days: readonly Weekday[]): string {
  const key = WEEKDAYS.filter((d) => days.includes(d)).join(',');
  if (key === WEEKDAYS.join(',')) return 'daily';
  if (key === 'mon,tue,wed,thu,fri') return 'weekdays';
  if (key === 'sat,sun') return 'weekends';
  if (key === '') return 'never';
  return key.replace(/,/g, ', ');
}

/** The stored record, or the defaults a new channel would get. */
export function settingsOf(record: ChannelRecord | undefined): ChannelSettings {
  return record ?? { ...DEFAULT_SETTINGS, topics: [], exclude: [], days: [...DEFAULT_SETTINGS.days] };
}

const DAY_PLURAL: Record<Weekday, string> = {
  mon: 'Mondays',
  tue: 'Tuesdays',
  wed: 'Wednesdays',
  thu: 'Thursdays',
  fri: 'Fridays',
  sat: 'Saturdays',
  sun: 'Sundays',
};

/** "weekly, Fridays" or "daily": the cadence alone, for "Changed cadence daily → weekly, Fridays". */
export function cadenceName(settings: Partial<Pick<ChannelSettings, 'cadence' | 'weeklyDay'>>): string {
  return settings.cadence === 'weekly' ? `weekly, ${DAY_PLURAL[settings.weeklyDay ?? 'fri']}` : 'daily';
}

/** "Weekly round-up, Fridays 09:00 Europe/Berlin", or "daily digest" for a daily channel. */
export function describeCadence(
  settings: Pick<ChannelSettings, 'time' | 'timezone'> &
    Partial<Pick<ChannelSettings, 'cadence' | 'weeklyDay'>>,
): string {
  if (settings.cadence !== 'weekly') return 'daily digest';
  return `Weekly round-up, ${DAY_PLURAL[settings.weeklyDay ?? 'fri']} ${settings.time} ${settings.timezone}`;
}

/** "every weekday at 08:30 (Europe/Berlin)"; "in a weekly round-up, Fridays at 09:00 (Europe/Berlin)" */
export function describeSchedule(settings: ChannelSettings): string {
  if (settings.cadence === 'weekly')
    return `in a weekly round-up, ${DAY_PLURAL[settings.weeklyDay]} at ${settings.time} (${settings.timezone})`;
  const days = describeDays(settings.days);
  const when =
    days === 'daily'
      ? 'every day'
      : days === 'weekdays'
        ? 'every weekday'
        : days === 'weekends'
          ? 'on weekends'
          : `on ${days}`;
  return `${when} at ${settings.time} (${settings.timezone})`;
}

/** "Tue 14 May, 08:30 Europe/Berlin (in 20 h)", or why there is none. */
export function describeNextDigest(
  record: ChannelRecord | undefined,
  clock: Clock,
  done?: ReadonlySet<string>,
): string {
  const settings = settingsOf(record);
  if (settings.topics.length === 0) return 'none: no topics yet';
  if (settings.paused) return 'none: digests are paused';
  if (record?.unreachable) return 'none: Paperboy cannot post here (see Status)';
  const now = clock.now();
  const next = nextDigestAt(settings, now, done);
  if (!next) return 'none: no days chosen';
  return `${formatLocalDateTime(next, settings.timezone)} ${settings.timezone} (in ${formatDuration(next.getTime() - now.getTime())})`;
}

/** One sentence: what this channel gets and when. */
export function describeSubscription(settings: ChannelSettings): string {
  if (settings.topics.length === 0) return 'This channel is not subscribed to any topics.';
  return `Up to ${plural(settings.count, 'paper')} on ${humanList(settings.topics.map((t) => `“${t}”`))}, ${describeSchedule(settings)}.`;
}

export function statusOf(record: ChannelRecord | undefined): string {
  if (record?.unreachable) {
    const since = record.unreachable.since.slice(0, 10);
    return `unreachable since ${since}: ${record.unreachable.reason}. Give Paperboy access to post here, then run /papers settings resume`;
  }
  if (!record || record.topics.length === 0) return 'not subscribed';
  return record.paused ? 'paused (resume with /papers settings resume)' : 'active';
}

/** The three lines that matter after a change: topics, schedule, next digest (and status when not active). */
export function summaryFields(record: ChannelRecord | undefined, clock: Clock, done?: ReadonlySet<string>) {
  const s = settingsOf(record);
  const fields = [
    { name: 'Topics', value: s.topics.length > 0 ? s.topics.join('; ') : 'none' },
    { name: 'Schedule', value: `${plural(s.count, 'paper')} ${describeSchedule(s)}` },
    { name: 'Next digest', value: describeNextDigest(record, clock, done) },
  ];
  const status = statusOf(record);
  if (status !== 'active') fields.push({ name: 'Status', value: status });
  return fields;
}

export function settingsFields(record: ChannelRecord | undefined, clock: Clock, done?: ReadonlySet<string>) {
  const s = settingsOf(record);
  const fields = [
    { name: 'Topics', value: s.topics.length > 0 ? s.topics.join('; ') : 'none' },
    { name: 'Time', value: `${s.time} (${s.timezone})` },
    // A weekly channel's round-up replaces its days, which stay for when it goes back to daily.
    ...(s.cadence === 'weekly'
      ? [
          { name: 'Cadence', value: describeCadence(s) },
          { name: 'Days', value: `${describeDays(s.days)} (when back to cadence:daily)` },
        ]
      : [{ name: 'Days', value: describeDays(s.days) }]),
    { name: 'Papers per digest', value: String(s.count) },
    { name: 'Exclude', value: s.exclude.length > 0 ? s.exclude.join('; ') : 'none' },
    { name: 'When nothing is new', value: s.whenEmpty === 'notice' ? 'post a short notice' : 'stay silent' },
    { name: 'Images', value: s.images ? 'on' : 'off' },
    { name: 'Status', value: statusOf(record) },
    { name: 'Next digest', value: describeNextDigest(record, clock, done) },
  ];
  if (record)
    fields.push({
      name: 'Last changed',
      value: `${record.updatedAt.slice(0, 16).replace('T', ' ')} UTC by ${record.updatedBy}`,
    });
  return fields;
}

/**
 * Topics are merged from what was read a moment before the write. If someone else changed the channel in
 * between (the version moved by more than our one change), say so instead of losing their change silently.
 */
export function concurrentChangeNote(
  before: ChannelRecord | undefined,
  after: ChannelRecord,
): string | undefined {
  const expected = (before?.version ?? 0) + 1;
  if (after.version === expected) return undefined;
  return 'Someone else changed this channel at the same moment: check the topics with /papers settings.';
}
