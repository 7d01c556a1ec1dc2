// One table of scenarios run end to end through every adapter (real discord.js REST + HTTP interactions, real
// Bolt, the console session) over the same catalog and clock; each asserts on what the platform's API received.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdapterName, Driver, Reply } from './driver.js';
import { consoleDriver } from './drivers/console.js';
import { discordDriver } from './drivers/discord.js';
import { slackDriver } from './drivers/slack.js';
import {
  BURST,
  MEMORY_BARRIER_ID,
  MEMORY_BARRIER_TITLE,
  QA_TITLE,
  scenarioWorld,
  type World,
} from './world.js';

interface Scenario {
  name: string;
  /** The adapters it applies to; a comment on the scenario says why not the others. */
  on: AdapterName[];
  run(d: Driver, world: World): Promise<void>;
  /** A known defect on these adapters: the test is expected to fail until it is fixed (see the comment). */
  fails?: AdapterName[];
}

/** Whether a title is shown (platforms escape and JSON-quote, so its first words are compared). */
function shows(reply: Reply, title: string): boolean {
  const start = title
    .split(/\s+/)
    .slice(0, 4)
    .join(' ')
    .replace(/[&<>"].*$/, '');
  return reply.text.includes(start);
}

function hits(world: World, query: string, limit: number) {
  const out = world.services.search.search(query, { limit });
  if (!out.ok) throw new Error(`search failed: ${query}`);
  return out.hits.map((h) => h.paper.title);
}

const ALL: AdapterName[] = ['discord', 'slack', 'console'];
/** Sharing, a shared post, buttons on a summary and who may post where exist only in chat: the console is one
 * person's terminal, with no channel to share to and no buttons (its `next`, `prev` and `summarize N` are words). */
const CHAT: AdapterName[] = ['discord', 'slack'];

const scenarios: Scenario[] = [
  {
    name: 'search answers with a card per paper',
    on: ALL,
    async run(d, world) {
      const reply = await d.command('search diffusion limit:2', { user: 'search-ada' });
      const [first, second] = hits(world, 'diffusion', 2);
      expect(first && second).toBeTruthy();
      expect(shows(reply, first!)).toBe(true);
      expect(shows(reply, second!)).toBe(true);
      expect(reply.text).toMatch(/page 1 of \d+/i);
    },
  },
  {
    name: '"Next ▶" turns the page of the same message',
    on: ALL,
    async run(d, world) {
      const reply = await d.command('search diffusion limit:1', { user: 'paging-ada' });
      const [first, second] = hits(world, 'diffusion', 2);
      expect(shows(reply, first!)).toBe(true);
      const turned = await d.press(reply, 'Next', { user: 'paging-ada' });
      expect(turned.kind).toBe(d.name === 'console' ? 'printed' : 'in-place');
      expect(turned.reply.text).toMatch(/page 2 of \d+/i);
      expect(shows(turned.reply, second!)).toBe(true);
      expect(turned.reply.private).toBe(reply.private);
    },
  },
  {
    name: '"Share to channel" posts the page publicly, pinging nobody',
    on: CHAT,
    async run(d, world) {
      const reply = await d.command('search diffusion limit:1', { user: 'share-ada' });
      expect(reply.private).toBe(true);
      const shared = await d.press(reply, 'Share to channel', { user: 'share-ada' });
      // The Discord driver also checks allowed_mentions is { parse: [] } before it calls a post public.
      expect(shared.kind).toBe('public');
      expect(shared.reply.private).toBe(false);
      expect(shows(shared.reply, hits(world, 'diffusion', 1)[0]!)).toBe(true);
      expect(shared.reply.buttons).not.toContain('Share to channel');
      if (d.name === 'discord' && shared.kind === 'public')
        expect(shared.note).toContain('Shared to the channel');
    },
  },
  {
    name: '"Next ▶" on a shared page turns it for everyone, in place',
    on: CHAT,
    async run(d, world) {
      const reply = await d.command('search diffusion limit:1', { user: 'public-page-ada' });
      const shared = await d.press(reply, 'Share to channel', { user: 'public-page-ada' });
      expect(shared.kind).toBe('public');
      const turned = await d.press(shared.reply, 'Next', { user: 'public-page-bob' });
      expect(turned.kind).toBe('in-place');
      expect(turned.reply.private).toBe(false);
      expect(turned.reply.text).toMatch(/page 2 of \d+/i);
      expect(shows(turned.reply, hits(world, 'diffusion', 2)[1]!)).toBe(true);
    },
  },
  {
    name: 'a digest preview is private until shared, then posted publicly',
    on: CHAT,
    async run(d) {
      const preview = await d.command('digest diffusion', { user: 'digest-ada' });
      expect(preview.private).toBe(true);
      expect(preview.text).toMatch(/diffusion/i);
      const shared = await d.press(preview, 'Share', { user: 'digest-ada' });
      expect(shared.kind).toBe('public');
      expect(shared.reply.private).toBe(false);
      expect(shared.reply.text).toMatch(/diffusion/i);
    },
  },
  {
    name: '"More like this" lists other papers, never the paper itself',
    on: CHAT,
    async run(d) {
      const summary = await d.command(`summarize ${MEMORY_BARRIER_ID}`, { user: 'like-ada' });
      expect(summary.text).toContain(MEMORY_BARRIER_TITLE);
      const like = await d.press(summary, 'More like this', { user: 'like-ada' });
      expect(like.reply.text).not.toContain(MEMORY_BARRIER_TITLE);
      expect(like.reply.text).not.toContain(`abs/${MEMORY_BARRIER_ID}`);
      expect(like.reply.text).toMatch(/page 1 of|papers/i);
    },
  },
  {
    name: 'the console, read by one person, offers no Share',
    on: ['console'],
    async run(d) {
      const reply = await d.command('search diffusion limit:1', { user: 'share-ada' });
      expect(reply.text).toMatch(/page 1 of/i);
      expect(reply.text).not.toMatch(/share/i);
    },
  },
  {
    name: 'Slack-escaped input finds the paper it names',
    // Only Slack escapes what people type.
    on: ['slack'],
    async run(d) {
      const user = { user: 'escape-ada' };
      const angle = await d.command('summarize &lt;https://arxiv.org/abs/2410.17243&gt;', user);
      expect(angle.text).toContain(MEMORY_BARRIER_TITLE);
      const labelled = await d.command(
        'summarize <https://arxiv.org/abs/2410.17243|arxiv.org/abs/2410.17243>',
        user,
      );
      expect(labelled.text).toContain(MEMORY_BARRIER_TITLE);
      const qa = await d.command('search Q&amp;A long documents', { user: 'escape-bob' });
      // Slack shows "&" as "&amp;" again in what Paperboy sends back.
      expect(qa.text).toContain(QA_TITLE.replace('&', '&amp;'));
      expect(qa.text).not.toContain('amp;amp;');
    },
  },
  {
    name: 'Summarize pressed on a private answer answers privately',
    // The console's "button" is `summarize 1`, the number the list shows.
    on: ALL,
    async run(d, world) {
      const reply = await d.command('search diffusion limit:2', { user: 'summary-ada' });
      expect(reply.private).toBe(true);
      const summary = await d.press(reply, 'Summarize', { user: 'summary-ada' });
      expect(summary.kind).not.toBe('public');
      expect(summary.reply.private).toBe(true);
      expect(shows(summary.reply, hits(world, 'diffusion', 1)[0]!)).toBe(true);
    },
  },
  {
    name: 'subscribe where the bot cannot post says so plainly',
    on: CHAT,
    // Slack: a private channel the bot is not a member of (conversations.info says is_member: false), where every
    // digest would fail with not_in_channel.
    async run(d) {
      const reply = await d.command('subscribe diffusion', { user: 'subscribe-ada', place: 'cannot-post' });
      expect(reply.private).toBe(true);
      expect(reply.text).toMatch(/can(not|’t|'t) post|a channel Paperboy can post in|invite/i);
      expect(reply.text).not.toMatch(/Subscribed/);
    },
  },
  {
    name: 'a rate-limited press gets the refusal privately and leaves the page as it was',
    on: CHAT,
    async run(d) {
      const user = { user: 'flood-press-ada' };
      const reply = await d.command('search diffusion limit:1', user);
      for (let i = 1; i < BURST; i++) await d.command('help', user);
      const refused = await d.press(reply, 'Next', user);
      expect(refused.kind).toBe('new');
      expect(refused.reply.private).toBe(true);
      expect(refused.reply.text).toMatch(/You(’|')re sending commands quickly — try again in \d+ s\./);
    },
  },
  {
    name: '/metrics counts commands and button presses by name, platform and outcome',
    // The console records no metrics: it serves one person and has no /metrics endpoint.
    on: CHAT,
    async run(d, world) {
      const counted = async (command: string, outcome: string) => {
        const text = await world.metrics.registry.getSingleMetricAsString('paperboy_commands_total');
        const m = new RegExp(`command="${command}",platform="${d.name}",outcome="${outcome}"\\} (\\d+)`).exec(
          text,
        );
        return Number(m?.[1] ?? 0);
      };
      const before = await counted('search', 'ok');
      const reply = await d.command('search diffusion limit:1', { user: 'metrics-ada' });
      expect(await counted('search', 'ok')).toBe(before + 1);
      await d.press(reply, 'Next', { user: 'metrics-ada' });
      expect(await counted('search', 'ok')).toBe(before + 2);
      const latency = await world.metrics.registry.getSingleMetricAsString(
        'paperboy_command_duration_seconds',
      );
      expect(latency).toMatch(new RegExp(`_count\\{command="search",platform="${d.name}"\\} [1-9]`));
    },
  },
  {
    name: 'an unknown option gets that subcommand’s usage',
    // Discord's client offers only registered options: an unknown one cannot be sent there.
    on: ['slack', 'console'],
    async run(d) {
      const reply = await d.command('search diffusion colour:red', { user: 'usage-ada' });
      expect(reply.private).toBe(true);
      expect(reply.text).toMatch(/colour/);
      expect(reply.text).toContain('Usage: /papers search');
    },
  },
  {
    name: 'a user sending commands too quickly gets the polite refusal, privately',
    on: ALL,
    async run(d) {
      for (let i = 0; i < BURST; i++) {
        const ok = await d.command('help', { user: 'flood-ada' });
        expect(ok.text).not.toMatch(/sending commands quickly/);
      }
      const refused = await d.command('help', { user: 'flood-ada' });
      expect(refused.private).toBe(true);
      expect(refused.text).toMatch(/You(’|')re sending commands quickly — try again in \d+ s\./);
      const other = await d.command('help', { user: 'flood-bob' });
      expect(other.text).not.toMatch(/sending commands quickly/);
    },
  },
];

const drivers: Record<AdapterName, (world: World) => Promise<Driver>> = {
  discord: (w) => discordDriver(w.services, w.metrics),
  slack: (w) => slackDriver(w.services, w.metrics),
  console: (w) => consoleDriver(w.services),
};

describe.each(ALL)('scenarios on %s', (adapter) => {
  let world: World;
  let driver: Driver;
  beforeAll(async () => {
    world = await scenarioWorld();
    driver = await drivers[adapter](world);
  });
  afterAll(async () => {
    await driver?.close();
    await world?.close();
  });

  for (const scenario of scenarios.filter((s) => s.on.includes(adapter))) {
    const test = scenario.fails?.includes(adapter) ? it.fails : it;
    test(scenario.name, () => scenario.run(driver, world));
  }
});
