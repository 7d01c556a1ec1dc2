// /papers unsubscribe [topics]: remove some topics from this channel's digest, or all of them.
import { defineCommand } from '../src/app/command.js';
import { concurrentChangeNote, settingsOf, summaryFields } from '../src/views/channel-view.js';
import { humanList } from '../src/views/format.js';
import { settingsOptions } from './lib/settings-input.js';

const quoted = (list: readonly string[]) => humanList(list.map((t) => `“${t}”`));

export const unsubscribe = defineCommand({
  name: 'unsubscribe',
  description: 'Remove topics from this channel’s digest (all of them when none are named)',
  usage: '/papers unsubscribe [topics | all]',
  examples: ['/papers unsubscribe reward hacking', '/papers unsubscribe'],
  admin: true,
  options: {
    topics: settingsOptions.topics('Topics to remove (separate with ; or ,); leave empty to remove all', {
      positional: 'rest',
    }),
  },
  async run(input, ctx, services) {
    const before = await services.store.getChannel(ctx.channel);
    const current = settingsOf(before).topics;
    if (current.length === 0) {
      return {
        kind: 'notice',
        title: 'Nothing to remove',
        text: 'This channel is not subscribed to any topics. Subscribe with /papers subscribe <topics>.',
        ephemeral: true,
      };
    }
    const asked = input.topics ?? [];
    const everything =
      asked.length === 0 ||
      (asked.length === 1 &&
        asked[0]?.toLowerCase() === 'all' &&
        !current.some((t) => t.toLowerCase() === 'all'));
    const wanted = new Set(asked.map((t) => t.toLowerCase()));
    const removed = everything ? current : current.filter((t) => wanted.has(t.toLowerCase()));
    const missing = everything
      ? []
      : asked.filter((t) => !current.some((c) => c.toLowerCase() === t.toLowerCase()));
    if (removed.length === 0) {
      return {
        kind: 'error',
        text: `This channel is not subscribed to ${quoted(missing)}.`,
        hint: `Its topics: ${current.join('; ')}. Remove one with /papers unsubscribe ${current[0]}`,
        ephemeral: true,
      };
    }
    const remaining = current.filter((t) => !removed.includes(t));
    const record = await services.store.updateChannel(
      ctx.channel,
      { topics: remaining },
      ctx.user.name ?? ctx.user.id,
    );
    const lines = [`Unsubscribed from ${quoted(removed)}.`];
    if (missing.length > 0) lines.push(`(It was not subscribed to ${quoted(missing)}.)`);
    const race = concurrentChangeNote(before, record);
    if (race) lines.push(race);
    if (remaining.length === 0) {
      lines.push(
        'This channel gets no digests now. Subscribe again any time with /papers subscribe <topics>.',
      );
    }
    return {
      kind: 'notice',
      title: remaining.length > 0 ? 'Topics removed' : 'Unsubscribed',
      text: lines.join(' '),
      ...(remaining.length > 0 ? { fields: summaryFields(record, services.clock) } : {}),
      ephemeral: true,
    };
  },
});
