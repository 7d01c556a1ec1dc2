// /papers notify me topics:"…" | off: opt in (or out) to a mention when a digest paper matches your own topics.
import { z } from 'zod';
import { defineCommand, type OptionSpec, option } from '../src/app/command.js';
import { splitTopics } from '../src/digest/text.js';
import { humanList } from '../src/views/format.js';

export const notify = defineCommand({
  name: 'notify',
  description: 'Get mentioned when this channel’s digest has a paper on your own topics; off stops it',
  usage: '/papers notify me topics:"a; b" | off',
  examples: ['/papers notify me topics:"offline RL"', '/papers notify off'],
  options: {
    mode: {
      kind: 'string',
      description: 'me: mention me on my topics · off: never mention me',
      schema: z
        .string()
        .trim()
        .toLowerCase()
        .pipe(z.enum(['me', 'off'], { error: 'must be me or off' })),
      required: true,
      positional: 'one',
      choices: [
        { name: 'me', value: 'me' },
        { name: 'off', value: 'off' },
      ],
    } satisfies OptionSpec<z.ZodType<'me' | 'off', unknown>>,
    topics: option.string('Your topics, separated with ; or , (up to 10)'),
  },
  async run(input, ctx, services) {
    if (input.mode === 'off') {
      const removed = await services.store.removeNotify(ctx.channel, ctx.user.id);
      return {
        kind: 'notice',
        title: 'Pings off',
        text: removed
          ? 'This channel’s digests will not mention you any more.'
          : 'This channel’s digests were not mentioning you.',
        ephemeral: true,
      };
    }
    const topics = splitTopics(input.topics ?? '');
    if (topics.length === 0 || topics.length > 10 || topics.some((t) => t.length > 100)) {
      return {
        kind: 'error',
        text: 'Name 1 to 10 topics of at most 100 characters to be mentioned on.',
        hint: 'Example: /papers notify me topics:"offline RL; world models"',
        ephemeral: true,
      };
    }
    const saved = await services.store.setNotify(ctx.channel, ctx.user.id, topics);
    return {
      kind: 'notice',
      title: 'Pings on',
      text: `This channel’s digest will mention you (once per digest) when a paper is about ${humanList(
        saved.topics.map((t) => `“${t}”`),
        'or',
      )}. Only you are mentioned; /papers notify off stops it.`,
      actions: [{ label: 'Stop pings', command: '/papers notify off' }],
      ephemeral: true,
    };
  },
});
