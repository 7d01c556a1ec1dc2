// /papers vote <paper> up|down: the 👍 / 👎 under every paper; one vote per member per paper per channel.
import { z } from 'zod';
import { defineCommand, type OptionSpec, option } from '../src/app/command.js';
import { countsLine, hiddenPapers } from '../src/feedback/votes.js';
import { truncate } from '../src/views/format.js';
import { findPaper } from './lib/paper-ref.js';

const VALUES = { up: 1, down: -1, '👍': 1, '👎': -1, '+1': 1, '-1': -1 } as const;

export const vote = defineCommand({
  name: 'vote',
  description: 'Vote a paper up or down for this channel: its digests learn from the votes',
  usage: '/papers vote <paper> up|down',
  examples: ['/papers vote 2405.04233 up', '/papers vote 2405.04233 down'],
  options: {
    paper: option.string('arXiv id, link, or words from the title', {
      required: true,
      positional: 'one',
      autocomplete: true,
    }),
    vote: {
      kind: 'string',
      description: 'up (👍) or down (👎)',
      schema: z
        .string()
        .trim()
        .toLowerCase()
        .pipe(z.enum(Object.keys(VALUES) as [keyof typeof VALUES], { error: 'must be up or down' })),
      required: true,
      positional: 'one',
      choices: [
        { name: '👍 up', value: 'up' },
        { name: '👎 down', value: 'down' },
      ],
    } satisfies OptionSpec<z.ZodType<keyof typeof VALUES, unknown>>,
  },
  async run(input, ctx, services) {
    const found = findPaper(services, input.paper, (id) => `/papers vote ${id} ${input.vote}`);
    if ('view' in found) return found.view;
    const { paper } = found;
    const value = VALUES[input.vote];
    const counts = await services.store.setVote(ctx.channel, paper.id, ctx.user.id, value, {
      admin: ctx.user.canManage,
    });
    const hidden = hiddenPapers(await services.store.listVotes(ctx.channel)).has(paper.id);
    const lines = [
      `${value > 0 ? '👍' : '👎'} on “${truncate(paper.title, 100)}”: ${countsLine(counts)}.`,
      hidden
        ? 'Not for this channel: it will not appear in this channel’s digests, and similar papers rank lower.'
        : value > 0
          ? 'This channel’s digests will rank papers like it higher.'
          : 'This channel’s digests will rank papers like it lower.',
    ];
    return {
      kind: 'notice',
      title: 'Vote recorded',
      text: lines.join(' '),
      actions: [
        {
          label: value > 0 ? '👎 instead' : '👍 instead',
          command: `/papers vote ${paper.id} ${value > 0 ? 'down' : 'up'}`,
        },
      ],
      ephemeral: true,
    };
  },
});
