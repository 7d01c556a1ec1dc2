// Small command specs shaped like the real ones (paged search, slow summarize, digest with Share, admin subscribe)
// and a minimal line parser, so the Slack adapter is tested on its own.

import { settings } from '../../../commands/settings.js';
import { type CommandSpec, defineCommand, type OptionSpec, option } from '../../../src/app/command.js';
import type { LineParser } from '../../../src/platforms/slack/handlers.js';
import { toCard } from '../../support/paper.js';

export const timing = { summarizeDelayMs: 0 };

const search = defineCommand({
  name: 'search',
  description: 'Find papers',
  usage: '/papers search <query> [page:N]',
  examples: ['/papers search diffusion'],
  options: {
    query: option.string('what to look for', { required: true, positional: 'rest' }),
    page: option.integer('which page', { min: 1, max: 50 }),
  },
  async run(input, _ctx, services) {
    const page = input.page ?? 1;
    const out = services.search.search(input.query, { limit: 100 });
    if (!out.ok) return { kind: 'error', text: out.message, ephemeral: true };
    const pages = Math.max(1, out.total);
    return {
      kind: 'list',
      title: `Papers matching “${input.query}”`,
      cards: out.hits.slice(page - 1, page).map((h) => toCard(h.paper)),
      page: {
        page,
        pages,
        total: out.total,
        ...(page > 1
          ? { prev: { label: 'Previous', command: `/papers search ${input.query} page:${page - 1}` } }
          : {}),
        ...(page < pages
          ? { next: { label: 'Next', command: `/papers search ${input.query} page:${page + 1}` } }
          : {}),
      },
      ephemeral: true,
    };
  },
});

const summarize = defineCommand({
  name: 'summarize',
  description: 'Summarize a paper',
  usage: '/papers summarize <paper>',
  examples: ['/papers summarize 2505.00001'],
  slow: true,
  options: { paper: option.string('paper id', { required: true, positional: 'rest' }) },
  async run(input, _ctx, services) {
    await new Promise((r) => setTimeout(r, timing.summarizeDelayMs));
    const p = services.search.resolve(input.paper);
    if (!p) return { kind: 'error', text: `No paper matches “${input.paper}”.`, ephemeral: true };
    const s = await services.summarizer.summarize(p);
    return { kind: 'paper', card: { ...toCard(p), tldr: s.tldr, keyPoints: s.keyPoints }, ephemeral: true };
  },
});

const digest = defineCommand({
  name: 'digest',
  description: 'Preview the digest',
  usage: '/papers digest [share:yes]',
  examples: ['/papers digest'],
  slow: true,
  options: { share: option.boolean('post it to the channel') },
  async run(input, ctx, services) {
    const record = await services.store.getChannel(ctx.channel);
    const topics = record?.topics.length ? record.topics : ['diffusion'];
    const picks = services.digest.select({
      topics,
      exclude: [],
      count: 40,
      sent: new Set(),
      date: '2025-05-20',
    });
    return {
      kind: 'list',
      title: input.share ? `Today's papers on ${topics.join(', ')}` : `Digest preview: ${topics.join(', ')}`,
      cards: picks.map((p) => ({ ...toCard(p.paper), reason: p.reason })),
      ...(input.share
        ? {}
        : {
            actions: [
              { label: 'Share to channel', command: '/papers digest share:yes', style: 'primary' as const },
            ],
          }),
      ephemeral: !input.share,
    };
  },
});

const subscribe = defineCommand({
  name: 'subscribe',
  description: 'Daily digest for this channel',
  usage: '/papers subscribe <topics> [time:HH:MM]',
  examples: ['/papers subscribe diffusion time:08:30'],
  admin: true,
  needsPostingChannel: true,
  options: {
    topics: option.string('topics, separated by ;', { required: true, positional: 'rest' }),
    time: option.string('local time HH:MM'),
  },
  async run(input, ctx, services) {
    const record = await services.store.updateChannel(
      ctx.channel,
      { topics: input.topics.split(';').map((t) => t.trim()), ...(input.time ? { time: input.time } : {}) },
      ctx.user.id,
    );
    return {
      kind: 'notice',
      title: 'Subscribed',
      text: `This channel gets ${record.count} papers a day at ${record.time}.`,
      fields: [{ name: 'Topics', value: record.topics.join('; ') }],
    };
  },
});

const help = defineCommand({
  name: 'help',
  description: 'How to use /papers',
  usage: '/papers help',
  examples: ['/papers help'],
  isHelp: true,
  options: {},
  async run() {
    return {
      kind: 'notice',
      title: 'Paperboy',
      text: 'Commands: search, summarize, digest, subscribe, help.',
      ephemeral: true,
    };
  },
});

// The real settings command: the App Home settings modal runs it.
export const testCommands = [
  search,
  summarize,
  digest,
  subscribe,
  help,
  settings,
] as unknown as readonly CommandSpec[];

/** Words, "quoted strings" and key:value pairs; the rest option takes the remaining words. */
export const testParseLine: LineParser = (line) => {
  const words = line.replace(/^\/?papers\s*/, '').match(/\w+:"[^"]*"|"[^"]*"|\S+/g) ?? [];
  const [sub, ...args] = words;
  const spec = testCommands.find((c) => c.name === (sub ?? 'help'));
  if (!spec)
    return { ok: false, view: { kind: 'error', text: `There is no /papers ${sub}.`, ephemeral: true } };
  const options: Record<string, unknown> = {};
  const rest: string[] = [];
  const declared = spec.options as Record<string, OptionSpec>;
  for (const word of args) {
    const pair = /^(\w+):(.*)$/.exec(word);
    if (pair && (pair[1] as string) in declared)
      options[pair[1] as string] = (pair[2] as string).replace(/^"|"$/g, '');
    else rest.push(word.replace(/^"|"$/g, ''));
  }
  const positional = Object.entries(declared).find(([, o]) => o.positional);
  if (positional && rest.length > 0) options[positional[0]] = rest.join(' ');
  return { ok: true, spec, options };
};
