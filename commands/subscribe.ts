// /papers subscribe <topics> [time] [timezone] [count] [days]: add topics to this channel's daily digest.
import { defineCommand, option } from '../src/app/command.js';
import { usageError } from '../src/app/dispatch.js';
import { settledSlots, settleScheduleChange } from '../src/schedule/schedule-change.js';
import { type ChannelSettings, DEFAULT_SETTINGS } from '../src/store/types.js';
import { concurrentChangeNote, settingsOf, summaryFields } from '../src/views/channel-view.js';
import { humanList } from '../src/views/format.js';
import { cadenceChange, cadenceOptions } from './lib/cadence-settings.js';
import { checkTopics, LIMITS, settingsOptions } from './lib/settings-input.js';

const subscribeMeta = {
  name: 'subscribe',
  description: 'Get a daily digest (or a weekly round-up) of new papers on these topics in this channel',
  usage:
    '/papers subscribe <topics> [time:HH:MM] [timezone:Area/City] [count:1-10] [days:weekdays] [cadence:daily|weekly] [day:fri]',
  examples: [
    '/papers subscribe topics:"diffusion models; reward hacking" time:08:30 timezone:Europe/Berlin',
    '/papers subscribe offline rl count:3 days:mon-fri',
    '/papers subscribe diffusion models cadence:weekly day:fri timezone:Europe/Berlin',
  ],
  options: {
    topics: settingsOptions.topics('Topics, separated by ; or , (at most 10, each up to 100 characters)', {
      required: true,
      positional: 'rest',
    }),
    time: settingsOptions.time('Local time of the digest, HH:MM (24-hour), e.g. 08:30'),
    timezone: settingsOptions.timezone('IANA time zone, e.g. Europe/Berlin, America/New_York, UTC'),
    count: option.integer('Papers per digest, 1–10', { min: LIMITS.minCount, max: LIMITS.maxCount }),
    days: settingsOptions.days('Days to post: daily, weekdays, weekends, mon-fri, or mon,wed,fri'),
    ...cadenceOptions,
  },
};

export const subscribe = defineCommand({
  ...subscribeMeta,
  admin: true,
  needsPostingChannel: true,
  async run(input, ctx, services) {
    const topics = input.topics ?? [];
    const before = await services.store.getChannel(ctx.channel);
    const existing = settingsOf(before).topics;
    // A channel with no topics left (unsubscribed from all) subscribes afresh: defaults, not its old count and days.
    const fresh = existing.length === 0;
    const known = new Set(existing.map((t) => t.toLowerCase()));
    const added = topics.filter((t) => !known.has(t.toLowerCase()));
    const already = topics.filter((t) => known.has(t.toLowerCase()));
    const merged = checkTopics([...existing, ...added]);
    if (!merged.ok) {
      return usageError(
        subscribeMeta,
        `This channel already has ${existing.length} topics; ${LIMITS.maxTopics} is the most. Remove some with /papers unsubscribe.`,
      );
    }

    const change: Partial<ChannelSettings> = { topics: merged.value };
    if (input.time !== undefined) change.time = input.time;
    if (input.timezone !== undefined) change.timezone = input.timezone;
    // A new channel starts in the subscriber's own zone when the platform knows it, rather than UTC.
    else if (fresh && ctx.user.timezone) change.timezone = ctx.user.timezone;
    if (input.count !== undefined) change.count = input.count;
    if (input.days !== undefined) change.days = input.days;
    // A channel subscribing afresh starts daily unless it asks for the round-up.
    const cadence = cadenceChange(input, fresh ? DEFAULT_SETTINGS : settingsOf(before));
    if (!cadence.ok) return usageError(subscribeMeta, cadence.message);
    Object.assign(change, cadence.change);
    if (fresh && before) await services.store.removeChannel(ctx.channel);
    const record = await services.store.updateChannel(ctx.channel, change, ctx.user.name ?? ctx.user.id);
    const moved = await settleScheduleChange(services.store, ctx.channel, before, record, services.clock);
    const done = await settledSlots(services.store, ctx.channel);

    const quoted = (list: string[]) => humanList(list.map((t) => `“${t}”`));
    const lines = [
      added.length > 0 ? `Subscribed to ${quoted(added)}.` : `Already subscribed to ${quoted(already)}.`,
    ];
    if (added.length > 0 && already.length > 0) lines.push(`(Already had ${quoted(already)}.)`);
    const race = concurrentChangeNote(fresh ? undefined : before, record);
    if (race) lines.push(race);
    if (moved) lines.push(moved);
    return {
      kind: 'notice',
      title: added.length > 0 ? 'Subscribed' : 'No new topics',
      text: lines.join(' '),
      fields: summaryFields(record, services.clock, done),
      actions: [{ label: "Preview today's digest", command: '/papers digest' }],
      ephemeral: true,
    };
  },
});
