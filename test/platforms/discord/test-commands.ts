// Small command specs shaped like the real ones (paged search, slow summarize with autocomplete, admin subscribe).

import type { CommandSpec, OptionSpec } from '../../../src/app/command.js';
import { defineCommand, option } from '../../../src/app/command.js';
import type { LineParser } from '../../../src/platforms/discord/interaction-core.js';
import { toCard } from '../../support/paper.js';

const search = defineCommand({
  name: 'search',
  description: 'Find papers',
  usage: '/papers search <query> [page:N]',
  examples: [],
  options: {
    query: option.string('What to look for', { required: true, positional: 'rest' }),
    page: option.integer('Which page', { min: 1, max: 50 }),
  },
  async run(input, _ctx, services) {
    const page = input.page ?? 1;
    const out = services.search.search(input.query, { limit: 1, offset: page - 1 });
    if (!out.ok) return { kind: 'error', text: out.message };
    return {
      kind: 'list',
      title: `Papers matching “${input.query}”`,
      cards: out.hits.map((h) => toCard(h.paper)),
      page: {
        page,
        pages: out.total,
        total: out.total,
        ...(page > 1
          ? { prev: { label: 'Previous', command: `/papers search ${input.query} page:${page - 1}` } }
          : {}),
        ...(page < out.total
          ? { next: { label: 'Next', command: `/papers search ${input.query} page:${page + 1}` } }
          : {}),
      },
    };
  },
});

const summarize = defineCommand({
  name: 'summarize',
  description: 'Summarize a paper',
  usage: '/papers summarize <paper>',
  examples: [],
  slow: true,
  options: {
    paper: option.string('Paper id, URL or title', {
      required: true,
      positional: 'rest',
      autocomplete: true,
    }),
  },
  async run(input, _ctx, services) {
    const p = services.search.resolve(input.paper);
    if (!p) return { kind: 'error', text: `No paper matches “${input.paper}”.`, ephemeral: true };
    const s = await services.summarizer.summarize(p);
    return { kind: 'paper', card: { ...toCard(p), tldr: s.tldr, keyPoints: s.keyPoints } };
  },
});

const subscribe = defineCommand({
  name: 'subscribe',
  description: 'Daily digest for this channel',
  usage: '/papers subscribe <topics> [time]',
  examples: [],
  admin: true,
  needsPostingChannel: true,
  options: {
    topics: option.string('Topics, separated by ;', { required: true, positional: 'rest' }),
    time: option.string('Local time HH:MM'),
    whenEmpty: option.string('What a quiet day posts', {
      choices: [
        { name: 'a one-line notice', value: 'notice' },
        { name: 'nothing', value: 'silent' },
      ],
    }),
  },
  async run(input, ctx, services) {
    const topics = input.topics.split(/[;,]/).map((t) => t.trim());
    await services.store.updateChannel(
      ctx.channel,
      { topics, ...(input.time ? { time: input.time } : {}) },
      ctx.user.id,
    );
    return { kind: 'notice', title: 'Subscribed', text: `Topics: ${topics.join('; ')}`, ephemeral: true };
  },
});

/** Not declared slow, but takes a while: the core must defer it by its deadline. */
const ponder = defineCommand({
  name: 'ponder',
  description: 'Takes its time',
  usage: '/papers ponder',
  examples: [],
  options: { ms: option.integer('How long', { min: 0, max: 5000 }) },
  async run(input) {
    await new Promise((r) => setTimeout(r, input.ms ?? 400));
    return { kind: 'notice', text: 'Done pondering.' };
  },
});

const explode = defineCommand({
  name: 'explode',
  description: 'Fails',
  usage: '/papers explode',
  examples: [],
  slow: true,
  options: {},
  async run() {
    return { kind: 'error', text: 'That did not work.', ephemeral: true };
  },
});

/** Private unless shared, like the digest preview. */
const preview = defineCommand({
  name: 'preview',
  description: 'Private unless shared',
  usage: '/papers preview [share:yes]',
  examples: [],
  slow: true,
  options: { share: option.boolean('Post it to the channel') },
  async run(input) {
    return { kind: 'notice', text: 'A preview.', ...(input.share ? {} : { ephemeral: true }) };
  },
});

export const testCommands: CommandSpec[] = [
  search,
  summarize,
  subscribe,
  ponder,
  explode,
  preview,
] as CommandSpec[];

/** A minimal line reader: `key:value` pairs for declared options, other words into the positional option. */
export function testParseLine(commands: readonly CommandSpec[]): LineParser {
  return (line) => {
    const [, sub, ...words] = line.trim().split(/\s+/);
    const spec = commands.find((c) => c.name === sub);
    if (!spec) return { ok: false, view: { kind: 'error', text: `No command ${sub}` } };
    const declared = spec.options as Record<string, OptionSpec>;
    const options: Record<string, unknown> = {};
    const rest: string[] = [];
    for (const w of words) {
      const m = /^(\w+):(.+)$/.exec(w);
      if (m && m[1]! in declared) options[m[1]!] = m[2];
      else rest.push(w);
    }
    const positional = Object.keys(declared).find((k) => declared[k]?.positional);
    if (positional && rest.length) options[positional] = rest.join(' ');
    return { ok: true, spec, options };
  };
}
