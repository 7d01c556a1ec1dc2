// /papers settings: anyone may see this channel's configuration; people who manage the channel may change it.
import { z } from 'zod';
import { defineCommand, type OptionSpec, option } from '../src/app/command.js';
import { usageError } from '../src/app/dispatch.js';
import type { CommandContext, Services } from '../src/app/types.js';
import { settledSlots, settleScheduleChange } from '../src/schedule/schedule-change.js';
import { channelRows } from '../src/schedule/schedule-overview.js';
import type { ChannelRecord, ChannelSettings } from '../src/store/types.js';
import { cadenceName, settingsFields, settingsOf } from '../src/views/channel-view.js';
import { plural } from '../src/views/format.js';
import type { View } from '../src/views/types.js';
import { cadenceChange, cadenceOptions } from './lib/cadence-settings.js';
import {
  applyFeedbackSettings,
  feedbackFields,
  feedbackOptions,
  hasFeedbackChanges,
} from './lib/feedback-settings.js';
import { applyFollowupSettings, followupFields, followupOptions } from './lib/followup-settings.js';
import { applyKeepSettings, hasKeepChanges, keepFields, keepOptions } from './lib/keep-settings.js';
import { describeDays, LIMITS, settingsOptions } from './lib/settings-input.js';

function choice<const T extends string>(
  description: string,
  values: readonly [T, ...T[]],
  positional?: 'one',
) {
  const spec: OptionSpec<z.ZodType<T, unknown>> = {
    kind: 'string',
    description,
    schema: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.enum(values, { error: `must be ${values.join(' or ')}` })),
    required: false,
    choices: values.map((v) => ({ name: v, value: v })),
    ...(positional ? { positional } : {}),
  };
  return spec;
}

const settingsHelp = {
  usage:
    '/papers settings [all:yes] [pause|resume] [topics:"a; b"] [time:HH:MM] [timezone:Area/City] [count:1-10] [days:weekdays] [cadence:daily|weekly] [day:fri] [exclude:"a; b"|none] [when-empty:notice|silent] [images:on|off] [followups:inline|digest|off] [feed:revoke] [zotero_group:<id>|none] [zotero_key:<key>] [reset_learning:yes]',
  examples: [
    '/papers settings',
    '/papers settings time:07:45 days:mon-fri exclude:"survey; position paper"',
    '/papers settings pause',
    '/papers settings topics:"diffusion models; RLHF"',
    '/papers settings cadence:weekly day:fri',
    '/papers settings all:yes',
    '/papers settings feed:revoke',
  ],
};

export const settings = defineCommand({
  name: 'settings',
  description: 'Show this channel’s digest settings; admins can change them',
  ...settingsHelp,
  admin: 'changes',
  options: {
    digests: choice('Pause or resume this channel’s digests', ['pause', 'resume'], 'one'),
    topics: settingsOptions.topics(
      'Replace this channel’s topics, separated by ; or , (at most 10; subscribe adds to them)',
    ),
    time: settingsOptions.time('Local time of the digest, HH:MM (24-hour)'),
    timezone: settingsOptions.timezone('IANA time zone, e.g. Europe/Berlin'),
    count: option.integer('Papers per digest, 1–10', { min: LIMITS.minCount, max: LIMITS.maxCount }),
    days: settingsOptions.days('daily, weekdays, weekends, mon-fri, or mon,wed,fri'),
    ...cadenceOptions,
    exclude: settingsOptions.exclude(
      'Skip papers with these words (up to 10, separate with ; or ,); "none" clears',
    ),
    'when-empty': choice('On a day with nothing new: post a short notice, or stay silent', [
      'notice',
      'silent',
    ]),
    images: choice('Thumbnails on digest cards: on, or off for a quieter channel', ['on', 'off']),
    all: option.boolean('List every subscribed channel here with its topics and next digest (admins)'),
    ...keepOptions,
    ...feedbackOptions,
    ...followupOptions,
  },
  async run(input, ctx, services) {
    if (input.all) return everyChannel(ctx, services);
    const change: Partial<ChannelSettings> = {};
    if (input.digests) change.paused = input.digests === 'pause';
    if (input.topics !== undefined) change.topics = input.topics;
    if (input.time !== undefined) change.time = input.time;
    if (input.timezone !== undefined) change.timezone = input.timezone;
    if (input.count !== undefined) change.count = input.count;
    if (input.days !== undefined) change.days = input.days;
    if (input.exclude !== undefined) change.exclude = input.exclude;
    if (input['when-empty'] !== undefined) change.whenEmpty = input['when-empty'];
    if (input.images !== undefined) change.images = input.images === 'on';
    const before = await services.store.getChannel(ctx.channel);
    // Topics replace a subscription's; starting one is subscribe's work (it checks the bot can post here).
    if (input.topics !== undefined && (before?.topics.length ?? 0) === 0) {
      return {
        kind: 'error',
        text: 'This channel is not subscribed yet, so it has no topics to change.',
        hint: `Subscribe first: /papers subscribe ${input.topics.join('; ')}`,
        ephemeral: true,
      };
    }
    const cadence = cadenceChange(input, settingsOf(before));
    if (!cadence.ok) return usageError(settingsHelp, cadence.message);
    Object.assign(change, cadence.change);

    // The feed and Zotero first: a mistake there is reported before any other setting changes.
    const kept = hasKeepChanges(input) ? await applyKeepSettings(input, ctx, services) : { lines: [] };
    if ('view' in kept) return kept.view;
    if (hasFeedbackChanges(input)) kept.lines.push(...(await applyFeedbackSettings(input, ctx, services)));
    kept.lines.push(...(await applyFollowupSettings(input, ctx, services)));
    if (Object.keys(change).length === 0 && kept.lines.length > 0) {
      return {
        kind: 'notice',
        title: 'Settings saved',
        text: kept.lines.join(' '),
        fields: await keepFields(ctx, services),
        ephemeral: true,
      };
    }
    if (Object.keys(change).length === 0) {
      return {
        kind: 'notice',
        title: 'Settings for this channel',
        text: before
          ? 'People who manage this channel can change these, e.g. /papers settings time:07:30 days:weekdays'
          : 'This channel is not subscribed yet. Subscribe with /papers subscribe <topics>.',
        fields: [
          ...settingsFields(before, services.clock, await settledSlots(services.store, ctx.channel)),
          ...(await feedbackFields(ctx, services)),
          ...(before ? await followupFields(ctx, services) : []),
          // The feed address is a secret of the channel's managers.
          ...(ctx.user.canManage ? await keepFields(ctx, services) : []),
        ],
        ephemeral: true,
      };
    }

    const record = await services.store.updateChannel(ctx.channel, change, ctx.user.name ?? ctx.user.id);
    // Someone who manages the channel asked to resume: they have fixed whatever made it unreachable.
    let current: ChannelRecord = record;
    if (input.digests === 'resume' && record.unreachable) {
      await services.store.setUnreachable(ctx.channel, null);
      current = (await services.store.getChannel(ctx.channel)) ?? record;
    }
    const changed = describeChanges(settingsOf(before), current);
    const moved = await settleScheduleChange(services.store, ctx.channel, before, current, services.clock);
    const text = [
      ...kept.lines,
      changed.length > 0 ? `Changed ${changed.join(', ')}.` : 'Nothing changed.',
    ].join(' ');
    return {
      kind: 'notice',
      title: 'Settings saved',
      text: moved ? `${text} ${moved}` : text,
      fields: settingsFields(current, services.clock, await settledSlots(services.store, ctx.channel)),
      ephemeral: true,
    };
  },
});

/** "time 09:00 → 07:45, days daily → weekdays" */
function describeChanges(before: ChannelSettings, after: ChannelSettings): string[] {
  const show: [string, (s: ChannelSettings) => string][] = [
    ['digests', (s) => (s.paused ? 'paused' : 'active')],
    ['topics', (s) => s.topics.join('; ')],
    ['time', (s) => s.time],
    ['time zone', (s) => s.timezone],
    ['papers per digest', (s) => String(s.count)],
    ['days', (s) => describeDays(s.days)],
    ['cadence', (s) => cadenceName(s)],
    ['exclude', (s) => (s.exclude.length > 0 ? s.exclude.join('; ') : 'none')],
    ['when nothing is new', (s) => (s.whenEmpty === 'notice' ? 'notice' : 'silent')],
    ['images', (s) => (s.images ? 'on' : 'off')],
  ];
  return show
    .filter(([, get]) => get(before) !== get(after))
    .map(([name, get]) => `${name} ${get(before)} → ${get(after)}`);
}

/** A chat message holds so many fields (Discord: 25); the command line lists them all. */
const MAX_LISTED = 20;

/** `/papers settings all:yes`: the schedule of every subscribed channel in this server or workspace. */
async function everyChannel(ctx: CommandContext, services: Services): Promise<View> {
  const { platform, workspace } = ctx.channel;
  const rows = await channelRows(
    services.store,
    await services.store.listChannels({ platform, workspace }),
    services.clock,
  );
  if (rows.length === 0) {
    return {
      kind: 'notice',
      title: 'Subscribed channels',
      text: 'No channel here is subscribed yet. Subscribe one with /papers subscribe <topics>.',
      ephemeral: true,
    };
  }
  const shown = rows.slice(0, MAX_LISTED);
  const more = rows.length - shown.length;
  return {
    kind: 'notice',
    title: 'Subscribed channels',
    text:
      `${rows.length === 1 ? '1 channel gets' : `${plural(rows.length, 'channel')} get`} digests here, the soonest first.` +
      (more > 0 ? ` The first ${MAX_LISTED} are shown; \`paperboy channels\` lists all of them.` : ''),
    fields: shown.map((row) => ({
      name: `#${row.channel.split(':').slice(2).join(':')}`,
      value: [
        row.topics.join('; '),
        row.schedule,
        `next: ${row.next}`,
        ...(row.status === 'active' ? [] : [row.status]),
      ].join(' · '),
    })),
    ephemeral: true,
  };
}
